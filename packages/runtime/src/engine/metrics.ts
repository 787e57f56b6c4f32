// Counters, a latency histogram and dead-letter samples per dataflow; rendered for `GET /v1/status` and as
// Prometheus text for `GET /metrics`.

/** Upper bounds (milliseconds) of the end-to-end latency buckets. */
export const LATENCY_BUCKETS_MS = [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

export const DEAD_LETTER_SAMPLES = 50;

export interface DeadLetter {
  readonly at: string;
  readonly topic: string;
  readonly reason: string;
  /** The payload as text (cut at 1 KiB), so a user sees what was wrong with it. */
  readonly payload: string;
}

export interface CounterSnapshot {
  readonly received: number;
  readonly emitted: number;
  readonly droppedByFilter: number;
  readonly deadLettered: number;
  readonly sinkErrors: number;
  readonly retries: number;
  /** Messages the transport marked as redeliveries (a restart or reconnect before they were acknowledged). */
  readonly redelivered: number;
}

export interface LatencySnapshot {
  readonly count: number;
  readonly sumMs: number;
  /** Cumulative counts per bucket of LATENCY_BUCKETS_MS, then +Inf. */
  readonly buckets: readonly number[];
  readonly p50Ms?: number;
  readonly p99Ms?: number;
}

export class DataflowMetrics {
  received = 0;
  emitted = 0;
  droppedByFilter = 0;
  deadLettered = 0;
  sinkErrors = 0;
  retries = 0;
  redelivered = 0;
  inflight = 0;
  lastError: { readonly at: string; readonly message: string } | undefined;
  readonly deadLetters: DeadLetter[] = [];
  private readonly bucketCounts = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  private latencyCount = 0;
  private latencySum = 0;

  observeLatency(ms: number): void {
    let i = 0;
    while (i < LATENCY_BUCKETS_MS.length && ms > LATENCY_BUCKETS_MS[i]!) i++;
    this.bucketCounts[i]!++;
    this.latencyCount++;
    this.latencySum += ms;
  }

  deadLetter(topic: string, reason: string, payload: Uint8Array): void {
    this.deadLettered++;
    const text = Buffer.from(
      payload.buffer,
      payload.byteOffset,
      Math.min(payload.byteLength, 1024),
    ).toString();
    this.deadLetters.push({ at: new Date().toISOString(), topic, reason, payload: text });
    if (this.deadLetters.length > DEAD_LETTER_SAMPLES) this.deadLetters.shift();
  }

  error(message: string): void {
    this.lastError = { at: new Date().toISOString(), message };
  }

  counters(): CounterSnapshot {
    return {
      received: this.received,
      emitted: this.emitted,
      droppedByFilter: this.droppedByFilter,
      deadLettered: this.deadLettered,
      sinkErrors: this.sinkErrors,
      retries: this.retries,
      redelivered: this.redelivered,
    };
  }

  latency(): LatencySnapshot {
    const buckets: number[] = [];
    let running = 0;
    for (const count of this.bucketCounts) buckets.push((running += count));
    const p50 = quantile(buckets, this.latencyCount, 0.5);
    const p99 = quantile(buckets, this.latencyCount, 0.99);
    return {
      count: this.latencyCount,
      sumMs: this.latencySum,
      buckets,
      ...(p50 === undefined ? {} : { p50Ms: p50 }),
      ...(p99 === undefined ? {} : { p99Ms: p99 }),
    };
  }
}

/** Estimates a quantile from cumulative bucket counts by linear interpolation inside the bucket. */
function quantile(cumulative: readonly number[], count: number, q: number): number | undefined {
  if (count === 0) return undefined;
  const rank = q * count;
  for (let i = 0; i < cumulative.length; i++) {
    if (cumulative[i]! >= rank) {
      const upper = LATENCY_BUCKETS_MS[i];
      if (upper === undefined) return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1];
      const lower = i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1]!;
      const below = i === 0 ? 0 : cumulative[i - 1]!;
      const inBucket = cumulative[i]! - below;
      return inBucket === 0 ? upper : lower + ((upper - lower) * (rank - below)) / inBucket;
    }
  }
  return undefined;
}

/** Messages per second over a sliding window, sampled once a second by the runtime. */
export class RateMeter {
  private readonly samples: { readonly at: number; readonly received: number; readonly emitted: number }[] =
    [];

  private readonly windowMs: number;

  constructor(windowMs = 10_000) {
    this.windowMs = windowMs;
  }

  sample(now: number, counters: CounterSnapshot): void {
    this.samples.push({ at: now, received: counters.received, emitted: counters.emitted });
    while (this.samples.length > 2 && now - this.samples[0]!.at > this.windowMs) this.samples.shift();
  }

  rates(): { readonly receivedPerSecond: number; readonly emittedPerSecond: number } {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at === first.at) return { receivedPerSecond: 0, emittedPerSecond: 0 };
    const seconds = (last.at - first.at) / 1000;
    return {
      receivedPerSecond: (last.received - first.received) / seconds,
      emittedPerSecond: (last.emitted - first.emitted) / seconds,
    };
  }
}
