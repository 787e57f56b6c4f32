import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  InstanceParams,
  InstanceRevisionListSchema,
  InstanceRevisionQuery,
  problems,
} from '../../../../../schemas.ts';

// Listed with the instance it describes (the per-resource histories are under their kinds' tags).
const tags = ['instances'];

/** The instance's history across kinds: what changed lately, for an overview. */
export default async function revisionRoutes(plugin: FastifyInstance) {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const { resources } = app.services;

  app.get(
    '/revisions',
    {
      schema: {
        tags,
        summary: 'Recent changes of an instance',
        description:
          "The latest writes (create, update, delete, restore, import) of every resource of the instance, newest first, with who made them (the write's From header). Each resource's full history is at …/{kind}/{name}/revisions.",
        params: InstanceParams,
        querystring: InstanceRevisionQuery,
        response: { 200: InstanceRevisionListSchema, ...problems(400, 404) },
      },
    },
    async (request) => ({
      items: await resources.instanceRevisions(request.params.instance, request.query.limit ?? 20),
    }),
  );
}
