// One running dataflow: source → parse → transformation → serializer → sink, acknowledging each message
// at the source only after the sink confirmed its output (or it was filtered out or dead-lettered).
import type { CompiledTransformation, Message } from '@flowplane/mapping';
import type {
  InboundMessage,
  Outbound,
  Properties,
  SinkConnector,
  SourceConnector,
} from '../connectors/types.ts';
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
  /** Messages of this pipeline not yet acknowledged (the metrics may outlive it across a restart). */
  private inflight = 0;
  private stopped = false;
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
    if (this.inflight > 0) {
      const drained = new Promise<void>((resolve) => (this.idle = resolve));
      await Promise.race([drained, sleep(this.parts.drainMs ?? 5000)]);
    }
    await this.parts.source.stop();
    // Whatever is still in flight is abandoned unacknowledged: the source's transport redelivers it, and
    // late confirmations no longer touch the metrics.
    this.stopped = true;
    this.stopping.abort();
    this.metrics.inflight -= this.inflight;
    this.inflight = 0;
    await this.parts.sink.stop();
  }

  private handle(inbound: InboundMessage, ack: () => void): void {
    const { metrics, parts } = this;
    metrics.received++;
    if (inbound.redelivered === true) metrics.redelivered++;
    this.inflight++;
    metrics.inflight++;

    let payload: unknown;
    try {
      payload = JSON.parse(decoder.decode(inbound.payload));
    } catch (error) {
      metrics.deadLetter(inbound.topic, `payload is not JSON: ${messageOf(error)}`, inbound.payload);
      return this.finish(ack);
    }
    const message: Message = { payload, metadata: metadataOf(inbound) };
    const result = parts.transform(message);
    if (result.kind === 'drop') {
      metrics.droppedByFilter++;
      parts.tap?.publish(inbound, message, { dropped: `filter rule ${result.rule + 1}` });
      return this.finish(ack);
    }
    if (result.kind === 'error') {
      const where = `${result.stage} rule ${result.rule + 1}${result.path === undefined ? '' : ` (${result.path})`}`;
      metrics.deadLetter(
        inbound.topic,
        `transformation failed at ${where}: ${result.reason}`,
        inbound.payload,
      );
      parts.tap?.publish(inbound, message, { error: result.reason });
      return this.finish(ack);
    }
    const serialized = parts.serialize(result.message, inbound);
    if (!serialized.ok) {
      metrics.deadLetter(inbound.topic, serialized.reason, inbound.payload);
      parts.tap?.publish(inbound, message, { error: serialized.reason });
      return this.finish(ack);
    }
    parts.tap?.publish(inbound, message, { output: result.message });
    const output = serialized.output;
    const confirmed = (): void => {
      if (this.stopped) return;
      metrics.emitted++;
      metrics.observeLatency(performance.now() - inbound.receivedAt);
      this.finish(ack);
    };
    parts.sink.write(output).then(confirmed, (error: unknown) => this.retry(output, error, 1, confirmed));
    // The source hands over no more until something is acknowledged: a batching sink must not wait for more.
    if (this.inflight >= parts.source.maxInflight) void parts.sink.flush?.().catch(() => undefined);
  }

  private finish(ack: () => void): void {
    this.inflight--;
    this.metrics.inflight--;
    ack();
    if (this.inflight === 0) this.idle?.();
  }

  /** Retries a failed write with exponential backoff and jitter until it succeeds or the pipeline stops. */
  private retry(output: Outbound, error: unknown, attempt: number, confirmed: () => void): void {
    if (this.stopped) return;
    const { metrics } = this;
    metrics.sinkErrors++;
    metrics.error(`sink: ${messageOf(error)}`);
    void sleep(backoffDelay(attempt), this.stopping.signal).then(() => {
      if (this.stopped) return;
      metrics.retries++;
      this.parts.sink
        .write(output)
        .then(confirmed, (next: unknown) => this.retry(output, next, attempt + 1, confirmed));
    });
  }
}

function metadataOf(inbound: InboundMessage): NonNullable<Message['metadata']> {
  if (inbound.userProperties === undefined && inbound.contentType === undefined)
    return { topic: inbound.topic };
  const metadata: { topic: string; userProperties?: Properties; systemProperties?: Record<string, string> } =
    {
      topic: inbound.topic,
    };
  if (inbound.userProperties !== undefined) metadata.userProperties = inbound.userProperties;
  if (inbound.contentType !== undefined) metadata.systemProperties = { content_type: inbound.contentType };
  return metadata;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
