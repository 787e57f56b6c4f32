// The whole system under test, started for one run: the built portal, a fresh database, the real API
// serving both. Used by the e2e global setup and by bench/web.
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createDatabase, dropDatabase, dropOrphans, findPostgres } from './database.ts';
import { preparePortal } from './portal.ts';
import { startApiServer, type EmbeddedRuntimeOptions } from './server.ts';

export { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE, assertChromium } from './chromium.ts';
export type { EmbeddedRuntimeOptions } from './server.ts';

export interface Stack {
  /** Where the API serves the portal (`/`) and the REST API (`/api/v1`). */
  baseUrl: string;
  /** The copy of the built portal the server serves. */
  webDir: string;
  /** `postgresql://…` of the run's database, or `embedded` when no PostgreSQL answered. */
  database: string;
  /** The server's log (JSON lines). */
  logFile: string;
  builtPortal: boolean;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Names the database (`flowplane_<purpose>_<pid>`) and the temporary directory. */
  purpose: string;
  /** Build the portal even when apps/web/dist is newer than its sources. */
  forceBuild?: boolean;
  /** Where the server's log goes; by default a temporary file that stop() removes. */
  logFile?: string;
  /**
   * A built portal to serve as it is (another stack's `webDir`), instead of building and copying one: a
   * second stack of a run serves exactly what the first does, even when the sources changed meanwhile.
   */
  webDir?: string;
  /** The API's embedded runtime on this broker; unset, the server runs without a runtime. */
  runtime?: EmbeddedRuntimeOptions;
}

/**
 * Builds the portal unless a fresh build exists, creates the database `flowplane_<purpose>_<pid>` on the
 * first PostgreSQL that answers (DATABASE_URL, then 127.0.0.1:5432 as postgres, then as root; with none,
 * the server's embedded PostgreSQL in a temporary directory), and starts the API on a free port. The
 * server applies the migrations and creates the instance `default` itself, as in production.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), `flowplane-${options.purpose}-`));
  const cleanups: (() => Promise<void>)[] = [() => rm(dir, { recursive: true, force: true })];
  // Last in, first out (server, database, directory); every step runs even when one fails; once only.
  const cleanup = async () => {
    const failures: unknown[] = [];
    for (const step of cleanups.splice(0).reverse())
      await step().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  };
  try {
    const webDir = options.webDir ?? join(dir, 'web');
    const builtPortal =
      options.webDir === undefined ? preparePortal(webDir, { force: options.forceBuild }) : false;

    const admin = await findPostgres(process.env);
    let databaseUrl: string | undefined;
    if (admin !== undefined) {
      const prefix = `flowplane_${options.purpose.replace(/[^a-z0-9]/g, '_')}_`;
      await dropOrphans(admin, prefix);
      const name = `${prefix}${process.pid}`;
      databaseUrl = await createDatabase(admin, name);
      cleanups.push(() => dropDatabase(admin, name));
    } else if (process.getuid?.() === 0) {
      // The embedded PostgreSQL runs as the user postgres, which must reach its directory inside this one.
      await chmod(dir, 0o711);
    }

    const logFile = options.logFile ?? join(dir, 'api.log');
    await mkdir(dirname(logFile), { recursive: true });
    const server = await startApiServer({
      databaseUrl,
      dataDir: join(dir, 'data'),
      webDir,
      logFile,
      runtime: options.runtime,
    });
    cleanups.push(() => server.stop());
    return {
      baseUrl: server.url,
      webDir,
      database: databaseUrl ?? 'embedded',
      logFile,
      builtPortal,
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
