import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase } from '../test-support/app.ts';
import { migrate, readMigrations } from './migrate.ts';

let database: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

test('applies the repository migrations once, recorded as Prisma Migrate records them', async () => {
  const migrations = await readMigrations();
  expect(migrations.map((m) => m.name)).toEqual([
    '0001_init',
    '0002_deployments',
    '0003_instance_change_notify',
  ]);
  expect(await migrate(database.url, migrations)).toEqual([
    '0001_init',
    '0002_deployments',
    '0003_instance_change_notify',
  ]);
  expect(await migrate(database.url, migrations)).toEqual([]);
  const rows = await query<{ migration_name: string; checksum: string; applied_steps_count: number }>(
    'SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations"',
  );
  expect(rows).toEqual(
    migrations.map((m) => ({ migration_name: m.name, checksum: m.checksum, applied_steps_count: 1 })),
  );
  const tables = await query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  expect(tables.map((t) => t.tablename)).toEqual([
    '_prisma_migrations',
    'dataflow_endpoint_refs',
    'dataflow_graph_endpoint_refs',
    'dataflow_graphs',
    'dataflows',
    'deployments',
    'endpoints',
    'instances',
    'meta',
    'profiles',
    'revisions',
  ]);
});

test('deployments accept only the three outcomes (a check added by hand to 0002)', async () => {
  const insert = (outcome: string) =>
    query(`INSERT INTO "deployments" (instance_id, target, requested_at, finished_at, outcome, resource_count, resources)
           SELECT id, 'http://127.0.0.1:8081', now(), now(), '${outcome}', 0, '[]' FROM "instances" LIMIT 1`);
  await query(`INSERT INTO "instances" (name, namespace) VALUES ('check', 'azure-iot-operations')`);
  await insert('succeeded');
  await expect(insert('pending')).rejects.toThrow(/deployments_outcome_check/);
});

test('refuses to go on when an applied migration was edited', async () => {
  const [first] = await readMigrations();
  await expect(migrate(database.url, [{ ...first!, checksum: 'edited' }])).rejects.toThrow(
    /changed after it was applied/,
  );
});

test('a failing migration is rolled back and reported', async () => {
  const migrations = await readMigrations();
  const broken = {
    name: '9999_broken',
    sql: 'CREATE TABLE "half_done" (id int); SELECT nonsense();',
    checksum: 'x',
  };
  await expect(migrate(database.url, [...migrations, broken])).rejects.toThrow(/9999_broken failed/);
  expect(await query(`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`)).toEqual([]);
  expect(await query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '9999_broken'`)).toEqual([]);
});

test('concurrent starts apply each migration once', async () => {
  const other = await createTestDatabase();
  try {
    const results = await Promise.all([migrate(other.url), migrate(other.url), migrate(other.url)]);
    expect(results.flat()).toEqual(['0001_init', '0002_deployments', '0003_instance_change_notify']);
  } finally {
    await other.drop();
  }
});
