// Prometheus text exposition of every dataflow's counters, in-flight gauge and latency histogram.
import { LATENCY_BUCKETS_MS, type DataflowMetrics } from './metrics.ts';

const COUNTERS = [
  ['received', 'Messages received from the source.'],
  ['emitted', 'Messages the destination confirmed.'],
  ['droppedByFilter', 'Messages a filter rule dropped.'],
  ['deadLettered', 'Messages that could not be transformed or serialized.'],
  ['sinkErrors', 'Failed writes to the destination.'],
  ['retries', 'Writes retried after a failure.'],
  ['redelivered', 'Messages the transport delivered again.'],
] as const;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function renderPrometheus(metrics: ReadonlyMap<string, DataflowMetrics>): string {
  const entries = [...metrics.entries()].sort(([a], [b]) => a.localeCompare(b));
  const lines: string[] = [];
  for (const [field, help] of COUNTERS) {
    const metric = `flowplane_dataflow_${snake(field)}_total`;
    lines.push(`# HELP ${metric} ${help}`, `# TYPE ${metric} counter`);
    for (const [name, m] of entries)
      lines.push(`${metric}{dataflow="${label(name)}"} ${m.counters()[field]}`);
  }
  lines.push('# HELP flowplane_dataflow_inflight Messages received and not yet acknowledged.');
  lines.push('# TYPE flowplane_dataflow_inflight gauge');
  for (const [name, m] of entries)
    lines.push(`flowplane_dataflow_inflight{dataflow="${label(name)}"} ${m.inflight}`);
  const histogram = 'flowplane_dataflow_latency_seconds';
  lines.push(`# HELP ${histogram} Time from receipt to the destination's confirmation.`);
  lines.push(`# TYPE ${histogram} histogram`);
  for (const [name, m] of entries) {
    const latency = m.latency();
    const df = `dataflow="${label(name)}"`;
    LATENCY_BUCKETS_MS.forEach((bound, i) =>
      lines.push(`${histogram}_bucket{${df},le="${bound / 1000}"} ${latency.buckets[i]}`),
    );
    lines.push(`${histogram}_bucket{${df},le="+Inf"} ${latency.count}`);
    lines.push(`${histogram}_sum{${df}} ${latency.sumMs / 1000}`);
    lines.push(`${histogram}_count{${df}} ${latency.count}`);
  }
  return `${lines.join('\n')}\n`;
}
