import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { parse as parseYaml } from 'yaml';
import type { Db } from './db/client.ts';
import type { Migration } from './db/migrate.ts';
import type { RuntimeTarget } from './services/deployments.ts';
import swagger from './plugins/external/swagger.ts';
import security from './plugins/external/security.ts';
import web from './plugins/external/web.ts';
import auth from './plugins/app/auth.ts';
import metrics from './plugins/app/metrics.ts';
import problems, { sendProblem } from './plugins/app/problems.ts';
import services from './plugins/app/services.ts';
import healthRoutes from './routes/health.ts';
import instanceRoutes from './routes/api/v1/instances/index.ts';
import { ProblemSchema } from './schemas.ts';
import { sharedResourceSchemas, validatorCompiler } from './validation.ts';

export interface AppOptions {
  db: Db;
  migrations: readonly Migration[];
  apiToken?: string | undefined;
  corsOrigins?: readonly string[];
  /** Where `POST …/{instance}/deploy` sends resources; without it, deploys are refused (409). */
  runtime?: RuntimeTarget | undefined;
  /** The built web portal to serve at `/` (server.ts passes apps/web/dist); none in most tests. */
  webDir?: string | undefined;
}

/** Largest request body (413 beyond). */
export const BODY_LIMIT = 1024 * 1024;

/** Options of the Fastify server around the app (server.ts and tests use the same). */
export function serverOptions(logLevel: string): FastifyServerOptions {
  return {
    logger: { level: logLevel, redact: ['req.headers.authorization'] },
    bodyLimit: BODY_LIMIT,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    // Errors Fastify raises before routing (a URL that does not decode, an unreadable header) get a
    // problem document like every other error.
    frameworkErrors: (error, _request, reply) => {
      void sendProblem(reply, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: error.message,
      });
    },
  };
}

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

/** The whole API as one plugin: server.ts starts it, tests inject into it. */
async function app(fastify: FastifyInstance, options: AppOptions) {
  fastify.setValidatorCompiler(validatorCompiler);
  // Replies are built from validated model resources; the response schemas document them (OpenAPI).
  fastify.setSerializerCompiler(() => (data) => JSON.stringify(data));
  for (const schema of [...sharedResourceSchemas(), ProblemSchema]) fastify.addSchema(schema);

  // A resource body may be YAML, exactly as kubectl takes it (one document).
  fastify.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseYaml(body as string, { maxAliasCount: 100 }));
    } catch (error) {
      const failure = new Error(`The body is not valid YAML: ${(error as Error).message}`);
      Object.assign(failure, { statusCode: 400 });
      done(failure, undefined);
    }
  });

  await fastify.register(problems);
  await fastify.register(security, { corsOrigins: options.corsOrigins ?? [] });
  await fastify.register(swagger);
  await fastify.register(metrics);
  await fastify.register(auth, { token: options.apiToken });
  await fastify.register(services, { db: options.db, runtime: options.runtime });
  await fastify.register(healthRoutes, { migrations: options.migrations });
  await fastify.register(instanceRoutes, { prefix: '/api/v1/instances' });
  if (options.webDir !== undefined) await fastify.register(web, { webDir: options.webDir });
}

export default fp(app, { name: 'flowplane-api' });

/** A ready Fastify instance with the app registered. */
export async function buildApp(options: AppOptions & { logLevel?: string }): Promise<FastifyInstance> {
  const { logLevel, ...appOptions } = options;
  const server = Fastify(serverOptions(logLevel ?? 'info'));
  await server.register(fp(app), appOptions);
  await server.ready();
  return server;
}
