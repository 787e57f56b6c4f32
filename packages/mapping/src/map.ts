// The map stage (spec §6.1, §6.4): the output document is built only from rule outputs, rules run top
// down, later writes to the same output win, and a later rule with a lower rank overrides an earlier
// rule for the input fields both read (specialization).
import { type JsonObject, cloneJson, getOwn, getPath, isObject, setKey } from './access.ts';
import { type ClaimTrie, activeRank, addClaim, overriddenBy } from './claims.ts';
import {
  type Copier,
  type CopyPlan,
  adopt,
  copyValue,
  isBranch,
  isEmptyObject,
  resetCopyStack,
} from './copy.ts';
import type { Closure } from './compile-expr.ts';
import type { Expr } from './parser.ts';
import { type MessageContext, type Reader, addWarning } from './context.ts';
import { MetadataDraft } from './metadata.ts';
import { type FieldRef, type MetadataField, formatPath, formatRef } from './path.ts';
import type { MapEffect, MapRuleTrace, MessageMetadata } from './types.ts';
import { type Val, EvalFailure, fromJson, toJson } from './values.ts';

export type OutputTarget =
  | { readonly kind: 'payload'; readonly segments: readonly string[]; readonly wildcard: number }
  | { readonly kind: 'metadata'; readonly field: MetadataField; readonly key: string }
  | { readonly kind: 'none' };

export interface MapInput {
  readonly ref: FieldRef;
  /** Reader of a non-wildcard input (with `? $last` applied). */
  readonly read: Reader;
  /** Reader of the object the reference is rooted at. */
  readonly root: Reader;
  /** Claim namespace (payload or a dataset), undefined for metadata. */
  readonly namespace: string | undefined;
}

export interface MapRule {
  readonly index: number;
  readonly kind: 'constant' | 'copy' | 'compute' | 'remove' | 'wildcard';
  readonly inputs: readonly MapInput[];
  readonly output: OutputTarget;
  readonly expr: Closure | undefined;
  /** Source form of the expression, for the code generator. */
  readonly ast: Expr | undefined;
  /** Per input: whether the expression reads it; unused inputs are not bound (an object there is fine). */
  readonly used: readonly boolean[];
  /** Bits of the datasets this rule reads; it is skipped unless all matched. */
  readonly mask: number;
  /** For wildcard rules: index of the input whose `*` is enumerated (the first one with a `*`). */
  readonly driver: number;
  /** Wildcard copy of a subtree (`a.*` → `b.*`) that can run as a tree copy. */
  readonly treeCopy: boolean;
  /**
   * Compiled tree copy when every later claim is static and unconditional: null when the claims
   * cover the whole subtree, undefined when the copy must consult the claim tries per message.
   */
  readonly copier: Copier | null | undefined;
  /** The plan behind `copier` (same null/undefined meaning), for the code generator. */
  readonly plan: CopyPlan | null | undefined;
  /** Rank-0 claims of the later rules. */
  readonly claims: ClaimTrie;
  /** Later wildcard rules, whose claims depend on the message. */
  readonly laterWildcards: readonly number[];
  readonly scratch: Val[];
}

export interface MapStage {
  readonly rules: readonly MapRule[];
  readonly writesMetadata: boolean;
  /** Some rule may write below the top level of the output (needs copy-on-write bookkeeping). */
  readonly nestedWrites: boolean;
}

/**
 * Per-message state of the map stage, also its result (`failure`, or `out` and `metadata`). A plain
 * object literal rather than a class instance: it is created for every message.
 */
export interface MapRun {
  out: JsonObject;
  /** Set once a rule wrote a payload field; until then a pass-through may adopt its copy as `out`. */
  outTouched: boolean;
  /**
   * Output objects created by this run. Unchanged input subtrees are shared with the output, so a
   * nested write first copies a shared object (copy on write). Undefined when the compiler proved no
   * rule writes below the top level, which makes every object `out` reaches safe to leave shared.
   */
  readonly owned: Set<object> | undefined;
  readonly draft: MetadataDraft | undefined;
  readonly ctx: MessageContext;
  failure: { rule: number; path?: string; reason: string } | undefined;
  effects: MapEffect[] | undefined;
}

function newRun(ctx: MessageContext, stage: MapStage, tracing: boolean): MapRun {
  const out: JsonObject = {};
  return {
    out,
    outTouched: false,
    owned: stage.nestedWrites || tracing ? new Set([out]) : undefined,
    draft: stage.writesMetadata ? new MetadataDraft(ctx.metadata) : undefined,
    ctx,
    failure: undefined,
    effects: undefined,
  };
}

export function runMetadata(run: MapRun): MessageMetadata | undefined {
  return run.draft !== undefined ? run.draft.result() : run.ctx.metadata;
}

function effect(run: MapRun, e: MapEffect): void {
  run.effects?.push(e);
}

function warn(run: MapRun, rule: number, path: string | undefined, reason: string): void {
  addWarning(
    run.ctx,
    path === undefined ? { stage: 'map', rule, reason } : { stage: 'map', rule, path, reason },
  );
}

function failRule(run: MapRun, rule: number, path: string | undefined, reason: string): void {
  run.failure = path === undefined ? { rule, reason } : { rule, path, reason };
  effect(run, path === undefined ? { kind: 'error', reason } : { kind: 'error', output: path, reason });
}

/** Runs the map stage; soft failures go to `ctx.warnings`, per-rule effects to `trace` when given. */
export function runMap(stage: MapStage, ctx: MessageContext, trace: MapRuleTrace[] | undefined): MapRun {
  const run = newRun(ctx, stage, trace !== undefined);
  const rules = stage.rules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as MapRule;
    if (trace !== undefined) {
      run.effects = [];
      trace.push({ rule: rule.index, effects: run.effects });
    }
    if ((ctx.bound & rule.mask) !== rule.mask) {
      effect(run, { kind: 'skipped', reason: 'a dataset it reads did not match this message' });
      continue;
    }
    switch (rule.kind) {
      case 'constant':
      case 'compute':
        runCompute(run, rule, ctx);
        break;
      case 'copy':
        runCopy(run, rule, ctx);
        break;
      case 'remove':
        effect(run, { kind: 'removeInputs', inputs: rule.inputs.map((x) => x.ref.text) });
        break;
      case 'wildcard':
        runWildcard(run, rule, ctx, rules);
        break;
    }
    if (run.failure !== undefined) break;
  }
  return run;
}

function outputText(target: OutputTarget, capture?: readonly string[]): string {
  switch (target.kind) {
    case 'payload':
      return formatPath(resolveOutput(target.segments, target.wildcard, capture));
    case 'metadata':
      return formatRef({ kind: 'metadata', field: target.field, key: target.key }, []);
    case 'none':
      return '';
  }
}

function resolveOutput(
  segments: readonly string[],
  wildcard: number,
  capture: readonly string[] | undefined,
): readonly string[] {
  if (wildcard < 0 || capture === undefined) return segments;
  return [...segments.slice(0, wildcard), ...capture, ...segments.slice(wildcard + 1)];
}

/** The object at `key` below an output object, copied first if it is shared with the input. */
function ownedChild(run: MapRun, parent: JsonObject, key: string): JsonObject {
  const existing = getOwn(parent, key);
  if (isObject(existing)) {
    if (run.owned === undefined || run.owned.has(existing)) return existing;
    const copy = adopt(run.owned, { ...existing });
    setKey(parent, key, copy);
    return copy;
  }
  const created = adopt(run.owned, {});
  setKey(parent, key, created);
  return created;
}

function writePath(run: MapRun, segments: readonly string[], value: unknown): void {
  let cur = run.out;
  const last = segments.length - 1;
  for (let i = 0; i < last; i++) cur = ownedChild(run, cur, segments[i] as string);
  setKey(cur, segments[last] as string, value);
}

function deletePath(run: MapRun, segments: readonly string[]): void {
  let cur = run.out;
  const last = segments.length - 1;
  for (let i = 0; i < last; i++) {
    const seg = segments[i] as string;
    if (!isObject(getOwn(cur, seg))) return;
    cur = ownedChild(run, cur, seg);
  }
  const key = segments[last] as string;
  if (Object.hasOwn(cur, key)) Reflect.deleteProperty(cur, key);
}

/** Writes one result; `undefined` (Empty) removes the field or metadata entry. */
function write(
  run: MapRun,
  target: OutputTarget,
  value: unknown,
  capture: readonly string[] | undefined,
): void {
  if (target.kind === 'payload') {
    run.outTouched = true;
    const segments = resolveOutput(target.segments, target.wildcard, capture);
    if (value === undefined) deletePath(run, segments);
    else if (segments.length === 1) setKey(run.out, segments[0] as string, value);
    else writePath(run, segments, value);
  } else if (target.kind === 'metadata') {
    run.draft?.write(target.field, target.key, value);
  }
}

function recordWrite(
  run: MapRun,
  rule: MapRule,
  value: unknown,
  inputs: readonly string[],
  capture?: readonly string[],
): void {
  if (run.effects === undefined) return;
  const output = outputText(rule.output, capture);
  effect(
    run,
    value === undefined
      ? { kind: 'remove', output, inputs }
      : { kind: 'write', output, value: cloneJson(value), inputs },
  );
}

const FAILED: unique symbol = Symbol('failed');

/** Evaluates an expression, turning failures into a warning (missing input) or a message error. */
function evaluate(run: MapRun, rule: MapRule, capture?: readonly string[]): unknown {
  try {
    return toJson((rule.expr as Closure)(rule.scratch));
  } catch (e) {
    if (!(e instanceof EvalFailure)) throw e;
    const path = outputText(rule.output, capture) || undefined;
    if (e.missing) {
      // Spec §6.10 [Flowplane choice]: a rule whose expression fails on a missing input is skipped.
      warn(run, rule.index, path, e.reason);
      effect(run, { kind: 'missing', ...(path === undefined ? {} : { output: path }), reason: e.reason });
    } else {
      failRule(run, rule.index, path, e.reason);
    }
    return FAILED;
  }
}

/** Converts input k for the expression; JSON objects are refused (they cannot enter expressions). */
function bindOne(run: MapRun, rule: MapRule, k: number, raw: unknown, capture?: readonly string[]): boolean {
  try {
    rule.scratch[k] = fromJson(raw, k + 1);
    return true;
  } catch (e) {
    if (!(e instanceof EvalFailure)) throw e;
    failRule(run, rule.index, outputText(rule.output, capture) || undefined, e.reason);
    return false;
  }
}

function runCompute(run: MapRun, rule: MapRule, ctx: MessageContext): void {
  const inputs = rule.inputs;
  const scratch = rule.scratch;
  for (let k = 0; k < inputs.length; k++) {
    if (!rule.used[k]) continue;
    const raw = (inputs[k] as MapInput).read(ctx);
    // Numbers and strings are the common case and need no conversion.
    if (
      typeof raw === 'string' ||
      (typeof raw === 'number' && (Number.isSafeInteger(raw) || !Number.isInteger(raw)))
    ) {
      scratch[k] = raw;
    } else if (!bindOne(run, rule, k, raw)) return;
  }
  const value = evaluate(run, rule);
  if (value === FAILED) return;
  write(run, rule.output, value, undefined);
  if (run.effects !== undefined)
    recordWrite(
      run,
      rule,
      value,
      inputs.map((x) => x.ref.text),
    );
}

function runCopy(run: MapRun, rule: MapRule, ctx: MessageContext): void {
  const input = rule.inputs[0] as MapInput;
  const value = input.read(ctx);
  if (value === undefined) {
    // Spec §6.10 [Flowplane choice]: a copy rule with a missing input writes nothing.
    effect(run, { kind: 'missing', output: outputText(rule.output), reason: `${input.ref.text} is missing` });
    return;
  }
  write(run, rule.output, value, undefined);
  if (run.effects !== undefined) recordWrite(run, rule, value, [input.ref.text]);
}

// ---------------------------------------------------------------------------------------------------
// Wildcard rules

interface Instance {
  readonly capture: readonly string[];
  readonly values: readonly unknown[];
  /** Resolved path of each input below its root (metadata inputs: empty). */
  readonly paths: readonly (readonly string[])[];
}

function substitute(
  segments: readonly string[],
  wildcard: number,
  capture: readonly string[],
): readonly string[] {
  return [...segments.slice(0, wildcard), ...capture, ...segments.slice(wildcard + 1)];
}

/**
 * Enumerates the captures of the driving input: every leaf below the prefix for a trailing `*` (empty
 * objects and arrays are leaves), otherwise every object path below the prefix where the suffix
 * resolves. Other wildcard inputs reuse the capture; an instance whose inputs do not all resolve is
 * skipped (docs: "that segment is skipped").
 */
function enumerateInstances(rule: MapRule, ctx: MessageContext): Instance[] {
  const driver = rule.inputs[rule.driver] as MapInput;
  const { segments, wildcard } = driver.ref;
  const base = getPath(driver.root(ctx), segments.slice(0, wildcard));
  const instances: Instance[] = [];
  if (!isObject(base)) return instances;
  const suffix = segments.slice(wildcard + 1);
  const capture: string[] = [];
  const visit = (): void => {
    const values: unknown[] = [];
    const paths: (readonly string[])[] = [];
    for (const input of rule.inputs) {
      if (input.ref.wildcard < 0) {
        values.push(input.read(ctx));
        paths.push(input.ref.segments);
        continue;
      }
      const path = substitute(input.ref.segments, input.ref.wildcard, capture);
      const v = getPath(input.root(ctx), path);
      if (v === undefined) return;
      values.push(v);
      paths.push(path);
    }
    instances.push({ capture: capture.slice(), values, paths });
  };
  const walk = (o: JsonObject): void => {
    for (const k of Object.keys(o)) {
      const v = getOwn(o, k);
      capture.push(k);
      if (suffix.length === 0) {
        if (isBranch(v)) walk(v);
        else visit();
      } else {
        if (getPath(v, suffix) !== undefined) visit();
        if (isObject(v)) walk(v);
      }
      capture.pop();
    }
  };
  walk(base);
  return instances;
}

/** Claims of the later wildcard rules for this message (ranks depend on what `*` captured). */
function dynamicClaims(rule: MapRule, ctx: MessageContext, rules: readonly MapRule[]): ClaimTrie | undefined {
  if (rule.laterWildcards.length === 0) return undefined;
  const trie: ClaimTrie = new Map();
  for (const j of rule.laterWildcards) {
    const later = rules[j] as MapRule;
    if ((ctx.bound & later.mask) !== later.mask) continue;
    for (const inst of enumerateInstances(later, ctx)) {
      later.inputs.forEach((input, k) => {
        if (input.namespace !== undefined)
          addClaim(trie, input.namespace, inst.paths[k] as string[], inst.capture.length, later.index, 0);
      });
    }
  }
  return trie;
}

function runWildcard(run: MapRun, rule: MapRule, ctx: MessageContext, rules: readonly MapRule[]): void {
  const dynamic = dynamicClaims(rule, ctx, rules);
  if (rule.treeCopy && run.effects === undefined) {
    treeCopy(run, rule, ctx, dynamic);
    return;
  }
  const tries = dynamic === undefined ? [rule.claims] : [rule.claims, dynamic];
  for (const inst of enumerateInstances(rule, ctx)) {
    const rank = inst.capture.length;
    let by = -1;
    for (let k = 0; k < rule.inputs.length && by < 0; k++) {
      const ns = (rule.inputs[k] as MapInput).namespace;
      if (ns !== undefined) by = overriddenBy(tries, ns, inst.paths[k] as readonly string[], rank, ctx.bound);
    }
    const inputTexts =
      run.effects === undefined
        ? []
        : rule.inputs.map((x, k) => formatRef(x.ref.root, inst.paths[k] as readonly string[]));
    if (by >= 0) {
      effect(run, { kind: 'suppressed', inputs: inputTexts, by });
      continue;
    }
    if (rule.output.kind === 'none') {
      effect(run, { kind: 'removeInputs', inputs: inputTexts });
      continue;
    }
    let value: unknown;
    if (rule.expr === undefined) {
      value = inst.values[0];
    } else {
      for (let k = 0; k < inst.values.length; k++) {
        if (rule.used[k] === true && !bindOne(run, rule, k, inst.values[k], inst.capture)) return;
      }
      value = evaluate(run, rule, inst.capture);
      if (run.failure !== undefined) return;
      if (value === FAILED) continue;
    }
    write(run, rule.output, value, inst.capture);
    recordWrite(run, rule, value, inputTexts, inst.capture);
  }
}

// ---------------------------------------------------------------------------------------------------
// Tree copy: the pass-through fast path (the copying itself lives in copy.ts).

function treeCopy(run: MapRun, rule: MapRule, ctx: MessageContext, dynamic: ClaimTrie | undefined): void {
  const driver = rule.inputs[0] as MapInput;
  resetCopyStack();
  if (rule.copier !== undefined && dynamic === undefined) {
    if (rule.copier === null) return;
    let base = driver.root(ctx);
    const prefix = driver.ref.wildcard;
    for (let i = 0; i < prefix && isObject(base); i++) base = getOwn(base, driver.ref.segments[i] as string);
    if (!isObject(base)) return;
    const copy = rule.copier(base, run.owned);
    if (copy !== undefined) place(run, rule, base, copy);
    return;
  }
  const { segments, wildcard } = driver.ref;
  const ns = driver.namespace as string;
  const bound = ctx.bound;
  let s = rule.claims.get(ns);
  let d = dynamic?.get(ns);
  let m = Math.min(
    s === undefined ? Infinity : activeRank(s, bound),
    d === undefined ? Infinity : activeRank(d, bound),
  );
  let base = driver.root(ctx);
  for (let i = 0; i < wildcard; i++) {
    if (!isObject(base)) return;
    const seg = segments[i] as string;
    base = getOwn(base, seg);
    s = s?.children?.get(seg);
    d = d?.children?.get(seg);
    if (s !== undefined) m = Math.min(m, activeRank(s, bound));
    if (d !== undefined) m = Math.min(m, activeRank(d, bound));
  }
  if (!isBranch(base)) return;
  const copy = copyValue(run.owned, base, 0, m, s, d, bound);
  if (isObject(copy)) place(run, rule, base, copy);
}

/** Puts a copied subtree where the output's `*` says. */
function place(run: MapRun, rule: MapRule, base: JsonObject, copy: JsonObject): void {
  const out = rule.output as Extract<OutputTarget, { kind: 'payload' }>;
  if (out.wildcard === 0 && out.segments.length === 1) {
    if (!run.outTouched)
      run.out = copy === base || !isOwned(run, copy) ? adopt(run.owned, { ...copy }) : copy;
    else mergeInto(run, run.out, copy);
  } else if (isEmptyObject(copy)) {
    return; // an empty subtree has no leaves to write
  } else if (out.wildcard === out.segments.length - 1) {
    let target = run.out;
    for (let i = 0; i < out.wildcard; i++) target = ownedChild(run, target, out.segments[i] as string);
    mergeInto(run, target, copy);
  } else {
    // Segments after `*` in the output (`*` → `*.Value`): write leaf by leaf.
    forEachLeaf(copy, [], (path, v) => writePath(run, substitute(out.segments, out.wildcard, path), v));
  }
  run.outTouched = true;
}

function isOwned(run: MapRun, o: JsonObject): boolean {
  return run.owned === undefined ? true : run.owned.has(o);
}

/** Merges a copied tree into the output: objects merge (copying shared ones first), the rest replaces. */
function mergeInto(run: MapRun, target: JsonObject, src: JsonObject): void {
  for (const k of Object.keys(src)) {
    const v = src[k];
    if (isBranch(v) && isObject(getOwn(target, k))) mergeInto(run, ownedChild(run, target, k), v);
    else setKey(target, k, v);
  }
}

function forEachLeaf(o: JsonObject, path: string[], f: (path: readonly string[], v: unknown) => void): void {
  for (const k of Object.keys(o)) {
    const v = o[k];
    path.push(k);
    if (isBranch(v)) forEachLeaf(v, path, f);
    else f(path.slice(), v);
    path.pop();
  }
}
