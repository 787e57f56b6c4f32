// Converts one JSON value to a column's type, following the platform's write rules (dataflows spec §6.9):
// numbers convert between widths (float→int truncates), numeric strings become numbers, ISO-8601 strings
// become timestamps and dates, base64 strings become bytes, bool is 0/1 in numeric columns and
// "true"/"false" in string columns. Where no conversion is obvious the value is refused.
//
// Values produced per column type: string → string; integer, short, byte, float, double → number;
// long → bigint (int64 does not fit a number); boolean → boolean; timestamp, date → Date; binary → Uint8Array.

import type { ColumnType } from './schema.ts';

export type Coerced =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

const INT_RANGES = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
} as const;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

function ok(value: unknown): Coerced {
  return { ok: true, value };
}

function fail(reason: string): Coerced {
  return { ok: false, reason };
}

/** "a long column", "an integer column". */
function columnOf(type: ColumnType): string {
  return `${type === 'integer' ? 'an' : 'a'} ${type} column`;
}

function shown(value: unknown): string {
  return typeof value === 'bigint' ? `${value}` : JSON.stringify(value);
}

export function coerce(value: unknown, type: ColumnType): Coerced {
  if (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  ) {
    // Byte lists are the one structured value a leaf takes (spec: "arrays → list or binary").
    if (type === 'binary' && Array.isArray(value)) return bytesFromList(value);
    return fail(`cannot write ${Array.isArray(value) ? 'an array' : 'an object'} to ${columnOf(type)}`);
  }
  switch (type) {
    case 'string':
      return toText(value);
    case 'byte':
    case 'short':
    case 'integer':
      return toInt(value, type);
    case 'long':
      return toLong(value);
    case 'float':
    case 'double':
      return toFloat(value, type);
    case 'boolean':
      return toBoolean(value);
    case 'timestamp':
    case 'date':
      return toTime(value, type);
    case 'binary':
      return toBytes(value);
  }
}

function toText(value: unknown): Coerced {
  if (typeof value === 'string') return ok(value);
  if (typeof value === 'number' || typeof value === 'bigint') return ok(String(value));
  if (typeof value === 'boolean') return ok(value ? 'true' : 'false');
  if (value instanceof Date && !Number.isNaN(value.getTime())) return ok(value.toISOString());
  return fail(`cannot write ${shown(value)} to a string column`);
}

/** A finite number from a number, a decimal string or a bool; undefined when there is no obvious one. */
function numberFrom(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value.trim());
  return undefined;
}

function toInt(value: unknown, type: keyof typeof INT_RANGES): Coerced {
  const number = numberFrom(value);
  if (number === undefined || !Number.isFinite(number))
    return fail(`cannot write ${shown(value)} to ${columnOf(type)}`);
  const truncated = Math.trunc(number) + 0; // `+ 0` turns -0 into 0
  const [min, max] = INT_RANGES[type];
  // Wrapping would silently write a different number; refusing keeps the record visible in the dead letters.
  if (truncated < min || truncated > max)
    return fail(`${shown(value)} is out of range for ${columnOf(type)}`);
  return ok(truncated);
}

function toLong(value: unknown): Coerced {
  let long: bigint | undefined;
  if (typeof value === 'bigint') long = value;
  else if (typeof value === 'string' && INTEGER.test(value.trim()))
    long = BigInt(value.trim()); // exact
  else {
    const number = numberFrom(value);
    if (number !== undefined && Number.isFinite(number)) long = BigInt(Math.trunc(number));
  }
  if (long === undefined) return fail(`cannot write ${shown(value)} to a long column`);
  if (long < LONG_MIN || long > LONG_MAX) return fail(`${shown(value)} is out of range for a long column`);
  return ok(long);
}

function toFloat(value: unknown, type: 'float' | 'double'): Coerced {
  const number = numberFrom(value);
  if (number === undefined) return fail(`cannot write ${shown(value)} to ${columnOf(type)}`);
  if (type === 'double') return ok(number);
  const single = Math.fround(number);
  if (Number.isFinite(number) && !Number.isFinite(single)) {
    return fail(`${shown(value)} is out of range for a float column`);
  }
  return ok(single);
}

function toBoolean(value: unknown): Coerced {
  if (typeof value === 'boolean') return ok(value);
  if (value === 0 || value === 1) return ok(value === 1);
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true' || lower === 'false') return ok(lower === 'true');
  }
  return fail(`cannot write ${shown(value)} to a boolean column`);
}

function toTime(value: unknown, type: 'timestamp' | 'date'): Coerced {
  let instant: number | undefined;
  if (value instanceof Date) instant = value.getTime();
  else if (typeof value === 'string') instant = parseIso(value.trim());
  // Numbers are refused: seconds, milliseconds and microseconds since the epoch all occur in the wild.
  if (instant === undefined || Number.isNaN(instant)) {
    return fail(
      `cannot write ${shown(value)} to ${columnOf(type)} (expected an ISO-8601 ${type === 'date' ? 'date' : 'date-time'})`,
    );
  }
  // A date is the UTC calendar day of the instant, as Spark casts with its default UTC session zone.
  return ok(new Date(type === 'date' ? Math.floor(instant / 86_400_000) * 86_400_000 : instant));
}

/**
 * Milliseconds since the epoch of an ISO-8601 (extended format) date or date-time. A date-time without an
 * offset is read as UTC: the dataflow has no local time zone, so UTC is the only reproducible choice.
 * Digits below the millisecond are dropped (a Date holds milliseconds).
 */
export function parseIso(text: string): number | undefined {
  const match = ISO.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset = 'Z'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0–99 as written
  if (date.getUTCDate() !== day) return undefined; // 2023-02-30 and the like
  // Second 60 is a leap second; it rolls over into the next minute as in other date libraries.
  date.setUTCHours(hour, minute, second, millis);
  let offsetMinutes = 0;
  if (offset !== 'Z' && offset !== 'z') {
    const digits = offset.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    const offsetHours = Number(digits.slice(1, 3));
    const offsetMins = Number(digits.slice(3, 5) || '0');
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  return date.getTime() - offsetMinutes * 60_000;
}

function toBytes(value: unknown): Coerced {
  if (value instanceof Uint8Array) return ok(value);
  if (typeof value === 'string' && BASE64.test(value))
    return ok(new Uint8Array(Buffer.from(value, 'base64')));
  return fail(`cannot write ${shown(value)} to a binary column (expected base64 text or a list of bytes)`);
}

function bytesFromList(list: readonly unknown[]): Coerced {
  if (!list.every((item) => Number.isInteger(item) && (item as number) >= 0 && (item as number) <= 255)) {
    return fail('cannot write a list to a binary column unless every item is a byte (0–255)');
  }
  return ok(Uint8Array.from(list as number[]));
}
