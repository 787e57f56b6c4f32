// Turns a transformed payload into one row of a storage schema (dataflows spec §9, storage write rules).
//
// A record that breaks a rule fails on its own and the pipeline dead-letters it. The platform instead
// drops the whole pending batch when a non-nullable field is missing; failing only the offending record
// loses less data and still makes the problem visible.
//
// Payload fields the schema does not declare are ignored: the schema decides what is written, and a
// payload carrying extra fields is the normal case after a pass-through (`*`) mapping.

import { coerce } from './coerce.ts';
import type { RecordSchema } from './schema.ts';

export type Row = Readonly<Record<string, unknown>>;

export type RowResult =
  { readonly ok: true; readonly row: Row } | { readonly ok: false; readonly reason: string };

export type RowSerializer = (payload: unknown) => RowResult;

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rowSerializer(schema: RecordSchema): RowSerializer {
  return (payload) => {
    if (!isObject(payload)) {
      return { ok: false, reason: `the payload is ${Array.isArray(payload) ? 'an array' : 'not an object'}` };
    }
    const entries: [string, unknown][] = [];
    for (const column of schema.columns) {
      const label = JSON.stringify(column.name);
      let value: unknown = payload;
      for (const [depth, field] of column.path.entries()) {
        if (value === undefined || value === null) break;
        if (!isObject(value)) {
          // A scalar where the schema has a struct: there is no leaf to read, so the record is malformed.
          const struct = JSON.stringify(column.path.slice(0, depth).join('.'));
          return { ok: false, reason: `field ${struct} is not an object, so column ${label} cannot be read` };
        }
        // Own properties only: a payload without `constructor` must not yield Object's constructor.
        value = Object.hasOwn(value, field) ? value[field] : undefined;
      }
      // Missing and null both end up as a Parquet null; only a non-nullable column tells them apart.
      if (value === undefined || value === null) {
        if (!column.nullable) {
          return {
            ok: false,
            reason: `column ${label} is not nullable but the value is ${value === null ? 'null' : 'missing'}`,
          };
        }
        entries.push([column.name, null]);
        continue;
      }
      const coerced = coerce(value, column.type);
      if (!coerced.ok) return { ok: false, reason: `column ${label}: ${coerced.reason}` };
      entries.push([column.name, coerced.value]);
    }
    // fromEntries defines own properties, so a column named `__proto__` stays a column.
    return { ok: true, row: Object.fromEntries(entries) };
  };
}
