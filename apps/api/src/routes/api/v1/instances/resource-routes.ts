import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { InputError, issue, type Resource, type ResourceKind } from '@flowplane/model';
import {
  DraftQuery,
  IfMatchHeaders,
  LIST_QUERIES,
  NoQuery,
  ResourceParams,
  RevisionListSchema,
  RevisionParams,
  InstanceParams,
  listSchema,
  problems,
  revisionSchema,
} from '../../../../schemas.ts';
import { decodeCursor } from '../../../../services/resources.ts';
import { etagOf } from '../../../../services/versions.ts';
import { resourceRef } from '../../../../validation.ts';

export const SEGMENTS: Record<ResourceKind, string> = {
  DataflowEndpoint: 'endpoints',
  DataflowProfile: 'profiles',
  Dataflow: 'dataflows',
  DataflowGraph: 'graphs',
};

/** The person or tool behind a write, when the client says (the HTTP From header); for history only. */
export function actorOf(request: FastifyRequest): string | undefined {
  const from = request.headers.from;
  return typeof from === 'string' && from.trim() !== '' ? from.trim().slice(0, 200) : undefined;
}

function ifMatchOf(request: FastifyRequest): string | undefined {
  const value = request.headers['if-match'];
  return typeof value === 'string' ? value : undefined;
}

/** The query string of a list, as the route's schema (LIST_QUERIES) validated and converted it. */
interface ListQuery {
  limit?: number;
  cursor?: string;
  q?: string;
  type?: string;
  profile?: string;
  endpoint?: string;
  draft?: boolean;
}

export function cursorName(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const name = decodeCursor(cursor);
  if (name === undefined) {
    throw new InputError('The cursor is not one this server gave out.', [
      issue('schema.invalid', '/cursor', 'Pass the nextCursor of the previous page unchanged.'),
    ]);
  }
  return name;
}

function sendResource(reply: FastifyReply, resource: Resource, status = 200) {
  if (resource.metadata.resourceVersion !== undefined)
    reply.header('etag', etagOf(resource.metadata.resourceVersion));
  return reply.status(status).send(resource);
}

/**
 * CRUD, history and restore for one resource kind under /api/v1/instances/:instance/<segment>. Every
 * schema is the model's (resources) or derived from it (lists, revisions); handlers only call the service.
 */
export function resourceRoutes(kind: ResourceKind) {
  const segment = SEGMENTS[kind];
  const tags = [segment];
  const flow = kind === 'Dataflow' || kind === 'DataflowGraph';
  const writeQuery = flow ? DraftQuery : NoQuery;
  const body = resourceRef(kind);
  const label = kind;

  return async function routes(plugin: FastifyInstance) {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const { resources } = app.services;

    // Typed by hand: the page is sent as cached JSON text, not as an object for the serializer.
    plugin.get<{ Params: { instance: string }; Querystring: ListQuery }>(
      '/',
      {
        schema: {
          tags,
          summary: `List ${segment}`,
          description: flow
            ? 'Drafts are included and marked (status.draft); filter with draft=false to leave them out.'
            : 'Each item carries in status.usage how many dataflows and graphs use it.',
          params: InstanceParams,
          querystring: LIST_QUERIES[kind],
          response: {
            200: listSchema(kind),
            304: { type: 'null', description: 'Not modified since the ETag in If-None-Match.' },
            ...problems(400, 404),
          },
        },
      },
      async (request, reply) => {
        const { cursor, limit, ...filters } = request.query;
        const { body, etag } = await resources.listJson(request.params.instance, kind, {
          ...filters,
          limit: limit ?? 100,
          after: cursorName(cursor),
        });
        reply.header('etag', etag);
        if (request.headers['if-none-match'] === etag) return reply.status(304).send();
        return reply.type('application/json; charset=utf-8').send(body);
      },
    );

    app.post(
      '/',
      {
        schema: {
          tags,
          summary: `Create a ${label}`,
          params: InstanceParams,
          querystring: writeQuery,
          body,
          response: { 201: body, ...problems(400, 404, 409, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const created = await resources.create(request.params.instance, request.body as Resource, {
          actor: actorOf(request),
          draft: (request.query as { draft?: boolean }).draft === true,
        });
        reply.header('location', `${request.url.split('?')[0]!.replace(/\/$/, '')}/${created.metadata.name}`);
        return sendResource(reply, created, 201);
      },
    );

    app.get(
      '/:name',
      {
        schema: {
          tags,
          summary: `Get a ${label}`,
          params: ResourceParams,
          response: { 200: body, ...problems(400, 404) },
        },
      },
      async (request, reply) =>
        sendResource(reply, await resources.get(request.params.instance, kind, request.params.name)),
    );

    app.put(
      '/:name',
      {
        schema: {
          tags,
          summary: `Replace a ${label}`,
          description:
            'Send If-Match (or metadata.resourceVersion) to be sure you replace the version you read.',
          params: ResourceParams,
          querystring: writeQuery,
          headers: IfMatchHeaders,
          body,
          response: { 200: body, ...problems(400, 404, 409, 412, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const resource = request.body as Resource;
        if (resource.metadata.name !== request.params.name) {
          throw new InputError('The name in the body differs from the name in the URL.', [
            issue('schema.const', '/metadata/name', `Must be "${request.params.name}", the name in the URL.`),
          ]);
        }
        const replaced = await resources.replace(request.params.instance, resource, {
          actor: actorOf(request),
          ifMatch: ifMatchOf(request),
          draft: (request.query as { draft?: boolean }).draft === true,
        });
        return sendResource(reply, replaced);
      },
    );

    app.delete(
      '/:name',
      {
        schema: {
          tags,
          summary: `Delete a ${label}`,
          description: flow ? undefined : 'Refused (409, with usedBy) while dataflows or graphs use it.',
          params: ResourceParams,
          headers: IfMatchHeaders,
          response: { 204: { type: 'null', description: 'Deleted.' }, ...problems(400, 404, 409, 412) },
        },
      },
      async (request, reply) => {
        await resources.remove(request.params.instance, kind, request.params.name, {
          actor: actorOf(request),
          ifMatch: ifMatchOf(request),
        });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/:name/revisions',
      {
        schema: {
          tags,
          summary: `History of a ${label}`,
          description: 'Every write, newest first; kept after the resource is deleted.',
          params: ResourceParams,
          response: { 200: RevisionListSchema, ...problems(400, 404) },
        },
      },
      async (request) => ({
        items: await resources.revisions(request.params.instance, kind, request.params.name),
      }),
    );

    app.get(
      '/:name/revisions/:revision',
      {
        schema: {
          tags,
          summary: `One revision of a ${label}`,
          params: RevisionParams,
          response: { 200: revisionSchema(kind), ...problems(400, 404) },
        },
      },
      async (request) =>
        resources.revision(request.params.instance, kind, request.params.name, request.params.revision),
    );

    app.post(
      '/:name/revisions/:revision/restore',
      {
        schema: {
          tags,
          summary: `Restore a revision of a ${label}`,
          description:
            'Writes the revision as the current version (re-creating a deleted resource); the rules apply as for any write.',
          params: RevisionParams,
          querystring: writeQuery,
          headers: IfMatchHeaders,
          response: { 200: body, 201: body, ...problems(400, 404, 409, 412, 422) },
        },
      },
      async (request, reply) => {
        const { resource, created } = await resources.restore(
          request.params.instance,
          kind,
          request.params.name,
          request.params.revision,
          {
            actor: actorOf(request),
            ifMatch: ifMatchOf(request),
            draft: (request.query as { draft?: boolean }).draft === true,
          },
        );
        return sendResource(reply, resource, created ? 201 : 200);
      },
    );
  };
}
