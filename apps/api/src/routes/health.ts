import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { pendingMigrations, type Migration } from '../db/migrate.ts';
import { problemRef } from '../schemas.ts';
import { sendProblem } from '../plugins/app/problems.ts';

const Status = Type.Object({
  status: Type.String(),
  pendingMigrations: Type.Optional(Type.Array(Type.String())),
});

/** Liveness (the process answers) and readiness (the database answers and has every migration). */
export default async function healthRoutes(
  app: FastifyInstance,
  options: { migrations: readonly Migration[] },
) {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'Liveness', response: { 200: Status } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: database reachable and migrations applied',
        response: { 200: Status, 503: problemRef },
      },
    },
    async (request, reply) => {
      let pending: string[];
      try {
        const rows = await app.db.$queryRawUnsafe<{ migration_name: string }[]>(
          'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        );
        pending = pendingMigrations(new Set(rows.map((r) => r.migration_name)), options.migrations);
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return sendProblem(reply, {
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: 'The database cannot be reached.',
        });
      }
      if (pending.length > 0) {
        return sendProblem(reply, {
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: `Migrations not applied: ${pending.join(', ')}.`,
        });
      }
      return { status: 'ready' };
    },
  );
}
