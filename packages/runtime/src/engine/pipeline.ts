// One running dataflow: source → parse → transformation → serializer → sink, acknowledging each message
// at the source only after the sink confirmed its output (or it was filtered out or dead-lettered).
import type { CompiledTransformation, Message } from '@flowplane/mapping';
import type { InboundMessage, Outbound, SinkConnector, SourceConnector } from '../connectors/types.ts';
import { backoffDelay, sleep } from './backoff.ts';
import { DataflowMetrics } from './metrics.ts';
import type { Tap } from './tap.ts';

/** Turns a transformed message into what the sink writes, or says why it cannot. */
export type Serializer = (
  message: Message,
  inbound: InboundMessage,
) => { readonly ok: true; readonly output: Outbound } | { readonly ok: false; readonly reason: string };

export interface PipelineParts {
  readonly name: string;
  readonly source: SourceConnector;
  readonly sink: SinkConnector;
  readonly transform: CompiledTransformation;
  readonly serialize: Serializer;
  readonly tap?: Tap;
  /** How long `stop` waits for in-flight messages before it abandons them to redelivery. */
  readonly drainMs?: number;
  /** Counters to continue (a restarted dataflow keeps its totals). */
  readonly metrics?: DataflowMetrics;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export class Pipeline {
  readonly metrics: DataflowMetrics;
  private readonly parts: PipelineParts;
  private readonly stopping = new AbortController();
  /** Rejecters of writes in progress, so stop can abandon writes that would never settle. */
  private readonly abandon = new Set<() => void>();
  private idle: (() => void) | undefined;

  constructor(parts: PipelineParts) {
    this.parts = parts;
    this.metrics = parts.metrics ?? new DataflowMetrics();
  }

  get name(): string {
    return this.parts.name;
  }

  async start(): Promise<void> {
    await this.parts.sink.start();
    await this.parts.source.start((message, ack) => this.handle(message, ack));
  }

  /** Stops receiving, lets in-flight messages finish (bounded by drainMs), then closes the sink. */
  async stop(): Promise<void> {
    this.parts.source.pause();
    if (this.metrics.inflight > 0) {
      const drained = new Promise<void>((resolve) => (this.idle = resolve));
      await Promise.race([drained, sleep(this.parts.drainMs ?? 5000)]);
    }
    await this.parts.source.stop();
    // Whatever is still retrying is abandoned unacknowledged: the source's transport redelivers it.
    this.stopping.abort();
    for (const reject of this.abandon) reject();
    await this.parts.sink.stop();
  }

  private handle(inbound: InboundMessage, ack: () => void): void {
    const { metrics, parts } = this;
    metrics.received++;
    if (inbound.redelivered) metrics.redelivered++;
    metrics.inflight++;
    const finish = (): void => {
      metrics.inflight--;
      ack();
      if (metrics.inflight === 0) this.idle?.();
    };

    let payload: unknown;
    try {
      payload = JSON.parse(decoder.decode(inbound.payload));
    } catch (error) {
      metrics.deadLetter(inbound.topic, `payload is not JSON: ${messageOf(error)}`, inbound.payload);
      return finish();
    }
    const message: Message = { payload, metadata: metadataOf(inbound) };
    const result = parts.transform(message);
    if (result.kind === 'drop') {
      metrics.droppedByFilter++;
      parts.tap?.publish(inbound, message, { dropped: `filter rule ${result.rule + 1}` });
      return finish();
    }
    if (result.kind === 'error') {
      const where = `${result.stage} rule ${result.rule + 1}${result.path === undefined ? '' : ` (${result.path})`}`;
      metrics.deadLetter(
        inbound.topic,
        `transformation failed at ${where}: ${result.reason}`,
        inbound.payload,
      );
      parts.tap?.publish(inbound, message, { error: result.reason });
      return finish();
    }
    const serialized = parts.serialize(result.message, inbound);
    if (!serialized.ok) {
      metrics.deadLetter(inbound.topic, serialized.reason, inbound.payload);
      parts.tap?.publish(inbound, message, { error: serialized.reason });
      return finish();
    }
    parts.tap?.publish(inbound, message, { output: result.message });
    this.deliver(serialized.output).then(
      () => {
        metrics.emitted++;
        metrics.observeLatency(performance.now() - inbound.receivedAt);
        finish();
      },
      // Abandoned on stop: not acknowledged, so the transport redelivers it.
      () => {
        metrics.inflight--;
        if (metrics.inflight === 0) this.idle?.();
      },
    );
    // The source hands over no more until something is acknowledged: a batching sink must not wait for more.
    if (metrics.inflight >= parts.source.maxInflight) void parts.sink.flush?.().catch(() => undefined);
  }

  private abandonable(write: Promise<void>): Promise<void> {
    if (this.stopping.signal.aborted) return Promise.reject(new Error('stopped'));
    return new Promise((resolve, reject) => {
      const abandon = () => reject(new Error('stopped'));
      this.abandon.add(abandon);
      write.then(
        () => {
          this.abandon.delete(abandon);
          resolve();
        },
        (error: unknown) => {
          this.abandon.delete(abandon);
          reject(error as Error);
        },
      );
    });
  }

  /** Writes with retries (exponential backoff, jitter) until the sink confirms or the pipeline stops. */
  private async deliver(output: Outbound): Promise<void> {
    const { metrics, parts } = this;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.abandonable(parts.sink.write(output));
        return;
      } catch (error) {
        if (this.stopping.signal.aborted) throw error;
        metrics.sinkErrors++;
        metrics.error(`sink: ${messageOf(error)}`);
        await sleep(backoffDelay(attempt), this.stopping.signal);
        if (this.stopping.signal.aborted) throw error;
        metrics.retries++;
      }
    }
  }
}

function metadataOf(inbound: InboundMessage): NonNullable<Message['metadata']> {
  return {
    topic: inbound.topic,
    ...(inbound.userProperties === undefined ? {} : { userProperties: inbound.userProperties }),
    ...(inbound.contentType === undefined ? {} : { systemProperties: { content_type: inbound.contentType } }),
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
