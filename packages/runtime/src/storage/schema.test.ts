import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSchema, parseSchemaRef, schemaFilePath } from './schema.ts';
import { schemaFromDocument } from './schema-documents.ts';

describe('parseSchemaRef', () => {
  it.each([
    [
      'aio-sr://exampleNamespace/thermostat:1.0.0',
      { namespace: 'exampleNamespace', name: 'thermostat', version: '1.0.0' },
    ],
    ['aio-sr://opcua-output-delta:1', { name: 'opcua-output-delta', version: '1' }],
    ['aio-sr://ns/a.b_c:v2', { namespace: 'ns', name: 'a.b_c', version: 'v2' }],
  ])('parses %s', (ref, expected) => {
    expect(parseSchemaRef(ref)).toEqual({ ok: true, ref: expected });
  });

  it.each([
    'thermostat:1',
    'aio-sr://thermostat',
    'aio-sr://thermostat:',
    'aio-sr://:1',
    'aio-sr://ns/:1',
    'aio-sr:///name:1',
    'aio-sr://a/b/c:1',
    'aio-sr://a:b:1',
    'aio-sr://na me:1',
    'aio-sr://../name:1',
    'aio-sr://ns/..:1',
    'aio-sr://name:..',
    'aio-sr://a\\b:1',
  ])('refuses %s', (ref) => {
    const result = parseSchemaRef(ref);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('aio-sr://[namespace/]name:version');
  });
});

describe('schemaFilePath', () => {
  it('mirrors namespace / schema / version', () => {
    expect(schemaFilePath({ namespace: 'ns', name: 'temp', version: '1.0.0' }, '/s')).toBe(
      path.join('/s', 'ns', 'temp', '1.0.0.json'),
    );
    expect(schemaFilePath({ name: 'temp', version: '1' }, '/s')).toBe(path.join('/s', 'temp', '1.json'));
  });
});

const DELTA = {
  $schema: 'Delta/1.0',
  type: 'object',
  properties: {
    type: 'struct',
    fields: [
      { name: 'asset', type: 'string', nullable: false, metadata: {} },
      {
        name: 'temperature',
        type: {
          type: 'struct',
          fields: [
            { name: 'Value', type: 'integer', nullable: false, metadata: {} },
            { name: 'SourceTimestamp', type: 'timestamp', nullable: true, metadata: {} },
            {
              name: 'StatusCode',
              type: {
                type: 'struct',
                fields: [{ name: 'Code', type: 'long', nullable: false, metadata: {} }],
              },
              nullable: true,
              metadata: {},
            },
          ],
        },
        nullable: false,
        metadata: {},
      },
      { name: 'count', type: 'short', nullable: false, metadata: {} },
      { name: 'level', type: 'byte', nullable: true, metadata: {} },
      { name: 'ratio', type: 'float', nullable: true, metadata: {} },
      { name: 'mean', type: 'double', nullable: true, metadata: {} },
      { name: 'on', type: 'boolean', nullable: true, metadata: {} },
      { name: 'day', type: 'date', nullable: true, metadata: {} },
      { name: 'blob', type: 'binary', nullable: true, metadata: {} },
    ],
  },
};

const JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    asset: { type: 'string' },
    time: { type: 'string', format: 'date-time' },
    day: { type: 'string', format: 'date' },
    reading: {
      type: 'object',
      properties: { value: { type: 'number' }, count: { type: 'integer' } },
      required: ['value'],
    },
    on: { type: ['boolean', 'null'] },
  },
  required: ['asset', 'reading', 'on'],
};

describe('loadSchema', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'flowplane-schemas-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function put(relative: string, content: string): Promise<string> {
    const file = path.join(dir, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    return file;
  }

  it('reads a Delta document, flattening structs into dotted columns', async () => {
    await put('factory/opcua/1.0.0.json', JSON.stringify(DELTA));
    const schema = await loadSchema('aio-sr://factory/opcua:1.0.0', dir);
    expect(schema.columns).toEqual([
      { name: 'asset', path: ['asset'], type: 'string', nullable: false },
      { name: 'temperature.Value', path: ['temperature', 'Value'], type: 'integer', nullable: false },
      {
        name: 'temperature.SourceTimestamp',
        path: ['temperature', 'SourceTimestamp'],
        type: 'timestamp',
        nullable: true,
      },
      // Code is non-nullable, but its struct is nullable: a missing StatusCode makes it null.
      {
        name: 'temperature.StatusCode.Code',
        path: ['temperature', 'StatusCode', 'Code'],
        type: 'long',
        nullable: true,
      },
      { name: 'count', path: ['count'], type: 'short', nullable: false },
      { name: 'level', path: ['level'], type: 'byte', nullable: true },
      { name: 'ratio', path: ['ratio'], type: 'float', nullable: true },
      { name: 'mean', path: ['mean'], type: 'double', nullable: true },
      { name: 'on', path: ['on'], type: 'boolean', nullable: true },
      { name: 'day', path: ['day'], type: 'date', nullable: true },
      { name: 'blob', path: ['blob'], type: 'binary', nullable: true },
    ]);
  });

  it('reads a JSON Schema draft-07 document without a namespace', async () => {
    await put('thermostat/1.json', JSON.stringify(JSON_SCHEMA));
    const schema = await loadSchema({ name: 'thermostat', version: '1' }, dir);
    expect(schema.columns).toEqual([
      { name: 'asset', path: ['asset'], type: 'string', nullable: false },
      { name: 'time', path: ['time'], type: 'timestamp', nullable: true },
      { name: 'day', path: ['day'], type: 'date', nullable: true },
      { name: 'reading.value', path: ['reading', 'value'], type: 'double', nullable: false },
      { name: 'reading.count', path: ['reading', 'count'], type: 'long', nullable: true },
      // Required, but its type admits null.
      { name: 'on', path: ['on'], type: 'boolean', nullable: true },
    ]);
  });

  it('names the file it looked for when the schema is missing', async () => {
    const expected = path.join(dir, 'ns', 'absent', '2.json');
    await expect(loadSchema('aio-sr://ns/absent:2', dir)).rejects.toThrow(expected);
    await expect(loadSchema('aio-sr://ns/absent:2', dir)).rejects.toThrow(/does not exist/);
  });

  it('reports a file that is not JSON', async () => {
    const file = await put('broken/1.json', '{"type": ');
    await expect(loadSchema('aio-sr://broken:1', dir)).rejects.toThrow(`${file} is not valid JSON`);
  });

  it('reports an unsupported document with its file', async () => {
    const file = await put('odd/1.json', JSON.stringify({ $schema: 'Avro/1.0', fields: [] }));
    await expect(loadSchema('aio-sr://odd:1', dir)).rejects.toThrow(
      `${file} is not a usable schema: unsupported document`,
    );
  });

  it('refuses a malformed reference before touching the disk', async () => {
    await expect(loadSchema('aio-sr://../etc:passwd', dir)).rejects.toThrow(
      /aio-sr:\/\/\[namespace\/\]name:version/,
    );
  });
});

describe('schemaFromDocument', () => {
  const delta = (fields: unknown[]) => ({
    $schema: 'Delta/1.0',
    type: 'object',
    properties: { type: 'struct', fields },
  });

  it.each([
    ['a non-object document', [], /not a JSON object/],
    [
      'a Delta document without a struct',
      { $schema: 'Delta/1.0', properties: {} },
      /properties: \{type: struct/,
    ],
    [
      'an unsupported Delta type',
      delta([{ name: 'd', type: 'decimal(10,2)', nullable: true }]),
      /"d" has unsupported type "decimal\(10,2\)"/,
    ],
    [
      'a Delta array',
      delta([{ name: 'l', type: { type: 'array', elementType: 'string' }, nullable: true }]),
      /"l" has unsupported type "array"/,
    ],
    ['a nameless Delta field', delta([{ type: 'string', nullable: true }]), /field without a name/],
    [
      'a non-boolean nullable',
      delta([{ name: 'x', type: 'string', nullable: 'yes' }]),
      /"x": nullable must be true or false/,
    ],
    ['an empty schema', delta([]), /declares no fields/],
    [
      'two fields flattening to one column',
      delta([
        { name: 'a.b', type: 'string', nullable: true },
        {
          name: 'a',
          type: { type: 'struct', fields: [{ name: 'b', type: 'string', nullable: true }] },
          nullable: true,
        },
      ]),
      /same column "a.b"/,
    ],
    [
      'a JSON Schema array',
      { type: 'object', properties: { l: { type: 'array' } } },
      /"l" has unsupported type "array"/,
    ],
    [
      'a JSON Schema union',
      { type: 'object', properties: { u: { type: ['string', 'number'] } } },
      /"u" has unsupported type/,
    ],
    [
      'a JSON Schema bad required',
      { type: 'object', properties: { a: { type: 'string' } }, required: 'a' },
      /required must be a list/,
    ],
  ])('refuses %s', (_label, document, reason) => {
    const result = schemaFromDocument(document);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('treats a Delta field without nullable as nullable', () => {
    const result = schemaFromDocument(delta([{ name: 'x', type: 'string' }]));
    expect(result).toEqual({
      ok: true,
      schema: { columns: [{ name: 'x', path: ['x'], type: 'string', nullable: true }] },
    });
  });

  it('reads base64 strings in JSON Schema as binary', () => {
    const result = schemaFromDocument({
      type: 'object',
      properties: { b: { type: 'string', contentEncoding: 'base64' } },
      required: ['b'],
    });
    expect(result).toEqual({
      ok: true,
      schema: { columns: [{ name: 'b', path: ['b'], type: 'binary', nullable: false }] },
    });
  });
});
