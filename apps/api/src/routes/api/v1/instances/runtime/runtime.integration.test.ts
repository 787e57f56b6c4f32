import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { API_VERSION } from '@flowplane/model';
import { TestClient } from '@flowplane/runtime/test-support';
import { runtimeEnvironment, startRuntimeServer, type RuntimeServer } from '@flowplane/runtime-app';
import { buildApp } from '../../../../../app.ts';
import { readMigrations } from '../../../../../db/migrate.ts';
import { startTestApp, type TestApp } from '../../../../../test-support/app.ts';

/*
 * Deploys through the API to a real runtime (started here on a free port) that moves messages through the
 * machine's Mosquitto on 127.0.0.1:1883. Names and topics carry a per-run id, so runs never share sessions.
 */

const BROKER = process.env.FLOWPLANE_TEST_BROKER ?? 'mqtt://127.0.0.1:1883';
const run = randomUUID().slice(0, 8);
const FLOW = `thermo-${run}`;
const DRAFT = `draft-${run}`;
const TOPIC_IN = `flowplane-test/${run}/plant/+/temperature`;
const TOPIC_OUT = `flowplane-test/${run}/processed`;

let storageRoot: string;
let runtime: RuntimeServer;
let t: TestApp;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  storageRoot = await mkdtemp(join(tmpdir(), 'flowplane-api-runtime-'));
  runtime = await startRuntimeServer({
    environment: runtimeEnvironment({ localBroker: BROKER, storageRoot }),
    port: 0,
  });
  t = await startTestApp({ runtime: { url: runtime.url, instance: 'default', embedded: false } });
});
afterAll(async () => {
  while (closers.length > 0) await closers.pop()!();
  await t?.close();
  await runtime?.close();
  await rm(storageRoot, { recursive: true, force: true });
});

const base = '/api/v1/instances/default';

function thermostat(mode?: 'Enabled' | 'Disabled') {
  return {
    apiVersion: API_VERSION,
    kind: 'Dataflow',
    metadata: { name: FLOW },
    spec: {
      profileRef: 'default',
      ...(mode ? { mode } : {}),
      operations: [
        { operationType: 'Source', sourceSettings: { endpointRef: 'default', dataSources: [TOPIC_IN] } },
        {
          operationType: 'BuiltInTransformation',
          builtInTransformationSettings: {
            map: [
              { inputs: ['deviceId'], output: 'device' },
              { inputs: ['temperature'], output: 'temperatureF', expression: '$1 * 9 / 5 + 32' },
            ],
          },
        },
        {
          operationType: 'Destination',
          destinationSettings: { endpointRef: 'default', dataDestination: TOPIC_OUT },
        },
      ],
    },
  };
}

interface Deployment {
  id: number;
  instance: string;
  target: string;
  outcome: string;
  resourceCount: number;
  actor?: string;
  plan?: { kind: string; name: string; action: string; reason?: string }[];
  issues: { path: string; code: string; resource?: { kind: string; name: string }; document?: number }[];
  detail?: string;
  requestedAt: string;
  finishedAt: string;
}

interface RuntimeDataflow {
  name: string;
  state: string;
  counters: { received: number; emitted: number };
}

async function deploy(app: FastifyInstance = t.app, instance = 'default') {
  return app.inject({
    method: 'POST',
    url: `/api/v1/instances/${instance}/deploy`,
    headers: { from: 'alice@example.com' },
  });
}

async function client(): Promise<TestClient> {
  const c = await TestClient.connect(BROKER);
  closers.push(() => c.close());
  return c;
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A second app over the test database, pointed at another runtime. */
async function appWith(url: string | undefined, instance = 'default'): Promise<FastifyInstance> {
  const app = await buildApp({
    db: t.db,
    migrations: await readMigrations(),
    logLevel: 'silent',
    ...(url !== undefined ? { runtime: { url, instance, embedded: false } } : {}),
  });
  closers.push(() => app.close());
  return app;
}

describe('deploying to a real runtime', () => {
  let first: Deployment;

  test('deploys the stored resources but not drafts; the dataflow moves and transforms messages', async () => {
    const created = await t.app.inject({ method: 'POST', url: `${base}/dataflows`, payload: thermostat() });
    expect(created.statusCode).toBe(201);
    const draft = thermostat();
    draft.metadata.name = DRAFT;
    draft.spec.operations[2]!.destinationSettings!.endpointRef = 'nowhere';
    const drafted = await t.app.inject({
      method: 'POST',
      url: `${base}/dataflows?draft=true`,
      payload: draft,
    });
    expect(drafted.statusCode).toBe(201);
    expect(drafted.json().status).toMatchObject({ draft: true, valid: false });

    const res = await deploy();
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      deployment: Deployment;
      plan: Deployment['plan'];
      dataflows: RuntimeDataflow[];
    }>();
    expect(body.plan).toEqual([{ kind: 'Dataflow', name: FLOW, action: 'start' }]);
    expect(body.dataflows.map((d) => d.name)).toEqual([FLOW]);
    expect(body.deployment).toMatchObject({
      instance: 'default',
      target: runtime.url,
      outcome: 'succeeded',
      resourceCount: 3,
      actor: 'alice@example.com',
      plan: body.plan,
      issues: [],
    });
    first = body.deployment;
    expect(Date.parse(first.finishedAt)).toBeGreaterThanOrEqual(Date.parse(first.requestedAt));

    // The record holds exactly what was sent: Kubernetes resources without server metadata, no draft.
    const record = await t.app.inject({ method: 'GET', url: `${base}/deployments/${first.id}` });
    expect(record.statusCode).toBe(200);
    const sent = record.json<{ resources: { kind: string; metadata: Record<string, unknown> }[] }>()
      .resources;
    expect(sent.map((r) => `${r.kind}/${String(r.metadata.name)}`)).toEqual([
      'DataflowEndpoint/default',
      'DataflowProfile/default',
      `Dataflow/${FLOW}`,
    ]);
    for (const resource of sent) {
      expect(Object.keys(resource).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
      expect(Object.keys(resource.metadata).sort()).toEqual(['name', 'namespace']);
    }

    const out = await client();
    await out.subscribe(TOPIC_OUT);
    const input = await client();
    await input.publish(TOPIC_IN.replace('+', 'boiler-7'), { deviceId: 'b7', temperature: 20 });
    const [message] = await out.waitFor(1);
    expect(message).toMatchObject({ topic: TOPIC_OUT, payload: { device: 'b7', temperatureF: 68 } });

    // Counters move when the destination acknowledged the write, just after the message arrived.
    const status = await eventually(async () => {
      const got = await t.app.inject({ method: 'GET', url: `${base}/runtime` });
      expect(got.statusCode).toBe(200);
      const body = got.json<{ dataflows: RuntimeDataflow[] }>();
      return body.dataflows[0]?.counters.emitted === 1 ? body : undefined;
    });
    expect(status).toMatchObject({
      instance: 'default',
      target: runtime.url,
      embedded: false,
      localBroker: BROKER,
      deployment: { id: first.id, outcome: 'succeeded' },
    });
    expect(status.dataflows).toHaveLength(1);
    expect(status.dataflows[0]).toMatchObject({ name: FLOW, state: 'running' });
    expect(status.dataflows[0]!.counters).toMatchObject({ received: 1, emitted: 1 });
  });

  test('streams samples of the messages, before and after the transformation, as server-sent events', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const url = `http://127.0.0.1:${address.port}${base}/runtime/dataflows`;

    const missing = await fetch(`${url}/no-such-flow/tap`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');

    const controller = new AbortController();
    const stream = await fetch(`${url}/${FLOW}/tap`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    const input = await client();
    await input.publish(TOPIC_IN.replace('+', 'boiler-9'), { deviceId: 'b9', temperature: 30 });
    let text = '';
    while (!text.includes('event: message')) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
    }
    controller.abort();
    const data = text.split('\n').find((line) => line.startsWith('data: '));
    expect(JSON.parse(data!.slice('data: '.length))).toMatchObject({
      topic: TOPIC_IN.replace('+', 'boiler-9'),
      before: { payload: { deviceId: 'b9', temperature: 30 } },
      after: { payload: { device: 'b9', temperatureF: 86 } },
    });
  });

  test('an unchanged set is unchanged; a disabled dataflow is sent with mode Disabled', async () => {
    // A body is not needed, and one that comes anyway is ignored.
    const again = await t.app.inject({
      method: 'POST',
      url: `${base}/deploy`,
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().deployment.actor).toBeUndefined();
    expect(again.json().plan).toEqual([{ kind: 'Dataflow', name: FLOW, action: 'unchanged' }]);

    const current = await t.app.inject({ method: 'GET', url: `${base}/dataflows/${FLOW}` });
    const replaced = await t.app.inject({
      method: 'PUT',
      url: `${base}/dataflows/${FLOW}`,
      headers: { 'if-match': current.headers.etag! },
      payload: thermostat('Disabled'),
    });
    expect(replaced.statusCode).toBe(200);
    const disabled = await deploy();
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().plan).toEqual([
      { kind: 'Dataflow', name: FLOW, action: 'disable', reason: 'mode: Disabled' },
    ]);
    const status = await t.app.inject({ method: 'GET', url: `${base}/runtime` });
    expect(status.json().dataflows[0]).toMatchObject({ name: FLOW, state: 'disabled' });
    expect(status.json().deployment.id).toBe(disabled.json().deployment.id);
  });

  test('deployments are listed newest first, a page at a time', async () => {
    const all = await t.app.inject({ method: 'GET', url: `${base}/deployments` });
    expect(all.statusCode).toBe(200);
    const items = all.json<{ kind: string; items: Deployment[]; nextCursor: string | null }>();
    expect(items.kind).toBe('DeploymentList');
    expect(items.items).toHaveLength(3);
    expect(items.items.map((d) => d.id)).toEqual([...items.items.map((d) => d.id)].sort((a, b) => b - a));
    expect(items.items.at(-1)!.id).toBe(first.id);
    expect(items.nextCursor).toBeNull();
    expect(items.items[0]).not.toHaveProperty('resources');

    const page1 = (await t.app.inject({ method: 'GET', url: `${base}/deployments?limit=2` })).json();
    expect(page1.items.map((d: Deployment) => d.id)).toEqual(items.items.slice(0, 2).map((d) => d.id));
    const page2 = (
      await t.app.inject({ method: 'GET', url: `${base}/deployments?limit=2&cursor=${page1.nextCursor}` })
    ).json();
    expect(page2.items.map((d: Deployment) => d.id)).toEqual([first.id]);
    expect(page2.nextCursor).toBeNull();

    const bad = await t.app.inject({ method: 'GET', url: `${base}/deployments?cursor=nope!` });
    expect(bad.statusCode).toBe(400);
    const missing = await t.app.inject({ method: 'GET', url: `${base}/deployments/999999` });
    expect(missing.statusCode).toBe(404);
  });

  test('a restarted runtime gets the last succeeded set again (resume)', async () => {
    const fresh = await startRuntimeServer({
      environment: runtimeEnvironment({ localBroker: BROKER, storageRoot }),
      port: 0,
    });
    closers.push(() => fresh.close());
    const app = await appWith(fresh.url);
    // Before: the fresh runtime runs nothing, and no deployment to it is live.
    const before = (await app.inject({ method: 'GET', url: `${base}/runtime` })).json();
    expect(before).toMatchObject({ dataflows: [], deployment: null, target: fresh.url });

    const resumed = await app.services.deployments.resume();
    expect(resumed?.plan).toEqual([
      { kind: 'Dataflow', name: FLOW, action: 'disable', reason: 'mode: Disabled' },
    ]);
    expect(resumed?.deployment).toMatchObject({
      actor: 'flowplane',
      outcome: 'succeeded',
      target: fresh.url,
    });
    const after = (await app.inject({ method: 'GET', url: `${base}/runtime` })).json();
    expect(after.deployment.id).toBe(resumed!.deployment.id);
  });
});

describe('when the runtime cannot take the set', () => {
  test('unreachable: 502 naming the URL, recorded as failed', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const app = await appWith(url);
    const res = await deploy(app);
    expect(res.statusCode).toBe(502);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({
      type: 'urn:flowplane:problem:runtime-unavailable',
      status: 502,
      target: url,
    });
    expect(problem.detail).toContain(url);
    const record = (
      await app.inject({ method: 'GET', url: `${base}/deployments/${problem.deployment}` })
    ).json();
    expect(record).toMatchObject({ outcome: 'failed', target: url, actor: 'alice@example.com' });
    expect(record.detail).toContain(url);
    expect(record).not.toHaveProperty('plan');

    const failed = (await app.inject({ method: 'GET', url: `${base}/deployments?outcome=failed` })).json();
    expect(failed.items.map((d: Deployment) => d.id)).toContain(problem.deployment);

    const status = await app.inject({ method: 'GET', url: `${base}/runtime` });
    expect(status.statusCode).toBe(502);
    expect(status.json().detail).toContain(url);
  });

  test("refused: 422 with the runtime's errors, recorded as refused", async () => {
    const fakeRuntime = Fastify();
    fakeRuntime.put('/v1/desired', async (_request, reply) =>
      reply
        .status(422)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: 'Invalid resources',
          status: 422,
          detail: 'the set was refused; nothing changed',
          errors: [
            {
              path: '/2/spec/operations/0/sourceSettings/dataSources/0',
              code: 'topic.invalid',
              message: 'Not a valid topic filter.',
              resource: `Dataflow/${FLOW}`,
            },
          ],
          warnings: [],
        }),
    );
    fakeRuntime.get('/v1/status', async () => ({
      // A runtime that started after every deployment: none of them is live there.
      startedAt: new Date(Date.now() + 3_600_000).toISOString(),
      replica: 0,
      localBroker: 'mqtt://127.0.0.1:1883',
      dataflows: [],
    }));
    const url = await fakeRuntime.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => fakeRuntime.close());
    const app = await appWith(url);

    const res = await deploy(app);
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem).toMatchObject({ type: 'urn:flowplane:problem:runtime-refused', target: url });
    expect(problem.errors).toEqual([
      {
        path: '/spec/operations/0/sourceSettings/dataSources/0',
        code: 'topic.invalid',
        message: 'Not a valid topic filter.',
        severity: 'error',
        resource: { kind: 'Dataflow', name: FLOW },
        document: 2,
      },
    ]);
    const record = (
      await app.inject({ method: 'GET', url: `${base}/deployments/${problem.deployment}` })
    ).json();
    expect(record).toMatchObject({ outcome: 'refused', issues: problem.errors, resourceCount: 3 });

    const status = (await app.inject({ method: 'GET', url: `${base}/runtime` })).json();
    expect(status.deployment).toBeNull();
  });
});

describe('which runtime serves which instance', () => {
  test('no runtime configured: 409 saying how to configure one', async () => {
    const app = await appWith(undefined);
    const res = await deploy(app);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/No runtime is configured.*FLOWPLANE_RUNTIME_URL/);
    expect((await app.inject({ method: 'GET', url: `${base}/runtime` })).statusCode).toBe(409);
    // Said beforehand too: the instance's record names no runtime.
    expect((await app.inject({ method: 'GET', url: base })).json().runtime).toBeNull();
  });

  test('another instance than the one the runtime serves: 409; an unknown one: 404', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/instances',
      payload: { name: 'other' },
    });
    expect(created.statusCode).toBe(201);
    // The records say which instance the runtime serves, so clients need not try.
    expect(created.json().runtime).toBeNull();
    const records = (await t.app.inject({ method: 'GET', url: '/api/v1/instances' })).json().items;
    expect(records.map((r: { name: string; runtime: unknown }) => [r.name, r.runtime])).toEqual([
      ['default', { url: runtime.url, embedded: false }],
      ['other', null],
    ]);
    const res = await deploy(t.app, 'other');
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('serves instance "default", not "other"');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/instances/other/deployments' })).json().items,
    ).toEqual([]);
    expect((await deploy(t.app, 'missing')).statusCode).toBe(404);
  });
});
