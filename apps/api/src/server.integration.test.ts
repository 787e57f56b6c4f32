import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mqttEndpoint } from './test-support/resources.ts';

/*
 * The real process as `pnpm start` runs it, without DATABASE_URL: embedded PostgreSQL under
 * FLOWPLANE_DATA_DIR, migrations, the seeded instance, the embedded runtime (on a free port here),
 * graceful shutdown, and data kept across restarts.
 */

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'flowplane-server-'));
});
const children: ChildProcess[] = [];
afterAll(async () => {
  // A failed test may leave its server running: stop it (and its PostgreSQL) before removing the data.
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
  await rm(dataDir, { recursive: true, force: true });
});

const SERVER = new URL('./server.ts', import.meta.url).pathname;

function start(env: Record<string, string>): {
  child: ChildProcess;
  address: Promise<string>;
  exit: Promise<number | null>;
  output: () => string;
} {
  const child = spawn(process.execPath, [SERVER], {
    env: {
      PATH: process.env.PATH ?? '',
      FLOWPLANE_DATA_DIR: dataDir,
      PORT: '0',
      FLOWPLANE_RUNTIME_PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const address = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"address":"(http:\/\/[^"]+)"/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', () => reject(new Error(`server exited early:\n${output}`)));
  });
  // Awaited only by tests that expect the server to come up.
  address.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, address, exit, output: () => output };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

test(
  'starts on an embedded PostgreSQL, keeps data across a restart, shuts down on SIGTERM',
  { timeout: 120_000 },
  async () => {
    const first = start({});
    const base = await first.address;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const created = await fetch(`${base}/api/v1/instances/default/endpoints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(mqttEndpoint('survivor')),
    });
    expect(created.status).toBe(201);
    // The embedded runtime serves the instance `default` (which holds no dataflow yet).
    const deployed = await fetch(`${base}/api/v1/instances/default/deploy`, { method: 'POST' });
    expect(deployed.status).toBe(200);
    expect(await deployed.json()).toMatchObject({ plan: [], deployment: { outcome: 'succeeded' } });
    const runtime = await fetch(`${base}/api/v1/instances/default/runtime`);
    expect(await runtime.json()).toMatchObject({ embedded: true, dataflows: [], deployment: { id: 1 } });
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(first.output()).toContain('shutting down');

    const second = start({});
    const again = await second.address;
    const got = await fetch(`${again}/api/v1/instances/default/endpoints/survivor`);
    expect(got.status).toBe(200);
    const instances = (await (await fetch(`${again}/api/v1/instances`)).json()) as {
      items: { name: string }[];
    };
    expect(instances.items.map((i) => i.name)).toEqual(['default']);
    // The new embedded runtime gets the last deployment again, just after the API listens.
    await until(() => second.output().includes('resumed the last deployment'));
    const runtime2 = (await (await fetch(`${again}/api/v1/instances/default/runtime`)).json()) as {
      deployment: { id: number; actor: string };
    };
    expect(runtime2.deployment).toMatchObject({ id: 2, actor: 'flowplane' });
    second.child.kill('SIGINT');
    expect(await second.exit).toBe(0);
  },
);

test('exits with a clear message when the embedded runtime cannot listen', { timeout: 120_000 }, async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as AddressInfo).port;
  try {
    const blocked = start({ FLOWPLANE_RUNTIME_PORT: String(port) });
    expect(await blocked.exit).toBe(1);
    expect(blocked.output()).toContain('the embedded runtime could not start');
    expect(blocked.output()).toContain('EADDRINUSE');
  } finally {
    taken.close();
  }
});

test('refuses to start with invalid configuration, naming every problem', async () => {
  const bad = start({ PORT: 'eighty', LOG_LEVEL: 'loud' });
  expect(await bad.exit).toBe(2);
  expect(bad.output()).toContain('PORT must be an integer');
  expect(bad.output()).toContain('LOG_LEVEL must be one of');
});
