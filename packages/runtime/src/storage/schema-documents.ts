// Translates the two document formats the schema registry stores (Delta/1.0 and JSON Schema draft-07)
// into flat column lists.
//
// Nested structs become flattened columns named `parent.child`: it is the simplest layout that every
// Parquet reader shows faithfully, and the row serializer walks `path` to find the value. A column is
// nullable when its field or any enclosing struct is nullable (a missing struct makes its leaves null).
// The flattening loses one Delta rule: a non-nullable child of a nullable struct that is present but lacks
// the child is written as null instead of dropping the record; we accept that rather than model structs.

import type { ColumnType, RecordColumn, RecordSchema } from './schema.ts';

export type SchemaDocumentResult =
  { readonly ok: true; readonly schema: RecordSchema } | { readonly ok: false; readonly reason: string };

const DELTA_TYPES: ReadonlySet<string> = new Set<ColumnType>([
  'string',
  'integer',
  'long',
  'short',
  'byte',
  'float',
  'double',
  'boolean',
  'timestamp',
  'date',
  'binary',
]);

/** Thrown inside the walkers and turned into a result at the boundary. */
class DocumentError extends Error {}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(object: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function fieldLabel(fieldPath: readonly string[]): string {
  return JSON.stringify(fieldPath.join('.'));
}

export function schemaFromDocument(document: unknown): SchemaDocumentResult {
  if (!isObject(document)) return { ok: false, reason: 'the document is not a JSON object' };
  const declared = own(document, '$schema');
  const properties = own(document, 'properties');
  const columns: RecordColumn[] = [];
  try {
    if (declared === 'Delta/1.0' || (isObject(properties) && own(properties, 'type') === 'struct')) {
      if (!isObject(properties) || own(properties, 'type') !== 'struct') {
        throw new DocumentError('a Delta/1.0 document needs properties: {type: struct, fields: [...]}');
      }
      deltaStruct(properties, [], false, columns);
    } else if (
      (typeof declared === 'string' && declared.includes('json-schema.org')) ||
      (own(document, 'type') === 'object' && isObject(properties))
    ) {
      // Only the draft-07 subset the registry's schema generator emits is read, so later drafts work too.
      jsonObject(document, [], false, columns);
    } else {
      throw new DocumentError(
        `unsupported document ($schema ${JSON.stringify(declared ?? null)}); expected "Delta/1.0" or a ` +
          'JSON Schema draft-07 object schema',
      );
    }
  } catch (error) {
    if (error instanceof DocumentError) return { ok: false, reason: error.message };
    throw error;
  }
  if (columns.length === 0) return { ok: false, reason: 'the schema declares no fields' };
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) {
      return { ok: false, reason: `two fields flatten to the same column ${JSON.stringify(column.name)}` };
    }
    seen.add(column.name);
  }
  return { ok: true, schema: { columns } };
}

function pushColumn(
  columns: RecordColumn[],
  fieldPath: readonly string[],
  type: ColumnType,
  nullable: boolean,
): void {
  columns.push({ name: fieldPath.join('.'), path: fieldPath, type, nullable });
}

function deltaStruct(
  struct: Readonly<Record<string, unknown>>,
  parent: readonly string[],
  parentNullable: boolean,
  columns: RecordColumn[],
): void {
  const fields = own(struct, 'fields');
  const where = parent.length === 0 ? 'the top-level struct' : `struct ${fieldLabel(parent)}`;
  if (!Array.isArray(fields)) throw new DocumentError(`${where} has no fields array`);
  for (const field of fields as unknown[]) {
    const name = isObject(field) ? own(field, 'name') : undefined;
    if (!isObject(field) || typeof name !== 'string' || name === '') {
      throw new DocumentError(`${where} has a field without a name`);
    }
    const fieldPath = [...parent, name];
    const declaredNullable = own(field, 'nullable');
    if (declaredNullable !== undefined && typeof declaredNullable !== 'boolean') {
      throw new DocumentError(`field ${fieldLabel(fieldPath)}: nullable must be true or false`);
    }
    // Delta always writes `nullable`; a hand-written file that omits it gets Spark's default.
    const nullable = parentNullable || declaredNullable !== false;
    const type = own(field, 'type');
    if (typeof type === 'string' && DELTA_TYPES.has(type)) {
      pushColumn(columns, fieldPath, type as ColumnType, nullable);
    } else if (isObject(type) && own(type, 'type') === 'struct') {
      deltaStruct(type, fieldPath, nullable, columns);
    } else {
      const shown = isObject(type) ? own(type, 'type') : type;
      throw new DocumentError(
        `field ${fieldLabel(fieldPath)} has unsupported type ${JSON.stringify(shown ?? null)}; supported: ` +
          `${[...DELTA_TYPES].join(', ')} and nested struct`,
      );
    }
  }
}

function jsonObject(
  schema: Readonly<Record<string, unknown>>,
  parent: readonly string[],
  parentNullable: boolean,
  columns: RecordColumn[],
): void {
  const where = parent.length === 0 ? 'the top-level object' : `object ${fieldLabel(parent)}`;
  const properties = own(schema, 'properties') ?? {};
  if (!isObject(properties)) throw new DocumentError(`${where}: properties must be an object`);
  const required = own(schema, 'required') ?? [];
  if (!Array.isArray(required) || !required.every((entry) => typeof entry === 'string')) {
    throw new DocumentError(`${where}: required must be a list of property names`);
  }
  for (const [name, property] of Object.entries(properties)) {
    const fieldPath = [...parent, name];
    if (!isObject(property)) throw new DocumentError(`property ${fieldLabel(fieldPath)} is not a schema`);
    const { type, nullType } = jsonType(property, fieldPath);
    const nullable = parentNullable || nullType || !required.includes(name);
    if (type === 'object') jsonObject(property, fieldPath, nullable, columns);
    else pushColumn(columns, fieldPath, type, nullable);
  }
}

/** Reads `type` (a name, or a list of one name plus "null") and the formats that imply a column type. */
function jsonType(
  property: Readonly<Record<string, unknown>>,
  fieldPath: readonly string[],
): { type: ColumnType | 'object'; nullType: boolean } {
  const declared = own(property, 'type');
  const names = Array.isArray(declared) ? (declared as unknown[]) : [declared];
  const nullType = names.includes('null');
  const others = names.filter((name) => name !== 'null');
  const name = others[0];
  const format = own(property, 'format');
  let type: ColumnType | 'object' | undefined;
  if (others.length === 1) {
    if (name === 'string') {
      if (format === 'date-time') type = 'timestamp';
      else if (format === 'date') type = 'date';
      else if (own(property, 'contentEncoding') === 'base64') type = 'binary';
      else type = 'string';
    } else if (name === 'integer') {
      // JSON Schema integers have no width; 64 bits holds every integer a JSON number carries exactly.
      type = 'long';
    } else if (name === 'number') type = 'double';
    else if (name === 'boolean') type = 'boolean';
    else if (name === 'object') type = 'object';
  }
  if (type === undefined) {
    throw new DocumentError(
      `property ${fieldLabel(fieldPath)} has unsupported type ${JSON.stringify(declared ?? null)}; ` +
        'supported: string (format date-time, date), integer, number, boolean, object',
    );
  }
  return { type, nullType };
}
