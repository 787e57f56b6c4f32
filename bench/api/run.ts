// Benchmark of the REST API: GET …/endpoints with 200 stored endpoints and POST …/validate, against a
// trivial Fastify route served by the same process in the same run. Medians over rounds.
// Run from the repository root: `node bench/api/run.ts [rounds] [secondsPerRun] [connections]` (Node 24).
// PostgreSQL: DATABASE_URL, else the local service (postgres, then root user), else the embedded one.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type autocannonType from 'autocannon';
import type pgType from 'pg';
import { candidateUrls } from '../../apps/api/src/test-support/global-setup.ts';
import { closeDb, createPrisma } from '../../apps/api/src/db/client.ts';
import { startEmbeddedPostgres } from '../../apps/api/src/db/embedded.ts';
import { migrate } from '../../apps/api/src/db/migrate.ts';
import { createBundleService } from '../../apps/api/src/services/bundles.ts';
import { seedDatabase } from '../../apps/api/src/services/instances.ts';

// bench/ is no package: autocannon (a dev dependency of apps/api, the package benchmarked) and pg are
// resolved from apps/api.
const requireFromApi = createRequire(new URL('../../apps/api/package.json', import.meta.url));
const autocannon = requireFromApi('autocannon') as typeof autocannonType;
const pg = requireFromApi('pg') as typeof pgType;

const rounds = Number(process.argv[2] ?? 3);
const seconds = Number(process.argv[3] ?? 5);
const connections = Number(process.argv[4] ?? 50);
const ENDPOINTS = 200;

async function reachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  for (const url of candidateUrls(process.env))
    if (await reachable(url)) return { url, stop: async () => {} };
  const dataDir = await mkdtemp(join(tmpdir(), 'flowplane-bench-pg-'));
  const embedded = await startEmbeddedPostgres({ dataDir, database: 'bench' });
  return {
    url: embedded.url,
    stop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const endpointYaml = (name: string) => `apiVersion: connectivity.iotoperations.azure.com/v1
kind: DataflowEndpoint
metadata:
  name: ${name}
  labels:
    site: plant-3
spec:
  endpointType: Mqtt
  mqttSettings:
    host: ${name}.example.com:8883
    authentication:
      method: X509Certificate
      x509CertificateSettings:
        secretRef: ${name}-cert
    tls:
      mode: Enabled
`;

const VALIDATE_BODY = `${endpointYaml('bench-target')}---
apiVersion: connectivity.iotoperations.azure.com/v1
kind: Dataflow
metadata:
  name: bench-flow
spec:
  profileRef: default
  operations:
    - operationType: Source
      sourceSettings:
        endpointRef: default
        dataSources: ['factory/+/temperature']
    - operationType: BuiltInTransformation
      builtInTransformationSettings:
        map:
          - inputs: ['*']
            output: '*'
          - inputs: [temperature]
            output: temperatureF
            expression: cToF($1)
    - operationType: Destination
      destinationSettings:
        endpointRef: bench-target
        dataDestination: cloud/temperature
`;

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

function measure(url: string, options: Partial<autocannonType.Options> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, ...options }, (error, result) => {
      if (error) return reject(error);
      resolve({
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.non2xx,
      });
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const admin = await adminDatabase();
const name = `flowplane_bench_${Date.now()}`;
const client = new pg.Client({ connectionString: admin.url });
await client.connect();
await client.query(`CREATE DATABASE "${name}"`);
const url = new URL(admin.url);
url.pathname = `/${name}`;
const databaseUrl = url.toString();

try {
  await migrate(databaseUrl);
  const db = createPrisma(databaseUrl);
  await seedDatabase(db);
  const bundle = Array.from({ length: ENDPOINTS - 1 }, (_, i) =>
    endpointYaml(`endpoint-${String(i).padStart(3, '0')}`),
  );
  await createBundleService(db).import('default', bundle.join('---\n'), { dryRun: false });
  await closeDb(db);

  const child = spawn(process.execPath, [new URL('./server.ts', import.meta.url).pathname], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((resolve) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  try {
    const targets = {
      trivial: () => measure(`${base}/bench/trivial`),
      'GET endpoints (200)': () => measure(`${base}/api/v1/instances/default/endpoints?limit=200`),
      'POST validate': () =>
        measure(`${base}/api/v1/instances/default/validate`, {
          method: 'POST',
          headers: { 'content-type': 'application/yaml' },
          body: VALIDATE_BODY,
        }),
    };
    // Warm-up: JIT, connection pools, Prisma's query plans.
    for (const run of Object.values(targets))
      await measure((await run(), base) + '/healthz', { duration: 1 });
    const results: Record<string, Result[]> = {};
    for (let round = 0; round < rounds; round++) {
      for (const [label, run] of Object.entries(targets)) (results[label] ??= []).push(await run());
    }
    const summary = Object.fromEntries(
      Object.entries(results).map(([label, runs]) => [
        label,
        {
          rps: median(runs.map((r) => r.rps)),
          p50: median(runs.map((r) => r.p50)),
          p99: median(runs.map((r) => r.p99)),
          errors: runs.reduce((sum, r) => sum + r.errors, 0),
        },
      ]),
    );
    const trivial = summary.trivial!.rps;
    process.stdout.write(
      `API benchmark: ${connections} connections, ${rounds} rounds × ${seconds} s, medians (Node ${process.version})\n\n`,
    );
    process.stdout.write(
      `${'route'.padEnd(22)}${'req/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'vs trivial'.padStart(12)}${'errors'.padStart(8)}\n`,
    );
    for (const [label, r] of Object.entries(summary)) {
      process.stdout.write(
        `${label.padEnd(22)}${r.rps.toFixed(0).padStart(10)}${r.p50.toFixed(1).padStart(9)}${r.p99.toFixed(1).padStart(9)}${`${((r.rps / trivial) * 100).toFixed(1)}%`.padStart(12)}${String(r.errors).padStart(8)}\n`,
      );
    }
    const list = summary['GET endpoints (200)']!;
    process.stdout.write(
      `\nAim: list ≥ 25% of trivial (${((list.rps / trivial) * 100).toFixed(1)}%), p99 < 50 ms (${list.p99.toFixed(1)} ms).\n`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
} finally {
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
  await admin.stop();
}
