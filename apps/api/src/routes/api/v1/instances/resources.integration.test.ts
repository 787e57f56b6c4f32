import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test-support/app.ts';
import { dataflow, kafkaEndpoint, mqttEndpoint, profile } from '../../../../test-support/resources.ts';

let t: TestApp;
let instanceCount = 0;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

/** A fresh instance per test, so tests never see each other's data. */
async function newInstance(): Promise<string> {
  const name = `inst-${++instanceCount}`;
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/instances', payload: { name } });
  expect(res.statusCode).toBe(201);
  return `/api/v1/instances/${name}`;
}

const send = (method: 'POST' | 'PUT' | 'DELETE' | 'GET', url: string, payload?: unknown, headers = {}) =>
  t.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers });

describe.each([
  [
    'endpoints',
    mqttEndpoint('plant-broker'),
    (r: { spec: { mqttSettings: { host: string } } }) => {
      r.spec.mqttSettings.host = 'other.example.com:8883';
    },
  ],
  [
    'profiles',
    profile('scaled', 2),
    (r: { spec: { instanceCount: number } }) => {
      r.spec.instanceCount = 3;
    },
  ],
  [
    'dataflows',
    dataflow('to-cloud'),
    (r: { spec: { operations: { destinationSettings?: { dataDestination: string } }[] } }) => {
      r.spec.operations[1]!.destinationSettings!.dataDestination = 'cloud/other';
    },
  ],
] as const)('CRUD of %s', (segment, body, change) => {
  test('create, get, list, replace and delete, with server metadata and ETags', async () => {
    const base = `${await newInstance()}/${segment}`;
    const name = body.metadata.name;

    const created = await send('POST', base, body);
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`${base}/${name}`);
    const stored = created.json();
    expect(stored).toMatchObject({ apiVersion: body.apiVersion, kind: body.kind, spec: body.spec });
    expect(stored.metadata).toMatchObject({ name, namespace: 'azure-iot-operations', generation: 1 });
    expect(stored.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(stored.metadata.creationTimestamp)).not.toBeNaN();
    expect(created.headers.etag).toBe(`"${stored.metadata.resourceVersion}"`);

    const got = await send('GET', `${base}/${name}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(stored);
    expect(got.headers.etag).toBe(created.headers.etag);

    const list = await send('GET', base);
    expect(list.json().items.map((r: { metadata: { name: string } }) => r.metadata.name)).toContain(name);

    // What GET returned can be sent back changed: PUT takes the Kubernetes resource as it is.
    const next = structuredClone(stored);
    change(next);
    const replaced = await send('PUT', `${base}/${name}`, next, { 'if-match': created.headers.etag });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().spec).toEqual(next.spec);
    expect(replaced.json().metadata.generation).toBe(2);
    expect(replaced.json().metadata.uid).toBe(stored.metadata.uid);
    expect(Number(replaced.json().metadata.resourceVersion)).toBeGreaterThan(
      Number(stored.metadata.resourceVersion),
    );

    // Labels alone change the version, not the generation (that counts spec changes).
    const labelled = {
      ...replaced.json(),
      metadata: { ...replaced.json().metadata, labels: { team: 'ops' } },
    };
    const relabelled = await send('PUT', `${base}/${name}`, labelled);
    expect(relabelled.json().metadata).toMatchObject({ labels: { team: 'ops' }, generation: 2 });

    const deleted = await send('DELETE', `${base}/${name}`, undefined, {
      'if-match': relabelled.headers.etag,
    });
    expect(deleted.statusCode).toBe(204);
    expect((await send('GET', `${base}/${name}`)).statusCode).toBe(404);
  });
});

test('YAML bodies are accepted, as kubectl sends them', async () => {
  const base = `${await newInstance()}/profiles`;
  const res = await t.app.inject({
    method: 'POST',
    url: base,
    headers: { 'content-type': 'application/yaml' },
    payload: `apiVersion: connectivity.iotoperations.azure.com/v1
kind: DataflowProfile
metadata:
  name: from-yaml
spec:
  instanceCount: 4
`,
  });
  expect(res.statusCode).toBe(201);
  expect(res.json().spec).toEqual({ instanceCount: 4 });
});

test('a new instance starts with the default endpoint and profile', async () => {
  const base = await newInstance();
  const endpoints = (await send('GET', `${base}/endpoints`)).json();
  expect(endpoints.items.map((e: { metadata: { name: string } }) => e.metadata.name)).toEqual(['default']);
  expect(endpoints.items[0].spec.mqttSettings.host).toBe('aio-broker:18883');
  const profiles = (await send('GET', `${base}/profiles`)).json();
  expect(profiles.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['default']);
});

describe('concurrency', () => {
  test('two editors of one version: one wins, the other gets 412 with the current version', async () => {
    const base = `${await newInstance()}/endpoints`;
    const created = await send('POST', base, mqttEndpoint('shared'));
    const etag = created.headers.etag as string;
    const edit = (host: string) => {
      const body = mqttEndpoint('shared', host);
      return send('PUT', `${base}/shared`, body, { 'if-match': etag });
    };
    const results = await Promise.all([edit('a.example.com:8883'), edit('b.example.com:8883')]);
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 412]);
    const winner = results.find((r) => r.statusCode === 200)!;
    const loser = results.find((r) => r.statusCode === 412)!;
    expect(loser.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(loser.json()).toMatchObject({
      status: 412,
      type: 'urn:flowplane:problem:precondition-failed',
      currentResourceVersion: winner.json().metadata.resourceVersion,
    });
    expect(loser.headers.etag).toBe(winner.headers.etag);
    // The winner's change is what is stored.
    expect((await send('GET', `${base}/shared`)).json().spec).toEqual(winner.json().spec);
  });

  test('a stale metadata.resourceVersion in the body is refused like a stale If-Match', async () => {
    const base = `${await newInstance()}/profiles`;
    const first = (await send('POST', base, profile('p-one'))).json();
    await send('PUT', `${base}/p-one`, { ...profile('p-one', 2) });
    const stale = await send('PUT', `${base}/p-one`, { ...first, spec: { instanceCount: 5 } });
    expect(stale.statusCode).toBe(412);
    const staleDelete = await send('DELETE', `${base}/p-one`, undefined, {
      'if-match': `"${first.metadata.resourceVersion}"`,
    });
    expect(staleDelete.statusCode).toBe(412);
    expect((await send('GET', `${base}/p-one`)).json().spec).toEqual({ instanceCount: 2 });
  });
});

describe('integrity', () => {
  test('deleting an endpoint or profile in use gets 409 naming the dataflows', async () => {
    const base = await newInstance();
    await send('POST', `${base}/endpoints`, mqttEndpoint('cloud'));
    await send('POST', `${base}/profiles`, profile('fast'));
    await send('POST', `${base}/dataflows`, dataflow('flow-a', 'cloud', 'fast'));
    await send('POST', `${base}/dataflows`, dataflow('flow-b', 'cloud', 'fast'));

    const endpoint = await send('DELETE', `${base}/endpoints/cloud`);
    expect(endpoint.statusCode).toBe(409);
    expect(endpoint.json()).toMatchObject({
      status: 409,
      type: 'urn:flowplane:problem:in-use',
      usedBy: [
        { kind: 'Dataflow', name: 'flow-a' },
        { kind: 'Dataflow', name: 'flow-b' },
      ],
    });
    expect(endpoint.json().detail).toContain('Dataflow/flow-a');
    const prof = await send('DELETE', `${base}/profiles/fast`);
    expect(prof.statusCode).toBe(409);
    expect(prof.json().usedBy).toHaveLength(2);

    // The list says how many use each endpoint.
    const list = (await send('GET', `${base}/endpoints`)).json();
    const usage = Object.fromEntries(
      list.items.map((e: { metadata: { name: string }; status: { usage: { dataflows: number } } }) => [
        e.metadata.name,
        e.status.usage.dataflows,
      ]),
    );
    expect(usage).toEqual({ cloud: 2, default: 2 });

    await send('DELETE', `${base}/dataflows/flow-a`);
    await send('DELETE', `${base}/dataflows/flow-b`);
    expect((await send('DELETE', `${base}/endpoints/cloud`)).statusCode).toBe(204);
    expect((await send('DELETE', `${base}/profiles/fast`)).statusCode).toBe(204);
  });

  test('the foreign keys refuse the delete even when the service check is bypassed', async () => {
    const base = await newInstance();
    await send('POST', `${base}/endpoints`, mqttEndpoint('fk-target'));
    await send('POST', `${base}/dataflows`, dataflow('fk-flow', 'fk-target'));
    const endpoint = await t.db.dataflowEndpoint.findFirstOrThrow({ where: { name: 'fk-target' } });
    await expect(t.db.dataflowEndpoint.delete({ where: { id: endpoint.id } })).rejects.toMatchObject({
      code: 'P2003',
    });
  });

  test('dataflow writes are checked against the stored endpoints and profiles (422 with paths)', async () => {
    const base = await newInstance();
    const res = await send(
      'POST',
      `${base}/dataflows`,
      dataflow('broken', 'missing-endpoint', 'missing-profile'),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ type: 'urn:flowplane:problem:rule-violation', status: 422 });
    expect(res.json().errors.map((e: { code: string; path: string }) => [e.code, e.path])).toEqual(
      expect.arrayContaining([
        ['ref.profile.notFound', '/spec/profileRef'],
        ['ref.endpoint.notFound', '/spec/operations/1/destinationSettings/endpointRef'],
      ]),
    );
    expect((await send('GET', `${base}/dataflows/broken`)).statusCode).toBe(404);

    // A Kafka endpoint without a consumer group cannot be a source.
    await send('POST', `${base}/endpoints`, kafkaEndpoint('kafka-in'));
    const kafkaSource = await send(
      'POST',
      `${base}/dataflows`,
      dataflow('from-kafka', 'default', 'default', 'kafka-in', ['telemetry']),
    );
    expect(kafkaSource.statusCode).toBe(422);
    expect(kafkaSource.json().errors.map((e: { code: string }) => e.code)).toContain(
      'dataflow.source.consumerGroup.required',
    );
  });

  test('changing an endpoint in a way that breaks the dataflows using it is refused', async () => {
    const base = await newInstance();
    await send('POST', `${base}/endpoints`, kafkaEndpoint('kafka-src', 'group-1'));
    const flow = dataflow('from-kafka', 'default', 'default', 'kafka-src', ['telemetry']);
    expect((await send('POST', `${base}/dataflows`, flow)).statusCode).toBe(201);
    const res = await send('PUT', `${base}/endpoints/kafka-src`, kafkaEndpoint('kafka-src'));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        code: 'dataflow.source.consumerGroup.required',
        resource: { kind: 'Dataflow', name: 'from-kafka' },
        path: '/spec/operations/0/sourceSettings/endpointRef',
      }),
    ]);
  });

  test('transformations must compile (422), as flowplane validate says', async () => {
    const base = await newInstance();
    const flow = dataflow('bad-map');
    flow.spec.operations.splice(1, 0, {
      operationType: 'BuiltInTransformation',
      builtInTransformationSettings: {
        map: [{ inputs: ['temperature'], output: 'f', expression: 'cToF($1' }],
      },
    } as never);
    const res = await send('POST', `${base}/dataflows`, flow);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        code: 'transformation.invalid',
        path: '/spec/operations/1/builtInTransformationSettings/map/0/expression',
      }),
    ]);
    expect((await send('POST', `${base}/dataflows?draft=true`, flow)).json().status.valid).toBe(false);
  });

  test('endpoint rules are checked on write (422)', async () => {
    const base = await newInstance();
    const res = await send('POST', `${base}/endpoints`, mqttEndpoint('no-port', 'broker.example.com'));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ code: 'host.port.missing', path: '/spec/mqttSettings/host' }),
    ]);
  });
});

describe('drafts', () => {
  test('a draft breaking rules is stored, marked invalid with its issues, listed as such', async () => {
    const base = await newInstance();
    const res = await send('POST', `${base}/dataflows?draft=true`, dataflow('wip', 'not-yet'));
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toMatchObject({ draft: true, valid: false });
    expect(res.json().status.issues).toEqual([
      expect.objectContaining({
        code: 'ref.endpoint.notFound',
        path: '/spec/operations/1/destinationSettings/endpointRef',
      }),
    ]);

    const drafts = (await send('GET', `${base}/dataflows?draft=true`)).json();
    expect(drafts.items.map((d: { metadata: { name: string } }) => d.metadata.name)).toEqual(['wip']);
    expect((await send('GET', `${base}/dataflows?draft=false`)).json().items).toEqual([]);

    // Finishing it: once the endpoint exists, saving without draft makes it a real dataflow.
    await send('POST', `${base}/endpoints`, mqttEndpoint('not-yet'));
    const done = await send('PUT', `${base}/dataflows/wip`, dataflow('wip', 'not-yet'));
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toMatchObject({ draft: false, valid: true });

    // Drafts must still match the schema.
    const bad = await send('POST', `${base}/dataflows?draft=true`, {
      ...dataflow('bad-draft'),
      spec: { profileRef: 7 },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('history', () => {
  test('every write appends a revision; a revision can be read and restored, also after a delete', async () => {
    const base = `${await newInstance()}/endpoints`;
    await send('POST', base, mqttEndpoint('hist', 'one.example.com:8883'), { from: 'alice@example.com' });
    await send('PUT', `${base}/hist`, mqttEndpoint('hist', 'two.example.com:8883'), {
      from: 'bob@example.com',
    });
    await send('DELETE', `${base}/hist`);

    const history = await send('GET', `${base}/hist/revisions`);
    expect(history.statusCode).toBe(200);
    expect(
      history
        .json()
        .items.map((r: { revision: number; operation: string; actor?: string }) => [
          r.revision,
          r.operation,
          r.actor,
        ]),
    ).toEqual([
      [3, 'delete', undefined],
      [2, 'update', 'bob@example.com'],
      [1, 'create', 'alice@example.com'],
    ]);

    const first = await send('GET', `${base}/hist/revisions/1`);
    expect(first.json().resource.spec.mqttSettings.host).toBe('one.example.com:8883');

    const restored = await send('POST', `${base}/hist/revisions/1/restore`);
    expect(restored.statusCode).toBe(201);
    expect(restored.json().spec.mqttSettings.host).toBe('one.example.com:8883');
    const again = await send('POST', `${base}/hist/revisions/2/restore`);
    expect(again.statusCode).toBe(200);
    expect(again.json().spec.mqttSettings.host).toBe('two.example.com:8883');
    const ops = (await send('GET', `${base}/hist/revisions`))
      .json()
      .items.map((r: { operation: string }) => r.operation);
    expect(ops.slice(0, 2)).toEqual(['restore', 'restore']);

    expect((await send('GET', `${base}/hist/revisions/99`)).statusCode).toBe(404);
    expect((await send('GET', `${base}/never/revisions`)).statusCode).toBe(404);
  });
});

describe('lists', () => {
  test('filters and cursor pagination', async () => {
    const base = await newInstance();
    for (let i = 0; i < 5; i++) await send('POST', `${base}/endpoints`, mqttEndpoint(`mqtt-${i}`));
    await send('POST', `${base}/endpoints`, kafkaEndpoint('kafka-one', 'g'));
    await send('POST', `${base}/profiles`, profile('other'));
    await send('POST', `${base}/dataflows`, dataflow('f-one', 'mqtt-1'));
    await send('POST', `${base}/dataflows`, dataflow('f-two', 'mqtt-2', 'other'));

    const names = (res: { json: () => { items: { metadata: { name: string } }[] } }) =>
      res.json().items.map((i) => i.metadata.name);
    expect(names(await send('GET', `${base}/endpoints?type=Kafka`))).toEqual(['kafka-one']);
    expect(names(await send('GET', `${base}/endpoints?q=mqtt-`))).toEqual([
      'mqtt-0',
      'mqtt-1',
      'mqtt-2',
      'mqtt-3',
      'mqtt-4',
    ]);
    expect(names(await send('GET', `${base}/dataflows?profile=other`))).toEqual(['f-two']);
    expect(names(await send('GET', `${base}/dataflows?endpoint=mqtt-1`))).toEqual(['f-one']);

    const seen: string[] = [];
    let url = `${base}/endpoints?limit=3`;
    for (;;) {
      const page = await send('GET', url);
      expect(page.statusCode).toBe(200);
      seen.push(...names(page));
      const next = page.json().nextCursor as string | null;
      if (next === null) break;
      url = `${base}/endpoints?limit=3&cursor=${next}`;
    }
    expect(seen).toEqual(['default', 'kafka-one', 'mqtt-0', 'mqtt-1', 'mqtt-2', 'mqtt-3', 'mqtt-4']);

    const badCursor = await send('GET', `${base}/endpoints?cursor=%25%25`);
    expect(badCursor.statusCode).toBe(400);
    const badLimit = await send('GET', `${base}/endpoints?limit=0`);
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json().errors).toEqual([
      expect.objectContaining({ path: '/limit', code: 'schema.minimum', in: 'querystring' }),
    ]);
  });

  test('pages carry an ETag (304 when unchanged) and follow every change, usage counts included', async () => {
    const base = await newInstance();
    const first = await send('GET', `${base}/endpoints`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    expect((await send('GET', `${base}/endpoints`, undefined, { 'if-none-match': etag })).statusCode).toBe(
      304,
    );

    await send('POST', `${base}/endpoints`, mqttEndpoint('late'));
    const second = await send('GET', `${base}/endpoints`, undefined, { 'if-none-match': etag });
    expect(second.statusCode).toBe(200);
    expect(second.json().items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual([
      'default',
      'late',
    ]);

    // A dataflow write changes the endpoints' usage, and so the endpoint list.
    await send('POST', `${base}/dataflows`, dataflow('uses-late', 'late'));
    const third = (await send('GET', `${base}/endpoints?q=late`)).json();
    expect(third.items[0].status.usage).toEqual({ dataflows: 1, graphs: 0 });
    await send('DELETE', `${base}/dataflows/uses-late`);
    await send('PUT', `${base}/endpoints/late`, mqttEndpoint('late', 'moved.example.com:8883'));
    const fourth = (await send('GET', `${base}/endpoints?q=late`)).json();
    expect(fourth.items[0].status.usage).toEqual({ dataflows: 0, graphs: 0 });
    expect(fourth.items[0].spec.mqttSettings.host).toBe('moved.example.com:8883');
    await send('DELETE', `${base}/endpoints/late`);
    expect((await send('GET', `${base}/endpoints?q=late`)).json().items).toEqual([]);
  });
});
