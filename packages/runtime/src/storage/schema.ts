// Output schemas for storage destinations: `aio-sr://` references, the files they resolve to, and the flat
// column list the row serializer and the Parquet writer share.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { schemaFromDocument } from './schema-documents.ts';

/** Column types, named as Delta names them (the registry's storage format). */
export type ColumnType =
  | 'string'
  | 'integer'
  | 'long'
  | 'short'
  | 'byte'
  | 'float'
  | 'double'
  | 'boolean'
  | 'timestamp'
  | 'date'
  | 'binary';

export interface RecordColumn {
  /** The Parquet column name: the field path joined with `.` (`temperature.Value`). */
  readonly name: string;
  /** Where the value sits in the payload, one field name per level. */
  readonly path: readonly string[];
  readonly type: ColumnType;
  readonly nullable: boolean;
}

/** The columns of one output schema, in document order. */
export interface RecordSchema {
  readonly columns: readonly RecordColumn[];
}

/** A parsed `aio-sr://[namespace/]name:version` reference. */
export interface SchemaRef {
  readonly namespace?: string;
  readonly name: string;
  readonly version: string;
}

export type SchemaRefParse =
  { readonly ok: true; readonly ref: SchemaRef } | { readonly ok: false; readonly reason: string };

const PREFIX = 'aio-sr://';
// Same character set as the model's validation rule, minus `\`: every part becomes a path segment below.
const SEGMENT = /^[^/\\\s:]+$/;

export function parseSchemaRef(ref: string): SchemaRefParse {
  const form = 'expected aio-sr://[namespace/]name:version';
  if (!ref.startsWith(PREFIX)) return { ok: false, reason: `${JSON.stringify(ref)}: ${form}` };
  const body = ref.slice(PREFIX.length);
  const colon = body.lastIndexOf(':');
  const slash = body.indexOf('/');
  const namespace = slash >= 0 ? body.slice(0, slash) : undefined;
  const name = body.slice(slash + 1, colon < 0 ? undefined : colon);
  const version = colon < 0 ? '' : body.slice(colon + 1);
  const parts = namespace === undefined ? [name, version] : [namespace, name, version];
  // `.` and `..` would be fine as registry names but would walk the schemas directory.
  if (colon < 0 || !parts.every((part) => SEGMENT.test(part) && part !== '.' && part !== '..')) {
    return { ok: false, reason: `${JSON.stringify(ref)}: ${form}` };
  }
  return { ok: true, ref: namespace === undefined ? { name, version } : { namespace, name, version } };
}

export function formatSchemaRef(ref: SchemaRef): string {
  return `${PREFIX}${ref.namespace === undefined ? '' : `${ref.namespace}/`}${ref.name}:${ref.version}`;
}

/**
 * Schema files mirror the registry's hierarchy (schema registry namespace → schema → version):
 * `<schemasDir>/[<namespace>/]<name>/<version>.json`, e.g. `aio-sr://factory/thermostat:1.0.0` is
 * `<schemasDir>/factory/thermostat/1.0.0.json` and `aio-sr://thermostat:1` is `<schemasDir>/thermostat/1.json`.
 */
export function schemaFilePath(ref: SchemaRef, schemasDir: string): string {
  const dirs = ref.namespace === undefined ? [ref.name] : [ref.namespace, ref.name];
  return path.join(schemasDir, ...dirs, `${ref.version}.json`);
}

/** Reads and translates a Delta or JSON Schema document; errors name the file that was looked for. */
export async function loadSchema(ref: string | SchemaRef, schemasDir: string): Promise<RecordSchema> {
  let parsed: SchemaRef;
  if (typeof ref === 'string') {
    const result = parseSchemaRef(ref);
    if (!result.ok) throw new Error(`Cannot load schema ${result.reason}.`);
    parsed = result.ref;
  } else {
    parsed = ref;
  }
  const label = formatSchemaRef(parsed);
  const file = schemaFilePath(parsed, schemasDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
    throw new Error(
      `Schema ${label} not found: looked for ${file} (${why}). Schema files are laid out as ` +
        '<schemasDir>/[<namespace>/]<name>/<version>.json.',
      { cause: error },
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`Schema ${label}: ${file} is not valid JSON (${(error as Error).message}).`, {
      cause: error,
    });
  }
  const result = schemaFromDocument(document);
  if (!result.ok) throw new Error(`Schema ${label}: ${file} is not a usable schema: ${result.reason}.`);
  return result.schema;
}
