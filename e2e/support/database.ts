// A database of its own for each run, on the PostgreSQL the other test suites use.
import pg from 'pg';

/** The servers tried in order, as apps/api's tests do: DATABASE_URL, then the local service as postgres, then as root. */
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

/** The first candidate that answers, or undefined when no PostgreSQL does. */
export async function findPostgres(env: Record<string, string | undefined>): Promise<string | undefined> {
  for (const url of candidateUrls(env)) {
    if (await reachable(url)) return url;
  }
  return undefined;
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Creates the database `name` (dropping a leftover of that name first) and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  if (!DATABASE_NAME.test(name)) throw new Error(`"${name}" is not a plain database name.`);
  await withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the database, disconnecting whoever is still connected (a server that did not stop). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!DATABASE_NAME.test(name)) throw new Error(`"${name}" is not a plain database name.`);
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Drops the databases `<prefix><pid>` left by runs of this machine that died before their teardown (their
 * process is gone). Runs of other machines sharing the server are not recognised, so only local URLs count.
 */
export async function dropOrphans(adminUrl: string, prefix: string): Promise<string[]> {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(adminUrl).hostname)) return [];
  const names = await withAdmin(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    return rows.map((row) => row.datname);
  });
  const orphans = names.filter((name) => {
    const pid = Number(name.slice(prefix.length));
    return Number.isInteger(pid) && pid > 0 && !alive(pid);
  });
  for (const name of orphans) await dropDatabase(adminUrl, name);
  return orphans;
}
