// Validates builtInTransformationSettings and compiles them, once, into a Program (closures for the
// three stages), then picks its executor: generated code when possible, the closures otherwise.
import { type ClaimNode, type ClaimTrie, addClaim } from './claims.ts';
import { generateTransform } from './codegen.ts';
import { type Closure, compileExpr } from './compile-expr.ts';
import { type AliasTable, type LastValues, compileReader, namespaceKey, rootReader } from './context.ts';
import { type CopyPlan, compileCopier, planFor } from './copy.ts';
import { type DatasetStep, parseDatasetKey } from './datasets.ts';
import { MAX_DATASETS } from './decisions.ts';
import { MappingCompileError, MappingSyntaxError } from './errors.ts';
import { execute } from './execute.ts';
import type { FilterRule } from './filter.ts';
import type { MapInput, MapRule, MapStage, OutputTarget } from './map.ts';
import { type Expr, maxInputIndex, parseExpression } from './parser.ts';
import { type FieldRef, parseFieldRef } from './path.ts';
import type { Program } from './program.ts';
import type {
  CompileIssue,
  CompileOptions,
  CompiledTransformation,
  DatasetLookup,
  Message,
  SerializationFormat,
  Stage,
  TracedCompiledTransformation,
  TransformResult,
  TransformationSettings,
} from './types.ts';

type Issues = CompileIssue[];

const FORMATS: readonly SerializationFormat[] = ['Json', 'Parquet', 'Delta'];

/**
 * Validates and compiles a transformation. Throws `MappingCompileError` listing every problem (rule
 * index, JSON pointer, and the column for syntax errors). The returned function never throws.
 */
export function compileTransformation(
  settings: TransformationSettings | undefined,
  options: CompileOptions & { readonly trace: true },
): TracedCompiledTransformation;
export function compileTransformation(
  settings: TransformationSettings | undefined,
  options?: CompileOptions,
): CompiledTransformation;
export function compileTransformation(
  settings: TransformationSettings | undefined,
  options: CompileOptions = {},
): CompiledTransformation | TracedCompiledTransformation {
  const program = compileProgram(settings);
  const lookup = toLookup(options.datasets);
  const tracing = options.trace === true;
  const generated = tracing || options.codegen === false ? undefined : generateTransform(program, lookup);
  const run =
    generated ?? ((message: Message): TransformResult => execute(program, lookup, tracing, message));
  return Object.assign(run, {
    serializationFormat: program.serializationFormat,
    ...(program.schemaRef === undefined ? {} : { schemaRef: program.schemaRef }),
    resetLastValues: () => program.lastValues.clear(),
  }) as CompiledTransformation | TracedCompiledTransformation;
}

/** Validates and builds the program both executors run (internal; used by tests of the generator). */
export function compileProgram(settings: TransformationSettings | undefined): Program {
  const issues: Issues = [];
  const program = buildProgram(settings, issues);
  if (issues.length > 0 || program === undefined) throw new MappingCompileError(issues);
  return program;
}

/** Every problem `compileTransformation` would report, without throwing. */
export function validateTransformation(settings: TransformationSettings | undefined): CompileIssue[] {
  const issues: Issues = [];
  buildProgram(settings, issues);
  return issues;
}

function toLookup(source: CompileOptions['datasets']): DatasetLookup {
  if (source === undefined) return () => undefined;
  if (typeof source === 'function') return source;
  return (key) => (Object.hasOwn(source, key) ? source[key] : undefined);
}

// ---------------------------------------------------------------------------------------------------
// Validation helpers: settings come from YAML/JSON, so every field is checked before use.

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Collector {
  readonly issues: Issues;
  constructor(issues: Issues) {
    this.issues = issues;
  }

  add(
    stage: CompileIssue['stage'],
    rule: number,
    pointer: string,
    message: string,
    text?: string,
    column?: number,
  ): void {
    this.issues.push({
      stage,
      rule,
      pointer,
      message,
      ...(text === undefined ? {} : { text }),
      ...(column === undefined ? {} : { column }),
    });
  }

  /** Runs a parser, recording its syntax error as an issue. */
  parse<T>(stage: Stage, rule: number, pointer: string, text: string, f: () => T): T | undefined {
    try {
      return f();
    } catch (e) {
      if (e instanceof MappingSyntaxError) {
        this.add(stage, rule, pointer, e.reason, text, e.column);
        return undefined;
      }
      throw e;
    }
  }

  stringList(stage: Stage, rule: number, pointer: string, v: unknown): readonly string[] | undefined {
    if (!Array.isArray(v)) {
      this.add(
        stage,
        rule,
        pointer,
        v === undefined ? 'inputs is required (use [] for none)' : 'inputs must be a list of strings',
      );
      return undefined;
    }
    let ok = true;
    v.forEach((x, k) => {
      if (typeof x !== 'string') {
        this.add(stage, rule, `${pointer}/${k}`, 'each input must be a string');
        ok = false;
      }
    });
    return ok ? (v as string[]) : undefined;
  }

  /**
   * Parses an optional expression; an empty string counts as absent (the ARM examples write `''`).
   * Returns null when absent, undefined when invalid.
   */
  expression(
    stage: Stage,
    rule: number,
    pointer: string,
    v: unknown,
    inputCount: number,
  ): CompiledExpression | undefined | null {
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string') {
      this.add(stage, rule, pointer, 'expression must be a string');
      return undefined;
    }
    const ast = this.parse(stage, rule, pointer, v, () => parseExpression(v));
    if (ast === undefined) return undefined;
    const max = maxInputIndex(ast);
    if (max.index > inputCount) {
      const have =
        inputCount === 0
          ? 'the rule has no inputs'
          : `the rule has ${inputCount} input${inputCount === 1 ? '' : 's'}`;
      this.add(stage, rule, pointer, `$${max.index} is out of range: ${have}`, v, max.col);
      return undefined;
    }
    return {
      fn: compileExpr(ast),
      ast,
      used: Array.from({ length: inputCount }, (_, k) => max.used.has(k + 1)),
    };
  }
}

interface CompiledExpression {
  readonly fn: Closure;
  readonly ast: Expr;
  /** Per input: whether the expression reads it (unused inputs are neither read nor converted). */
  readonly used: readonly boolean[];
}

function buildProgram(settings: TransformationSettings | undefined, issues: Issues): Program | undefined {
  const c = new Collector(issues);
  const s: unknown = settings ?? {};
  if (!isRecord(s)) {
    c.add('settings', -1, '', 'builtInTransformationSettings must be an object');
    return undefined;
  }
  let serializationFormat: SerializationFormat = 'Json';
  if (s.serializationFormat !== undefined) {
    const match = FORMATS.find(
      (f) =>
        typeof s.serializationFormat === 'string' && f.toLowerCase() === s.serializationFormat.toLowerCase(),
    );
    if (match === undefined)
      c.add(
        'settings',
        -1,
        '/serializationFormat',
        `serializationFormat must be one of ${FORMATS.join(', ')}`,
      );
    else serializationFormat = match;
  }
  let schemaRef: string | undefined;
  if (s.schemaRef !== undefined) {
    if (typeof s.schemaRef === 'string') schemaRef = s.schemaRef;
    else c.add('settings', -1, '/schemaRef', 'schemaRef must be a string');
  }
  const lastValues: LastValues = new Map();
  const { steps, aliases } = buildDatasets(c, s.datasets, lastValues);
  const filter = buildFilter(c, s.filter, aliases, lastValues);
  const map = buildMap(c, s.map, aliases, lastValues);
  if (issues.length > 0) return undefined;
  return { datasets: steps, filter, map, serializationFormat, schemaRef, lastValues };
}

function listOf(c: Collector, stage: Stage, v: unknown): readonly unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    c.add(stage, -1, `/${stage}`, `${stage} must be a list`);
    return [];
  }
  return v;
}

function aliasMask(ref: FieldRef, aliases: AliasTable): number {
  if (ref.root.kind !== 'context') return 0;
  const i = aliases.get(ref.root.alias);
  return i === undefined ? 0 : 1 << i;
}

/** Parses `inputs` of a filter or map rule: no `$context.` (dataset-only), aliases must exist. */
function parseInputs(
  c: Collector,
  stage: Stage,
  rule: number,
  pointer: string,
  inputs: readonly string[],
  aliases: AliasTable,
  allowWildcard: boolean,
): FieldRef[] | undefined {
  const refs: FieldRef[] = [];
  let ok = true;
  inputs.forEach((text, k) => {
    const p = `${pointer}/inputs/${k}`;
    const ref = c.parse(stage, rule, p, text, () => parseFieldRef(text, 'input'));
    if (ref === undefined) {
      ok = false;
      return;
    }
    if (ref.root.kind === 'candidate') {
      c.add(
        stage,
        rule,
        p,
        '`$context.<field>` is only valid in dataset inputs; use `$context(<alias>).<field>`',
        text,
      );
      ok = false;
    } else if (ref.root.kind === 'context' && !aliases.has(ref.root.alias)) {
      c.add(stage, rule, p, `no dataset has the alias '${ref.root.alias}'`, text);
      ok = false;
    } else if (ref.wildcard >= 0 && !allowWildcard) {
      c.add(stage, rule, p, `wildcards are not allowed in ${stage} inputs`, text);
      ok = false;
    } else if (ref.root.kind === 'context' && ref.segments.length === 0 && !allowWildcard) {
      c.add(stage, rule, p, `a whole dataset record cannot be used in an expression; name a field`, text);
      ok = false;
    }
    refs.push(ref);
  });
  return ok ? refs : undefined;
}

function buildDatasets(
  c: Collector,
  v: unknown,
  lastValues: LastValues,
): { steps: DatasetStep[]; aliases: AliasTable } {
  const list = listOf(c, 'datasets', v);
  const aliases = new Map<string, number>();
  const steps: DatasetStep[] = [];
  if (list.length > MAX_DATASETS)
    c.add('datasets', -1, '/datasets', `at most ${MAX_DATASETS} datasets are supported`);
  list.forEach((entry, i) => {
    const pointer = `/datasets/${i}`;
    if (!isRecord(entry)) {
      c.add('datasets', i, pointer, 'a dataset must be an object');
      return;
    }
    if (typeof entry.key !== 'string' || entry.key.trim() === '') {
      c.add(
        'datasets',
        i,
        `${pointer}/key`,
        'key is required (the state store key, optionally "<key> as <alias>")',
      );
      return;
    }
    const { key, alias } = parseDatasetKey(entry.key);
    if (aliases.has(alias))
      c.add('datasets', i, `${pointer}/key`, `the alias '${alias}' is used by another dataset`, entry.key);
    const inputs = c.stringList('datasets', i, `${pointer}/inputs`, entry.inputs) ?? [];
    const readers = inputs.map((text, k) => {
      const p = `${pointer}/inputs/${k}`;
      const ref = c.parse('datasets', i, p, text, () => parseFieldRef(text, 'input'));
      if (ref === undefined) return () => undefined;
      if (ref.wildcard >= 0) c.add('datasets', i, p, 'wildcards are not allowed in dataset inputs', text);
      let effective = ref;
      if (ref.root.kind === 'context') {
        // Some doc samples write `$context(<own alias>).field` for the record being tested.
        if (ref.root.alias === alias) effective = { ...ref, root: { kind: 'candidate' } };
        else if (!aliases.has(ref.root.alias))
          c.add('datasets', i, p, `no earlier dataset has the alias '${ref.root.alias}'`, text);
      }
      return compileReader(effective, aliases, lastValues);
    });
    const expr = c.expression('datasets', i, `${pointer}/expression`, entry.expression, inputs.length);
    aliases.set(alias, i);
    steps.push({ index: i, key, alias, inputs: readers, expr: expr?.fn, scratch: [] });
  });
  return { steps, aliases };
}

function buildFilter(c: Collector, v: unknown, aliases: AliasTable, lastValues: LastValues): FilterRule[] {
  const rules: FilterRule[] = [];
  listOf(c, 'filter', v).forEach((entry, i) => {
    const pointer = `/filter/${i}`;
    if (!isRecord(entry)) {
      c.add('filter', i, pointer, 'a filter rule must be an object');
      return;
    }
    const inputs = c.stringList('filter', i, `${pointer}/inputs`, entry.inputs);
    const refs =
      inputs === undefined ? undefined : parseInputs(c, 'filter', i, pointer, inputs, aliases, false);
    if (entry.expression === undefined || entry.expression === null || entry.expression === '') {
      c.add('filter', i, `${pointer}/expression`, 'a filter rule needs an expression');
      return;
    }
    const expr = c.expression('filter', i, `${pointer}/expression`, entry.expression, inputs?.length ?? 0);
    if (refs === undefined || !expr) return;
    rules.push({
      index: i,
      inputs: refs.map((r, k) =>
        expr.used[k] === true ? compileReader(r, aliases, lastValues) : () => undefined,
      ),
      expr: expr.fn,
      mask: refs.reduce((m, r) => m | aliasMask(r, aliases), 0),
      scratch: [],
      refs,
      ast: expr.ast,
      used: expr.used,
    });
  });
  return rules;
}

interface Draft {
  readonly index: number;
  readonly kind: MapRule['kind'];
  readonly refs: readonly FieldRef[];
  readonly output: OutputTarget;
  readonly expr: CompiledExpression | undefined;
}

function buildMap(
  c: Collector,
  v: unknown,
  aliases: AliasTable,
  lastValues: LastValues,
): MapStage | undefined {
  const drafts: Draft[] = [];
  const list = listOf(c, 'map', v);
  list.forEach((entry, i) => {
    const draft = draftMapRule(c, entry, i, aliases);
    if (draft !== undefined) drafts.push(draft);
  });
  if (list.length === 0 || drafts.length !== list.length) return undefined;

  const rules: MapRule[] = drafts.map((d, i) => {
    const inputs: MapInput[] = d.refs.map((ref) => ({
      ref,
      read: ref.wildcard >= 0 ? () => undefined : compileReader(ref, aliases, lastValues),
      root: rootReader(ref.root, aliases),
      namespace: namespaceKey(ref.root, aliases),
    }));
    const driver = d.refs.findIndex((r) => r.wildcard >= 0);
    const claims: ClaimTrie = new Map();
    const laterWildcards: number[] = [];
    if (d.kind === 'wildcard') {
      for (let j = i + 1; j < drafts.length; j++) {
        const later = drafts[j] as Draft;
        if (later.kind === 'wildcard') {
          laterWildcards.push(j);
          continue;
        }
        const mask = later.refs.reduce((m, r) => m | aliasMask(r, aliases), 0);
        for (const ref of later.refs) {
          const ns = namespaceKey(ref.root, aliases);
          if (ns !== undefined) addClaim(claims, ns, ref.segments, 0, later.index, mask);
        }
      }
    }
    const first = d.refs[0];
    const treeCopy =
      d.kind === 'wildcard' &&
      d.refs.length === 1 &&
      d.expr === undefined &&
      first !== undefined &&
      first.wildcard === first.segments.length - 1 &&
      d.output.kind === 'payload' &&
      d.output.wildcard >= 0;
    const plan =
      treeCopy && laterWildcards.length === 0 ? staticPlan(claims, first as FieldRef, aliases) : undefined;
    return {
      index: d.index,
      kind: d.kind,
      inputs,
      output: d.output,
      expr: d.expr?.fn,
      ast: d.expr?.ast,
      used: d.expr?.used ?? d.refs.map(() => true),
      plan,
      copier: plan === undefined ? undefined : plan === null ? null : compileCopier(plan),
      mask: d.refs.reduce((m, r) => m | aliasMask(r, aliases), 0),
      driver,
      treeCopy,
      claims,
      laterWildcards,
      scratch: [],
    };
  });
  return {
    rules,
    writesMetadata: rules.some((r) => r.output.kind === 'metadata'),
    nestedWrites: hasNestedWrites(rules),
  };
}

/** The copy plan of a tree-copy rule, unless a claim on its path depends on a dataset match. */
function staticPlan(claims: ClaimTrie, input: FieldRef, aliases: AliasTable): CopyPlan | null | undefined {
  let node = claims.get(namespaceKey(input.root, aliases) ?? '');
  const conditional = (n: ClaimNode | undefined): boolean =>
    n !== undefined && (n.conditional !== undefined || [...(n.children?.values() ?? [])].some(conditional));
  if (conditional(node)) return undefined;
  for (let i = 0; i < input.wildcard; i++) {
    if (node?.rank === 0) return null;
    node = node?.children?.get(input.segments[i] as string);
  }
  return planFor(node);
}

/**
 * Whether any write may land below the top level of the output, or a pass-through may merge into an
 * output other rules already wrote. Only then do shared input subtrees need copy-on-write tracking.
 */
function hasNestedWrites(rules: readonly MapRule[]): boolean {
  let payloadWritten = false;
  for (const r of rules) {
    if (r.output.kind !== 'payload') continue;
    if (r.treeCopy && r.output.wildcard === 0 && r.output.segments.length === 1) {
      if (payloadWritten) return true;
    } else if (r.kind === 'wildcard' || r.output.segments.length > 1) {
      return true;
    }
    payloadWritten = true;
  }
  return false;
}

function draftMapRule(c: Collector, entry: unknown, i: number, aliases: AliasTable): Draft | undefined {
  const pointer = `/map/${i}`;
  if (!isRecord(entry)) {
    c.add('map', i, pointer, 'a map rule must be an object');
    return undefined;
  }
  const inputs = c.stringList('map', i, `${pointer}/inputs`, entry.inputs);
  if (typeof entry.output !== 'string') {
    c.add(
      'map',
      i,
      `${pointer}/output`,
      entry.output === undefined
        ? 'output is required (use "" to remove the inputs)'
        : 'output must be a string',
    );
    return undefined;
  }
  if (inputs === undefined) return undefined;
  const refs = parseInputs(c, 'map', i, pointer, inputs, aliases, true);
  const output = parseOutput(c, i, `${pointer}/output`, entry.output);
  const expr = c.expression('map', i, `${pointer}/expression`, entry.expression, inputs.length);
  if (refs === undefined || output === undefined || expr === undefined) return undefined;
  const hasWildcard = refs.some((r) => r.wildcard >= 0);
  const fail = (message: string, where = pointer): undefined => {
    c.add('map', i, where, message);
    return undefined;
  };
  if (output.kind === 'payload' && output.wildcard >= 0 && !hasWildcard) {
    return fail('the output uses * but no input does', `${pointer}/output`);
  }
  if (output.kind === 'none') {
    if (expr !== null)
      return fail('a removal rule (empty output) cannot have an expression', `${pointer}/expression`);
    return { index: i, kind: hasWildcard ? 'wildcard' : 'remove', refs, output, expr: undefined };
  }
  if (expr === null) {
    if (refs.length === 0)
      return fail('a rule without inputs needs an expression (a constant for a new property)');
    if (refs.length > 1) return fail('a rule with several inputs needs an expression that combines them');
  }
  const kind: MapRule['kind'] = hasWildcard
    ? 'wildcard'
    : refs.length === 0
      ? 'constant'
      : expr === null
        ? 'copy'
        : 'compute';
  return { index: i, kind, refs, output, expr: expr ?? undefined };
}

function parseOutput(c: Collector, rule: number, pointer: string, text: string): OutputTarget | undefined {
  if (text === '') return { kind: 'none' };
  const ref = c.parse('map', rule, pointer, text, () => parseFieldRef(text, 'output'));
  if (ref === undefined) return undefined;
  switch (ref.root.kind) {
    case 'source':
      return { kind: 'payload', segments: ref.segments, wildcard: ref.wildcard };
    case 'metadata':
      return { kind: 'metadata', field: ref.root.field, key: ref.root.key };
    default:
      c.add(
        'map',
        rule,
        pointer,
        'outputs are payload fields or $metadata fields; dataset records cannot be written',
        text,
      );
      return undefined;
  }
}
