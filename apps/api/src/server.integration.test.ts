import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mqttEndpoint } from './test-support/resources.ts';

/*
 * The real process as `pnpm start` runs it, without DATABASE_URL: embedded PostgreSQL under
 * FLOWPLANE_DATA_DIR, migrations, the seeded instance, graceful shutdown, and data kept across restarts.
 */

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'flowplane-server-'));
});
afterAll(async () => {
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
    env: { PATH: process.env.PATH ?? '', FLOWPLANE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
    second.child.kill('SIGINT');
    expect(await second.exit).toBe(0);
  },
);

test('refuses to start with invalid configuration, naming every problem', async () => {
  const bad = start({ PORT: 'eighty', LOG_LEVEL: 'loud' });
  expect(await bad.exit).toBe(2);
  expect(bad.output()).toContain('PORT must be an integer');
  expect(bad.output()).toContain('LOG_LEVEL must be one of');
});
