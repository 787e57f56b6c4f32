import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { closeDb, createPrisma } from '../db/client.ts';
import { readMigrations } from '../db/migrate.ts';
import { startTestApp, type TestApp } from '../test-support/app.ts';
import { dataflow, mqttEndpoint } from '../test-support/resources.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const ENDPOINTS = '/api/v1/instances/default/endpoints';

/** Every error is RFC 9457 problem+json with these members, and never shows internals. */
function expectProblem(
  res: {
    statusCode: number;
    headers: Record<string, unknown>;
    json: () => Record<string, unknown>;
    body: string;
  },
  status: number,
) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.json();
  expect(problem).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|SELECT |INSERT |prisma/i);
  return problem;
}

describe('400: malformed bodies and schema violations', () => {
  test('each bad field with its JSON pointer and code; unknown fields are rejected with their path', async () => {
    const body = {
      ...mqttEndpoint('ok-name'),
      extraTopLevel: true,
      metadata: { name: 'ok-name', colour: 'blue' },
      spec: {
        endpointType: 'Mqtt',
        mqttSettings: {
          host: 'a.example.com:8883',
          authentication: { method: 'Anonymous', anonymousSettings: {} },
          qos: 7,
          sparkle: 1,
        },
      },
    };
    const problem = expectProblem(await t.app.inject({ method: 'POST', url: ENDPOINTS, payload: body }), 400);
    expect(problem.type).toBe('urn:flowplane:problem:invalid-request');
    const errors = (problem.errors as { path: string; code: string; in: string }[]).map((e) => [
      e.code,
      e.path,
      e.in,
    ]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ['schema.unknownField', '/extraTopLevel', 'body'],
        ['schema.unknownField', '/metadata/colour', 'body'],
        ['schema.unknownField', '/spec/mqttSettings/sparkle', 'body'],
        ['schema.maximum', '/spec/mqttSettings/qos', 'body'],
      ]),
    );
    // Nothing was stored.
    expect((await t.app.inject({ method: 'GET', url: `${ENDPOINTS}/ok-name` })).statusCode).toBe(404);
  });

  test('a body of another kind, a missing kind, a body that is not an object', async () => {
    const wrongKind = expectProblem(
      await t.app.inject({ method: 'POST', url: ENDPOINTS, payload: dataflow('x-flow') }),
      400,
    );
    expect(wrongKind.errors).toEqual([expect.objectContaining({ code: 'schema.const', path: '/kind' })]);
    const noKind = expectProblem(
      await t.app.inject({ method: 'POST', url: ENDPOINTS, payload: { metadata: { name: 'abc' } } }),
      400,
    );
    expect(noKind.errors).toEqual([expect.objectContaining({ code: 'schema.required', path: '/kind' })]);
    const array = expectProblem(await t.app.inject({ method: 'POST', url: ENDPOINTS, payload: [1, 2] }), 400);
    expect(array.errors).toEqual([expect.objectContaining({ code: 'resource.notObject', path: '' })]);
  });

  test('invalid JSON and invalid YAML', async () => {
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: ENDPOINTS,
        headers: { 'content-type': 'application/json' },
        payload: '{"kind": ',
      }),
      400,
    );
    const yaml = expectProblem(
      await t.app.inject({
        method: 'POST',
        url: ENDPOINTS,
        headers: { 'content-type': 'application/yaml' },
        payload: 'a: [b\n',
      }),
      400,
    );
    expect(yaml.detail).toMatch(/YAML/);
  });

  test('the name in the URL and the body must agree', async () => {
    await t.app.inject({ method: 'POST', url: ENDPOINTS, payload: mqttEndpoint('named-a') });
    const problem = expectProblem(
      await t.app.inject({ method: 'PUT', url: `${ENDPOINTS}/named-a`, payload: mqttEndpoint('named-b') }),
      400,
    );
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/metadata/name' })]);
  });

  test('query parameters are checked too', async () => {
    const problem = expectProblem(
      await t.app.inject({ method: 'GET', url: `${ENDPOINTS}?type=Carrier-Pigeon&bogus=1` }),
      400,
    );
    expect((problem.errors as { path: string; code: string }[]).map((e) => [e.code, e.path])).toEqual(
      expect.arrayContaining([
        ['schema.enum', '/type'],
        ['schema.unknownField', '/bogus'],
      ]),
    );
  });
});

test('404: unknown instance, resource and route', async () => {
  const instance = expectProblem(
    await t.app.inject({ method: 'GET', url: '/api/v1/instances/nope/endpoints' }),
    404,
  );
  expect(instance.detail).toBe('Instance "nope" does not exist.');
  expectProblem(await t.app.inject({ method: 'GET', url: `${ENDPOINTS}/nope` }), 404);
  expectProblem(await t.app.inject({ method: 'DELETE', url: `${ENDPOINTS}/nope` }), 404);
  expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 404);
});

test('409: creating what exists', async () => {
  await t.app.inject({ method: 'POST', url: ENDPOINTS, payload: mqttEndpoint('twice') });
  const problem = expectProblem(
    await t.app.inject({ method: 'POST', url: ENDPOINTS, payload: mqttEndpoint('twice') }),
    409,
  );
  expect(problem.type).toBe('urn:flowplane:problem:conflict');
});

test('412: stale If-Match', async () => {
  const created = await t.app.inject({ method: 'POST', url: ENDPOINTS, payload: mqttEndpoint('versioned') });
  const problem = expectProblem(
    await t.app.inject({
      method: 'PUT',
      url: `${ENDPOINTS}/versioned`,
      payload: mqttEndpoint('versioned'),
      headers: { 'if-match': '"1"' },
    }),
    412,
  );
  expect(problem.currentResourceVersion).toBe(created.json().metadata.resourceVersion);
});

test('413: bodies over 1 MiB', async () => {
  const huge = {
    ...mqttEndpoint('huge'),
    metadata: { name: 'huge', annotations: { blob: 'x'.repeat(1024 * 1024) } },
  };
  const problem = expectProblem(await t.app.inject({ method: 'POST', url: ENDPOINTS, payload: huge }), 413);
  expect(problem.detail).toBe('The request body is larger than 1 MiB.');
});

test('415: unsupported content types', async () => {
  const problem = expectProblem(
    await t.app.inject({
      method: 'POST',
      url: ENDPOINTS,
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    }),
    415,
  );
  expect(problem.title).toBe('Unsupported Media Type');
});

test('422: rules, with paths', async () => {
  const problem = expectProblem(
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/instances/default/dataflows',
      payload: dataflow('to-nowhere', 'nowhere'),
    }),
    422,
  );
  expect(problem.errors).toEqual([
    expect.objectContaining({
      code: 'ref.endpoint.notFound',
      path: '/spec/operations/1/destinationSettings/endpointRef',
    }),
  ]);
});

describe('401: bearer token', () => {
  test('with FLOWPLANE_API_TOKEN set, /api needs it; health does not', async () => {
    const token = 'a-long-enough-test-token';
    const app = await buildApp({
      db: t.db,
      migrations: await readMigrations(),
      apiToken: token,
      logLevel: 'silent',
    });
    try {
      const missing = expectProblem(await app.inject({ method: 'GET', url: '/api/v1/instances' }), 401);
      expect(missing.type).toBe('urn:flowplane:problem:unauthorized');
      const wrong = await app.inject({
        method: 'GET',
        url: '/api/v1/instances',
        headers: { authorization: 'Bearer wrong' },
      });
      expectProblem(wrong, 401);
      expect(wrong.headers['www-authenticate']).toMatch(/^Bearer/);
      const right = await app.inject({
        method: 'GET',
        url: '/api/v1/instances',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(right.statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

test('500: a failure inside is logged, and the body says only where', async () => {
  // A database that cannot be reached: every query fails inside Prisma.
  const db = createPrisma('postgresql://postgres@127.0.0.1:9/nowhere', 1);
  const app = await buildApp({ db, migrations: await readMigrations(), logLevel: 'silent' });
  try {
    const res = await app.inject({ method: 'GET', url: ENDPOINTS });
    const problem = expectProblem(res, 500);
    expect(problem.detail).toBe(
      `The server failed to handle the request; it was logged under request id ${String(problem.requestId)}.`,
    );
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expectProblem(ready, 503);
  } finally {
    await app.close();
    await closeDb(db);
  }
});

test('CORS answers only for configured origins', async () => {
  const app = await buildApp({
    db: t.db,
    migrations: await readMigrations(),
    corsOrigins: ['http://localhost:5173'],
    logLevel: 'silent',
  });
  try {
    const allowed = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'http://localhost:5173' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const other = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://evil.example.com' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  } finally {
    await app.close();
  }
});

test('security headers are set', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/healthz' });
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
});
