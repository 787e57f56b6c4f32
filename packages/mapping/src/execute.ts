// The closure executor: runs a compiled program stage by stage. It is the reference the generated code
// (codegen.ts) must agree with, and the only executor that can produce traces.
import type { MessageContext } from './context.ts';
import { runDatasets } from './datasets.ts';
import { runFilter } from './filter.ts';
import { runMap, runMetadata } from './map.ts';
import type { Program } from './program.ts';
import type {
  DatasetLookup,
  DatasetTrace,
  FilterRuleTrace,
  MapRuleTrace,
  Message,
  Stage,
  TracedTransformResult,
  TransformResult,
} from './types.ts';

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NO_RECORDS: unknown[] = [];

interface TraceDraft {
  readonly datasets: DatasetTrace[];
  readonly filter: FilterRuleTrace[];
  readonly map: MapRuleTrace[];
  droppedBy?: number;
  passThrough: boolean;
}

export function execute(
  program: Program,
  lookup: DatasetLookup,
  tracing: boolean,
  message: Message,
): TransformResult {
  const trace: TraceDraft | undefined = tracing
    ? { datasets: [], filter: [], map: [], passThrough: false }
    : undefined;
  let stage: Stage = 'datasets';
  let ctx: MessageContext | undefined;
  let result: TransformResult;
  try {
    if (typeof message !== 'object' || message === null) {
      result = { kind: 'error', stage, rule: -1, reason: 'a message must be an object with a payload' };
    } else {
      ctx = {
        payload: message.payload,
        metadata: isRecord(message.metadata) ? message.metadata : undefined,
        records: program.datasets.length === 0 ? NO_RECORDS : [],
        bound: 0,
        candidate: undefined,
        warnings: undefined,
      };
      result = runStages(program, lookup, message, ctx, trace, (s) => (stage = s));
    }
  } catch (e) {
    // Only a fault outside the language's own error handling (e.g. a payload nested deeper than the
    // stack allows) gets here; the message is reported, never thrown.
    const reason = e instanceof Error ? `${e.name}: ${e.message}` : 'unexpected failure';
    result = { kind: 'error', stage, rule: -1, reason: `internal error: ${reason}` };
  }
  const warnings = ctx?.warnings;
  if (warnings !== undefined) result = { ...result, warnings };
  if (trace === undefined) return result;
  const filter =
    trace.droppedBy === undefined
      ? { rules: trace.filter }
      : { rules: trace.filter, droppedBy: trace.droppedBy };
  const traced: TracedTransformResult = {
    ...result,
    trace: { datasets: trace.datasets, filter, map: trace.map, mapPassThrough: trace.passThrough },
  };
  return traced;
}

function runStages(
  program: Program,
  lookup: DatasetLookup,
  message: Message,
  ctx: MessageContext,
  trace: TraceDraft | undefined,
  enter: (stage: Stage) => void,
): TransformResult {
  if (program.datasets.length > 0) {
    const d = runDatasets(program.datasets, lookup, ctx, trace?.datasets);
    if (!d.ok) return { kind: 'error', stage: 'datasets', rule: d.rule, reason: d.reason };
  }
  if (program.filter.length > 0) {
    enter('filter');
    const f = runFilter(program.filter, ctx, trace?.filter);
    if (f.kind === 'drop') {
      if (trace !== undefined) trace.droppedBy = f.rule;
      return { kind: 'drop', rule: f.rule };
    }
    if (f.kind === 'error') return { kind: 'error', stage: 'filter', rule: f.rule, reason: f.reason };
  }
  enter('map');
  if (program.map === undefined) {
    if (trace !== undefined) trace.passThrough = true;
    return { kind: 'emit', message };
  }
  const run = runMap(program.map, ctx, trace?.map);
  const f = run.failure;
  if (f !== undefined) {
    return f.path === undefined
      ? { kind: 'error', stage: 'map', rule: f.rule, reason: f.reason }
      : { kind: 'error', stage: 'map', rule: f.rule, path: f.path, reason: f.reason };
  }
  const metadata = runMetadata(run);
  return {
    kind: 'emit',
    message: metadata === undefined ? { payload: run.out } : { payload: run.out, metadata },
  };
}
