// Built-in functions of dataflow expressions (spec §6.7). Names, argument handling and result types
// follow evalexpr, the crate the reference's function set comes from (rounding returns Float, `math::abs`
// keeps Int, `min`/`max` return the winning element's type), except where the reference says otherwise:
// `len` counts characters (evalexpr counts bytes), `str::substring` uses character indices, `min`/`max`
// accept a single number, and `if` only evaluates the branch it returns (see compile-expr.ts).
import { MAX_ROUND_DECIMALS } from './decisions.ts';
import { powf } from './operators.ts';
import {
  type Val,
  FloatBox,
  compareVals,
  fail,
  failMissing,
  isInt,
  isTuple,
  mkFloat,
  normInt,
  strFrom,
  toF,
  toInteger,
  typeName,
  valEquals,
} from './values.ts';

export interface FunctionDef {
  readonly min: number;
  readonly max: number;
  readonly impl: (args: readonly Val[]) => Val;
  /** Allocation-free entry point for one-argument functions. */
  readonly one?: (v: Val) => Val;
}

function math1(name: string, f: (x: number) => number): FunctionDef {
  const one = (v: Val): Val => mkFloat(f(toF(v, name)));
  return { min: 1, max: 1, one, impl: (args) => one(args[0]) };
}

function unary(f: (v: Val) => Val): FunctionDef {
  return { min: 1, max: 1, one: f, impl: (args) => f(args[0]) };
}

function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

const math2 = (name: string, f: (x: number, y: number) => number): FunctionDef => ({
  min: 2,
  max: 2,
  impl: (args) => mkFloat(f(toF(args[0], name), toF(args[1], name))),
});

/** Rust's `f64::round`: halves go away from zero, and values just below .5 are not pushed over by `+ 0.5`. */
function roundHalfAway(x: number): number {
  if (!Number.isFinite(x)) return x;
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}

function asString(v: Val, what: string): string {
  if (typeof v === 'string') return v;
  if (v === undefined) failMissing(what);
  return fail(`${what} expects a string, got ${typeName(v)}`);
}

function asTuple(v: Val, what: string): readonly Val[] {
  if (isTuple(v)) return v;
  if (v === undefined) failMissing(what);
  return fail(`${what} expects a tuple, got ${typeName(v)}`);
}

function asPrimitive(v: Val, what: string): Val {
  if (v === undefined) failMissing(what);
  if (isTuple(v)) fail(`${what} expects a string, number or boolean, got a tuple`);
  return v;
}

function extreme(name: 'min' | 'max', args: readonly Val[]): Val {
  const items = args.length === 1 && isTuple(args[0]) ? args[0] : args;
  if (items.length === 0) fail(`${name} of an empty tuple`);
  const sign = name === 'min' ? -1 : 1;
  let bestInt: number | bigint | undefined;
  let bestFloat: number | undefined;
  let sawNaN = false;
  for (const v of items) {
    if (isInt(v)) {
      if (bestInt === undefined || Math.sign(compareVals(v, bestInt, name)) === sign) bestInt = v;
    } else if (typeof v === 'number' || v instanceof FloatBox) {
      const x = typeof v === 'number' ? v : v.v;
      // f64::min/max ignore NaN.
      if (Number.isNaN(x)) sawNaN = true;
      else if (bestFloat === undefined || Math.sign(x - bestFloat) === sign) bestFloat = x;
    } else if (v === undefined) {
      failMissing(name);
    } else {
      fail(`${name} expects numbers, got ${typeName(v)}`);
    }
  }
  if (bestFloat === undefined) return bestInt ?? (sawNaN ? NaN : undefined);
  if (bestInt === undefined) return mkFloat(bestFloat);
  // evalexpr: the Int wins only when strictly better; ties go to the Float.
  return Math.sign(compareVals(bestInt, bestFloat, name)) === sign ? bestInt : mkFloat(bestFloat);
}

function substring(args: readonly Val[]): Val {
  const chars = Array.from(asString(args[0], 'str::substring'));
  const start = toInteger(args[1], 'str::substring');
  const end = args.length > 2 ? toInteger(args[2], 'str::substring') : chars.length;
  if (start < 0 || end < 0 || start > end || end > chars.length) {
    fail(
      `str::substring: range ${start}..${end} is out of bounds for a string of ${chars.length} characters`,
    );
  }
  return chars.slice(start, end).join('');
}

const FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map<string, FunctionDef>([
  ['cToF', math1('cToF', (c) => (c * 9) / 5 + 32)],
  ['fToC', math1('fToC', (f) => ((f - 32) * 5) / 9)],
  ['psiToBar', math1('psiToBar', (x) => x * 0.0689476)],
  ['barToPsi', math1('barToPsi', (x) => x / 0.0689476)],
  ['inToCm', math1('inToCm', (x) => x * 2.54)],
  ['cmToIn', math1('cmToIn', (x) => x / 2.54)],
  ['ftToM', math1('ftToM', (x) => x * 0.3048)],
  ['mToFt', math1('mToFt', (x) => x / 0.3048)],
  ['lbToKg', math1('lbToKg', (x) => x * 0.453592)],
  ['kgToLb', math1('kgToLb', (x) => x / 0.453592)],
  ['galToL', math1('galToL', (x) => x * 3.78541)],
  ['lToGal', math1('lToGal', (x) => x / 3.78541)],
  [
    'scale',
    {
      min: 5,
      max: 5,
      impl: (args) => {
        const [v, srcLo, srcHi, dstLo, dstHi] = args.map((a) => toF(a, 'scale'));
        if (srcLo === srcHi) fail('scale: the source range is empty (srcLo equals srcHi)');
        return mkFloat(
          (((v as number) - (srcLo as number)) * ((dstHi as number) - (dstLo as number))) /
            ((srcHi as number) - (srcLo as number)) +
            (dstLo as number),
        );
      },
    },
  ],
  [
    'round_n',
    {
      min: 2,
      max: 2,
      impl: (args) => {
        const x = toF(args[0], 'round_n');
        const n = toInteger(args[1], 'round_n');
        if (n < 0 || n > MAX_ROUND_DECIMALS)
          fail(`round_n: decimals must be between 0 and ${MAX_ROUND_DECIMALS}, got ${n}`);
        const factor = 10 ** n;
        const scaled = x * factor;
        return mkFloat(Number.isFinite(scaled) ? roundHalfAway(scaled) / factor : x);
      },
    },
  ],
  ['floor', math1('floor', Math.floor)],
  ['round', math1('round', roundHalfAway)],
  ['ceil', math1('ceil', Math.ceil)],
  [
    'math::abs',
    unary((v) => {
      if (typeof v === 'number' && Number.isSafeInteger(v)) return Math.abs(v);
      if (typeof v === 'bigint') return normInt(v < 0n ? -v : v, 'math::abs');
      return mkFloat(Math.abs(toF(v, 'math::abs')));
    }),
  ],
  ['math::sqrt', math1('math::sqrt', Math.sqrt)],
  ['math::cbrt', math1('math::cbrt', Math.cbrt)],
  ['math::ln', math1('math::ln', Math.log)],
  ['math::log2', math1('math::log2', Math.log2)],
  ['math::log10', math1('math::log10', Math.log10)],
  ['math::log', math2('math::log', (x, base) => Math.log(x) / Math.log(base))],
  ['math::exp', math1('math::exp', Math.exp)],
  ['math::exp2', math1('math::exp2', (x) => powf(2, x))],
  ['math::pow', math2('math::pow', powf)],
  ['math::cos', math1('math::cos', Math.cos)],
  ['math::sin', math1('math::sin', Math.sin)],
  ['math::tan', math1('math::tan', Math.tan)],
  ['math::acos', math1('math::acos', Math.acos)],
  ['math::asin', math1('math::asin', Math.asin)],
  ['math::atan', math1('math::atan', Math.atan)],
  ['math::atan2', math2('math::atan2', Math.atan2)],
  ['math::hypot', math2('math::hypot', Math.hypot)],
  [
    'len',
    {
      min: 1,
      max: Infinity,
      impl: (args) => {
        // Several arguments form a tuple, as in the reference's `len(1, 2, 3)` = 3.
        if (args.length > 1) return args.length;
        const v = args[0];
        if (typeof v === 'string') return codePointLength(v);
        if (isTuple(v)) return v.length;
        if (v === undefined) failMissing('len');
        return fail(`len expects a string or a tuple, got ${typeName(v)}`);
      },
    },
  ],
  ['str::to_lowercase', unary((v) => asString(v, 'str::to_lowercase').toLowerCase())],
  ['str::to_uppercase', unary((v) => asString(v, 'str::to_uppercase').toUpperCase())],
  ['str::trim', unary((v) => asString(v, 'str::trim').trim())],
  ['str::from', { min: 0, max: 1, impl: ([v]) => strFrom(v) }],
  ['str::substring', { min: 2, max: 3, impl: substring }],
  ['min', { min: 1, max: Infinity, impl: (args) => extreme('min', args) }],
  ['max', { min: 1, max: Infinity, impl: (args) => extreme('max', args) }],
  [
    'contains',
    {
      min: 2,
      max: 2,
      impl: ([t, v]) => {
        const tuple = asTuple(t, 'contains');
        const needle = asPrimitive(v, 'contains');
        return tuple.some((e) => valEquals(e, needle));
      },
    },
  ],
  [
    'contains_any',
    {
      min: 2,
      max: 2,
      impl: ([t, c]) => {
        const tuple = asTuple(t, 'contains_any');
        const candidates = asTuple(c, 'contains_any').map((e) => asPrimitive(e, 'contains_any'));
        return candidates.some((x) => tuple.some((e) => valEquals(e, x)));
      },
    },
  ],
  ['typeof', unary(typeName)],
  // `if` is compiled lazily; this entry only carries its arity and a strict fallback.
  [
    'if',
    {
      min: 3,
      max: 3,
      impl: ([c, a, b]) => {
        if (typeof c !== 'boolean') {
          if (c === undefined) failMissing('if');
          fail(`if expects a boolean condition, got ${typeName(c)}`);
        }
        return c ? a : b;
      },
    },
  ],
]);

const GRAPH_ONLY = new Set(['str::regex_matches', 'str::regex_replace']);
const WINDOW_ONLY = new Set(['average', 'sum', 'count', 'first', 'last']);

export function lookupFunction(name: string): FunctionDef | undefined {
  return FUNCTIONS.get(name);
}

export const FUNCTION_NAMES: readonly string[] = [...FUNCTIONS.keys()];

/** Validates a call; `argc` -1 checks only the name. Returns a message, or undefined when fine. */
export function checkCall(name: string, argc: number): string | undefined {
  const def = FUNCTIONS.get(name);
  if (def === undefined) {
    if (GRAPH_ONLY.has(name))
      return `${name} is only available in data flow graphs, not in dataflow transformations`;
    if (WINDOW_ONLY.has(name))
      return `${name} is an aggregation function, only available in window transforms`;
    return `unknown function '${name}'`;
  }
  if (argc < 0 || (argc >= def.min && argc <= def.max)) return undefined;
  const expected =
    def.max === Infinity
      ? `at least ${def.min}`
      : def.min === def.max
        ? `${def.min}`
        : `${def.min} to ${def.max}`;
  return `${name} takes ${expected} argument${def.max === 1 ? '' : 's'}, got ${argc}`;
}
