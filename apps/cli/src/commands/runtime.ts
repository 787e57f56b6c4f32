import { watch, type FSWatcher } from 'node:fs';
import { dirname, basename } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultEndpoint, defaultProfile, DEFAULT_RESOURCE_NAME, resourceKeyOf } from '@flowplane/model';
import type { ApplyResult, DataflowStatus } from '@flowplane/runtime';
import { runtimeEnvironment, startRuntimeServer, type RuntimeServer } from '@flowplane/runtime-app';
import { formatIssues, summary } from '../format.ts';
import { loadFiles, unreadableIssues } from '../input.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';

export const runtimeHelp = `Usage: flowplane runtime run -f FILE [-f FILE ...] [options]

Runs the dataflows in the files on this machine, as a cluster would: it subscribes to their sources,
transforms every message and writes it to their destinations, acknowledging a message only after the
destination confirmed it. The files are read again whenever they change; only the dataflows whose
definition (or endpoints, or profile) changed restart. The default endpoint and profile an instance
always has are added when the files do not define them.

Endpoints whose host is aio-broker (the local broker) connect to --local-broker, with the credentials in
FLOWPLANE_LOCAL_BROKER_USERNAME and FLOWPLANE_LOCAL_BROKER_PASSWORD when set.

Options:
  -f, --file FILE            resources (Kubernetes YAML v1 or v1beta1, JSON, ARM), repeatable
      --local-broker URL     broker for aio-broker endpoints (default mqtt://127.0.0.1:1883)
      --local-broker-ca FILE PEM CA of a TLS local broker (mqtts:// or wss://)
      --storage-root DIR     local storage volumes: DIR/<persistentVolumeClaimRef>/<dataDestination>/
                             (default ./flowplane-data/storage)
      --secrets-dir DIR      secrets as DIR/<secret>/<key> files (X.509 client_cert.pem, client_key.pem;
                             service account tokens as DIR/tokens/<audience>)
      --config-maps-dir DIR  config maps as DIR/<config map>/<key> files (TLS CA bundles)
      --schemas-dir DIR      schemas for aio-sr://[namespace/]name:version as DIR/[namespace/]name/version.json
      --port N               control API port (default 8081; 0 picks a free one)
      --replica N            this process's number among a profile's instanceCount (default 0)
  -h, --help                 show this help

The control API: PUT /v1/desired, GET /v1/status, GET /metrics, GET /v1/dataflows/NAME/tap (SSE),
POST /v1/endpoints/test.
`;

export async function runtimeCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '-h' || sub === '--help') {
    io.stdout(runtimeHelp);
    return EXIT.ok;
  }
  if (sub !== 'run')
    throw new UsageError(`unknown runtime command '${sub}' (try: flowplane runtime run -f FILE)`);
  const { values } = parseArgs({
    args: rest,
    options: {
      file: { type: 'string', short: 'f', multiple: true },
      'local-broker': { type: 'string' },
      'local-broker-ca': { type: 'string' },
      'storage-root': { type: 'string' },
      'secrets-dir': { type: 'string' },
      'config-maps-dir': { type: 'string' },
      'schemas-dir': { type: 'string' },
      port: { type: 'string', default: '8081' },
      replica: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout(runtimeHelp);
    return EXIT.ok;
  }
  const files = values.file ?? [];
  if (files.length === 0) throw new UsageError('runtime run needs at least one -f FILE.');
  if (files.includes('-'))
    throw new UsageError('runtime run reads files it can watch; stdin (-) is not one.');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port is a port number.');

  let environment;
  try {
    environment = runtimeEnvironment({
      localBroker: values['local-broker'] ?? io.env.FLOWPLANE_LOCAL_BROKER,
      localBrokerUsername: io.env.FLOWPLANE_LOCAL_BROKER_USERNAME,
      localBrokerPassword: io.env.FLOWPLANE_LOCAL_BROKER_PASSWORD,
      localBrokerCa: values['local-broker-ca'] ?? io.env.FLOWPLANE_LOCAL_BROKER_CA,
      storageRoot: values['storage-root'],
      secretsDir: values['secrets-dir'],
      configMapsDir: values['config-maps-dir'],
      schemasDir: values['schemas-dir'],
      replica: values.replica,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const server = await startRuntimeServer({
    environment,
    port,
    log: (level, message) => io.stderr(`${level}: ${message}\n`),
  });
  io.stdout(`flowplane runtime listening on ${server.url} (local broker ${environment.localBrokerUrl})\n`);

  const reload = async () => {
    const loaded = await loadFiles(files, io);
    const unreadable = [...unreadableIssues(loaded), ...loaded.issues.filter((i) => i.severity === 'error')];
    if (unreadable.length > 0) {
      io.stderr(formatIssues(unreadable, io.env));
      io.stderr('Nothing changed: fix the files and save them again.\n');
      return;
    }
    const result = await server.runtime.apply(withInstanceDefaults(loaded.documents.map((d) => d.resource)));
    io.stdout(describeApply(result));
    if (result.issues.length > 0) io.stderr(formatIssues(result.issues, io.env));
    if (!result.ok) io.stderr(`Refused (${summary(result.issues)}): nothing changed.\n`);
  };
  await reload();

  const stopWatching = watchFiles(files, () => void reload());
  let lastLine = '';
  const reporter = setInterval(() => {
    const line = progressLine(server.runtime.status());
    if (line !== lastLine) io.stdout(`${(lastLine = line)}\n`);
  }, 5000);

  await waitForSignal();
  clearInterval(reporter);
  stopWatching();
  await closeQuietly(server);
  return EXIT.ok;
}

/** What a real instance always holds: the default endpoint and profile, unless the files define them. */
function withInstanceDefaults(resources: unknown[]): unknown[] {
  const has = (kind: string) =>
    resources.some((r) => {
      const key = resourceKeyOf(r);
      return key.kind === kind && key.name === DEFAULT_RESOURCE_NAME;
    });
  return [
    ...(has('DataflowEndpoint') ? [] : [defaultEndpoint()]),
    ...(has('DataflowProfile') ? [] : [defaultProfile()]),
    ...resources,
  ];
}

function describeApply(result: ApplyResult): string {
  if (!result.ok) return '';
  const lines = result.plan.map(
    (entry) =>
      `  ${entry.action.padEnd(9)} ${entry.kind}/${entry.name}${entry.reason ? ` (${entry.reason})` : ''}`,
  );
  const states = result.dataflows.map(
    (d) => `  ${d.name}: ${d.state}${d.lastError ? ` — ${d.lastError.message}` : ''}`,
  );
  return `applied:\n${lines.join('\n')}\n${states.length > 0 ? `${states.join('\n')}\n` : ''}`;
}

function progressLine(dataflows: readonly DataflowStatus[]): string {
  return dataflows
    .map(
      ({ name, state, counters: c }) =>
        `${name} [${state}] received ${c.received}, emitted ${c.emitted}, filtered ${c.droppedByFilter}, dead-lettered ${c.deadLettered}`,
    )
    .join('; ');
}

/** Calls `changed` (debounced) when a file is written or replaced (editors often rename over it). */
function watchFiles(files: readonly string[], changed: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const names = new Set(files.map((f) => basename(f)));
  const watchers: FSWatcher[] = [...new Set(files.map((f) => dirname(f)))].map((dir) =>
    watch(dir, (_event, name) => {
      if (name !== null && !names.has(name)) return;
      clearTimeout(timer);
      timer = setTimeout(changed, 200);
    }),
  );
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function closeQuietly(server: RuntimeServer): Promise<void> {
  await server.close().catch(() => undefined);
}
