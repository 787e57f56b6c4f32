import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';

/** Security headers always; CORS only for the origins configured (FLOWPLANE_CORS_ORIGINS). */
async function securityPlugin(app: FastifyInstance, options: { corsOrigins: readonly string[] }) {
  // Swagger UI sets its own Content-Security-Policy on /docs (staticCSP).
  await app.register(helmet, { global: true, contentSecurityPolicy: false });
  if (options.corsOrigins.length > 0) {
    await app.register(cors, { origin: [...options.corsOrigins], exposedHeaders: ['ETag'] });
  }
}

export default fp(securityPlugin, { name: 'security' });
