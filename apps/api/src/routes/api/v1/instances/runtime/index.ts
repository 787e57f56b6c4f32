import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { InputError, NotFoundError, issue } from '@flowplane/model';
import {
  DeployResultSchema,
  DeploymentDetailSchema,
  DeploymentListQuery,
  DeploymentListSchema,
  DeploymentParams,
  InstanceParams,
  ResourceParams,
  RuntimeStatusSchema,
  problems,
} from '../../../../../schemas.ts';
import { RuntimeUnavailableError } from '../../../../../services/runtime-client.ts';
import { decodeCursor } from '../../../../../services/resources.ts';
import { actorOf } from '../resource-routes.ts';

const tags = ['runtime'];

const NO_RUNTIME: [number, string] = [
  409,
  'No runtime serves this instance: none is configured (FLOWPLANE_RUNTIME=off), or it serves another instance (FLOWPLANE_RUNTIME_INSTANCE).',
];

function cursorId(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const id = decodeCursor(cursor);
  if (id === undefined || !/^[1-9]\d{0,15}$/.test(id)) {
    throw new InputError('The cursor is not one this server gave out.', [
      issue('schema.invalid', '/cursor', 'Pass the nextCursor of the previous page unchanged.'),
    ]);
  }
  return Number(id);
}

/** Deploying an instance to its runtime, the runtime's status, and the record of deployments. */
export default async function runtimeRoutes(plugin: FastifyInstance) {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const { deployments } = app.services;

  // POST …/deploy takes no body: one that comes anyway (`{}`, or nothing with Content-Type: application/json)
  // is ignored rather than refused.
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, _body, done) =>
    done(null, undefined),
  );

  app.post(
    '/deploy',
    {
      schema: {
        tags,
        summary: "Deploy the instance's resources to its runtime",
        description:
          'Sends every stored endpoint, profile, dataflow and graph of the instance (never drafts; a dataflow with mode Disabled is sent as it is, and the runtime keeps it stopped) to the runtime as Kubernetes resources without server metadata, and records the outcome as a deployment. The runtime starts, restarts or stops only what changed: `plan` says what it did. No request body (one sent as JSON is ignored).',
        params: InstanceParams,
        response: {
          200: DeployResultSchema,
          ...problems(
            404,
            NO_RUNTIME,
            [
              422,
              "The runtime refused the set and changed nothing; `errors` are its findings (JSON pointers within each resource; `document` is the resource's position in the set), `deployment` the record.",
            ],
            502,
            504,
          ),
        },
      },
    },
    async (request) => deployments.deploy(request.params.instance, actorOf(request)),
  );

  app.get(
    '/runtime',
    {
      schema: {
        tags,
        summary: "The runtime's status",
        description:
          "The runtime's GET /v1/status (each dataflow's state, counters, rates, latency, last error and dead letters), with the runtime's URL and the deployment it runs.",
        params: InstanceParams,
        response: { 200: RuntimeStatusSchema, ...problems(404, NO_RUNTIME, 502, 504) },
      },
    },
    async (request) => deployments.status(request.params.instance),
  );

  plugin.get<{ Params: { instance: string; name: string } }>(
    '/runtime/dataflows/:name/tap',
    {
      schema: {
        tags,
        summary: "Live samples of a dataflow's messages",
        description:
          "Server-sent events from the runtime (at most 20 a second): each `message` event holds a message's topic, its payload before the transformation, and after it, or why it was dropped or failed. Streams until the client disconnects. The portal's live view; `curl -N` works too.",
        params: ResourceParams,
        produces: ['text/event-stream'],
        response: {
          200: { type: 'string', description: 'A text/event-stream of `message` events.' },
          ...problems(404, NO_RUNTIME, 502),
        },
      },
    },
    async (request, reply) => {
      const { instance, name } = request.params;
      const url = await deployments.tapUrl(instance, name);
      const upstream = new AbortController();
      let response: Response;
      try {
        response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: upstream.signal });
      } catch (error) {
        throw new RuntimeUnavailableError(
          url,
          'unreachable',
          `The runtime at ${url} did not answer: ${String(error)}`,
        );
      }
      if (response.status === 404) {
        await response.body?.cancel();
        throw new NotFoundError(`The runtime runs no dataflow named "${name}"; deploy it first.`);
      }
      if (!response.ok || response.body === null) {
        await response.body?.cancel();
        throw new RuntimeUnavailableError(
          url,
          'bad-reply',
          `The runtime answered ${response.status} for the tap.`,
        );
      }
      // From here the stream is the runtime's, passed through as it comes; the client leaving ends it.
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      request.raw.on('close', () => upstream.abort());
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          reply.raw.write(value);
        }
      } catch {
        // Aborted by the client leaving, or the runtime went away: either way the stream is over.
      } finally {
        reply.raw.end();
      }
    },
  );

  app.get(
    '/deployments',
    {
      schema: {
        tags,
        summary: 'List deployments',
        description: 'Newest first; each with its outcome, plan or issues (not the resources sent).',
        params: InstanceParams,
        querystring: DeploymentListQuery,
        response: { 200: DeploymentListSchema, ...problems(400, 404) },
      },
    },
    async (request) => ({
      kind: 'DeploymentList' as const,
      ...(await deployments.list(request.params.instance, {
        limit: request.query.limit ?? 100,
        ...(request.query.outcome !== undefined ? { outcome: request.query.outcome } : {}),
        ...(request.query.cursor !== undefined ? { after: cursorId(request.query.cursor) } : {}),
      })),
    }),
  );

  app.get(
    '/deployments/:id',
    {
      schema: {
        tags,
        summary: 'Get a deployment',
        description: 'With the resources it sent, exactly as they were sent.',
        params: DeploymentParams,
        response: { 200: DeploymentDetailSchema, ...problems(400, 404) },
      },
    },
    async (request) => deployments.get(request.params.instance, request.params.id),
  );
}
