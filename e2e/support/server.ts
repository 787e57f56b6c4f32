// The API as `pnpm start` runs it (apps/api/src/server.ts in its own process), configured for a test run.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './portal.ts';

const SERVER = join(ROOT, 'apps/api/src/server.ts');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ApiServerOptions {
  /** Unset: the server starts its embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  webDir: string;
  /** Every log line of the server goes here (JSON, pino). */
  logFile: string;
  /** Unset: no runtime (FLOWPLANE_RUNTIME=off). Set: the embedded runtime, on that broker. */
  runtime?: EmbeddedRuntimeOptions | undefined;
}

/** The embedded runtime of apps/api (FLOWPLANE_RUNTIME=embedded) as a test configures it. */
export interface EmbeddedRuntimeOptions {
  /** FLOWPLANE_LOCAL_BROKER: the MQTT broker standing in for the local broker (`mqtt://127.0.0.1:<port>`). */
  localBroker: string;
  /** FLOWPLANE_RUNTIME_INSTANCE: the one instance the runtime serves (`default` unless said otherwise). */
  instance?: string;
}

export interface ApiServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Node 24 itself. `node_modules/.bin/node` is a shell wrapper that does not forward SIGTERM, so the
 * server is spawned on the binary running this file: under `pnpm run`, the workspace's Node 24.
 */
function nodeBinary(): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    throw new Error(`Node ${process.versions.node} runs this; the API needs Node 24: run it through pnpm.`);
  }
  return process.execPath;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the API on a free port (PORT=0, address read from its log) and waits until /readyz says ready. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const env: Record<string, string> = {};
  // Nothing of the developer's own configuration (a token, a runtime URL) leaks into the run.
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('FLOWPLANE_') && key !== 'DATABASE_URL') env[key] = value;
  }
  Object.assign(env, {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    FLOWPLANE_DATA_DIR: options.dataDir,
    FLOWPLANE_WEB_DIR: options.webDir,
  });
  if (options.runtime === undefined) {
    // Without a runtime nothing listens on 8081 or needs a broker; deploys answer 409.
    env.FLOWPLANE_RUNTIME = 'off';
  } else {
    // The runtime's control API on a free port (it logs it as `runtime`, not `address`), its data (local
    // storage) under the data directory, and the broker the test controls.
    Object.assign(env, {
      FLOWPLANE_RUNTIME: 'embedded',
      FLOWPLANE_RUNTIME_HOST: '127.0.0.1',
      FLOWPLANE_RUNTIME_PORT: '0',
      FLOWPLANE_RUNTIME_INSTANCE: options.runtime.instance ?? 'default',
      FLOWPLANE_LOCAL_BROKER: options.runtime.localBroker,
    });
  }
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl;

  const child = spawn(nodeBinary(), [SERVER], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Should this process die without stopping the server (an uncaught error), the server goes with it.
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  const log = createWriteStream(options.logFile);
  const tail: string[] = [];
  let address: ((url: string) => void) | undefined;

  const onLine = (line: string) => {
    log.write(`${line}\n`);
    tail.push(line);
    if (tail.length > 40) tail.shift();
    let entry: { level?: number; msg?: string; address?: string } | undefined;
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      process.stderr.write(`[api] ${line}\n`);
      return;
    }
    if (entry?.address !== undefined) address?.(entry.address);
    // Warnings and errors of the server belong in the test output; requests stay in the log file.
    if ((entry?.level ?? 0) >= 40) process.stderr.write(`[api] ${line}\n`);
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', onLine);

  const stop = async () => {
    process.removeListener('exit', orphaned);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited(child);
      clearTimeout(timer);
    }
    await new Promise((resolve) => log.end(resolve));
  };

  const failure = (reason: string) =>
    new Error(`The API did not start: ${reason}\nLast lines of ${options.logFile}:\n${tail.join('\n')}`);
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(failure(`no address within ${READY_TIMEOUT_MS / 1000} s.`)),
        READY_TIMEOUT_MS,
      );
      address = (value) => {
        clearTimeout(timer);
        resolve(value);
      };
      // Once the address is known this settles nothing: a settled promise ignores the later reject.
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(failure(`it exited (${code ?? signal}).`));
      });
    });
    await waitUntilReady(url, () => child.exitCode !== null || child.signalCode !== null);
    return { url, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error instanceof Error && error.message.startsWith('The API did not start')
      ? error
      : failure(error instanceof Error ? error.message : String(error));
  }
}

async function waitUntilReady(url: string, gone: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    if (gone()) throw new Error('it exited while starting.');
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    // Polling a readiness endpoint: the server has no event to wait on from outside its process.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`/readyz did not report ready within ${READY_TIMEOUT_MS / 1000} s (last: ${last}).`);
}
