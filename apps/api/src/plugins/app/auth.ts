import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { UnauthorizedError } from './problems.ts';

/** With a token configured, every /api request needs `Authorization: Bearer <token>`. */
async function authPlugin(app: FastifyInstance, options: { token: string | undefined }) {
  const { token } = options;
  if (token === undefined) return;
  const expected = Buffer.from(token);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const given = Buffer.from(match?.[1]?.trim() ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnauthorizedError(
        match
          ? 'The bearer token is not valid.'
          : 'This server needs a bearer token (Authorization: Bearer <token>).',
      );
    }
  });
}

export default fp(authPlugin, { name: 'auth' });
