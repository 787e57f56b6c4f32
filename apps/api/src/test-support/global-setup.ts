import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../db/embedded.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL URL whose user may create and drop databases. */
    adminDatabaseUrl: string;
  }
}

/** The servers tried in order: DATABASE_URL, then the local service as postgres, then as root. */
export function candidateUrls(env: Record<string, string | undefined>): string[] {
  return [
    env.DATABASE_URL,
    'postgresql://postgres@127.0.0.1:5432/test',
    'postgresql://root@127.0.0.1:5432/test',
  ].filter((url): url is string => url !== undefined && url !== '');
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject) {
  for (const url of candidateUrls(process.env)) {
    if (await reachable(url)) {
      project.provide('adminDatabaseUrl', url);
      return;
    }
  }
  // No PostgreSQL here: the embedded one, in a directory removed afterwards.
  const dataDir = await mkdtemp(join(tmpdir(), 'flowplane-test-pg-'));
  const embedded = await startEmbeddedPostgres({ dataDir, database: 'test' });
  project.provide('adminDatabaseUrl', embedded.url);
  return async () => {
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
