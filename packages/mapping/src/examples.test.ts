// The worked examples of the research notes (spec §13, E1–E9), each with concrete messages.
import { describe, expect, it } from 'vitest';
import { compileTransformation, resolveDestinationTopic } from './index.ts';
import type { Message, TransformationSettings } from './index.ts';

const opcua = (temperature: number, tag10: number): Message => ({
  payload: {
    temperature: {
      SourceTimestamp: '2026-05-01T10:00:00Z',
      Value: temperature,
      StatusCode: { Code: 0, Symbol: 'Good' },
    },
    'Tag 10': { SourceTimestamp: '2026-05-01T10:00:01Z', Value: tag10 },
  },
  metadata: { topic: 'azure-iot-operations/data/thermostat' },
});

describe('E1: filter + pass-through + compute + rename (docs main example)', () => {
  const e1: TransformationSettings = {
    filter: [{ inputs: ['temperature.Value', '"Tag 10".Value'], expression: '$1 * $2 < 100000' }],
    map: [
      { inputs: ['*'], output: '*' },
      { inputs: ['temperature.Value'], output: 'TemperatureF', expression: 'cToF($1)' },
      { inputs: ['"Tag 10".Value'], output: 'Humidity' },
    ],
  };
  const run = compileTransformation(e1);

  it('drops a message whose product is below 100000 (true ⇒ drop)', () => {
    expect(run(opcua(20, 100))).toEqual({ kind: 'drop', rule: 0 });
  });

  it('keeps the rest, moving the computed and renamed fields out of the copied tree', () => {
    expect(run(opcua(100, 2000))).toEqual({
      kind: 'emit',
      message: {
        payload: {
          temperature: { SourceTimestamp: '2026-05-01T10:00:00Z', StatusCode: { Code: 0, Symbol: 'Good' } },
          'Tag 10': { SourceTimestamp: '2026-05-01T10:00:01Z' },
          TemperatureF: 212,
          Humidity: 2000,
        },
        metadata: { topic: 'azure-iot-operations/data/thermostat' },
      },
    });
  });

  it('keeps a message whose filter input is missing, with a warning', () => {
    const result = run({ payload: { temperature: { Value: 25.5 }, deviceId: 'd1' } });
    expect(result).toEqual({
      kind: 'emit',
      message: { payload: { deviceId: 'd1', TemperatureF: 77.9 } },
      warnings: [{ stage: 'filter', rule: 0, reason: expect.stringContaining('missing') }],
    });
  });
});

describe('E2: ComplexEventHub request (filter, average, constant, remove, rename, unit, scale)', () => {
  const e2: TransformationSettings = {
    filter: [{ inputs: ['temperature.Value', '"Tag 10".Value'], expression: '$1 > 9000 && $2 >= 8000' }],
    map: [
      { inputs: ['*'], output: '*' },
      { inputs: ['temperature.Value', '"Tag 10".Value'], expression: '($1+$2)/2', output: 'AvgTemp.Value' },
      { inputs: [], expression: 'true', output: 'dataflow-processed' },
      { inputs: ['temperature.SourceTimestamp'], expression: '', output: '' },
      { inputs: ['"Tag 10"'], expression: '', output: 'pressure' },
      { inputs: ['temperature.Value'], expression: 'cToF($1)', output: 'temperatureF.Value' },
      { inputs: ['"Tag 10".Value'], expression: 'scale ($1,0,10,0,100)', output: '"Scale Tag 10".Value' },
    ],
  };
  const run = compileTransformation(e2);

  it('drops hot, high-pressure readings', () => {
    expect(run(opcua(9500, 8500))).toEqual({ kind: 'drop', rule: 0 });
  });

  it('builds the documented output', () => {
    const result = run(opcua(25, 5));
    expect(result).toEqual({
      kind: 'emit',
      message: {
        payload: {
          temperature: { StatusCode: { Code: 0, Symbol: 'Good' } },
          AvgTemp: { Value: 15 }, // Int / Int stays Int: (25 + 5) / 2
          'dataflow-processed': true,
          pressure: { SourceTimestamp: '2026-05-01T10:00:01Z', Value: 5 },
          temperatureF: { Value: 77 },
          'Scale Tag 10': { Value: 50 },
        },
        metadata: { topic: 'azure-iot-operations/data/thermostat' },
      },
    });
    // Key order follows the rules: the pass-through first, then each rule's output.
    expect(Object.keys((result as { message: Message }).message.payload as object)).toEqual([
      'temperature',
      'AvgTemp',
      'dataflow-processed',
      'pressure',
      'temperatureF',
      'Scale Tag 10',
    ]);
  });

  it('averages floats as floats', () => {
    const result = run(opcua(20.5, 3));
    expect(result.kind === 'emit' && result.message.payload).toMatchObject({
      AvgTemp: { Value: 11.75 },
      'Scale Tag 10': { Value: 30 },
    });
  });
});

describe('E3: pass-through to ADLS Gen2 with a Delta schema', () => {
  const run = compileTransformation({
    map: [{ inputs: ['*'], output: '*' }],
    schemaRef: 'aio-sr://opcua-output-delta:1',
    serializationFormat: 'Delta',
  });

  it('exposes the output format and schema and copies every field', () => {
    expect(run.serializationFormat).toBe('Delta');
    expect(run.schemaRef).toBe('aio-sr://opcua-output-delta:1');
    const message = opcua(21, 7);
    const result = run(message);
    expect(result).toEqual({ kind: 'emit', message });
    // A copy, not the same object: later consumers may not see the input change under them.
    expect(result.kind === 'emit' && result.message.payload).not.toBe(message.payload);
  });
});

describe('E4 and E7: no transformation', () => {
  it('passes messages through untouched (E4 Kafka → broker, E7 broker → Event Grid)', () => {
    const run = compileTransformation(undefined);
    const message: Message = { payload: { humidity: 41 }, metadata: { topic: 'thermostats' } };
    const result = run(message);
    expect(result.kind).toBe('emit');
    expect(result.kind === 'emit' && result.message).toBe(message);
    expect(run.serializationFormat).toBe('Json');
  });
});

describe('E5: enrichment with a state-store dataset', () => {
  const records = [
    { asset: 'thermostat0', location: 'hall', manufacturer: 'Fabrikam' },
    { asset: 'thermostat1', location: 'room1', manufacturer: 'Contoso' },
    { asset: 'thermostat1', location: 'room9', manufacturer: 'Contoso' },
  ];
  const run = compileTransformation(
    {
      datasets: [
        { key: 'assetDataset', inputs: ['$source.deviceId', '$context.asset'], expression: '$1 == $2' },
      ],
      map: [
        { inputs: ['*'], output: '*' },
        { inputs: ['temperature'], output: 'temperatureCelsius', expression: '($1 - 32) * 5/9' },
        { inputs: ['$context(assetDataset).location'], output: 'location' },
      ],
    },
    { datasets: { assetDataset: records } },
  );

  it('adds the first matching record', () => {
    expect(run({ payload: { deviceId: 'thermostat1', temperature: 212 } })).toEqual({
      kind: 'emit',
      message: { payload: { deviceId: 'thermostat1', temperatureCelsius: 100, location: 'room1' } },
    });
  });

  it('keeps Int arithmetic exact and truncating', () => {
    const result = run({ payload: { deviceId: 'thermostat1', temperature: 70 } });
    expect(result.kind === 'emit' && result.message.payload).toEqual({
      deviceId: 'thermostat1',
      temperatureCelsius: 21,
      location: 'room1',
    });
  });

  it('skips rules that read an unmatched dataset', () => {
    expect(run({ payload: { deviceId: 'thermostat7', temperature: 98.6 } })).toEqual({
      kind: 'emit',
      message: { payload: { deviceId: 'thermostat7', temperatureCelsius: 37 } },
    });
  });

  it('supports the ARM ComplexContextualization form ($context(alias).* → enriched.*)', () => {
    const arm = compileTransformation(
      {
        datasets: [
          { key: 'quality', inputs: ['$source.country', '$context.country'], expression: '$1 == $2' },
        ],
        map: [
          { inputs: ['*'], output: '*' },
          { inputs: ['$context(quality).*'], output: 'enriched.*' },
        ],
      },
      { datasets: { quality: [{ country: 'PT', grade: 'A', limits: { max: 9 } }] } },
    );
    expect(arm({ payload: { country: 'PT', value: 3 } })).toEqual({
      kind: 'emit',
      message: {
        payload: { country: 'PT', value: 3, enriched: { country: 'PT', grade: 'A', limits: { max: 9 } } },
      },
    });
  });
});

describe('E6: dynamic destination topic', () => {
  it('resolves ${inputTopic.2}', () => {
    expect(
      resolveDestinationTopic(
        'processed/device/${inputTopic.2}/temperature',
        'thermostats/device1/sensor/temperature',
      ),
    ).toEqual({
      ok: true,
      topic: 'processed/device/device1/temperature',
    });
  });
});

describe('E8: schema-only transformation to Fabric', () => {
  it('passes the payload through and carries the Parquet settings', () => {
    const run = compileTransformation({
      serializationFormat: 'Parquet',
      schemaRef: 'aio-sr://exampleNamespace/exmapleParquetSchema:1.0.0',
    });
    const message = opcua(1, 2);
    expect(run(message)).toEqual({ kind: 'emit', message });
    expect(run.serializationFormat).toBe('Parquet');
    expect(run.schemaRef).toBe('aio-sr://exampleNamespace/exmapleParquetSchema:1.0.0');
  });
});

describe('E9: UI-style map (keep all, drop a tree, metadata to payload and user property)', () => {
  const run = compileTransformation({
    map: [
      { type: 'PassThrough', inputs: ['*'], output: '*' },
      { inputs: ['weight'], output: '' },
      { inputs: ['weight.Value'], output: '' },
      { type: 'Rename', inputs: ['$metadata.topic'], output: 'origin_topic' },
      { inputs: ['priority'], output: '$metadata.user_property.priority' },
    ],
  });

  it('removes the weight tree, records the topic, and moves priority to a user property', () => {
    const result = run({
      payload: { weight: { Value: 5, SourceTimestamp: 't' }, priority: 'high', temp: 20 },
      metadata: { topic: 'factory/line1', userProperties: [['source', 'plc']] },
    });
    expect(result).toEqual({
      kind: 'emit',
      message: {
        payload: { temp: 20, origin_topic: 'factory/line1' },
        metadata: {
          topic: 'factory/line1',
          userProperties: [
            ['source', 'plc'],
            ['priority', 'high'],
          ],
        },
      },
    });
  });
});
