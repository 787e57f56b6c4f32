import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { encodeParquet, rowProblem } from './parquet.ts';
import type { RecordSchema } from './schema.ts';

const schema: RecordSchema = {
  columns: [
    { name: 'asset', path: ['asset'], type: 'string', nullable: false },
    { name: 'temperature.Value', path: ['temperature', 'Value'], type: 'integer', nullable: true },
    { name: 'big', path: ['big'], type: 'long', nullable: true },
    { name: 'small', path: ['small'], type: 'short', nullable: true },
    { name: 'tiny', path: ['tiny'], type: 'byte', nullable: true },
    { name: 'ratio', path: ['ratio'], type: 'float', nullable: true },
    { name: 'mean', path: ['mean'], type: 'double', nullable: true },
    { name: 'on', path: ['on'], type: 'boolean', nullable: true },
    { name: 'at', path: ['at'], type: 'timestamp', nullable: true },
    { name: 'day', path: ['day'], type: 'date', nullable: true },
    { name: 'blob', path: ['blob'], type: 'binary', nullable: true },
  ],
};

const full = {
  asset: 'pump-1',
  'temperature.Value': -7,
  big: 9007199254740993n,
  small: 300,
  tiny: -5,
  ratio: 0.5,
  mean: 21.25,
  on: true,
  at: new Date('2024-05-06T07:08:09.123Z'),
  day: new Date('2024-05-06T00:00:00Z'),
  blob: new Uint8Array([1, 2, 255]),
};

describe('encodeParquet', () => {
  it('writes the schema as Parquet types a Delta/Spark reader expects', () => {
    const bytes = encodeParquet(schema, [full]);
    const metadata = parquetMetadata(bytes.buffer as ArrayBuffer);
    const leaves = metadata.schema.slice(1).map((e) => [e.name, e.type, e.converted_type, e.repetition_type]);
    expect(leaves).toEqual([
      ['asset', 'BYTE_ARRAY', 'UTF8', 'REQUIRED'],
      ['temperature.Value', 'INT32', undefined, 'OPTIONAL'],
      ['big', 'INT64', undefined, 'OPTIONAL'],
      ['small', 'INT32', 'INT_16', 'OPTIONAL'],
      ['tiny', 'INT32', 'INT_8', 'OPTIONAL'],
      ['ratio', 'FLOAT', undefined, 'OPTIONAL'],
      ['mean', 'DOUBLE', undefined, 'OPTIONAL'],
      ['on', 'BOOLEAN', undefined, 'OPTIONAL'],
      ['at', 'INT64', 'TIMESTAMP_MICROS', 'OPTIONAL'],
      ['day', 'INT32', 'DATE', 'OPTIONAL'],
      ['blob', 'BYTE_ARRAY', undefined, 'OPTIONAL'],
    ]);
    expect(metadata.schema.find((e) => e.name === 'at')?.logical_type).toEqual({
      type: 'TIMESTAMP',
      isAdjustedToUTC: true,
      unit: 'MICROS',
    });
    expect(metadata.row_groups[0]?.columns[0]?.meta_data?.codec).toBe('SNAPPY');
  });

  it('reads back every value with its type, and nulls where the row has none', async () => {
    const bytes = encodeParquet(schema, [full, { asset: 'pump-2' }, { ...full, big: 42, on: false }]);
    // utf8: false keeps the binary column as bytes; UTF8-annotated columns are still strings.
    const rows = await parquetReadObjects({ file: bytes.buffer as ArrayBuffer, utf8: false });
    expect(rows[0]).toEqual(full);
    expect(rows[1]).toEqual({
      asset: 'pump-2',
      'temperature.Value': null,
      big: null,
      small: null,
      tiny: null,
      ratio: null,
      mean: null,
      on: null,
      at: null,
      day: null,
      blob: null,
    });
    // A long given as a number is written as INT64 all the same.
    expect(rows[2]?.['big']).toBe(42n);
    expect(rows[2]?.['on']).toBe(false);
  });
});

describe('rowProblem', () => {
  it('accepts a row the serializer produces and a row with only the required column', () => {
    expect(rowProblem(schema, full)).toBeUndefined();
    expect(rowProblem(schema, { asset: 'x' })).toBeUndefined();
  });

  it.each([
    [{}, 'column "asset" is not nullable but has no value'],
    [{ asset: null }, 'column "asset" is not nullable'],
    [{ asset: 1 }, 'column "asset" (string) cannot hold 1'],
    [{ asset: 'a', 'temperature.Value': 1.5 }, '(integer) cannot hold 1.5'],
    [{ asset: 'a', tiny: 128 }, '(byte) cannot hold 128'],
    [{ asset: 'a', big: 2n ** 63n }, '(long) cannot hold 9223372036854775808n'],
    [{ asset: 'a', big: 2 ** 60 }, '(long) cannot hold'],
    [{ asset: 'a', at: '2024-01-01T00:00:00Z' }, '(timestamp) cannot hold "2024-01-01T00:00:00Z"'],
    [{ asset: 'a', at: new Date(Number.NaN) }, '(timestamp) cannot hold a Date'],
    [{ asset: 'a', blob: [1, 2] }, '(binary) cannot hold a Array'],
  ])('refuses %o', (row, reason) => {
    expect(rowProblem(schema, row)).toContain(reason);
  });
});
