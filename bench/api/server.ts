// The server side of the API benchmark (a child process, so load generator and server do not share a
// thread): the real app on BENCH_DATABASE_URL, plus one trivial route on the same Fastify instance.
import { createRequire } from 'node:module';
import type FastifyType from 'fastify';
import app, { serverOptions } from '../../apps/api/src/app.ts';
import { closeDb, createPrisma } from '../../apps/api/src/db/client.ts';
import { readMigrations } from '../../apps/api/src/db/migrate.ts';

// bench/ is no package: fastify is resolved from apps/api.
const Fastify = createRequire(new URL('../../apps/api/package.json', import.meta.url))(
  'fastify',
) as typeof FastifyType;
const db = createPrisma(process.env.BENCH_DATABASE_URL!);
const server = Fastify({ ...serverOptions('warn'), logger: false });
await server.register(app, { db, migrations: await readMigrations() });
server.get('/bench/trivial', async () => ({ hello: 'world' }));
const address = await server.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${address}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => closeDb(db));
});
