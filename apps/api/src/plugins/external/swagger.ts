import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export const API_TAGS = [
  { name: 'instances', description: 'Azure IoT Operations instances: the scope every resource lives in.' },
  {
    name: 'endpoints',
    description: 'Dataflow endpoints (DataflowEndpoint): where data comes from and goes to.',
  },
  { name: 'profiles', description: 'Dataflow profiles (DataflowProfile): scaling and diagnostics.' },
  { name: 'dataflows', description: 'Dataflows (Dataflow): source → transformation → destination.' },
  {
    name: 'graphs',
    description: 'Dataflow graphs (DataflowGraph): sources → WebAssembly modules → destinations.',
  },
  { name: 'bundles', description: 'Many resources at once: validate, import, export.' },
  {
    name: 'runtime',
    description:
      "Deploying an instance to the runtime that runs its dataflows, the runtime's status, deployments.",
  },
  { name: 'operations', description: 'Health, readiness and metrics.' },
];

/** OpenAPI 3.1 from the route schemas (the model's TypeBox schemas), served at /openapi.json, UI at /docs. */
async function swaggerPlugin(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Flowplane API',
        version: '0.1.0',
        description:
          'Design, validate, store and export Azure IoT Operations dataflow resources. Bodies are the Kubernetes resources (apiVersion, kind, metadata, spec), as JSON or YAML. Errors are RFC 9457 problem details.',
      },
      tags: API_TAGS,
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'Needed on /api only when the server runs with FLOWPLANE_API_TOKEN.',
          },
        },
      },
      security: [{ bearerAuth: [] }],
    },
    refResolver: {
      // Shared schemas (the model's resources, Problem) keep their names in components.schemas.
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
}

export default fp(swaggerPlugin, { name: 'swagger' });
