import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { startTestApp, type TestApp } from '../../../../../test-support/app.ts';
import {
  ARM_EXAMPLES,
  cliFixture,
  dataflow,
  fixture,
  mqttEndpoint,
  profile,
} from '../../../../../test-support/resources.ts';

let t: TestApp;
let count = 0;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

async function newInstance(): Promise<string> {
  const name = `bundle-${++count}`;
  expect(
    (await t.app.inject({ method: 'POST', url: '/api/v1/instances', payload: { name } })).statusCode,
  ).toBe(201);
  return `/api/v1/instances/${name}`;
}

const yaml = (...docs: unknown[]) => docs.map((d) => stringify(d)).join('---\n');

function post(url: string, text: string, type = 'application/yaml') {
  return t.app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload: text });
}

const names = (items: { metadata: { name: string } }[]) => items.map((i) => i.metadata.name);

async function list(base: string, segment: string): Promise<string[]> {
  return names((await t.app.inject({ method: 'GET', url: `${base}/${segment}` })).json().items);
}

describe('import', () => {
  test("every example payload of Microsoft's API imports as ARM JSON, or is refused with its errors", async () => {
    const base = await newInstance();
    // The endpoints the dataflow examples reference (as the CLI's fixture context gives them).
    const context = await post(`${base}/import`, await cliFixture('fixture-context.yaml'));
    expect(context.statusCode).toBe(200);
    expect(context.json().plan.map((p: { action: string }) => p.action)).toEqual([
      'create',
      'create',
      'create',
    ]);

    const refused: Record<string, string[]> = {
      // "Kubernetes" is the pre-GA name of ServiceAccountToken; the model rejects it.
      'endpoints/DataflowEndpoint_CreateOrUpdate_AIO.json': [
        'schema.enum /spec/mqttSettings/authentication/method',
      ],
      // Settings blocks of several endpoint types at once.
      'endpoints/DataflowEndpoint_CreateOrUpdate_MaximumSet_Gen.json': expect.arrayContaining([
        'endpoint.settings.unexpected /spec/kafkaSettings',
      ]) as unknown as string[],
      // Generated test data: its expressions do not compile.
      'dataflows/Dataflow_CreateOrUpdate_MaximumSet_Gen.json': [
        'transformation.invalid /spec/operations/0/builtInTransformationSettings/datasets/0/expression',
        'transformation.invalid /spec/operations/0/builtInTransformationSettings/filter/0/expression',
        'transformation.invalid /spec/operations/0/builtInTransformationSettings/map/0/expression',
      ],
      // A Data Explorer destination needs a schemaRef.
      'dataflows/Dataflow_CreateOrUpdate_ComplexContextualization.json': expect.arrayContaining([
        expect.stringMatching(/^dataflow\.destination\.schema\.required /),
      ]) as unknown as string[],
    };
    const files = async (dir: string) =>
      (await readdir(new URL(`${dir}/`, ARM_EXAMPLES))).sort().map((f) => `${dir}/${f}`);
    const graphExample = 'dataflows/DataflowGraph_CreateOrUpdate_MaximumSet_Gen.json';
    const all = [...(await files('endpoints')), ...(await files('profiles')), ...(await files('dataflows'))];
    expect(all).toHaveLength(20);
    for (const file of all.filter((f) => f !== graphExample)) {
      const res = await post(`${base}/import`, await fixture(file), 'application/json');
      const expected = refused[file];
      if (expected) {
        expect(res.statusCode, file).toBe(422);
        expect(
          res.json().errors.map((e: { code: string; path: string }) => `${e.code} ${e.path}`),
          file,
        ).toEqual(expected);
      } else {
        expect(res.statusCode, `${file}: ${res.body}`).toBe(200);
        expect(res.json().valid).toBe(true);
      }
    }
    expect(await list(base, 'endpoints')).toEqual([
      'adlsv2-endpoint',
      'adx-endpoint',
      'aio-builtin-broker-endpoint',
      'default',
      'event-grid-endpoint',
      'event-hub-endpoint',
      'fabric-endpoint',
      'generic-kafka-endpoint',
      'generic-mqtt-broker-endpoint',
      'iixotodhvhkkfcfyrkoveslqig',
      'kybkchnzimerguekuvqlqiqdvvrt',
      'local-storage-endpoint',
    ]);
    expect(await list(base, 'profiles')).toEqual(['aio-dataflowprofile', 'default', 'resource-name123']);
    expect(await list(base, 'dataflows')).toEqual([
      'aio-to-event-grid',
      'aio-to-event-hub-transformed',
      'aio-to-fabric',
      'mqtt-filter-to-topic',
    ]);

    // The graph example, with the profile and endpoints it references.
    expect((await post(`${base}/import`, await cliFixture('graph-context.yaml'))).statusCode).toBe(200);
    const graph = await post(`${base}/import`, await fixture(graphExample), 'application/json');
    expect(graph.statusCode, graph.body).toBe(200);
    expect(await list(base, 'graphs')).toEqual(['resource-123']);
    const inUse = await t.app.inject({ method: 'DELETE', url: `${base}/endpoints/fabric` });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().usedBy).toEqual([{ kind: 'DataflowGraph', name: 'resource-123' }]);
  });

  test('graphs: get, replace with If-Match, history, delete', async () => {
    const base = await newInstance();
    await post(`${base}/import`, await cliFixture('graph-context.yaml'));
    await post(
      `${base}/import`,
      await fixture('dataflows/DataflowGraph_CreateOrUpdate_MaximumSet_Gen.json'),
      'application/json',
    );
    const url = `${base}/graphs/resource-123`;
    const got = await t.app.inject({ method: 'GET', url });
    expect(got.statusCode).toBe(200);
    expect(got.json().status).toMatchObject({ draft: false, valid: true });
    const changed = structuredClone(got.json());
    changed.spec.mode = 'Disabled';
    const put = await t.app.inject({
      method: 'PUT',
      url,
      payload: changed,
      headers: { 'if-match': got.headers.etag as string },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().metadata.generation).toBe(2);
    const stale = await t.app.inject({
      method: 'PUT',
      url,
      payload: changed,
      headers: { 'if-match': got.headers.etag as string },
    });
    expect(stale.statusCode).toBe(412);
    const history = await t.app.inject({ method: 'GET', url: `${url}/revisions` });
    expect(history.json().items.map((r: { operation: string }) => r.operation)).toEqual(['update', 'import']);
    expect((await t.app.inject({ method: 'DELETE', url })).statusCode).toBe(204);
    // With the graph gone, its endpoint can go too.
    expect((await t.app.inject({ method: 'DELETE', url: `${base}/endpoints/fabric` })).statusCode).toBe(204);
  });

  test('dry run returns the plan and issues without writing', async () => {
    const base = await newInstance();
    await post(`${base}/import`, yaml(mqttEndpoint('existing'), profile('same')));
    const bundle = yaml(
      mqttEndpoint('existing', 'changed.example.com:8883'),
      profile('same'),
      mqttEndpoint('brand-new'),
    );
    const res = await post(`${base}/import?dryRun=true`, bundle);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: true,
      valid: true,
      plan: [
        { kind: 'DataflowEndpoint', name: 'existing', action: 'update', document: 0 },
        { kind: 'DataflowProfile', name: 'same', action: 'unchanged', document: 1 },
        { kind: 'DataflowEndpoint', name: 'brand-new', action: 'create', document: 2 },
      ],
    });
    expect(await list(base, 'endpoints')).toEqual(['default', 'existing']);

    const invalid = await post(`${base}/import?dryRun=true`, yaml(dataflow('orphan', 'nowhere')));
    expect(invalid.statusCode).toBe(200);
    expect(invalid.json().valid).toBe(false);
    expect(invalid.json().issues).toEqual([
      expect.objectContaining({
        code: 'ref.endpoint.notFound',
        document: 0,
        resource: { kind: 'Dataflow', name: 'orphan' },
      }),
    ]);
  });

  test('one bad document and nothing is written (422 with the document and path)', async () => {
    const base = await newInstance();
    const bundle = yaml(
      mqttEndpoint('good-one'),
      profile('good-profile'),
      mqttEndpoint('bad-one', 'no-port.example.com'),
    );
    const res = await post(`${base}/import`, bundle);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ code: 'host.port.missing', path: '/spec/mqttSettings/host', document: 2 }),
    ]);
    expect(await list(base, 'endpoints')).toEqual(['default']);
    expect(await list(base, 'profiles')).toEqual(['default']);
  });

  test('unreadable text is a 400 with line and column', async () => {
    const base = await newInstance();
    const res = await post(`${base}/import`, 'kind: DataflowEndpoint\nmetadata: [unclosed\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ code: 'manifest.syntax', document: 0 });
    expect(res.json().errors[0].line).toBeGreaterThan(0);
  });

  test('imports are recorded in the history, and lists show them at once', async () => {
    const base = await newInstance();
    expect(await list(base, 'endpoints')).toEqual(['default']);
    await post(`${base}/import`, yaml(mqttEndpoint('imported')), 'application/yaml');
    expect(await list(base, 'endpoints')).toEqual(['default', 'imported']);
    const history = await t.app.inject({ method: 'GET', url: `${base}/endpoints/imported/revisions` });
    expect(history.json().items.map((r: { operation: string }) => r.operation)).toEqual(['import']);
  });
});

describe('validate', () => {
  test('checks submitted resources against the stored ones without saving', async () => {
    const base = await newInstance();
    await post(`${base}/import`, yaml(mqttEndpoint('stored-target')));
    const ok = await post(
      `${base}/validate`,
      JSON.stringify([dataflow('would-work', 'stored-target')]),
      'application/json',
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ valid: true, issues: [] });

    const bad = await post(`${base}/validate`, yaml(dataflow('would-fail', 'missing')));
    expect(bad.statusCode).toBe(200);
    expect(bad.json().valid).toBe(false);
    expect(bad.json().issues).toEqual([
      expect.objectContaining({
        code: 'ref.endpoint.notFound',
        path: '/spec/operations/1/destinationSettings/endpointRef',
        document: 0,
      }),
    ]);
    expect(await list(base, 'dataflows')).toEqual([]);
  });

  test('follows the stored resources as they change (validation keeps a snapshot per instance)', async () => {
    const base = await newInstance();
    const check = async () =>
      (await post(`${base}/validate`, yaml(dataflow('uses-late', 'late-target')))).json();
    expect((await check()).issues.map((i: { code: string }) => i.code)).toEqual(['ref.endpoint.notFound']);
    const created = await t.app.inject({
      method: 'POST',
      url: `${base}/endpoints`,
      payload: mqttEndpoint('late-target'),
    });
    expect(created.statusCode).toBe(201);
    expect(await check()).toEqual({ valid: true, issues: [] });
    const removed = await t.app.inject({ method: 'DELETE', url: `${base}/endpoints/late-target` });
    expect(removed.statusCode).toBe(204);
    expect((await check()).valid).toBe(false);
  });

  test('documents of any shape get issues, never a server error', async () => {
    const base = await newInstance();
    const junk = JSON.stringify([
      { kind: 'Dataflow' },
      { kind: 'DataflowEndpoint', metadata: null, spec: 7 },
      { apiVersion: 1 },
    ]);
    for (const route of ['validate', 'import?dryRun=true', 'import']) {
      const res = await post(`${base}/${route}`, junk, 'application/json');
      expect(res.statusCode, `${route}: ${res.body}`).toBeLessThan(500);
    }
    // Not recognisable as resources at all: the reader refuses them, naming each document.
    const res = await post(`${base}/validate`, junk, 'application/json');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { document: number }) => e.document)).toEqual([0, 1, 2]);
    // Recognisable but broken: 200 with the schema findings.
    const broken = await post(
      `${base}/validate`,
      JSON.stringify([{ ...dataflow('broken-one'), metadata: null }]),
      'application/json',
    );
    expect(broken.statusCode, broken.body).toBe(200);
    expect(broken.json().valid).toBe(false);
  });
});

describe('export', () => {
  async function populated(): Promise<string> {
    const base = await newInstance();
    const res = await post(
      `${base}/import`,
      yaml(
        mqttEndpoint('cloud-broker'),
        profile('scaled', 2),
        dataflow('to-cloud', 'cloud-broker', 'scaled'),
        dataflow('local-copy'),
      ),
    );
    expect(res.statusCode).toBe(200);
    // A draft is never exported.
    await t.app.inject({
      method: 'POST',
      url: `${base}/dataflows?draft=true`,
      payload: dataflow('draft-flow', 'missing'),
    });
    return base;
  }

  const exportOf = (base: string, query: string) =>
    t.app.inject({ method: 'GET', url: `${base}/export?${query}` });

  test('kubernetes export → import into another instance → the same export', async () => {
    const source = await populated();
    const first = await exportOf(source, 'format=kubernetes');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/yaml/);
    expect(first.body).not.toContain('draft-flow');
    expect(first.body).not.toContain('resourceVersion');

    const target = await newInstance();
    const imported = await post(`${target}/import`, first.body);
    expect(imported.statusCode).toBe(200);
    // default endpoint and profile exist in both instances, identical.
    expect(
      imported
        .json()
        .plan.filter((p: { action: string }) => p.action === 'unchanged')
        .map((p: { name: string }) => p.name),
    ).toEqual(['default', 'default']);
    const second = await exportOf(target, 'format=kubernetes');
    expect(second.body).toBe(first.body);
  });

  test('ARM export → import → the same resources', async () => {
    const source = await populated();
    const arm = await exportOf(source, 'format=arm&apiVersion=2025-10-01');
    expect(arm.statusCode).toBe(200);
    expect(JSON.parse(arm.body).resources.length).toBe(6);
    const target = await newInstance();
    const imported = await post(`${target}/import`, arm.body, 'application/json');
    expect(imported.statusCode, imported.body).toBe(200);
    expect((await exportOf(target, 'format=kubernetes')).body).toBe(
      (await exportOf(source, 'format=kubernetes')).body,
    );
  });

  test('bicep and name selection', async () => {
    const source = await populated();
    const bicep = await exportOf(source, 'format=bicep&names=cloud-broker');
    expect(bicep.statusCode).toBe(200);
    expect(bicep.headers['content-type']).toMatch(/^text\/plain/);
    expect(bicep.body).toContain("'cloud-broker'");
    expect(bicep.body).not.toContain('to-cloud');
    const unknownVersion = await exportOf(source, 'format=arm&apiVersion=2019-01-01');
    expect(unknownVersion.statusCode).toBe(422);
    expect(unknownVersion.json().errors[0].code).toBe('apiVersion.unknown');
    const badFormat = await exportOf(source, 'format=helm');
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json().errors[0]).toMatchObject({ path: '/format', code: 'schema.enum' });
  });
});
