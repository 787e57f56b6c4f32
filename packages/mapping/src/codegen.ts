// Code generation for the common shape of a transformation: the closure executor's semantics, emitted
// as one JavaScript function per compiled transformation. The speed comes from V8 giving every generated
// function its own inline caches, so property reads and writes see only this transformation's keys and
// message shapes, where the shared closures see every transformation's.
//
// Safety: the generated source contains no text from the settings or from messages. Field names,
// literals, output paths and readers are passed in the constants array `C` and referenced by index; the
// source is assembled only from the fixed snippets below, our own identifiers and numbers. Operators
// and functions are the very implementations the closures use (`H`).
//
// Only transformations inside `isGeneratable` are generated; everything else, tracing, and environments
// that forbid `new Function` (a Content-Security-Policy without 'unsafe-eval') use the closures.
import { getOwn, isInheritedName } from './access.ts';
import { compileExpr, literalValue } from './compile-expr.ts';
import { runDatasets } from './datasets.ts';
import { FILTER_TRUE_DROPS } from './decisions.ts';
import { lookupFunction } from './functions.ts';
import type { CopyPlan } from './copy.ts';
import type { MapRule, OutputTarget } from './map.ts';
import { MetadataDraft } from './metadata.ts';
import {
  type BinaryOp,
  add,
  asBool,
  div,
  eq,
  ge,
  gt,
  le,
  lt,
  mod,
  mul,
  neg,
  not,
  pow,
  sub,
} from './operators.ts';
import type { Expr } from './parser.ts';
import { type FieldRef, formatPath, formatRef } from './path.ts';
import type { Program } from './program.ts';
import type {
  DatasetLookup,
  Message,
  MessageMetadata,
  RuleWarning,
  Stage,
  TransformResult,
} from './types.ts';
import { type Val, EvalFailure, fail, failMissing, fromJson, toJson, typeName } from './values.ts';

export type Transform = (message: Message) => TransformResult;

const STAGES: readonly Stage[] = ['datasets', 'filter', 'map'];
/** Helpers the hot path calls, bound to local constants of the generated module. */
const HOT_HELPERS = [
  'getOwn',
  'fromJson',
  'toJson',
  'EvalFailure',
  'add',
  'sub',
  'mul',
  'div',
  'mod',
  'pow',
  'lt',
  'gt',
  'le',
  'ge',
  'eq',
  'neg',
  'not',
  'asBool',
  'ifCondition',
] as const;
const NO_RECORDS: unknown[] = [];

/** What generated code calls; fixed, never derived from settings. */
const HELPERS = {
  getOwn,
  fromJson,
  toJson,
  EvalFailure,
  add,
  sub,
  mul,
  div,
  mod,
  pow,
  lt,
  gt,
  le,
  ge,
  eq,
  neg,
  not,
  asBool,
  runDatasets,
  MetadataDraft,
  NO_RECORDS,
  ifCondition(c: Val): never {
    if (c === undefined) failMissing('if');
    return fail(`if expects a boolean condition, got ${typeName(c)}`);
  },
  nonBoolean(v: Val): string {
    return `filter expression must evaluate to a boolean, got ${typeName(v)}`;
  },
  badMessage(): TransformResult {
    return {
      kind: 'error',
      stage: 'datasets',
      rule: -1,
      reason: 'a message must be an object with a payload',
    };
  },
  metadataOf(message: Message): MessageMetadata | undefined {
    const m: unknown = message.metadata;
    return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as MessageMetadata) : undefined;
  },
  finish(
    result: TransformResult,
    early: RuleWarning[] | undefined,
    late: RuleWarning[] | undefined,
  ): TransformResult {
    if (early === undefined && late === undefined) return result;
    return { ...result, warnings: [...(early ?? []), ...(late ?? [])] };
  },
  internal(
    stage: number,
    e: unknown,
    early: RuleWarning[] | undefined,
    late: RuleWarning[] | undefined,
  ): TransformResult {
    const reason = e instanceof Error ? `${e.name}: ${e.message}` : 'unexpected failure';
    return HELPERS.finish(
      { kind: 'error', stage: STAGES[stage] ?? 'map', rule: -1, reason: `internal error: ${reason}` },
      early,
      late,
    );
  },
};

/** Whether the generator covers this program (see the header comment). */
export function isGeneratable(program: Program): boolean {
  const map = program.map;
  if (map === undefined) return true;
  if (map.nestedWrites) return false;
  let payloadWritten = false;
  for (const rule of map.rules) {
    if (rule.kind === 'wildcard') {
      const out = rule.output;
      const simple =
        rule.treeCopy &&
        rule.plan !== undefined &&
        out.kind === 'payload' &&
        out.wildcard === 0 &&
        out.segments.length === 1;
      if (!simple || payloadWritten) return false;
    }
    if (rule.output.kind === 'payload') payloadWritten = true;
  }
  return true;
}

/** Generates the executor, or undefined when the program is not covered or code cannot be created. */
export function generateTransform(program: Program, lookup: DatasetLookup): Transform | undefined {
  if (!isGeneratable(program)) return undefined;
  const { source, constants } = generateSource(program, lookup);
  try {
    // The source is built from fixed snippets only (see the header): no user text is evaluated.
    const factory = new Function('C', 'H', source) as (c: readonly unknown[], h: typeof HELPERS) => Transform;
    return factory(constants, HELPERS);
  } catch {
    return undefined;
  }
}

/** Emits the source and its constants; exported for the test that proves no user text gets in. */
export function generateSource(
  program: Program,
  lookup: DatasetLookup,
): { source: string; constants: unknown[] } {
  const g = new Generator();
  return { source: g.program(program, lookup), constants: g.constants };
}

class Generator {
  readonly constants: unknown[] = [];
  private readonly constantIndex = new Map<unknown, number>();
  private readonly helpers: string[] = [];
  private temps = 0;
  private copiers = 0;
  needsContext = false;

  /** A constant's identifier (`c<n>`); equal primitive constants share one. */
  c(value: unknown): string {
    const shareable = typeof value !== 'object' && typeof value !== 'function';
    const known = shareable ? this.constantIndex.get(value) : undefined;
    if (known !== undefined) return `c${known}`;
    const i = this.constants.length;
    this.constants.push(value);
    if (shareable) this.constantIndex.set(value, i);
    return `c${i}`;
  }

  temp(): string {
    return `t${this.temps++}`;
  }

  program(program: Program, lookup: DatasetLookup): string {
    const body: string[] = [];
    if (program.datasets.length > 0) {
      this.needsContext = true;
      body.push(
        `{ const d = H.runDatasets(${this.c(program.datasets)}, ${this.c(lookup)}, ctx, undefined);`,
        `  if (!d.ok) return H.finish({ kind: 'error', stage: 'datasets', rule: d.rule, reason: d.reason }, ctx.warnings, warnings); }`,
      );
    }
    body.push('stage = 1;');
    for (const rule of program.filter) body.push(this.filterRule(rule));
    body.push('stage = 2;');
    body.push(...this.map(program));
    const decls = this.constants.map((_, i) => `c${i} = C[${i}]`);
    const temps = Array.from({ length: this.temps }, (_, i) => `t${i}`);
    return [
      '"use strict";',
      decls.length > 0 ? `const ${decls.join(', ')};` : '',
      'const isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);',
      'const hasOwn = Object.hasOwn;',
      'const FAILED = {};',
      `const { ${HOT_HELPERS.join(', ')} } = H;`,
      'const defProp = (o, k, value) => Object.defineProperty(o, k, { value, writable: true, enumerable: true, configurable: true });',
      ...this.helpers,
      'return function transform(message) {',
      '  if (typeof message !== "object" || message === null) return H.badMessage();',
      '  const payload = message.payload;',
      '  const metadata = H.metadataOf(message);',
      '  let warnings;',
      '  let stage = 0;',
      this.needsContext
        ? `  const ctx = { payload, metadata, records: ${program.datasets.length > 0 ? '[]' : 'H.NO_RECORDS'}, bound: 0, candidate: undefined, warnings: undefined };`
        : '  const ctx = undefined;',
      temps.length > 0 ? `  let ${temps.join(', ')};` : '',
      '  try {',
      ...body.map((l) => `    ${l}`),
      '  } catch (e) {',
      '    return H.internal(stage, e, ctx?.warnings, warnings);',
      '  }',
      '};',
    ].join('\n');
  }

  // ---------------------------------------------------------------------------------------------
  // Reading inputs

  /** Statements that leave the raw JSON value of `ref` in `target` (undefined = absent). */
  read(ref: FieldRef, closure: unknown, target: string): string {
    if (ref.root.kind !== 'source' || ref.last) {
      this.needsContext = true;
      return `${target} = ${this.c(closure)}(ctx);`;
    }
    const steps = ref.segments.map((s) => {
      const k = this.c(s);
      return isInheritedName(s)
        ? `${target} = isObj(${target}) ? getOwn(${target}, ${k}) : undefined;`
        : `${target} = isObj(${target}) ? ${target}[${k}] : undefined;`;
    });
    return [`${target} = payload;`, ...steps].join(' ');
  }

  /** Reads and converts the used inputs into a0..an (inside a try: fromJson may fail). */
  bind(refs: readonly FieldRef[], readers: readonly unknown[], used: readonly boolean[]): string {
    const lines: string[] = [];
    refs.forEach((ref, k) => {
      if (used[k] !== true) return;
      const a = `a${k}`;
      lines.push(`let ${a}; ${this.read(ref, readers[k], a)}`);
      lines.push(
        `if (typeof ${a} !== "string" && !(typeof ${a} === "number" && (Number.isSafeInteger(${a}) || !Number.isInteger(${a})))) ${a} = fromJson(${a}, ${k + 1});`,
      );
    });
    return lines.join(' ');
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions

  expr(e: Expr): string {
    const folded = this.fold(e);
    if (folded !== undefined) return folded;
    switch (e.kind) {
      case 'literal':
        return this.c(literalValue(e.literal));
      case 'input':
        return `a${e.index - 1}`;
      case 'tuple':
        return `[${e.items.map((x) => this.expr(x)).join(', ')}]`;
      case 'unary':
        return e.op === '-' ? `neg(${this.expr(e.operand)})` : `not(${this.expr(e.operand)})`;
      case 'binary': {
        const l = this.expr(e.left);
        const r = this.expr(e.right);
        if (e.op === '&&') return `(asBool(${l}, "&&") && asBool(${r}, "&&"))`;
        if (e.op === '||') return `(asBool(${l}, "||") || asBool(${r}, "||"))`;
        if (e.op === '!=') return `!eq(${l}, ${r})`;
        return `${BINARY_HELPERS[e.op]}(${l}, ${r})`;
      }
      case 'call': {
        if (e.name === 'if') {
          const t = this.temp();
          const [c, a, b] = e.args.map((x) => this.expr(x));
          return `((${t} = ${c}) === true ? ${a} : ${t} === false ? ${b} : ifCondition(${t}))`;
        }
        const def = lookupFunction(e.name);
        if (def === undefined) throw new Error(`unknown function ${e.name}`); // rejected by the parser
        const args = e.args.map((x) => this.expr(x));
        if (def.one !== undefined && args.length === 1) return `${this.c(def.one)}(${args[0] as string})`;
        return `${this.c(def.impl)}([${args.join(', ')}])`;
      }
    }
  }

  /** A sub-expression without inputs that evaluates cleanly becomes a constant. */
  private fold(e: Expr): string | undefined {
    if (e.kind === 'literal' || e.kind === 'input' || hasInput(e)) return undefined;
    try {
      return this.c(compileExpr(e)([]));
    } catch {
      return undefined;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Filter

  filterRule(rule: Program['filter'][number]): string {
    const i = rule.index;
    const drop = FILTER_TRUE_DROPS ? 'true' : 'false';
    const code = [
      '{ let r;',
      `  try { ${this.bind(rule.refs, rule.inputs, rule.used)} r = ${this.expr(rule.ast)}; }`,
      '  catch (e) {',
      '    if (!(e instanceof EvalFailure)) throw e;',
      `    if (!e.missing) return H.finish({ kind: "error", stage: "filter", rule: ${i}, reason: e.reason }, ctx?.warnings, warnings);`,
      `    (warnings ??= []).push({ stage: "filter", rule: ${i}, reason: e.reason }); r = FAILED;`,
      '  }',
      `  if (r === ${drop}) return H.finish({ kind: "drop", rule: ${i} }, ctx?.warnings, warnings);`,
      '  if (r !== FAILED && typeof r !== "boolean") {',
      `    if (r === undefined) (warnings ??= []).push({ stage: "filter", rule: ${i}, reason: ${this.c('the expression evaluated to the empty value (a missing input)')} });`,
      `    else return H.finish({ kind: "error", stage: "filter", rule: ${i}, reason: H.nonBoolean(r) }, ctx?.warnings, warnings);`,
      '  }',
      '}',
    ].join('\n');
    return this.guard(rule.mask, code);
  }

  private guard(mask: number, code: string): string {
    if (mask === 0) return code;
    this.needsContext = true;
    return `if ((ctx.bound & ${mask}) === ${mask}) ${code}`;
  }

  // ---------------------------------------------------------------------------------------------
  // Map (only the shapes `isGeneratable` accepts)

  map(program: Program): string[] {
    const map = program.map;
    if (map === undefined) return ['return H.finish({ kind: "emit", message }, ctx?.warnings, warnings);'];
    const lines: string[] = [];
    // When the pass-through is the first rule to write the payload it may adopt its copy as the output.
    const firstPayload = map.rules.find((r) => r.output.kind === 'payload');
    const adopts = firstPayload?.kind === 'wildcard';
    lines.push(adopts ? 'let out;' : 'let out = {};');
    if (map.writesMetadata) lines.push('let draft;');
    for (const rule of map.rules) {
      lines.push(this.guard(rule.mask, this.mapRule(rule)));
      if (rule === firstPayload && adopts) lines.push('if (out === undefined) out = {};');
    }
    const meta = map.writesMetadata ? '(draft !== undefined ? draft.result() : metadata)' : 'metadata';
    lines.push(
      `{ const md = ${meta};`,
      '  const result = { kind: "emit", message: md === undefined ? { payload: out } : { payload: out, metadata: md } };',
      '  return warnings === undefined && ctx?.warnings === undefined ? result : H.finish(result, ctx?.warnings, warnings); }',
    );
    return lines;
  }

  private mapRule(rule: MapRule): string {
    switch (rule.kind) {
      case 'remove':
        return '';
      case 'copy': {
        const input = rule.inputs[0] as MapRule['inputs'][number];
        return `{ let v; ${this.read(input.ref, input.read, 'v')} if (v !== undefined) { ${this.write(rule.output, 'v')} } }`;
      }
      case 'constant':
      case 'compute': {
        const path = outputText(rule.output);
        const where = path === undefined ? '' : `, path: ${this.c(path)}`;
        return [
          '{ let r = FAILED;',
          `  try { ${this.bind(
            rule.inputs.map((x) => x.ref),
            rule.inputs.map((x) => x.read),
            rule.used,
          )} r = toJson(${this.expr(rule.ast as Expr)}); }`,
          '  catch (e) {',
          '    if (!(e instanceof EvalFailure)) throw e;',
          `    if (!e.missing) return H.finish({ kind: "error", stage: "map", rule: ${rule.index}${where}, reason: e.reason }, ctx?.warnings, warnings);`,
          `    (warnings ??= []).push({ stage: "map", rule: ${rule.index}${where}, reason: e.reason });`,
          '  }',
          `  if (r !== FAILED) { if (r === undefined) { ${this.remove(rule.output)} } else { ${this.write(rule.output, 'r')} } }`,
          '}',
        ].join('\n');
      }
      case 'wildcard':
        return this.treeCopy(rule);
    }
  }

  private write(target: OutputTarget, value: string): string {
    if (target.kind === 'metadata') {
      return `(draft ??= new H.MetadataDraft(metadata)).write(${this.c(target.field)}, ${this.c(target.key)}, ${value});`;
    }
    if (target.kind === 'none') return '';
    const key = target.segments[0] as string;
    return key === '__proto__'
      ? `defProp(out, ${this.c(key)}, ${value});`
      : `out[${this.c(key)}] = ${value};`;
  }

  private remove(target: OutputTarget): string {
    if (target.kind === 'metadata') return this.write(target, 'undefined');
    if (target.kind === 'none') return '';
    const k = this.c(target.segments[0]);
    return `if (hasOwn(out, ${k})) Reflect.deleteProperty(out, ${k});`;
  }

  private treeCopy(rule: MapRule): string {
    const plan = rule.plan;
    if (plan === null || plan === undefined) return ''; // every field is read by a later rule
    const input = (rule.inputs[0] as MapRule['inputs'][number]).ref;
    const walk = input.segments
      .slice(0, input.wildcard)
      .map((s) => `base = isObj(base) ? getOwn(base, ${this.c(s)}) : undefined;`)
      .join(' ');
    const copier = this.copier(plan);
    const root = input.root.kind === 'source' ? 'payload' : `${this.c(rootReaderOf(rule))}(ctx)`;
    if (input.root.kind !== 'source') this.needsContext = true;
    return `{ let base = ${root}; ${walk} if (isObj(base)) { const copy = ${copier}(base); if (copy !== undefined) out = copy === base ? { ...copy } : copy; } }`;
  }

  /** Emits one function per claimed object (own inline caches per key); returns its name. */
  private copier(plan: CopyPlan): string {
    if (plan.drop.length === 0 && plan.into.length === 0) return '((v) => v)';
    const name = `copy${this.copiers++}`;
    const subs = plan.sub.map((p) => this.copier(p));
    const lines = [`function ${name}(v) {`];
    const into = plan.into.map((k, j) => ({
      k: this.c(k),
      raw: k,
      x: `x${j}`,
      y: `y${j}`,
      sub: subs[j] as string,
    }));
    const drop = plan.drop.map((k, j) => ({ k: this.c(k), raw: k, d: `d${j}` }));
    // A plain read is safe for names Object.prototype does not have; the others need an own check.
    const own = (k: string, raw: string): string => (isInheritedName(raw) ? `getOwn(v, ${k})` : `v[${k}]`);
    for (const c of into) {
      lines.push(
        `  const ${c.x} = ${own(c.k, c.raw)};`,
        `  const ${c.y} = isObj(${c.x}) ? ${c.sub}(${c.x}) : ${c.x};`,
      );
    }
    for (const c of drop) lines.push(`  const ${c.d} = ${own(c.k, c.raw)} !== undefined;`);
    const unchanged = [...into.map((c) => `${c.y} === ${c.x}`), ...drop.map((c) => `!${c.d}`)].join(' && ');
    lines.push(`  if (${unchanged}) return v;`);
    const removes = [
      ...into.map((c) => `(${c.y} === undefined && ${c.x} !== undefined)`),
      ...drop.map((c) => c.d),
    ].join(' || ');
    lines.push(`  if (!(${removes})) {`, '    const o = { ...v };');
    for (const c of into) {
      lines.push(
        `    if (${c.y} !== ${c.x}) ${c.raw === '__proto__' ? `defProp(o, ${c.k}, ${c.y})` : `o[${c.k}] = ${c.y}`};`,
      );
    }
    lines.push(
      '    return o;',
      '  }',
      '  const o = {};',
      '  let n = 0;',
      '  for (const k in v) {',
      '    if (!hasOwn(v, k)) continue;',
      '    let value;',
    );
    const branches = [
      ...drop.map((c) => `if (k === ${c.k}) continue;`),
      ...into.map((c) => `if (k === ${c.k}) value = ${c.y};`),
      'value = v[k];',
    ];
    lines.push(`    ${branches.join(' else ')}`);
    lines.push(
      '    if (value === undefined) continue;',
      '    if (k === "__proto__") defProp(o, k, value); else o[k] = value;',
      '    n++;',
      '  }',
      '  return n === 0 ? undefined : o;',
      '}',
    );
    this.helpers.push(lines.join('\n'));
    return name;
  }
}

const BINARY_HELPERS: Readonly<Record<BinaryOp, string>> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '%': 'mod',
  '^': 'pow',
  '<': 'lt',
  '>': 'gt',
  '<=': 'le',
  '>=': 'ge',
  '==': 'eq',
  '!=': 'eq',
  '&&': 'asBool',
  '||': 'asBool',
};

function hasInput(e: Expr): boolean {
  switch (e.kind) {
    case 'input':
      return true;
    case 'literal':
      return false;
    case 'tuple':
      return e.items.some(hasInput);
    case 'unary':
      return hasInput(e.operand);
    case 'binary':
      return hasInput(e.left) || hasInput(e.right);
    case 'call':
      return e.args.some(hasInput);
  }
}

function outputText(target: OutputTarget): string | undefined {
  if (target.kind === 'payload') return formatPath(target.segments);
  if (target.kind === 'metadata')
    return formatRef({ kind: 'metadata', field: target.field, key: target.key }, []);
  return undefined;
}

function rootReaderOf(rule: MapRule): unknown {
  return (rule.inputs[0] as MapRule['inputs'][number]).root;
}
