// Turns a parsed expression into nested closures, once per rule. No source text is ever evaluated as
// code; constant sub-expressions are folded at compile time when they evaluate without error.
import { lookupFunction } from './functions.ts';
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
import type { Expr, Literal } from './parser.ts';
import { type Val, FloatBox, fail, failMissing, typeName } from './values.ts';

/** Evaluates an expression against the values bound to `$1..$n` (index 0 holds `$1`). */
export type Closure = (args: readonly Val[]) => Val;

interface Compiled {
  readonly fn: Closure;
  readonly constant: boolean;
  /** For `$n`: the 0-based input index, so parents can read `args[i]` without a call. */
  readonly input?: number;
}

export function literalValue(l: Literal): Val {
  switch (l.type) {
    case 'int':
    case 'string':
    case 'boolean':
      return l.value;
    case 'float':
      return Number.isSafeInteger(l.value) ? new FloatBox(l.value) : l.value;
    case 'empty':
      return undefined;
  }
}

export function compileExpr(e: Expr): Closure {
  return build(e).fn;
}

function constant(v: Val): Compiled {
  return { fn: () => v, constant: true };
}

/** Folds a closure without inputs; an evaluation error is kept for run time so the rule reports it. */
function fold(fn: Closure, isConstant: boolean): Compiled {
  if (!isConstant) return { fn, constant: false };
  try {
    return constant(fn([]));
  } catch {
    return { fn, constant: false };
  }
}

function build(e: Expr): Compiled {
  switch (e.kind) {
    case 'literal':
      return constant(literalValue(e.literal));
    case 'input': {
      const i = e.index - 1;
      return { fn: (args) => args[i], constant: false, input: i };
    }
    case 'tuple': {
      const items = e.items.map(build);
      const fns = items.map((x) => x.fn);
      return fold(
        (args) => fns.map((f) => f(args)),
        items.every((x) => x.constant),
      );
    }
    case 'unary': {
      const operand = build(e.operand);
      const f = operand.fn;
      return fold(e.op === '-' ? (args) => neg(f(args)) : (args) => not(f(args)), operand.constant);
    }
    case 'binary': {
      const left = build(e.left);
      const right = build(e.right);
      const l = left.fn;
      const r = right.fn;
      const both = left.constant && right.constant;
      if (e.op === '&&') return fold((args) => asBool(l(args), '&&') && asBool(r(args), '&&'), both);
      if (e.op === '||') return fold((args) => asBool(l(args), '||') || asBool(r(args), '||'), both);
      const code = OPCODES[e.op];
      if (both) return fold((args) => apply(code, l(args), r(args)), true);
      return { fn: binaryClosure(code, left, right), constant: false };
    }
    case 'call':
      return buildCall(e.name, e.args.map(build));
  }
}

const OPCODES: Readonly<Record<Exclude<BinaryOp, '&&' | '||'>, number>> = {
  '+': 0,
  '-': 1,
  '*': 2,
  '/': 3,
  '%': 4,
  '^': 5,
  '<': 6,
  '>': 7,
  '<=': 8,
  '>=': 9,
  '==': 10,
  '!=': 11,
};

/**
 * One switch instead of a closure per operator: every operator function is then a direct call V8 can
 * inline, where calling it through a variable would be megamorphic across all binary nodes.
 */
function apply(code: number, x: Val, y: Val): Val {
  switch (code) {
    case 0:
      return add(x, y);
    case 1:
      return sub(x, y);
    case 2:
      return mul(x, y);
    case 3:
      return div(x, y);
    case 4:
      return mod(x, y);
    case 5:
      return pow(x, y);
    case 6:
      return lt(x, y);
    case 7:
      return gt(x, y);
    case 8:
      return le(x, y);
    case 9:
      return ge(x, y);
    case 10:
      return eq(x, y);
    default:
      return !eq(x, y);
  }
}

/** Operand shapes get their own closures so `$n` and constants are read without a call. */
function binaryClosure(code: number, left: Compiled, right: Compiled): Closure {
  const l = left.fn;
  const r = right.fn;
  const li = left.input;
  const ri = right.input;
  if (right.constant) {
    const c = r([]);
    if (li !== undefined) return (a) => apply(code, a[li], c);
    return (a) => apply(code, l(a), c);
  }
  if (left.constant) {
    const c = l([]);
    if (ri !== undefined) return (a) => apply(code, c, a[ri]);
    return (a) => apply(code, c, r(a));
  }
  if (li !== undefined && ri !== undefined) return (a) => apply(code, a[li], a[ri]);
  return (a) => apply(code, l(a), r(a));
}

function buildCall(name: string, args: readonly Compiled[]): Compiled {
  const allConstant = args.every((a) => a.constant);
  const fns = args.map((a) => a.fn);
  if (name === 'if') {
    // Lazy, unlike evalexpr: `if($2 == (), $1, $1 * $2)` from the reference must not fail on the
    // branch it does not take.
    const [c, a, b] = fns as [Closure, Closure, Closure];
    return fold((argv) => {
      const cond = c(argv);
      if (cond === true) return a(argv);
      if (cond === false) return b(argv);
      if (cond === undefined) failMissing('if');
      return fail(`if expects a boolean condition, got ${typeName(cond)}`);
    }, allConstant);
  }
  const def = lookupFunction(name);
  if (def === undefined) throw new Error(`unknown function ${name}`); // the parser already rejected it
  const { impl, one } = def;
  const [a0] = fns;
  if (one !== undefined && a0 !== undefined && fns.length === 1)
    return fold((argv) => one(a0(argv)), allConstant);
  return fold((argv) => impl(fns.map((f) => f(argv))), allConstant);
}
