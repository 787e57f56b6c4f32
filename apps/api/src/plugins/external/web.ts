// Serves the built web portal (apps/web/dist) at `/`: hashed assets cached for a year, index.html never
// cached, and the portal's deep links (`/instances/…`) answered with index.html so a shared URL opens.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/** apps/web/dist, where `pnpm --filter @flowplane/web build` writes the portal. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../../web/dist', import.meta.url));

const hidden = { schema: { hide: true } };

async function webPlugin(app: FastifyInstance, options: { webDir: string }) {
  const root = options.webDir;
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ webDir: root }, 'the web portal is not built: run pnpm --filter @flowplane/web build');
    app.get('/', hidden, async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send(
          'Flowplane API. The web portal is not built: run `pnpm --filter @flowplane/web build`; the API docs are at /docs.\n',
        ),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    // One route per file that exists: unknown paths keep the API's problem+json 404.
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (response, path) => {
      response.header(
        'cache-control',
        path.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const page = (_request: unknown, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html');
  for (const path of ['/', '/instances', '/instances/*']) app.get(path, hidden, page);
}

export default fp(webPlugin, { name: 'web' });
