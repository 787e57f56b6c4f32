// Expression-time values (spec §6.9): Int (64-bit), Float (64-bit), String, Bool, Tuple, Empty.
//
// Representation, chosen so the common case allocates nothing:
//   Int   → a JS number that is a safe integer, or a bigint outside the safe range (within i64)
//   Float → a JS number that is NOT a safe integer (fractional, huge, NaN, ±Infinity), or a FloatBox
//           when the float happens to be integral (212.0, -0.0), so it stays distinguishable from Int
//   String, Bool → string, boolean;  Empty → undefined;  Tuple → array of values
// JSON objects never enter expressions (the reference forbids it).

export class FloatBox {
  readonly v: number;
  constructor(v: number) {
    this.v = v;
  }
}

export type Val = number | bigint | string | boolean | undefined | FloatBox | readonly Val[];

export type ValueTypeName = 'int' | 'float' | 'string' | 'boolean' | 'tuple' | 'empty';

/** Why an evaluation failed; `missing` marks failures caused by an Empty operand (spec §6.10). */
export class EvalFailure {
  readonly reason: string;
  readonly missing: boolean;
  constructor(reason: string, missing: boolean) {
    this.reason = reason;
    this.missing = missing;
  }
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const TWO_63 = 2 ** 63;

export function fail(reason: string): never {
  throw new EvalFailure(reason, false);
}

export function failMissing(what: string): never {
  throw new EvalFailure(`${what}: an input is missing (empty value)`, true);
}

export function typeName(v: Val): ValueTypeName {
  switch (typeof v) {
    case 'number':
      return Number.isSafeInteger(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'undefined':
      return 'empty';
    default:
      return v instanceof FloatBox ? 'float' : 'tuple';
  }
}

export function mkFloat(x: number): number | FloatBox {
  return Number.isSafeInteger(x) ? new FloatBox(x) : x;
}

/** Brings an exact integer back into the Int representation, failing outside the 64-bit range. */
export function normInt(b: bigint, op: string): number | bigint {
  if (b < I64_MIN || b > I64_MAX) fail(`integer overflow in ${op}`);
  const n = Number(b);
  return Number.isSafeInteger(n) ? n : b;
}

export function isInt(v: Val): v is number | bigint {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v));
}

export function isNumeric(v: Val): v is number | bigint | FloatBox {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof FloatBox;
}

export function isTuple(v: Val): v is readonly Val[] {
  return Array.isArray(v);
}

/** Numeric value as a float; fails on anything else. */
export function toF(v: Val, what: string): number {
  if (typeof v === 'number') return v;
  if (v instanceof FloatBox) return v.v;
  if (typeof v === 'bigint') return Number(v);
  if (v === undefined) failMissing(what);
  return fail(`${what} expects a number, got ${typeName(v)}`);
}

export function toBig(v: number | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** Integer argument (integral floats accepted); fails on anything else. */
export function toInteger(v: Val, what: string): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (v instanceof FloatBox) return v.v;
  if (typeof v === 'bigint') return Number(v);
  if (v === undefined) failMissing(what);
  return fail(`${what} expects an integer, got ${typeName(v)}`);
}

/**
 * Converts a JSON value read from a message (input `$index`) into an expression value. Integral
 * numbers are Int because JSON.parse cannot tell `1.0` from `1`; objects (and arrays holding objects)
 * are not allowed.
 */
export function fromJson(x: unknown, index: number): Val {
  switch (typeof x) {
    case 'number':
      if (Number.isSafeInteger(x) || !Number.isInteger(x) || Math.abs(x) >= TWO_63) return x;
      return BigInt(x);
    case 'string':
    case 'boolean':
    case 'undefined':
      return x;
    case 'bigint':
      return x >= I64_MIN && x <= I64_MAX ? normInt(x, 'input') : Number(x);
    case 'object':
      if (x === null) return undefined;
      if (Array.isArray(x)) return x.map((e) => fromJson(e, index));
      return fail(`input $${index} is a JSON object; objects can be copied but not used in expressions`);
    default:
      return fail(`input $${index} has an unsupported type`);
  }
}

/**
 * Converts an expression result to JSON for the output message. Empty becomes `undefined` (the field is
 * not written); non-finite floats become null, as serde_json writes them; an Int that a double cannot
 * hold exactly stays a bigint (see `stringifyJson`).
 */
export function toJson(v: Val): unknown {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'bigint': {
      const n = Number(v);
      return BigInt(n) === v ? n : v;
    }
    case 'string':
    case 'boolean':
    case 'undefined':
      return v;
    default:
      if (v instanceof FloatBox) return v.v;
      return v.map((e) => (e === undefined ? null : toJson(e)));
  }
}

/** Rust's `Display` for f64: shortest round-trip digits, never in exponent form. */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0';
  const s = String(x);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const pointAt = (dot < 0 ? mantissa.length : dot) + exponent;
  let out: string;
  if (pointAt <= 0) out = `0.${'0'.repeat(-pointAt)}${digits}`;
  else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return negative ? `-${out}` : out;
}

/** `str::from` and string concatenation: strings stay bare, everything else uses Rust `Display`. */
export function strFrom(v: Val): string {
  return typeof v === 'string' ? v : display(v);
}

/** Rust `Display` of an evalexpr value: strings quoted, tuples as `(a, b)`, Empty as `()`. */
export function display(v: Val): string {
  switch (typeof v) {
    case 'number':
      return Number.isSafeInteger(v) ? String(v) : formatFloat(v);
    case 'bigint':
      return v.toString();
    case 'string':
      return `"${v}"`;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '()';
    default:
      if (v instanceof FloatBox) return formatFloat(v.v);
      return `(${v.map(display).join(', ')})`;
  }
}

/**
 * `==`: numbers compare by value across Int and Float (JSON.parse already merged 1 and 1.0, so a
 * variant-strict comparison would depend on formatting we cannot see); other kinds must match.
 */
export function valEquals(a: Val, b: Val): boolean {
  if (a === b) return !(typeof a === 'number' && Number.isNaN(a));
  if (isNumeric(a)) {
    if (!isNumeric(b)) return false;
    const x = a instanceof FloatBox ? a.v : a;
    const y = b instanceof FloatBox ? b.v : b;
    // == between a bigint and a number compares mathematical values exactly.
    return x == y;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valEquals(a[i] as Val, b[i] as Val)) return false;
    return true;
  }
  return false;
}

/** Orders two strings by Unicode code point (Rust's `str` order), not by UTF-16 unit. */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral characters) must sort after the rest of the BMP.
    if (x >= 0xd800) x += x <= 0xdfff ? 0x2000 : -0x800;
    if (y >= 0xd800) y += y <= 0xdfff ? 0x2000 : -0x800;
    return x - y;
  }
  return a.length - b.length;
}

/** Three-way comparison for `<`, `>`, `<=`, `>=` (numbers, strings, booleans); NaN compares as unordered. */
export function compareVals(a: Val, b: Val, op: string): number {
  if (isNumeric(a) && isNumeric(b)) {
    const x = a instanceof FloatBox ? a.v : a;
    const y = b instanceof FloatBox ? b.v : b;
    // Relational operators and == compare a bigint with a number exactly; NaN is unordered.
    if (x < y) return -1;
    if (x > y) return 1;
    return x == y ? 0 : NaN;
  }
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a === undefined || b === undefined) failMissing(`'${op}'`);
  return fail(`'${op}' cannot compare ${typeName(a)} with ${typeName(b)}`);
}
