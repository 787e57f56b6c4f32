// Copying a subtree for a pass-through (`*` → `*`, `a.*` → `b.*`). The result equals enumerating the
// leaves and writing each one, but it follows the later rules' claims instead of the payload: subtrees
// no later rule claims are shared with the input as they are, and only objects on claimed paths are
// rebuilt. Created objects are registered in `owned` (see MapRun) when copy-on-write is in use.
import { type JsonObject, isObject, setKey } from './access.ts';
import { type ClaimNode, activeRank } from './claims.ts';

export function isEmptyObject(o: JsonObject): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return false;
  return true;
}

/** A non-empty object; empty objects (like arrays) are leaves. */
export function isBranch(v: unknown): v is JsonObject {
  return isObject(v) && !isEmptyObject(v);
}

/** What a tree copy leaves out, derived once from the later rules' rank-0 claims. */
export interface CopyPlan {
  /** Keys a later rule reads as a whole (their subtree is overridden). */
  readonly drop: readonly string[];
  /** Keys with claims further down, and the plan for each. */
  readonly into: readonly string[];
  readonly sub: readonly CopyPlan[];
}

/** Builds the copy plan below a claim node, or null when the node itself is claimed. */
export function planFor(node: ClaimNode | undefined): CopyPlan | null {
  if (node === undefined) return { drop: [], into: [], sub: [] };
  if (node.rank === 0) return null;
  const drop: string[] = [];
  const into: string[] = [];
  const sub: CopyPlan[] = [];
  for (const k of node.keys ?? []) {
    const p = planFor(node.children?.get(k));
    if (p === null) drop.push(k);
    else {
      into.push(k);
      sub.push(p);
    }
  }
  return { drop, into, sub };
}

/**
 * Copies an object as a plan says: returns the object itself when nothing in it is claimed, a new
 * object (registered in `owned`) otherwise, or undefined when nothing is left.
 */
export type Copier = (v: JsonObject, owned: Set<object> | undefined) => JsonObject | undefined;

/**
 * Compiles a plan into closures, one per claimed object, so the copy does no work for keys nobody
 * claims (they are shared) and no lookups in the claim tries. (codegen.ts emits the same logic as
 * source, which is faster still.)
 */
export function compileCopier(plan: CopyPlan): Copier {
  const { drop, into } = plan;
  const subs = plan.sub.map(compileCopier);
  if (drop.length === 1 && into.length === 0) return dropOne(drop[0] as string);
  if (drop.length === 0 && into.length === 1) return intoOne(into[0] as string, subs[0] as Copier);
  if (drop.length === 0 && into.length === 2)
    return intoTwo(into[0] as string, subs[0] as Copier, into[1] as string, subs[1] as Copier);
  return general(drop, into, subs);
}

function dropOne(d: string): Copier {
  return (v, owned) => {
    if (!Object.hasOwn(v, d)) return v;
    // A for-in copy with its own store site measured faster here than object rest with a computed key.
    const rest: JsonObject = {};
    let n = 0;
    for (const k in v) {
      if (k === d || !Object.hasOwn(v, k)) continue;
      if (k === '__proto__') setKey(rest, k, v[k]);
      else rest[k] = v[k];
      n++;
    }
    return n === 0 ? undefined : adopt(owned, rest);
  };
}

function intoOne(k: string, f: Copier): Copier {
  return (v, owned) => {
    const c = Object.hasOwn(v, k) ? v[k] : undefined;
    if (!isObject(c)) return v;
    const r = f(c, owned);
    if (r === c) return v;
    if (r === undefined) return general([k], [], [])(v, owned);
    const out = { ...v };
    setKey(out, k, r);
    return adopt(owned, out);
  };
}

function intoTwo(k0: string, f0: Copier, k1: string, f1: Copier): Copier {
  return (v, owned) => {
    const c0 = Object.hasOwn(v, k0) ? v[k0] : undefined;
    const c1 = Object.hasOwn(v, k1) ? v[k1] : undefined;
    const r0 = isObject(c0) ? f0(c0, owned) : c0;
    const r1 = isObject(c1) ? f1(c1, owned) : c1;
    if (r0 === c0 && r1 === c1) return v;
    if ((r0 === undefined && c0 !== undefined) || (r1 === undefined && c1 !== undefined)) {
      return rebuildWith(v, owned, [k0, r0, k1, r1]);
    }
    const out = { ...v };
    if (r0 !== c0) setKey(out, k0, r0);
    if (r1 !== c1) setKey(out, k1, r1);
    return adopt(owned, out);
  };
}

function general(drop: readonly string[], into: readonly string[], subs: readonly Copier[]): Copier {
  return (v, owned) => {
    const changes: unknown[] = [];
    for (const d of drop) if (Object.hasOwn(v, d)) changes.push(d, undefined);
    for (let i = 0; i < into.length; i++) {
      const k = into[i] as string;
      const c = Object.hasOwn(v, k) ? v[k] : undefined;
      if (!isObject(c)) continue;
      const r = (subs[i] as Copier)(c, owned);
      if (r !== c) changes.push(k, r);
    }
    return changes.length === 0 ? v : rebuildWith(v, owned, changes);
  };
}

/** `v` with (key, value) changes applied; an undefined value leaves the key out. */
function rebuildWith(
  v: JsonObject,
  owned: Set<object> | undefined,
  changes: readonly unknown[],
): JsonObject | undefined {
  const out: JsonObject = {};
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    let value = v[k];
    for (let i = 0; i < changes.length; i += 2) {
      if (changes[i] === k) {
        value = changes[i + 1];
        break;
      }
    }
    if (value !== undefined) setKey(out, k, value);
  }
  return isEmptyObject(out) ? undefined : adopt(owned, out);
}

export function adopt(owned: Set<object> | undefined, o: JsonObject): JsonObject {
  owned?.add(o);
  return o;
}

/** Rebuilds `v` with the (key, value) changes on STACK above `base`; undefined values leave keys out. */
function rebuild(
  owned: Set<object> | undefined,
  v: JsonObject,
  base: number,
  excluded: number,
): JsonObject | undefined {
  const top = sp;
  if (top === base) return v;
  let out: JsonObject;
  if (excluded === 0) {
    out = { ...v };
    for (let i = base; i < top; i += 2) setKey(out, STACK[i] as string, STACK[i + 1]);
  } else if (excluded === 1 && top - base === 2) {
    // The common "rename or remove one field" case: object rest is V8's fastest copy-without-a-key.
    const { [STACK[base] as string]: omitted, ...rest } = v;
    void omitted;
    out = rest;
  } else {
    out = {};
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      let value = v[k];
      for (let i = base; i < top; i += 2) {
        if (STACK[i] === k) {
          value = STACK[i + 1];
          break;
        }
      }
      if (value !== undefined) setKey(out, k, value);
    }
  }
  sp = base;
  return isEmptyObject(out) ? undefined : adopt(owned, out);
}

/**
 * The part of `v` (at `depth` segments below the wildcard base) that survives the later rules' claims,
 * or undefined when nothing does. `m` is the lowest active claim rank on the path so far: a leaf at
 * rank L is overridden when m < L.
 */
export function copyValue(
  owned: Set<object> | undefined,
  v: unknown,
  depth: number,
  m: number,
  s: ClaimNode | undefined,
  d: ClaimNode | undefined,
  bound: number,
): unknown {
  if (m === Infinity) {
    // Nothing claimed on the path: only claims further down can change this subtree.
    if ((s?.keys === undefined && d?.keys === undefined) || !isObject(v)) return v;
    return copyClaimed(owned, v, depth, s, d, bound);
  }
  if (!isBranch(v)) return m < depth ? undefined : v;
  if (m <= depth) return undefined; // every leaf below has rank > depth
  // A finite rank applies to the whole subtree, so every key has to be visited.
  const sc = s?.children;
  const dc = d?.children;
  let out: JsonObject | undefined;
  for (const k of Object.keys(v)) {
    const s2 = sc?.get(k);
    const d2 = dc?.get(k);
    const r = copyValue(owned, v[k], depth + 1, lower(m, s2, d2, bound), s2, d2, bound);
    if (r !== undefined) setKey((out ??= adopt(owned, {})), k, r);
  }
  return out;
}

function lower(m: number, s: ClaimNode | undefined, d: ClaimNode | undefined, bound: number): number {
  let r = m;
  if (s !== undefined) r = Math.min(r, activeRank(s, bound));
  if (d !== undefined) r = Math.min(r, activeRank(d, bound));
  return r;
}

// Scratch stack of copyClaimed, in use up to `sp`. Module-level and never shrunk, so the copy allocates
// nothing but the objects it returns; safe because a tree copy never re-enters itself across messages.
const STACK: unknown[] = [];
let sp = 0;

/** Starts a tree copy with an empty stack, in case an earlier one was interrupted by an exception. */
export function resetCopyStack(): void {
  sp = 0;
}

/**
 * Rebuilds `v` visiting only the keys the claim tries name; everything else is shared. Changed
 * children go on STACK as (key, value) pairs above `base`.
 */
function copyClaimed(
  owned: Set<object> | undefined,
  v: JsonObject,
  depth: number,
  s: ClaimNode | undefined,
  d: ClaimNode | undefined,
  bound: number,
): unknown {
  const base = sp;
  let excluded = 0;
  const sc = s?.children;
  const dc = d?.children;
  const sKeys = s?.keys;
  if (sKeys !== undefined) {
    for (let i = 0; i < sKeys.length; i++)
      excluded += copyChild(owned, v, sKeys[i] as string, depth, sc, dc, bound);
  }
  const dKeys = d?.keys;
  if (dKeys !== undefined) {
    for (let i = 0; i < dKeys.length; i++) {
      const k = dKeys[i] as string;
      if (sc?.has(k) !== true) excluded += copyChild(owned, v, k, depth, sc, dc, bound);
    }
  }
  return rebuild(owned, v, base, excluded);
}

/** Copies one claimed child onto the stack when it changed; returns 1 when it is left out entirely. */
function copyChild(
  owned: Set<object> | undefined,
  v: JsonObject,
  k: string,
  depth: number,
  sc: Map<string, ClaimNode> | undefined,
  dc: Map<string, ClaimNode> | undefined,
  bound: number,
): number {
  if (!Object.hasOwn(v, k)) return 0;
  const child = v[k];
  const s2 = sc?.get(k);
  const d2 = dc?.get(k);
  const r = copyValue(owned, child, depth + 1, lower(Infinity, s2, d2, bound), s2, d2, bound);
  if (r === child) return 0;
  STACK[sp++] = k;
  STACK[sp++] = r;
  return r === undefined ? 1 : 0;
}
