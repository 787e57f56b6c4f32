// The control API against a real Mosquitto: desired state in (YAML or JSON), status, metrics, tap, tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Broker,
  TestClient,
  dataflow,
  instance,
  mqttEndpoint,
  startBroker,
  freePort,
  until,
} from '@flowplane/runtime/test-support';
import { stringify } from 'yaml';
import { runtimeEnvironment } from './environment.ts';
import { type RuntimeServer, startRuntimeServer } from './server.ts';

let broker: Broker;
let server: RuntimeServer;

beforeAll(async () => {
  broker = await startBroker();
  server = await startRuntimeServer({
    environment: runtimeEnvironment({ localBroker: broker.url }),
    port: 0,
  });
});
afterAll(async () => {
  await server.close();
  await broker.stop();
});

const flow = dataflow('api-flow', {
  sources: ['api/in/+'],
  destination: 'api/out/${inputTopic.3}',
  transformation: {
    filter: [{ inputs: ['n'], expression: '$1 < 0' }],
    map: [
      { inputs: ['*'], output: '*' },
      { inputs: ['n'], output: 'squared', expression: '$1 * $1' },
    ],
  },
});

async function put(body: string, type: string) {
  const response = await fetch(`${server.url}/v1/desired`, {
    method: 'PUT',
    headers: { 'content-type': type },
    body,
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('PUT /v1/desired', () => {
  it('takes multi-document YAML, starts the dataflow, and answers with the plan', async () => {
    const yaml = instance(flow)
      .map((r) => stringify(r))
      .join('---\n');
    const first = await put(yaml, 'application/yaml');
    expect(first.status).toBe(200);
    expect(first.body.plan).toEqual([{ kind: 'Dataflow', name: 'api-flow', action: 'start' }]);
    const again = await put(JSON.stringify(instance(flow)), 'application/json');
    expect(again.body.plan).toEqual([{ kind: 'Dataflow', name: 'api-flow', action: 'unchanged' }]);
    const status = (await (await fetch(`${server.url}/v1/status`)).json()) as {
      dataflows: { name: string; state: string }[];
    };
    expect(status.dataflows).toMatchObject([{ name: 'api-flow', state: 'running' }]);
  });

  it('refuses an invalid set with problem details naming each bad field, and changes nothing', async () => {
    const broken = { ...flow, spec: { ...flow.spec, profileRef: 'nowhere' } };
    const result = await put(JSON.stringify(instance(broken)), 'application/json');
    expect(result.status).toBe(422);
    expect(result.type).toMatch(/^application\/problem\+json/);
    expect(result.body.errors).toContainEqual(
      expect.objectContaining({ path: '/2/spec/profileRef', resource: 'Dataflow/api-flow' }),
    );
    const status = (await (await fetch(`${server.url}/v1/status`)).json()) as {
      dataflows: { state: string }[];
    };
    expect(status.dataflows[0]!.state).toBe('running');
  });

  it('answers 400 for a body that is not resources', async () => {
    const result = await put('kind: [unclosed', 'application/yaml');
    expect(result.status).toBe(400);
    expect(result.body.title).toBe('Unreadable resources');
  });
});

describe('status, metrics and tap', () => {
  it('streams sampled messages before and after the transformation, and counts them in /metrics', async () => {
    await put(JSON.stringify(instance(flow)), 'application/json');
    const controller = new AbortController();
    const response = await fetch(`${server.url}/v1/dataflows/api-flow/tap`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events: { before: { payload: unknown }; after?: { payload: unknown }; dropped?: string }[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)) as (typeof events)[number]);
        }
      }
    })().catch(() => undefined);

    const input = await TestClient.connect(broker.url);
    await input.publish('api/in/a', { n: 3 });
    await input.publish('api/in/a', { n: -1 });
    await until(() => events.length >= 2, 5000, 'two tap events');
    controller.abort();
    await reading;
    await input.close();
    expect(events[0]).toMatchObject({ before: { payload: { n: 3 } }, after: { payload: { squared: 9 } } });
    expect(events[1]).toMatchObject({ before: { payload: { n: -1 } }, dropped: 'filter rule 1' });

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^flowplane_dataflow_received_total\{dataflow="api-flow"\} [1-9]\d*$/m);
    expect(metrics).toMatch(/^flowplane_dataflow_dropped_by_filter_total\{dataflow="api-flow"\} [1-9]\d*$/m);
    expect(metrics).toMatch(
      /^flowplane_dataflow_latency_seconds_bucket\{dataflow="api-flow",le="\+Inf"\} [1-9]\d*$/m,
    );
    expect(metrics).toMatch(/^process_resident_memory_bytes \d+$/m);
  });

  it('answers 404 problem details for the tap of an unknown dataflow', async () => {
    const response = await fetch(`${server.url}/v1/dataflows/nope/tap`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('POST /v1/endpoints/test', () => {
  const test = async (endpoint: unknown) =>
    (await (
      await fetch(`${server.url}/v1/endpoints/test`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(endpoint),
      })
    ).json()) as { ok: boolean; steps: { step: string; ok: boolean; detail?: string }[] };

  it('connects, subscribes, publishes a probe and receives it back', async () => {
    const result = await test(instance()[0]);
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => s.step)).toEqual([
      'validate',
      'configure',
      'connect',
      'subscribe',
      'publish',
      'receive',
    ]);
  });

  it('says the connection failed when nothing listens', async () => {
    const result = await test(mqttEndpoint('gone', await freePort()));
    expect(result.ok).toBe(false);
    expect(result.steps.at(-1)).toMatchObject({ step: 'connect', ok: false });
    expect(result.steps.at(-1)!.detail).toMatch(/ECONNREFUSED/);
  });

  it('reports an invalid endpoint at the validate step with the field path', async () => {
    const result = await test({ ...mqttEndpoint('bad', 1883), spec: { endpointType: 'Mqtt' } });
    expect(result.steps).toEqual([expect.objectContaining({ step: 'validate', ok: false })]);
    expect(result.steps[0]!.detail).toMatch(/\/spec/);
  });
});
