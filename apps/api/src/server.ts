import Fastify, { type FastifyBaseLogger } from 'fastify';
import { runtimeEnvironment, startRuntimeServer, type RuntimeServer } from '@flowplane/runtime-app';
import app, { serverOptions } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { closeDb, createPrisma } from './db/client.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.ts';
import { migrate, readMigrations } from './db/migrate.ts';
import { seedDatabase } from './services/instances.ts';
import type { RuntimeTarget } from './services/deployments.ts';

/**
 * The runtime deployments go to: an external one (FLOWPLANE_RUNTIME_URL), none (FLOWPLANE_RUNTIME=off),
 * or by default one started here, in this process, that serves FLOWPLANE_RUNTIME_INSTANCE (`default`).
 */
async function startRuntime(
  config: Config['runtime'],
  log: FastifyBaseLogger,
): Promise<{ target: RuntimeTarget | undefined; embedded: RuntimeServer | undefined }> {
  if (config.mode === 'off') {
    log.info('FLOWPLANE_RUNTIME=off: no runtime; deploys are refused');
    return { target: undefined, embedded: undefined };
  }
  if (config.mode === 'external') {
    log.info(
      { runtime: config.url, instance: config.instance },
      'deploys go to the runtime at FLOWPLANE_RUNTIME_URL',
    );
    return { target: { url: config.url, instance: config.instance, embedded: false }, embedded: undefined };
  }
  const runtimeLog = log.child({ component: 'runtime' });
  const embedded = await startRuntimeServer({
    environment: runtimeEnvironment(config.environment),
    port: config.port,
    host: config.host,
    log: (level, message) => runtimeLog[level](message),
  });
  log.info(
    { runtime: embedded.url, instance: config.instance, localBroker: config.environment.localBroker },
    `embedded runtime on ${embedded.url}, serving instance "${config.instance}" with the broker ${config.environment.localBroker}`,
  );
  return { target: { url: embedded.url, instance: config.instance, embedded: true }, embedded };
}

/** Starts Flowplane's API: configuration, database (embedded unless DATABASE_URL), migrations, server. */
async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const server = Fastify(serverOptions(config.logLevel));
  const log = server.log;

  let embedded: EmbeddedDatabase | undefined;
  if (config.databaseUrl === undefined) {
    log.info({ dataDir: config.dataDir }, 'DATABASE_URL is not set: starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log: (m) => log.debug(m.trim()) });
  }
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const migrations = await readMigrations();
  const db = createPrisma(databaseUrl);
  try {
    const applied = await migrate(databaseUrl, migrations);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    if (await seedDatabase(db)) log.info('fresh database: created the instance "default"');
  } catch (error) {
    log.fatal({ err: error }, 'the database could not be prepared');
    await closeDb(db);
    await embedded?.stop();
    process.exit(1);
  }

  let runtime: Awaited<ReturnType<typeof startRuntime>>;
  try {
    runtime = await startRuntime(config.runtime, log);
  } catch (error) {
    log.fatal(
      { err: error },
      'the embedded runtime could not start (choose another FLOWPLANE_RUNTIME_PORT, or FLOWPLANE_RUNTIME=off)',
    );
    await closeDb(db);
    await embedded?.stop();
    process.exit(1);
  }

  await server.register(app, {
    db,
    migrations,
    apiToken: config.apiToken,
    corsOrigins: config.corsOrigins,
    runtime: runtime.target,
    webDir: config.webDir,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    try {
      await server.close();
      await runtime.embedded?.close();
      await closeDb(db);
      await embedded?.stop();
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exitCode = 1;
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  const address = await server.listen({ host: config.host, port: config.port });
  log.info({ address }, `Flowplane API on ${address}, docs at ${address}/docs`);

  // The embedded runtime starts empty: what was deployed to the instance before runs again.
  if (runtime.embedded) {
    try {
      const resumed = await server.services.deployments.resume();
      if (resumed) {
        log.info(
          { deployment: resumed.deployment.id, plan: resumed.plan },
          `resumed the last deployment of instance "${resumed.deployment.instance}"`,
        );
      }
    } catch (error) {
      log.warn({ err: error }, 'the last deployment could not be resumed; deploy again');
    }
  }
}

await main();
