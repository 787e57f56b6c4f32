// Operator semantics follow evalexpr (the Rust crate the reference's language and function names come
// from): checked 64-bit integer arithmetic (overflow and division by zero are errors), Int/Int division
// truncates, `^` always yields a Float, mixed Int/Float arithmetic is Float. Only `+` deviates: the
// reference says it concatenates when at least one operand is a string.
import {
  type Val,
  FloatBox,
  fail,
  failMissing,
  isInt,
  isNumeric,
  isTuple,
  mkFloat,
  normInt,
  strFrom,
  toBig,
  toF,
  typeName,
  compareVals,
  valEquals,
} from './values.ts';

export type BinaryOp =
  '+' | '-' | '*' | '/' | '%' | '^' | '<' | '>' | '<=' | '>=' | '==' | '!=' | '&&' | '||';
export type UnaryOp = '-' | '!';

function checkNumbers(op: string, a: Val, b: Val): void {
  if (a === undefined || b === undefined) failMissing(`'${op}'`);
  if (!isNumeric(a) || !isNumeric(b)) fail(`'${op}' cannot be applied to ${typeName(a)} and ${typeName(b)}`);
}

/** The general path: bigints, boxed floats, type errors. */
function arith(op: '+' | '-' | '*' | '/' | '%', a: Val, b: Val): Val {
  checkNumbers(op, a, b);
  if (isInt(a) && isInt(b)) {
    const x = toBig(a);
    const y = toBig(b);
    switch (op) {
      case '+':
        return normInt(x + y, 'addition');
      case '-':
        return normInt(x - y, 'subtraction');
      case '*':
        return normInt(x * y, 'multiplication');
      case '/':
        if (y === 0n) fail('integer division by zero');
        return normInt(x / y, 'division');
      case '%':
        if (y === 0n) fail('integer modulo by zero');
        return normInt(x % y, 'modulo');
    }
  }
  const x = toF(a, op);
  const y = toF(b, op);
  switch (op) {
    case '+':
      return mkFloat(x + y);
    case '-':
      return mkFloat(x - y);
    case '*':
      return mkFloat(x * y);
    case '/':
      return mkFloat(x / y);
    case '%':
      return mkFloat(x % y);
  }
}

function concat(a: Val, b: Val): string {
  if (a === undefined || b === undefined) failMissing(`'+'`);
  if (isTuple(a) || isTuple(b)) fail(`'+' cannot concatenate a tuple`);
  return strFrom(a) + strFrom(b);
}

// Fast paths: two plain numbers are either two Ints (exact while the result stays a safe integer,
// otherwise redone in BigInt) or involve a Float (plain float arithmetic).

export function add(a: Val, b: Val): Val {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return mkFloat(r);
    if (Number.isSafeInteger(r)) return r;
  } else if (typeof a === 'string' || typeof b === 'string') {
    return concat(a, b);
  }
  return arith('+', a, b);
}

export function sub(a: Val, b: Val): Val {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return mkFloat(r);
    if (Number.isSafeInteger(r)) return r;
  }
  return arith('-', a, b);
}

export function mul(a: Val, b: Val): Val {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return mkFloat(r);
    if (Number.isSafeInteger(r)) return r;
  }
  return arith('*', a, b);
}

export function div(a: Val, b: Val): Val {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return mkFloat(a / b);
    if (b !== 0) return Math.trunc(a / b);
  }
  return arith('/', a, b);
}

export function mod(a: Val, b: Val): Val {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return mkFloat(a % b);
    if (b !== 0) return a % b;
  }
  return arith('%', a, b);
}

/** `^`: always Float, with C `pow` special cases (JS returns NaN for 1^NaN and (-1)^±∞). */
export function pow(a: Val, b: Val): Val {
  checkNumbers('^', a, b);
  return mkFloat(powf(toF(a, '^'), toF(b, '^')));
}

export function powf(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return Math.pow(x, y);
}

export function neg(a: Val): Val {
  if (typeof a === 'number') return -a;
  if (typeof a === 'bigint') return normInt(-a, 'negation');
  if (a instanceof FloatBox) return new FloatBox(-a.v);
  if (a === undefined) failMissing(`unary '-'`);
  return fail(`unary '-' cannot be applied to ${typeName(a)}`);
}

export function not(a: Val): boolean {
  if (typeof a === 'boolean') return !a;
  if (a === undefined) failMissing(`'!'`);
  return fail(`'!' expects a boolean, got ${typeName(a)}`);
}

/** Operand of `&&` / `||`: must be a boolean. */
export function asBool(a: Val, op: string): boolean {
  if (typeof a === 'boolean') return a;
  if (a === undefined) failMissing(`'${op}'`);
  return fail(`'${op}' expects booleans, got ${typeName(a)}`);
}

export function lt(a: Val, b: Val): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  return compareVals(a, b, '<') < 0;
}

export function gt(a: Val, b: Val): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a > b;
  return compareVals(a, b, '>') > 0;
}

export function le(a: Val, b: Val): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a <= b;
  return compareVals(a, b, '<=') <= 0;
}

export function ge(a: Val, b: Val): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a >= b;
  return compareVals(a, b, '>=') >= 0;
}

export function eq(a: Val, b: Val): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return valEquals(a, b);
}
