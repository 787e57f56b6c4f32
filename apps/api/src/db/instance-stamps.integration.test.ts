import pg from 'pg';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { buildApp } from '../app.ts';
import { instanceWithStamp } from '../repositories/resources.ts';
import { mqttEndpoint } from '../test-support/resources.ts';
import { startTestApp, type TestApp } from '../test-support/app.ts';
import { closeDb, createPrisma } from './client.ts';
import { createInstanceStamps, type InstanceStamp, type InstanceStamps } from './instance-stamps.ts';
import { readMigrations } from './migrate.ts';

let t: TestApp;
const opened: InstanceStamps[] = [];

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await t?.close();
});

async function sql(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Stamps over the test database that count their database reads; `gate` holds reads back when set. */
function countingStamps() {
  const counter = { reads: 0, gate: undefined as Promise<void> | undefined };
  const stamps = createInstanceStamps({
    connectionString: t.databaseUrl,
    retryMs: 50,
    read: async (name): Promise<InstanceStamp | undefined> => {
      counter.reads++;
      const found = await instanceWithStamp(t.db, name);
      await counter.gate;
      return found;
    },
  });
  opened.push(stamps);
  return { stamps, counter };
}

const bump = () => sql(`UPDATE instances SET content_version = content_version + 1 WHERE name = 'default'`);

test('a stamp is read once, and a change committed elsewhere replaces it without being asked', async () => {
  const { stamps, counter } = countingStamps();
  await vi.waitFor(() => expect(stamps.live).toBe(true));
  const first = await stamps.get('default');
  expect((await stamps.get('default'))?.stamp).toBe(first?.stamp);
  expect(counter.reads).toBe(1);

  await bump();
  await vi.waitFor(async () => expect((await stamps.get('default'))?.stamp).not.toBe(first?.stamp));
  expect(counter.reads).toBe(2);
});

test('a read that overlapped a write of this process is not remembered', async () => {
  const { stamps, counter } = countingStamps();
  await vi.waitFor(() => expect(stamps.live).toBe(true));
  let release!: () => void;
  counter.gate = new Promise((resolve) => (release = resolve));
  const pending = stamps.get('default');
  await vi.waitFor(() => expect(counter.reads).toBe(1));
  stamps.forget();
  release();
  counter.gate = undefined;
  await pending;
  await stamps.get('default');
  expect(counter.reads).toBe(2);
});

test('while the feed is down every call reads the database, and it listens again', async () => {
  const { stamps, counter } = countingStamps();
  await vi.waitFor(() => expect(stamps.live).toBe(true));
  const before = await stamps.get('default');
  await sql(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
     WHERE datname = current_database() AND query = 'LISTEN flowplane_instance_changes' AND pid <> pg_backend_pid()`,
  );
  await vi.waitFor(() => expect(stamps.live).toBe(false));
  await bump();
  const reads = counter.reads;
  expect((await stamps.get('default'))?.stamp).not.toBe(before?.stamp);
  expect(counter.reads).toBe(reads + 1);
  await vi.waitFor(() => expect(stamps.live).toBe(true));
});

test('a list served by one API process shows a write made through another', async () => {
  const db = createPrisma(t.databaseUrl, 2);
  const other = await buildApp({ db, migrations: await readMigrations(), logLevel: 'silent' });
  try {
    // The other tests cut feeds: wait until this app's listens again (its list pages then trust memory).
    await vi.waitFor(
      async () => {
        const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
        expect(metrics.body).toMatch(/^flowplane_change_feed_up 1$/m);
      },
      { timeout: 5000 },
    );
    const list = async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/instances/default/endpoints' });
      return (res.json() as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name);
    };
    expect(await list()).not.toContain('from-elsewhere');
    const created = await other.inject({
      method: 'POST',
      url: '/api/v1/instances/default/endpoints',
      payload: mqttEndpoint('from-elsewhere'),
    });
    expect(created.statusCode).toBe(201);
    await vi.waitFor(async () => expect(await list()).toContain('from-elsewhere'));
  } finally {
    await other.close();
    await closeDb(db);
  }
});

test('a write request forgets the stamps before its response leaves (its client reads it next), reads do not', async () => {
  const forget = vi.spyOn(t.app.instanceStamps, 'forget');
  try {
    await t.app.inject({ method: 'GET', url: '/api/v1/instances/default/endpoints' });
    expect(forget).not.toHaveBeenCalled();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/instances/default/endpoints',
      payload: mqttEndpoint('written-here'),
    });
    expect(res.statusCode).toBe(201);
    expect(forget).toHaveBeenCalledTimes(1);
  } finally {
    forget.mockRestore();
  }
});

test('lists read while another process writes end up showing every write (no stale page is kept)', async () => {
  const db = createPrisma(t.databaseUrl, 2);
  const other = await buildApp({ db, migrations: await readMigrations(), logLevel: 'silent' });
  const names = Array.from({ length: 12 }, (_, i) => `busy-${String(i).padStart(2, '0')}`);
  const list = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/instances/default/endpoints?limit=500' });
    return (res.json() as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name);
  };
  try {
    let writing = true;
    const readers = Array.from({ length: 4 }, async () => {
      while (writing) {
        await list();
        // A cached page is served without I/O: let the writer's database calls run between reads.
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    for (const name of names) {
      const res = await other.inject({
        method: 'POST',
        url: '/api/v1/instances/default/endpoints',
        payload: mqttEndpoint(name),
      });
      expect(res.statusCode).toBe(201);
    }
    writing = false;
    await Promise.all(readers);
    await vi.waitFor(async () => expect(await list()).toEqual(expect.arrayContaining(names)), {
      timeout: 5000,
    });
  } finally {
    await other.close();
    await closeDb(db);
  }
});
