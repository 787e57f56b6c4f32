import { afterAll, beforeAll, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { startTestApp, type TestApp } from '../../../../../test-support/app.ts';
import { dataflow, mqttEndpoint, profile } from '../../../../../test-support/resources.ts';

let t: TestApp;
let count = 0;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

async function newInstance(): Promise<string> {
  const name = `recent-${++count}`;
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/instances', payload: { name } });
  expect(res.statusCode).toBe(201);
  return `/api/v1/instances/${name}`;
}

interface Change {
  kind: string;
  name: string;
  revision: number;
  operation: string;
  actor?: string;
  timestamp: string;
}

const summary = (items: Change[]) => items.map((c) => [c.operation, c.kind, c.name, c.revision, c.actor]);

test('lists the writes of every kind newest first, with who made them, deletes and imports included', async () => {
  const base = await newInstance();
  const write = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, from?: string) =>
    t.app.inject({
      method,
      url: `${base}${url}`,
      ...(payload ? { payload } : {}),
      headers: from ? { from } : {},
    });
  expect((await write('POST', '/endpoints', mqttEndpoint('plant'), 'alice@example.com')).statusCode).toBe(
    201,
  );
  expect((await write('POST', '/profiles', profile('big', 2))).statusCode).toBe(201);
  expect(
    (await write('PUT', '/endpoints/plant', mqttEndpoint('plant', 'b.example.com:8883'), 'bob@example.com'))
      .statusCode,
  ).toBe(200);
  expect((await write('DELETE', '/profiles/big')).statusCode).toBe(204);
  const imported = await t.app.inject({
    method: 'POST',
    url: `${base}/import`,
    headers: { 'content-type': 'application/yaml', from: 'ci@example.com' },
    payload: [profile('small'), dataflow('to-plant', 'plant', 'small')]
      .map((d) => stringify(d))
      .join('---\n'),
  });
  expect(imported.statusCode).toBe(200);

  const res = await t.app.inject({ method: 'GET', url: `${base}/revisions` });
  expect(res.statusCode).toBe(200);
  const items: Change[] = res.json().items;
  expect(summary(items)).toEqual([
    // One import is one transaction: its writes keep the order they were made in (profile first).
    ['import', 'Dataflow', 'to-plant', 1, 'ci@example.com'],
    ['import', 'DataflowProfile', 'small', 1, 'ci@example.com'],
    ['delete', 'DataflowProfile', 'big', 2, undefined],
    ['update', 'DataflowEndpoint', 'plant', 2, 'bob@example.com'],
    ['create', 'DataflowProfile', 'big', 1, undefined],
    ['create', 'DataflowEndpoint', 'plant', 1, 'alice@example.com'],
    // The instance's defaults, written when it was created.
    ['create', 'DataflowProfile', 'default', 1, undefined],
    ['create', 'DataflowEndpoint', 'default', 1, undefined],
  ]);
  const times = items.map((c) => Date.parse(c.timestamp));
  expect(times.every((time, i) => i === 0 || time <= times[i - 1]!)).toBe(true);

  const latest = await t.app.inject({ method: 'GET', url: `${base}/revisions?limit=2` });
  expect(summary(latest.json().items)).toEqual(summary(items.slice(0, 2)));
});

test("another instance's writes are not listed", async () => {
  const one = await newInstance();
  const other = await newInstance();
  await t.app.inject({ method: 'POST', url: `${other}/endpoints`, payload: mqttEndpoint('elsewhere') });

  const names = (await t.app.inject({ method: 'GET', url: `${one}/revisions` }))
    .json()
    .items.map((c: Change) => c.name);
  expect(names).not.toContain('elsewhere');
});

test('refuses a limit out of range and an unknown instance as problems', async () => {
  const base = await newInstance();
  for (const limit of ['0', '101', 'many']) {
    const res = await t.app.inject({ method: 'GET', url: `${base}/revisions?limit=${limit}` });
    expect(res.statusCode, limit).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  }
  const unknownField = await t.app.inject({ method: 'GET', url: `${base}/revisions?kind=Dataflow` });
  expect(unknownField.statusCode).toBe(400);

  const missing = await t.app.inject({ method: 'GET', url: '/api/v1/instances/nowhere/revisions' });
  expect(missing.statusCode).toBe(404);
  expect(missing.json().detail).toContain('nowhere');
});

test('is documented in OpenAPI with its response schema', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const operation = doc.paths['/api/v1/instances/{instance}/revisions'].get;
  expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(
    expect.arrayContaining(['instance', 'limit']),
  );
  const schema = operation.responses['200'].content['application/json'].schema;
  expect(Object.keys(schema.properties.items.items.properties)).toEqual(
    expect.arrayContaining(['kind', 'name', 'revision', 'operation', 'actor', 'timestamp']),
  );
  expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '404']));
});
