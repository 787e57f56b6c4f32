import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, expect, test } from 'vitest';
import Fastify from 'fastify';
import app, { serverOptions } from '../app.ts';
import { readMigrations } from '../db/migrate.ts';
import { startTestApp, type TestApp } from '../test-support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

/** Every route the app registers, as OpenAPI paths (`/:name` → `/{name}`), seen by an onRoute hook. */
async function servedRoutes(): Promise<string[]> {
  const routes: string[] = [];
  const server = Fastify(serverOptions('silent'));
  server.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || route.url.startsWith('/docs') || route.url === '/openapi.json') continue;
      routes.push(`${method.toLowerCase()} ${route.url.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')}`);
    }
  });
  await server.register(app, { db: t.db, migrations: await readMigrations() });
  await server.close();
  return routes;
}

test('/openapi.json is valid OpenAPI 3 and documents every route with tags and error responses', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json();
  expect(doc.openapi).toMatch(/^3\./);
  await SwaggerParser.validate(structuredClone(doc));

  const documented = new Set<string>();
  for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(operations)) documented.add(`${method} ${path}`);
  }
  const served = await servedRoutes();
  // 8 per resource kind × 4, 5 for instances, validate/import/export, deploy/runtime/deployments (list,
  // one)/a dataflow's tap, the instance's recent revisions, healthz, readyz, metrics.
  expect(served.length).toBe(49);
  expect(served.filter((r) => !documented.has(r))).toEqual([]);

  for (const [path, operations] of Object.entries(
    doc.paths as Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown> }>>,
  )) {
    for (const [method, operation] of Object.entries(operations)) {
      expect(operation.tags, `${method} ${path}`).toHaveLength(1);
      if (path.startsWith('/api/'))
        expect(Object.keys(operation.responses), `${method} ${path}`).toContain('401');
    }
  }
  // The resources are the model's schemas, with their descriptions and examples.
  const endpoint = doc.components.schemas.DataflowEndpoint;
  expect(endpoint.properties.spec.properties.mqttSettings.properties.host.examples).toBeDefined();
  expect(doc.components.schemas.Problem).toBeDefined();
  expect(
    doc.paths['/api/v1/instances/{instance}/endpoints'].post.requestBody.content['application/json'].schema,
  ).toEqual({
    $ref: '#/components/schemas/DataflowEndpoint',
  });
});

test('Swagger UI is served at /docs', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/docs/' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/text\/html/);
  expect(res.body).toContain('swagger');
});

test('/healthz and /readyz', async () => {
  expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
  const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
  expect(ready.statusCode).toBe(200);
  expect(ready.json()).toEqual({ status: 'ready' });
});

test('/readyz is 503 while a migration is missing', async () => {
  await t.db.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET finished_at = NULL`);
  try {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().detail).toContain('0001_init');
  } finally {
    await t.db.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET finished_at = now()`);
  }
});

test('/metrics counts requests by route and status', async () => {
  await t.app.inject({ method: 'GET', url: '/api/v1/instances/default/endpoints' });
  await t.app.inject({ method: 'GET', url: '/api/v1/instances/missing/endpoints' });
  const res = await t.app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  const route = 'route="/api/v1/instances/:instance/endpoints"';
  expect(res.body).toMatch(
    new RegExp(
      `flowplane_http_requests_total\\{method="GET",${route.replace(/[/.*]/g, '\\$&')},status_code="200"\\} 1`,
    ),
  );
  expect(res.body).toContain(`status_code="404"`);
  expect(res.body).toContain('flowplane_http_request_duration_seconds_bucket');
  expect(res.body).toContain('process_cpu_user_seconds_total');
});
