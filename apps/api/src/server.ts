import Fastify from 'fastify';
import app, { serverOptions } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { closeDb, createPrisma } from './db/client.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.ts';
import { migrate, readMigrations } from './db/migrate.ts';
import { seedDatabase } from './services/instances.ts';

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

  await server.register(app, {
    db,
    migrations,
    apiToken: config.apiToken,
    corsOrigins: config.corsOrigins,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    try {
      await server.close();
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
}

await main();
