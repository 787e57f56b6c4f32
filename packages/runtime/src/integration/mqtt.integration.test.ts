import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Runtime } from '../engine/runtime.ts';
import { type Broker, startBroker } from '../test-support/mosquitto.ts';
import { TestClient, dataflow, environment, instance, until } from '../test-support/resources.ts';
import { defaultEndpoint, defaultProfile } from '@flowplane/model';

let broker: Broker;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  broker = await startBroker();
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});
afterAll(() => broker.stop());

async function runtime(): Promise<Runtime> {
  const r = new Runtime({ environment: environment(broker.url) });
  cleanups.push(() => r.close());
  return r;
}

async function client(): Promise<TestClient> {
  const c = await TestClient.connect(broker.url);
  cleanups.push(() => c.close());
  return c;
}

describe('MQTT to MQTT through the local broker binding', () => {
  it('maps, filters, resolves ${inputTopic.N}, carries user properties and content type, QoS 1 end to end', async () => {
    const rt = await runtime();
    const result = await rt.apply(
      instance(
        dataflow('thermostats', {
          sources: ['plant/+/temperature'],
          destination: 'processed/${inputTopic.2}',
          transformation: {
            filter: [{ inputs: ['temperature'], expression: '$1 > 1000' }],
            map: [
              { inputs: ['*'], output: '*' },
              { inputs: ['temperature'], output: 'temperatureF', expression: '$1 * 9 / 5 + 32' },
              { inputs: ['deviceId'], output: '$metadata.user_property.device', expression: '$1' },
            ],
          },
        }),
      ),
    );
    expect(result.ok).toBe(true);
    expect(result.plan).toContainEqual({ kind: 'Dataflow', name: 'thermostats', action: 'start' });
    expect(rt.status()[0]).toMatchObject({ name: 'thermostats', state: 'running' });

    const out = await client();
    await out.subscribe('processed/#');
    const input = await client();
    await input.publish(
      'plant/boiler-7/temperature',
      { deviceId: 'b7', temperature: 20 },
      {
        properties: { userProperties: { traceId: 'abc' }, contentType: 'application/json' },
      },
    );
    await input.publish('plant/boiler-7/temperature', { deviceId: 'b7', temperature: 5000 });
    await input.publish('plant/press-2/temperature', { deviceId: 'p2', temperature: 100 });

    const received = await out.waitFor(2);
    await until(
      () => rt.status()[0]!.counters.droppedByFilter === 1,
      5000,
      'the filtered message to be counted',
    );
    expect(received.map((m) => m.topic).sort()).toEqual(['processed/boiler-7', 'processed/press-2']);
    const boiler = received.find((m) => m.topic === 'processed/boiler-7')!;
    // Inputs of other rules leave the pass-through (the engine's documented precedence), so the computed
    // field replaces temperature and the device id moved into a user property.
    expect(boiler.payload).toEqual({ temperatureF: 68 });
    expect(boiler.userProperties).toEqual({ traceId: 'abc', device: 'b7' });
    expect(boiler.contentType).toBe('application/json');
    const status = rt.status()[0]!;
    expect(status.counters).toMatchObject({ received: 3, emitted: 2, droppedByFilter: 1, deadLettered: 0 });
    expect(status.latency.count).toBe(2);
    expect(status.inflight).toBe(0);
  });

  it('dead-letters malformed payloads with the reason while good messages keep flowing', async () => {
    const rt = await runtime();
    await rt.apply(
      instance(
        dataflow('strict', {
          sources: ['dl/in'],
          destination: 'dl/out',
          transformation: { map: [{ inputs: ['v'], output: 'double', expression: '$1 * 2' }] },
        }),
      ),
    );
    const out = await client();
    await out.subscribe('dl/out');
    const input = await client();
    await input.publish('dl/in', { v: 1 });
    await input.publish('dl/in', 'not json {');
    await input.publish('dl/in', { v: 'text' });
    await input.publish('dl/in', { v: 3 });
    await out.waitFor(2);
    await until(() => rt.status()[0]!.counters.deadLettered >= 1, 5000, 'dead letters');
    const status = rt.status()[0]!;
    expect(out.received.map((m) => m.payload)).toEqual([{ double: 2 }, { double: 6 }]);
    expect(status.counters.received).toBe(4);
    expect(status.deadLetters[0]).toMatchObject({ topic: 'dl/in', payload: 'not json {' });
    expect(status.deadLetters[0]!.reason).toMatch(/not JSON/);
    expect(status.inflight).toBe(0);
  });

  it('restarts only the dataflow that changed, and honours mode: Disabled', async () => {
    const rt = await runtime();
    const a = dataflow('flow-a', { sources: ['ra/in'], destination: 'ra/out' });
    const b = dataflow('flow-b', { sources: ['rb/in'], destination: 'rbo/out' });
    await rt.apply(instance(a, b));
    const bChanged = dataflow('flow-b', { sources: ['rb/in'], destination: 'rbo/out2' });
    const second = await rt.apply(instance(a, bChanged));
    expect(second.plan).toEqual([
      { kind: 'Dataflow', name: 'flow-a', action: 'unchanged' },
      { kind: 'Dataflow', name: 'flow-b', action: 'restart', reason: 'definition changed' },
    ]);
    const aSince = rt.status().find((d) => d.name === 'flow-a')!.since;

    const out = await client();
    await out.subscribe('rbo/#');
    const input = await client();
    await input.publish('rb/in', { n: 1 });
    await out.waitFor(1);
    expect(out.received[0]!.topic).toBe('rbo/out2');

    const third = await rt.apply(instance({ ...a, spec: { ...a.spec, mode: 'Disabled' } }));
    expect(third.plan).toEqual([
      { kind: 'Dataflow', name: 'flow-b', action: 'stop', reason: 'removed' },
      { kind: 'Dataflow', name: 'flow-a', action: 'disable', reason: 'mode: Disabled' },
    ]);
    expect(rt.status().map((d) => [d.name, d.state])).toEqual([['flow-a', 'disabled']]);
    expect(aSince).toBeDefined();
  });

  it.each([
    ['Keep', true],
    ['Never', false],
  ] as const)('retain %s: a retained input stays retained at the destination: %s', async (retain, kept) => {
    const rt = await runtime();
    const endpoint = defaultEndpoint();
    endpoint.spec.mqttSettings!.retain = retain;
    const prefix = `retain-${retain.toLowerCase()}`;
    await rt.apply([
      endpoint,
      defaultProfile(),
      dataflow(`flow-${prefix}`, { sources: [`${prefix}/in`], destination: `${prefix}/out` }),
    ]);
    const input = await client();
    await input.publish(`${prefix}/in`, { state: 'open' }, { retain: true });
    await until(() => rt.status()[0]!.counters.emitted === 1, 5000, 'the relay');
    // A subscriber that arrives later gets the message only if the broker kept it as retained.
    const late = await client();
    await late.subscribe(`${prefix}/out`);
    await new Promise((r) => setTimeout(r, 300));
    expect(late.received.map((m) => m.retain)).toEqual(kept ? [true] : []);
  });

  it('relays QoS 0 sources and destinations', async () => {
    const rt = await runtime();
    const endpoint = defaultEndpoint();
    endpoint.spec.mqttSettings!.qos = 0;
    await rt.apply([
      endpoint,
      defaultProfile(),
      dataflow('fire-and-forget', { sources: ['q0/in'], destination: 'q0/out' }),
    ]);
    const out = await client();
    await out.subscribe('q0/out');
    const input = await client();
    for (let n = 0; n < 20; n++) await input.publish('q0/in', { n }, { qos: 0 });
    await out.waitFor(20);
    expect(out.received.map((m) => (m.payload as { n: number }).n)).toEqual(
      Array.from({ length: 20 }, (_, n) => n),
    );
  });

  it('refuses an invalid set with the issues and keeps running what it had', async () => {
    const rt = await runtime();
    await rt.apply(instance(dataflow('keeper', { sources: ['k/in'], destination: 'k/out' })));
    const bad = dataflow('broken', { sources: ['x'], destination: 'y', destinationEndpoint: 'missing' });
    const result = await rt.apply(instance(bad));
    expect(result.ok).toBe(false);
    expect(result.issues.some((i) => i.severity === 'error' && i.path.includes('endpointRef'))).toBe(true);
    expect(rt.status().map((d) => d.name)).toEqual(['keeper']);
  });
});
