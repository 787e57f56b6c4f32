import { describe, expect, it } from 'vitest';
import { rowSerializer } from './rows.ts';
import type { ColumnType, RecordSchema } from './schema.ts';

function single(type: ColumnType, nullable = true): RecordSchema {
  return { columns: [{ name: 'v', path: ['v'], type, nullable }] };
}

function write(type: ColumnType, value: unknown): unknown {
  const result = rowSerializer(single(type))({ v: value });
  if (!result.ok) throw new Error(result.reason);
  return result.row['v'];
}

function refusal(type: ColumnType, value: unknown): string {
  const result = rowSerializer(single(type))({ v: value });
  if (result.ok) throw new Error(`accepted ${String(value)}`);
  return result.reason;
}

describe('rowSerializer coercions', () => {
  it.each<[ColumnType, unknown, unknown]>([
    ['integer', 42, 42],
    ['integer', 3.9, 3],
    ['integer', -3.9, -3],
    ['integer', -0.5, 0],
    ['integer', '17', 17],
    ['integer', ' 2.5e1 ', 25],
    ['integer', true, 1],
    ['integer', false, 0],
    ['integer', 2147483647, 2147483647],
    ['short', -32768, -32768],
    ['byte', '127', 127],
    ['long', 12, 12n],
    ['long', 12.7, 12n],
    ['long', '9007199254740993', 9007199254740993n],
    ['long', '-9223372036854775808', -9223372036854775808n],
    ['long', true, 1n],
    ['double', 1.5, 1.5],
    ['double', '-1.25e2', -125],
    ['double', '.5', 0.5],
    ['double', true, 1],
    ['float', 0.1, Math.fround(0.1)],
    ['float', '3', 3],
    ['boolean', true, true],
    ['boolean', 'false', false],
    ['boolean', 'TRUE', true],
    ['boolean', 1, true],
    ['boolean', 0, false],
    ['string', 'text', 'text'],
    ['string', 21.5, '21.5'],
    ['string', true, 'true'],
    ['string', false, 'false'],
    ['string', '', ''],
    ['timestamp', '2024-05-06T07:08:09.123Z', new Date('2024-05-06T07:08:09.123Z')],
    ['timestamp', '2024-05-06T07:08:09.1234567Z', new Date('2024-05-06T07:08:09.123Z')],
    ['timestamp', '2024-05-06T09:08:09+02:00', new Date('2024-05-06T07:08:09Z')],
    ['timestamp', '2024-05-06T02:38:09-0430', new Date('2024-05-06T07:08:09Z')],
    ['timestamp', '2024-05-06 07:08', new Date('2024-05-06T07:08:00Z')],
    ['timestamp', '2024-05-06T07:08:09', new Date('2024-05-06T07:08:09Z')],
    ['timestamp', '2024-05-06', new Date('2024-05-06T00:00:00Z')],
    ['timestamp', '2016-12-31T23:59:60Z', new Date('2017-01-01T00:00:00Z')],
    ['timestamp', '0050-01-01T00:00:00Z', new Date('0050-01-01T00:00:00Z')],
    ['date', '2024-02-29', new Date('2024-02-29T00:00:00Z')],
    ['date', '2024-02-29T23:30:00-02:00', new Date('2024-03-01T00:00:00Z')],
    ['binary', 'AQID', new Uint8Array([1, 2, 3])],
    ['binary', [0, 255], new Uint8Array([0, 255])],
  ])('%s column takes %j as %o', (type, input, expected) => {
    expect(write(type, input)).toEqual(expected);
  });

  it.each<[ColumnType, unknown, RegExp]>([
    ['integer', 'abc', /cannot write "abc" to an integer column/],
    ['integer', '', /cannot write "" to an integer column/],
    ['integer', '0x10', /cannot write "0x10"/],
    ['integer', 'Infinity', /cannot write "Infinity"/],
    ['integer', 2147483648, /out of range for an integer column/],
    ['short', 40000, /out of range for a short column/],
    ['byte', -129, /out of range for a byte column/],
    ['long', '9223372036854775808', /out of range for a long column/],
    ['long', 1e19, /out of range for a long column/],
    ['float', 1e39, /out of range for a float column/],
    ['double', 'twelve', /cannot write "twelve" to a double column/],
    ['boolean', 'yes', /cannot write "yes" to a boolean column/],
    ['boolean', 2, /cannot write 2 to a boolean column/],
    ['timestamp', 1714979289, /expected an ISO-8601 date-time/],
    ['timestamp', 'yesterday', /cannot write "yesterday" to a timestamp column/],
    ['timestamp', '2023-02-30T00:00:00Z', /cannot write/],
    ['timestamp', '2023-13-01', /cannot write/],
    ['timestamp', '2023-01-01T24:00:00Z', /cannot write/],
    ['timestamp', '2023-01-01T10:00:00+25:00', /cannot write/],
    ['date', 'May 6th', /expected an ISO-8601 date\)/],
    ['binary', 'not base64!', /cannot write "not base64!" to a binary column/],
    ['binary', [1, 256], /every item is a byte/],
    ['string', { a: 1 }, /cannot write an object to a string column/],
    ['string', ['a'], /cannot write an array to a string column/],
    ['double', { value: 1 }, /cannot write an object to a double column/],
    ['timestamp', [2024], /cannot write an array to a timestamp column/],
  ])('%s column refuses %j', (type, input, reason) => {
    expect(refusal(type, input)).toMatch(reason);
  });

  it('names the column in a refusal', () => {
    expect(refusal('integer', 'abc')).toMatch(/^column "v": /);
  });
});

describe('rowSerializer records', () => {
  const schema: RecordSchema = {
    columns: [
      { name: 'asset', path: ['asset'], type: 'string', nullable: false },
      { name: 'temperature.Value', path: ['temperature', 'Value'], type: 'double', nullable: false },
      { name: 'temperature.Unit', path: ['temperature', 'Unit'], type: 'string', nullable: true },
      { name: 'status.Code', path: ['status', 'Code'], type: 'integer', nullable: true },
    ],
  };
  const toRow = rowSerializer(schema);

  it('flattens nested fields, fills nullable gaps with null and ignores undeclared fields', () => {
    expect(toRow({ asset: 'pump', temperature: { Value: '21.5', Extra: 1 }, other: { deep: true } })).toEqual(
      {
        ok: true,
        row: { asset: 'pump', 'temperature.Value': 21.5, 'temperature.Unit': null, 'status.Code': null },
      },
    );
  });

  it('writes explicit null into a nullable column and under a null struct', () => {
    expect(toRow({ asset: 'a', temperature: { Value: 1, Unit: null }, status: null })).toEqual({
      ok: true,
      row: { asset: 'a', 'temperature.Value': 1, 'temperature.Unit': null, 'status.Code': null },
    });
  });

  it.each([
    [
      'a missing non-nullable field',
      { temperature: { Value: 1 } },
      'column "asset" is not nullable but the value is missing',
    ],
    [
      'a null non-nullable field',
      { asset: null, temperature: { Value: 1 } },
      'column "asset" is not nullable but the value is null',
    ],
    [
      'a missing struct around a non-nullable leaf',
      { asset: 'a' },
      'column "temperature.Value" is not nullable but the value is missing',
    ],
    [
      'a scalar where a struct is declared',
      { asset: 'a', temperature: 5 },
      'field "temperature" is not an object',
    ],
    [
      'an object onto a leaf',
      { asset: { name: 'a' }, temperature: { Value: 1 } },
      'column "asset": cannot write an object',
    ],
    ['an array payload', [{ asset: 'a' }], 'the payload is an array'],
    ['a scalar payload', 'asset', 'the payload is not an object'],
    ['a null payload', null, 'the payload is not an object'],
  ])('refuses %s', (_label, payload, reason) => {
    const result = toRow(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('reads only own properties of the payload', () => {
    const proto = rowSerializer({
      columns: [{ name: 'constructor', path: ['constructor'], type: 'string', nullable: false }],
    });
    expect(proto({})).toEqual({
      ok: false,
      reason: 'column "constructor" is not nullable but the value is missing',
    });
  });

  it('keeps a column named __proto__ as a column', () => {
    const result = rowSerializer({
      columns: [{ name: '__proto__', path: ['__proto__'], type: 'string', nullable: true }],
    })(JSON.parse('{"__proto__": "x"}'));
    expect(result.ok && Object.getOwnPropertyDescriptor(result.row, '__proto__')?.value).toBe('x');
  });
});
