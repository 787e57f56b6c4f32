// Encodes rows of a RecordSchema as one Parquet file (hyparquet-writer, SNAPPY, its default codec).
//
// Physical types follow what Spark/Delta write for the same column types, so the files read the same way
// in Spark, DuckDB, pandas and Fabric: timestamps are INT64 microseconds adjusted to UTC, dates INT32 days,
// short/byte INT32 annotated with their width.

import { parquetWriteBuffer } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet-writer';
import type { Row } from './rows.ts';
import type { ColumnType, RecordColumn, RecordSchema } from './schema.ts';

type LeafElement = Omit<SchemaElement, 'name' | 'repetition_type'>;

const ELEMENTS: Readonly<Record<ColumnType, LeafElement>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } },
  integer: { type: 'INT32' },
  long: { type: 'INT64' },
  short: {
    type: 'INT32',
    converted_type: 'INT_16',
    logical_type: { type: 'INTEGER', bitWidth: 16, isSigned: true },
  },
  byte: {
    type: 'INT32',
    converted_type: 'INT_8',
    logical_type: { type: 'INTEGER', bitWidth: 8, isSigned: true },
  },
  float: { type: 'FLOAT' },
  double: { type: 'DOUBLE' },
  boolean: { type: 'BOOLEAN' },
  timestamp: {
    type: 'INT64',
    converted_type: 'TIMESTAMP_MICROS',
    logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
  },
  date: { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
  binary: { type: 'BYTE_ARRAY' },
};

export function parquetSchemaElements(schema: RecordSchema): SchemaElement[] {
  return [
    { name: 'root', num_children: schema.columns.length },
    ...schema.columns.map((column): SchemaElement => ({
      name: column.name,
      ...ELEMENTS[column.type],
      repetition_type: column.nullable ? 'OPTIONAL' : 'REQUIRED',
    })),
  ];
}

const INT_LIMITS: Readonly<Partial<Record<ColumnType, readonly [number, number]>>> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
};

/** Does a row value have the JS type the encoder expects for its column (see coerce.ts)? */
function fits(value: unknown, column: RecordColumn): boolean {
  switch (column.type) {
    case 'string':
      return typeof value === 'string';
    case 'byte':
    case 'short':
    case 'integer': {
      const [min, max] = INT_LIMITS[column.type]!;
      return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
    }
    case 'long':
      // Numbers are accepted too, so producers other than the row serializer need not know about bigint.
      return (
        (typeof value === 'bigint' && BigInt.asIntN(64, value) === value) ||
        (Number.isSafeInteger(value) && typeof value === 'number')
      );
    case 'float':
    case 'double':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'timestamp':
    case 'date':
      return value instanceof Date && !Number.isNaN(value.getTime());
    case 'binary':
      return value instanceof Uint8Array;
  }
}

/**
 * Why a row cannot be encoded, or undefined. Checked when a row enters a batch, so one bad row is refused
 * on its own instead of failing the file that would hold it and every row beside it.
 */
export function rowProblem(schema: RecordSchema, row: Row): string | undefined {
  for (const column of schema.columns) {
    const value = Object.hasOwn(row, column.name) ? row[column.name] : undefined;
    if (value === undefined || value === null) {
      if (!column.nullable) return `column ${JSON.stringify(column.name)} is not nullable but has no value`;
    } else if (!fits(value, column)) {
      return `column ${JSON.stringify(column.name)} (${column.type}) cannot hold ${describe(value)}`;
    }
  }
  return undefined;
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object') return value === null ? 'null' : `a ${value.constructor?.name ?? 'object'}`;
  return JSON.stringify(value) ?? typeof value;
}

/** Encodes rows that passed `rowProblem`; the file is built in memory and written by the caller. */
export function encodeParquet(schema: RecordSchema, rows: readonly Row[]): Uint8Array {
  const columnData = schema.columns.map((column) => ({
    name: column.name,
    data: rows.map((row) => {
      const value = Object.hasOwn(row, column.name) ? row[column.name] : undefined;
      if (value === undefined || value === null) return null;
      return column.type === 'long' && typeof value === 'number' ? BigInt(value) : value;
    }),
  }));
  const buffer = parquetWriteBuffer({
    columnData,
    schema: parquetSchemaElements(schema),
    codec: 'SNAPPY',
    createdBy: 'flowplane',
  });
  return new Uint8Array(buffer);
}
