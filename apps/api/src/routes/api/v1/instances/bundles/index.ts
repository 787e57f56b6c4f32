import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ExportQuery,
  ImportQuery,
  ImportResultSchema,
  InstanceParams,
  ManifestBody,
  ValidationResultSchema,
  problems,
} from '../../../../../schemas.ts';
import { actorOf } from '../resource-routes.ts';

const tags = ['bundles'];

const EXPORT_TYPES = {
  kubernetes: 'application/yaml',
  arm: 'application/json',
  bicep: 'text/plain',
} as const;

/** validate, import and export: many resources at once, as manifest text. */
export default async function bundleRoutes(plugin: FastifyInstance) {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const { bundles } = app.services;

  // Here bodies are manifest text: the importer reads it (with line numbers), so JSON is not parsed first.
  app.removeContentTypeParser(['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml']);
  app.addContentTypeParser(
    ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/validate',
    {
      schema: {
        tags,
        summary: 'Validate resources against the instance',
        description:
          "Checks the submitted resources (multi-document YAML, a JSON array, or ARM JSON) with every rule, together with the instance's stored resources (a submitted resource stands in for the stored one of the same kind and name). Nothing is saved. Always 200 for readable input: see `valid`.",
        params: InstanceParams,
        body: ManifestBody,
        response: { 200: ValidationResultSchema, ...problems(400, 404, 413, 415) },
      },
    },
    async (request) => bundles.validate(request.params.instance, request.body as string),
  );

  app.post(
    '/import',
    {
      schema: {
        tags,
        summary: 'Create or update many resources in one transaction',
        description:
          'All or nothing: if any resource breaks a rule, nothing is written (422). dryRun=true returns the plan (create, update or unchanged per resource) and every issue without writing.',
        params: InstanceParams,
        querystring: ImportQuery,
        body: ManifestBody,
        response: { 200: ImportResultSchema, ...problems(400, 404, 409, 413, 415, 422) },
      },
    },
    async (request) =>
      bundles.import(request.params.instance, request.body as string, {
        dryRun: request.query.dryRun === true,
        actor: actorOf(request),
      }),
  );

  app.get(
    '/export',
    {
      schema: {
        tags,
        summary: 'Export the instance as Kubernetes YAML, an ARM template or Bicep',
        description: 'Drafts are never exported. names selects resources by name (comma-separated).',
        params: InstanceParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The manifests.',
            content: {
              'application/yaml': { schema: Type.String() },
              'application/json': { schema: Type.String() },
              'text/plain': { schema: Type.String() },
            },
          },
          ...problems(400, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'kubernetes';
      const names = request.query.names
        ?.split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '');
      const { text } = await bundles.export(request.params.instance, {
        format,
        ...(request.query.apiVersion !== undefined ? { apiVersion: request.query.apiVersion } : {}),
        ...(names !== undefined ? { names } : {}),
      });
      return reply.type(`${EXPORT_TYPES[format]}; charset=utf-8`).send(text);
    },
  );
}
