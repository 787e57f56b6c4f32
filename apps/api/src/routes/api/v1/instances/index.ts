import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { InputError, issue } from '@flowplane/model';
import {
  IfMatchHeaders,
  InstanceDeleteQuery,
  InstanceInputSchema,
  InstanceListQuery,
  InstanceListSchema,
  InstanceParams,
  InstanceSchema,
  problems,
} from '../../../../schemas.ts';
import { etagOf } from '../../../../services/versions.ts';
import bundleRoutes from './bundles/index.ts';
import dataflowRoutes from './dataflows/index.ts';
import endpointRoutes from './endpoints/index.ts';
import graphRoutes from './graphs/index.ts';
import profileRoutes from './profiles/index.ts';
import revisionRoutes from './revisions/index.ts';
import runtimeRoutes from './runtime/index.ts';
import { actorOf, cursorName } from './resource-routes.ts';

const tags = ['instances'];

/** /api/v1/instances and everything below an instance. */
export default async function instanceRoutes(plugin: FastifyInstance) {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const { instances } = app.services;

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'List instances',
        querystring: InstanceListQuery,
        response: { 200: InstanceListSchema, ...problems(400) },
      },
    },
    async (request) => ({
      kind: 'InstanceList' as const,
      ...(await instances.list({
        ...request.query,
        limit: request.query.limit ?? 100,
        after: cursorName(request.query.cursor),
      })),
    }),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Create an instance',
        description:
          'The new instance holds the default endpoint (the local broker) and the default profile.',
        body: InstanceInputSchema,
        response: { 201: InstanceSchema, ...problems(400, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const created = await instances.create(request.body, actorOf(request));
      return reply
        .status(201)
        .header('location', `/api/v1/instances/${created.name}`)
        .header('etag', etagOf(created.resourceVersion))
        .send(created);
    },
  );

  app.get(
    '/:instance',
    {
      schema: {
        tags,
        summary: 'Get an instance',
        params: InstanceParams,
        response: { 200: InstanceSchema, ...problems(404) },
      },
    },
    async (request, reply) => {
      const found = await instances.get(request.params.instance);
      return reply.header('etag', etagOf(found.resourceVersion)).send(found);
    },
  );

  app.put(
    '/:instance',
    {
      schema: {
        tags,
        summary: 'Replace an instance (namespace, description)',
        params: InstanceParams,
        headers: IfMatchHeaders,
        body: InstanceInputSchema,
        response: { 200: InstanceSchema, ...problems(400, 404, 412, 413, 415) },
      },
    },
    async (request, reply) => {
      if (request.body.name !== request.params.instance) {
        throw new InputError('The name in the body differs from the name in the URL.', [
          issue('schema.const', '/name', `Must be "${request.params.instance}", the name in the URL.`),
        ]);
      }
      const ifMatch = request.headers['if-match'];
      const updated = await instances.replace(
        request.body,
        typeof ifMatch === 'string' ? ifMatch : undefined,
      );
      return reply.header('etag', etagOf(updated.resourceVersion)).send(updated);
    },
  );

  app.delete(
    '/:instance',
    {
      schema: {
        tags,
        summary: 'Delete an instance',
        description: 'Refused (409) while it holds resources besides its defaults, unless cascade=true.',
        params: InstanceParams,
        querystring: InstanceDeleteQuery,
        headers: IfMatchHeaders,
        response: { 204: { type: 'null', description: 'Deleted.' }, ...problems(404, 409, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      await instances.remove(request.params.instance, {
        cascade: request.query.cascade === true,
        ...(typeof ifMatch === 'string' ? { ifMatch } : {}),
      });
      return reply.status(204).send(null);
    },
  );

  await app.register(endpointRoutes, { prefix: '/:instance/endpoints' });
  await app.register(profileRoutes, { prefix: '/:instance/profiles' });
  await app.register(dataflowRoutes, { prefix: '/:instance/dataflows' });
  await app.register(graphRoutes, { prefix: '/:instance/graphs' });
  await app.register(bundleRoutes, { prefix: '/:instance' });
  await app.register(runtimeRoutes, { prefix: '/:instance' });
  await app.register(revisionRoutes, { prefix: '/:instance' });
}
