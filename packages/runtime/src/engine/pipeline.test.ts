import { compileTransformation } from '@flowplane/mapping';
import { describe, expect, it } from 'vitest';
import type { InboundMessage, Outbound, SinkConnector, SourceConnector } from '../connectors/types.ts';
import { DEAD_LETTER_SAMPLES } from './metrics.ts';
import { Pipeline, type Serializer } from './pipeline.ts';

/** An in-memory source: the test pushes messages and sees which were acknowledged. */
class ListSource implements SourceConnector {
  readonly maxInflight = 10;
  readonly acked: string[] = [];
  private deliver: ((m: InboundMessage, ack: () => void) => void) | undefined;
  async start(deliver: (m: InboundMessage, ack: () => void) => void) {
    this.deliver = deliver;
  }
  pause() {}
  async stop() {}
  push(topic: string, payload: string) {
    const message = { topic, payload: Buffer.from(payload), receivedAt: performance.now() };
    this.deliver!(message, () => this.acked.push(payload));
  }
}

/** A sink whose writes the test confirms or fails one by one. */
class ControlledSink implements SinkConnector {
  readonly accepts = 'message';
  readonly pending: { output: Outbound; resolve: () => void; reject: (e: Error) => void }[] = [];
  async start() {}
  async stop() {}
  write(output: Outbound) {
    return new Promise<void>((resolve, reject) => this.pending.push({ output, resolve, reject }));
  }
}

const serialize: Serializer = (message, inbound) => ({
  ok: true,
  output: {
    kind: 'message',
    topic: `out/${inbound.topic}`,
    payload: Buffer.from(JSON.stringify(message.payload)),
  },
});

const tick = () => new Promise((r) => setTimeout(r, 0));

async function pipeline(transformation = {}) {
  const source = new ListSource();
  const sink = new ControlledSink();
  const p = new Pipeline({
    name: 't',
    source,
    sink,
    transform: compileTransformation(transformation),
    serialize,
  });
  await p.start();
  return { source, sink, p };
}

describe('Pipeline', () => {
  it('acknowledges a message only after the sink confirmed its output', async () => {
    const { source, sink, p } = await pipeline();
    source.push('a', '{"n":1}');
    await tick();
    expect(sink.pending).toHaveLength(1);
    expect(source.acked).toEqual([]);
    expect(p.metrics.inflight).toBe(1);
    sink.pending[0]!.resolve();
    await tick();
    expect(source.acked).toEqual(['{"n":1}']);
    expect(p.metrics.counters()).toMatchObject({ received: 1, emitted: 1 });
    expect(p.metrics.inflight).toBe(0);
    expect(p.metrics.latency().count).toBe(1);
  });

  it('retries a failed write with backoff, counts the errors, and acknowledges once it succeeds', async () => {
    const { source, sink, p } = await pipeline();
    source.push('a', '{"n":1}');
    await tick();
    sink.pending.shift()!.reject(new Error('broker said no'));
    await new Promise((r) => setTimeout(r, 250));
    expect(sink.pending).toHaveLength(1);
    expect(source.acked).toEqual([]);
    sink.pending.shift()!.reject(new Error('still no'));
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.pending).toHaveLength(1);
    sink.pending.shift()!.resolve();
    await tick();
    expect(source.acked).toEqual(['{"n":1}']);
    expect(p.metrics.counters()).toMatchObject({ emitted: 1, sinkErrors: 2, retries: 2 });
    expect(p.metrics.lastError?.message).toBe('sink: still no');
  });

  it('acknowledges filtered, malformed and untransformable messages without writing them, and counts each', async () => {
    const { source, sink, p } = await pipeline({
      filter: [{ inputs: ['n'], expression: '$1 > 5' }],
      map: [{ inputs: ['n'], output: 'twice', expression: '$1 * 2' }],
    });
    source.push('a', '{"n":9}');
    source.push('a', 'oops');
    source.push('a', '{"n":"x"}');
    source.push('a', '{"n":2}');
    await tick();
    expect(source.acked).toEqual(['{"n":9}', 'oops', '{"n":"x"}']);
    expect(sink.pending.map((w) => (w.output.kind === 'message' ? w.output.payload.toString() : ''))).toEqual(
      ['{"twice":4}'],
    );
    expect(p.metrics.counters()).toMatchObject({ received: 4, droppedByFilter: 1, deadLettered: 2 });
    expect(p.metrics.deadLetters.map((d) => d.payload)).toEqual(['oops', '{"n":"x"}']);
    expect(p.metrics.deadLetters[1]!.reason).toMatch(/filter rule 1/);
  });

  it('keeps the last 50 dead letters', async () => {
    const { source, p } = await pipeline();
    for (let i = 0; i < 70; i++) source.push('a', `bad ${i}`);
    expect(p.metrics.deadLettered).toBe(70);
    expect(p.metrics.deadLetters).toHaveLength(DEAD_LETTER_SAMPLES);
    expect(p.metrics.deadLetters[0]!.payload).toBe('bad 20');
  });

  it('on stop, lets in-flight writes finish, and abandons unconfirmed ones unacknowledged after the drain time', async () => {
    const source = new ListSource();
    const sink = new ControlledSink();
    const p = new Pipeline({
      name: 't',
      source,
      sink,
      transform: compileTransformation({}),
      serialize,
      drainMs: 100,
    });
    await p.start();
    source.push('a', '{"n":1}');
    source.push('a', '{"n":2}');
    await tick();
    sink.pending[0]!.resolve();
    await p.stop();
    expect(source.acked).toEqual(['{"n":1}']);
    expect(p.metrics.inflight).toBe(0);
  });
});
