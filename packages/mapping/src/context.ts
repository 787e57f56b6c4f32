import { type JsonObject, getPath, isInheritedName } from './access.ts';
import { readMetadata } from './metadata.ts';
import { type FieldRef, type PathRoot, formatRef } from './path.ts';
import type { MessageMetadata, RuleWarning } from './types.ts';

/** Everything a rule can read while one message is being transformed. */
export interface MessageContext {
  readonly payload: unknown;
  readonly metadata: MessageMetadata | undefined;
  /** Matched dataset records, by dataset index (undefined when unmatched). */
  readonly records: unknown[];
  /** Bit i set when dataset i matched. */
  bound: number;
  /** The record being tested while a dataset's own expression runs. */
  candidate: unknown;
  /** Rules that failed softly on this message (missing inputs). */
  warnings: RuleWarning[] | undefined;
}

export function addWarning(ctx: MessageContext, w: RuleWarning): void {
  (ctx.warnings ??= []).push(w);
}

export type Reader = (ctx: MessageContext) => unknown;

/** Values remembered for `? $last`, shared by every stage of one compiled transformation. */
export type LastValues = Map<string, unknown>;

/** Index of each dataset alias, for `$context(alias)` references. */
export type AliasTable = ReadonlyMap<string, number>;

/** Reads the object a reference is rooted at (payload, a matched record, the candidate record). */
export function rootReader(root: PathRoot, aliases: AliasTable): Reader {
  switch (root.kind) {
    case 'source':
      return (ctx) => ctx.payload;
    case 'candidate':
      return (ctx) => ctx.candidate;
    case 'context': {
      const i = aliases.get(root.alias) ?? -1;
      return (ctx) => ctx.records[i];
    }
    case 'metadata':
      return () => undefined;
  }
}

/** Compiles a non-wildcard reference into a reader; `undefined` from the reader means absent. */
export function compileReader(ref: FieldRef, aliases: AliasTable, lastValues: LastValues): Reader {
  const inner = plainReader(ref, aliases);
  if (!ref.last) return inner;
  const key = formatRef(ref.root, ref.segments);
  // A null counts as missing for `? $last` (sensors send null for "no reading"), and is not remembered.
  return (ctx) => {
    const v = inner(ctx);
    if (v === undefined || v === null) return lastValues.get(key);
    lastValues.set(key, v);
    return v;
  };
}

function plainReader(ref: FieldRef, aliases: AliasTable): Reader {
  const { root, segments } = ref;
  if (root.kind === 'metadata') {
    const { field, key } = root;
    return (ctx) => readMetadata(ctx.metadata, field, key);
  }
  if (root.kind === 'source') return payloadReader(segments);
  const base = rootReader(root, aliases);
  if (segments.length === 0) return base;
  return (ctx) => getPath(base(ctx), segments);
}

/**
 * Reader of a payload path. The common short paths get a closure each, with the keys inlined, since a
 * reader is called once per input per message.
 */
function payloadReader(segments: readonly string[]): Reader {
  if (!segments.every((k) => !isInheritedName(k))) {
    return (ctx) => getPath(ctx.payload, segments);
  }
  const [k0 = '', k1 = '', k2 = ''] = segments;
  switch (segments.length) {
    case 1:
      return (ctx) => {
        const p = ctx.payload;
        return typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as JsonObject)[k0] : undefined;
      };
    case 2:
      return (ctx) => {
        const p = ctx.payload;
        if (typeof p !== 'object' || p === null || Array.isArray(p)) return undefined;
        const a = (p as JsonObject)[k0];
        return typeof a === 'object' && a !== null && !Array.isArray(a) ? (a as JsonObject)[k1] : undefined;
      };
    case 3:
      return (ctx) => {
        const p = ctx.payload;
        if (typeof p !== 'object' || p === null || Array.isArray(p)) return undefined;
        const a = (p as JsonObject)[k0];
        if (typeof a !== 'object' || a === null || Array.isArray(a)) return undefined;
        const b = (a as JsonObject)[k1];
        return typeof b === 'object' && b !== null && !Array.isArray(b) ? (b as JsonObject)[k2] : undefined;
      };
    default:
      return (ctx) => getPath(ctx.payload, segments);
  }
}

/** Key of a reference's namespace in claim tries: `s` for the payload, `c<i>` for dataset i. */
export function namespaceKey(root: PathRoot, aliases: AliasTable): string | undefined {
  if (root.kind === 'source') return 's';
  if (root.kind === 'context') return `c${aliases.get(root.alias) ?? -1}`;
  return undefined;
}
