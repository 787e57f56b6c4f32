// Reading and writing JSON trees by field path without ever touching a prototype: reads only see own
// properties and writes of `__proto__` go through defineProperty.

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys that plain `o[k]` would resolve through Object.prototype, so they need an own-property check. */
export function isInheritedName(key: string): boolean {
  return key in Object.prototype;
}

export function getOwn(o: JsonObject, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

export function getPath(root: unknown, segments: readonly string[]): unknown {
  let cur = root;
  for (const s of segments) {
    if (!isObject(cur)) return undefined;
    cur = getOwn(cur, s);
  }
  return cur;
}

export function setKey(o: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}

/** Deep copy of a JSON value into objects this package owns (arrays are copied too). */
export function cloneJson(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(cloneJson);
  const out: JsonObject = {};
  for (const k of Object.keys(v)) setKey(out, k, cloneJson((v as JsonObject)[k]));
  return out;
}
