import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { closeDb, createPrisma, type Db } from '../db/client.ts';
import { migrate, readMigrations } from '../db/migrate.ts';
import type { RuntimeTarget } from '../services/deployments.ts';
import { seedDatabase } from '../services/instances.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  databaseUrl: string;
  close: () => Promise<void>;
}

/** A database of its own for one test file: created, migrated and seeded as at a real start. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `flowplane_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function startTestApp(
  options: { apiToken?: string; runtime?: RuntimeTarget } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const migrations = await readMigrations();
  await migrate(database.url, migrations);
  const db = createPrisma(database.url, 5);
  await seedDatabase(db);
  const app = await buildApp({ db, migrations, logLevel: 'silent', ...options });
  return {
    app,
    db,
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await closeDb(db);
      await database.drop();
    },
  };
}
