import { isRecord } from '@flowplane/model';

export type JsonObject = Record<string, unknown>;
export { isRecord };

/**
 * Sets an own property. Keys come from user documents, and `obj[key] = v` with key `__proto__` would
 * replace the prototype instead of adding a field.
 */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Removes a field whose name is only known at run time. */
export function removeKey(obj: JsonObject, key: string): void {
  Reflect.deleteProperty(obj, key);
}

/** Deletes `from` and sets `to` (unless `to` is already set), keeping the value. */
export function renameKey(obj: JsonObject, from: string, to: string): boolean {
  if (!Object.hasOwn(obj, from) || Object.hasOwn(obj, to)) return false;
  setOwn(obj, to, obj[from]);
  removeKey(obj, from);
  return true;
}

/** Thrown when a document cannot be represented as plain JSON data. */
export class NotPlainJsonError extends Error {
  override name = 'NotPlainJsonError';
}

// Deep enough for any real manifest; the limit keeps recursive walkers far from the stack limit.
const MAX_DEPTH = 64;

/**
 * A deep copy as plain JSON data (objects, arrays, strings, numbers, booleans, null). Imported documents
 * go through this once, so every later walker can rely on acyclic, shallow-enough, prototype-safe data.
 */
export function toPlainJson(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new NotPlainJsonError(`the document nests deeper than ${MAX_DEPTH} levels`);
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    typeof value === 'number'
  ) {
    return value;
  }
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map((v) => toPlainJson(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) {
    const out: JsonObject = {};
    for (const [k, v] of value) setOwn(out, String(k), toPlainJson(v, depth + 1));
    return out;
  }
  if (value instanceof Set) return [...value].map((v) => toPlainJson(v, depth + 1));
  if (isRecord(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) setOwn(out, k, toPlainJson(v, depth + 1));
    }
    return out;
  }
  return undefined;
}

export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'an object';
  return `a ${typeof value}`;
}
