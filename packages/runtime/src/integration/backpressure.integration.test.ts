import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEndpoint } from '@flowplane/model';
import { Runtime } from '../engine/runtime.ts';
import { type Broker, startBroker } from '../test-support/mosquitto.ts';
import { TestClient, dataflow, environment, mqttEndpoint, until } from '../test-support/resources.ts';
import { defaultProfile } from '@flowplane/model';

let local: Broker;
let remote: Broker;
beforeAll(async () => {
  [local, remote] = await Promise.all([startBroker(), startBroker()]);
});
afterAll(async () => {
  await Promise.all([local.stop(), remote.stop()]);
});

describe('back-pressure', () => {
  it('holds at most maxInflightMessages while the destination is down, and delivers everything once it is back', async () => {
    const source = defaultEndpoint();
    source.spec.mqttSettings!.maxInflightMessages = 10;
    const flow = dataflow('patient', {
      sources: ['bp/in/#'],
      destination: 'bp/out',
      destinationEndpoint: 'remote',
    });
    const runtime = new Runtime({ environment: environment(local.url) });
    try {
      const applied = await runtime.apply([
        source,
        defaultProfile(),
        mqttEndpoint('remote', remote.port),
        flow,
      ]);
      expect(applied.ok).toBe(true);
      const out = await TestClient.connect(remote.url, 'bp-subscriber');
      await out.subscribe('bp/out');
      await out.close();
      await remote.down();

      const input = await TestClient.connect(local.url);
      const total = 500;
      await Promise.all(
        Array.from({ length: total }, (_, seq) => input.publish(`bp/in/${seq % 4}`, { seq })),
      );
      await until(() => runtime.status()[0]!.counters.received >= 10, 5000, 'the window to fill');
      await new Promise((r) => setTimeout(r, 500));
      const held = runtime.status()[0]!;
      // The broker keeps the rest: the runtime never took more than its window.
      expect(held.counters.received).toBe(10);
      expect(held.inflight).toBe(10);
      expect(held.counters.emitted).toBe(0);

      await remote.up();
      const back = await TestClient.connect(remote.url, 'bp-subscriber');
      await until(() => runtime.status()[0]!.counters.emitted >= total, 20_000, 'everything to be delivered');
      await until(
        () => new Set(back.received.map((m) => (m.payload as { seq: number }).seq)).size === total,
        10_000,
        'the subscriber to get everything',
      );
      await back.close();
      await input.close();
    } finally {
      await runtime.close();
    }
  });
});
