// Reliability of the runtime as a process against a real Mosquitto it can lose: shared subscriptions split
// the load, a broker restart and a SIGKILL of the runtime lose no QoS 1 message (duplicates are allowed).
import { afterEach, describe, expect, it } from 'vitest';
import { type Dataflow, defaultProfile } from '@flowplane/model';
import {
  type Broker,
  TestClient,
  dataflow,
  instance,
  mqttEndpoint,
  startBroker,
  until,
} from '@flowplane/runtime/test-support';
import { type RuntimeProcess, spawnRuntime } from './test-support/process.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function broker(): Promise<Broker> {
  const b = await startBroker();
  cleanups.push(() => b.stop());
  return b;
}

async function runtime(b: Broker, replica = 0): Promise<RuntimeProcess> {
  const r = await spawnRuntime({ FLOWPLANE_LOCAL_BROKER: b.url, FLOWPLANE_RUNTIME_REPLICA: String(replica) });
  cleanups.push(() => r.kill('SIGKILL'));
  return r;
}

async function client(b: Broker, clientId?: string): Promise<TestClient> {
  const c = await TestClient.connect(b.url, clientId);
  cleanups.push(() => c.close());
  return c;
}

/** Publishes `count` numbered messages with QoS 1, `window` at a time, pausing between windows. */
async function publishSequence(c: TestClient, topic: (seq: number) => string, count: number, pauseMs = 0) {
  const window = 50;
  for (let start = 0; start < count; start += window) {
    const batch: Promise<void>[] = [];
    for (let seq = start; seq < Math.min(count, start + window); seq++)
      batch.push(c.publish(topic(seq), { seq }));
    await Promise.all(batch);
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  }
}

function tally(received: readonly { payload: unknown }[]) {
  const seen = new Map<number, number>();
  for (const m of received) {
    const seq = (m.payload as { seq: number }).seq;
    seen.set(seq, (seen.get(seq) ?? 0) + 1);
  }
  const duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
  return { distinct: seen.size, duplicates };
}

const relay = (name: string, prefix: string): Dataflow =>
  dataflow(name, {
    sources: [`${prefix}/in/#`],
    destination: `${prefix}/out/\${inputTopic.3}`,
    transformation: { map: [{ inputs: ['*'], output: '*' }] },
  });

describe('runtime processes against a real broker', () => {
  it('splits the load of a profile with instanceCount 2 across two processes, no message handled twice', async () => {
    const b = await broker();
    const resources = instance(relay('shared', 'sh'));
    const profile = defaultProfile();
    resources[1] = { ...profile, spec: { instanceCount: 2 } };
    const [first, second] = [await runtime(b, 0), await runtime(b, 1)];
    expect((await first.apply(resources)).status).toBe(200);
    expect((await second.apply(resources)).status).toBe(200);
    const out = await client(b);
    await out.subscribe('sh/out/#');
    const input = await client(b);
    const total = 2000;
    await publishSequence(input, (seq) => `sh/in/${seq % 10}`, total);
    await until(() => tally(out.received).distinct === total, 20_000, 'every message');
    await new Promise((r) => setTimeout(r, 300));
    expect(tally(out.received)).toEqual({ distinct: total, duplicates: 0 });
    const counts = await Promise.all(
      [first, second].map(async (r) => (await r.status()).dataflows[0]!.counters.received!),
    );
    expect(counts[0]! + counts[1]!).toBe(total);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(0);
  });

  it('loses no QoS 1 message when the broker restarts in the middle of a stream', async () => {
    const b = await broker();
    const rt = await runtime(b);
    expect((await rt.apply(instance(relay('survivor', 'br')))).status).toBe(200);
    const out = await client(b, 'test-subscriber-br');
    await out.subscribe('br/out/#');
    const input = await client(b, 'test-publisher-br');
    const total = 3000;
    const publishing = publishSequence(input, (seq) => `br/in/${seq % 5}`, total, 5);
    await until(() => out.received.length >= 800, 20_000, 'the stream to be under way');
    await b.restart();
    expect(tally(out.received).distinct).toBeLessThan(total);
    await publishing;
    await until(() => tally(out.received).distinct === total, 30_000, 'every message after the restart');
    expect(tally(out.received).distinct).toBe(total);
  });

  it('loses no message when the destination is down and the runtime is killed with SIGKILL, then restarted', async () => {
    // The destination broker goes away first, so messages pile up in the runtime unconfirmed; a runtime
    // that acknowledged on receipt would lose exactly those when it is killed.
    const local = await broker();
    const remote = await broker();
    const resources = instance(mqttEndpoint('remote', remote.port), {
      ...relay('phoenix', 'kl'),
      spec: {
        ...relay('phoenix', 'kl').spec,
        operations: relay('phoenix', 'kl').spec.operations.map((op) =>
          op.destinationSettings
            ? { ...op, destinationSettings: { ...op.destinationSettings, endpointRef: 'remote' } }
            : op,
        ),
      },
    });
    const rt = await runtime(local);
    expect((await rt.apply(resources)).status).toBe(200);
    const out = await client(remote, 'test-subscriber-kl');
    await out.subscribe('kl/out/#');
    const input = await client(local, 'test-publisher-kl');
    const total = 3000;
    const publishing = publishSequence(input, (seq) => `kl/in/${seq % 5}`, total, 5);
    await until(() => out.received.length >= 500, 20_000, 'the stream to be under way');
    await remote.down();
    await new Promise((r) => setTimeout(r, 500));
    const stuck = (await rt.status()).dataflows[0]!.counters;
    expect(stuck.received! - stuck.emitted!).toBeGreaterThan(0);
    await rt.kill('SIGKILL');
    await remote.up();
    const restarted = await runtime(local);
    expect((await restarted.apply(resources)).status).toBe(200);
    await publishing;
    await until(() => tally(out.received).distinct === total, 30_000, 'every message after the restart');
    expect(tally(out.received).distinct).toBe(total);
  });
});
