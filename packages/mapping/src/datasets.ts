// The datasets (enrichment) stage, spec §8: for each dataset, scan the records stored under its
// state-store key in order and bind the FIRST one whose expression is true to the dataset's alias.
import { isObject } from './access.ts';
import type { Closure } from './compile-expr.ts';
import { type MessageContext, type Reader, addWarning } from './context.ts';
import type { DatasetLookup, DatasetTrace } from './types.ts';
import { type Val, EvalFailure, fromJson, typeName } from './values.ts';

export interface DatasetStep {
  readonly index: number;
  readonly key: string;
  readonly alias: string;
  readonly inputs: readonly Reader[];
  readonly expr: Closure | undefined;
  readonly scratch: Val[];
}

export type DatasetOutcome =
  { readonly ok: true } | { readonly ok: false; readonly rule: number; readonly reason: string };

/** Splits `"<key> as <alias>"`; without `as` the alias is the key itself. */
export function parseDatasetKey(key: string): { key: string; alias: string } {
  const m = /^(.*\S)\s+as\s+(\S+)\s*$/.exec(key);
  if (m) return { key: (m[1] as string).trim(), alias: m[2] as string };
  return { key: key.trim(), alias: key.trim() };
}

export function runDatasets(
  steps: readonly DatasetStep[],
  lookup: DatasetLookup,
  ctx: MessageContext,
  trace: DatasetTrace[] | undefined,
): DatasetOutcome {
  for (const step of steps) {
    let records: readonly unknown[] | undefined;
    try {
      records = lookup(step.key);
    } catch (e) {
      // Unreachable state store: the transformation fails for this message (spec §8).
      return {
        ok: false,
        rule: step.index,
        reason: `dataset '${step.key}' could not be read: ${errorText(e)}`,
      };
    }
    let matched = -1;
    if (Array.isArray(records)) {
      for (let r = 0; r < records.length && matched < 0; r++) {
        const record: unknown = records[r];
        if (!isObject(record)) continue;
        const verdict = test(step, ctx, record);
        if (verdict === true) matched = r;
        else if (typeof verdict === 'object') {
          if (!verdict.missing) return { ok: false, rule: step.index, reason: verdict.reason };
          // A record that cannot be compared (missing field) simply does not match.
        } else if (typeof verdict === 'string') {
          return { ok: false, rule: step.index, reason: verdict };
        }
      }
    }
    ctx.candidate = undefined;
    if (matched >= 0) {
      ctx.records[step.index] = (records as readonly unknown[])[matched];
      ctx.bound |= 1 << step.index;
    } else if (records === undefined) {
      addWarning(ctx, {
        stage: 'datasets',
        rule: step.index,
        reason: `no records under state-store key '${step.key}'`,
      });
    }
    trace?.push(
      matched >= 0
        ? {
            dataset: step.index,
            alias: step.alias,
            key: step.key,
            matchedRecord: matched,
            record: ctx.records[step.index],
          }
        : { dataset: step.index, alias: step.alias, key: step.key },
    );
  }
  return { ok: true };
}

/** true / false, an EvalFailure, or a message for a non-boolean result. */
function test(step: DatasetStep, ctx: MessageContext, record: unknown): boolean | EvalFailure | string {
  if (step.expr === undefined) return true;
  ctx.candidate = record;
  try {
    for (let k = 0; k < step.inputs.length; k++)
      step.scratch[k] = fromJson((step.inputs[k] as Reader)(ctx), k + 1);
    const v = step.expr(step.scratch);
    if (typeof v === 'boolean') return v;
    if (v === undefined) return false;
    return `dataset expression must evaluate to a boolean, got ${typeName(v)}`;
  } catch (e) {
    if (e instanceof EvalFailure) return e;
    throw e;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Parses a state-store value into records: NDJSON, a JSON array, or JSON objects written one after
 * another (older docs separate them with commas). Throws a SyntaxError when the text is none of these.
 */
export function parseDatasetRecords(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  if (trimmed.startsWith('[')) {
    const parsed: unknown = JSON.parse(trimmed);
    if (Array.isArray(parsed)) return parsed;
  }
  const records: unknown[] = [];
  let pos = 0;
  while (pos < trimmed.length) {
    while (pos < trimmed.length && /[\s,]/.test(trimmed[pos] as string)) pos++;
    if (pos >= trimmed.length) break;
    const end = endOfValue(trimmed, pos);
    records.push(JSON.parse(trimmed.slice(pos, end)));
    pos = end;
  }
  return records;
}

/** End index of the JSON object or array starting at `start` (string-aware brace matching). */
function endOfValue(text: string, start: number): number {
  const open = text[start];
  if (open !== '{' && open !== '[') {
    const nl = text.indexOf('\n', start);
    return nl < 0 ? text.length : nl;
  }
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}
