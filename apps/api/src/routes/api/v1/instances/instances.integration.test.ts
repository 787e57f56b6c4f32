import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test-support/app.ts';
import { dataflow, mqttEndpoint } from '../../../../test-support/resources.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers = {}) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

test('a fresh database holds the instance "default"', async () => {
  const list = await inject('GET', '/api/v1/instances');
  expect(list.statusCode).toBe(200);
  expect(list.json()).toMatchObject({
    kind: 'InstanceList',
    items: [{ name: 'default', namespace: 'azure-iot-operations' }],
    nextCursor: null,
  });
});

test('create, get, replace and delete an instance', async () => {
  const created = await inject('POST', '/api/v1/instances', {
    name: 'plant-3',
    namespace: 'aio-plant-3',
    description: 'Line A',
  });
  expect(created.statusCode).toBe(201);
  expect(created.headers.location).toBe('/api/v1/instances/plant-3');
  expect(created.json()).toMatchObject({ name: 'plant-3', namespace: 'aio-plant-3', description: 'Line A' });

  const got = await inject('GET', '/api/v1/instances/plant-3');
  expect(got.json()).toEqual(created.json());
  // Its resources are in its namespace.
  const endpoint = await inject('GET', '/api/v1/instances/plant-3/endpoints/default');
  expect(endpoint.json().metadata.namespace).toBe('aio-plant-3');

  expect((await inject('POST', '/api/v1/instances', { name: 'plant-3' })).statusCode).toBe(409);
  const stale = await inject(
    'PUT',
    '/api/v1/instances/plant-3',
    { name: 'plant-3', description: 'x' },
    { 'if-match': '"1"' },
  );
  expect(stale.statusCode).toBe(412);
  const replaced = await inject(
    'PUT',
    '/api/v1/instances/plant-3',
    { name: 'plant-3', namespace: 'aio-plant-3', description: 'Line B' },
    { 'if-match': created.headers.etag as string },
  );
  expect(replaced.statusCode).toBe(200);
  expect(replaced.json().description).toBe('Line B');

  // Only the defaults: nothing to lose, so no cascade needed.
  expect((await inject('DELETE', '/api/v1/instances/plant-3')).statusCode).toBe(204);
  expect((await inject('GET', '/api/v1/instances/plant-3')).statusCode).toBe(404);
});

test('deleting an instance that holds resources needs cascade=true', async () => {
  await inject('POST', '/api/v1/instances', { name: 'full' });
  await inject('POST', '/api/v1/instances/full/endpoints', mqttEndpoint('cloud'));
  await inject('POST', '/api/v1/instances/full/dataflows', dataflow('to-cloud', 'cloud'));

  const refused = await inject('DELETE', '/api/v1/instances/full');
  expect(refused.statusCode).toBe(409);
  expect(refused.json().detail).toContain('cascade=true');

  expect((await inject('DELETE', '/api/v1/instances/full?cascade=true')).statusCode).toBe(204);
  expect((await inject('GET', '/api/v1/instances/full/endpoints')).statusCode).toBe(404);
  expect(await t.db.dataflow.count({ where: { name: 'to-cloud' } })).toBe(0);
});

test('instance names follow the resource name rules', async () => {
  const res = await inject('POST', '/api/v1/instances', { name: 'Bad_Name', extra: 1 });
  expect(res.statusCode).toBe(400);
  expect(res.json().errors.map((e: { code: string; path: string }) => [e.code, e.path])).toEqual(
    expect.arrayContaining([
      ['schema.pattern', '/name'],
      ['schema.unknownField', '/extra'],
    ]),
  );
});
