import { describe, expect, it } from 'vitest';
import { cli } from './test-support.ts';

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const topic = '{"topic": "thermostats/t7/sensor/temperature"}';

describe('flowplane transform', () => {
  it('prints one result per input line: emit with the resolved topic, drop with the rule, input errors', async () => {
    const input = [
      '{"deviceId": "thermostat2", "temperature": {"Value": 20}, "Tag 10": {"Value": 6000}}',
      '{"deviceId": "thermostat2", "temperature": {"Value": 1}, "Tag 10": {"Value": 1}}',
      'not json',
      '',
    ].join('\n');
    const result = await cli(
      [
        'transform',
        '-f',
        'test-fixtures/thermostat.yaml',
        '--metadata',
        topic,
        '--datasets',
        'test-fixtures/datasets.yaml',
      ],
      input,
    );
    expect(result.code).toBe(0);
    const [emitted, dropped, bad] = lines(result.stdout);
    expect(emitted).toEqual({
      emit: {
        // The rename and the compute rule are narrower than the pass-through, so they move the fields.
        payload: { deviceId: 'thermostat2', TemperatureF: 68, Humidity: 6000, location: 'room2' },
        metadata: { topic: 'thermostats/t7/sensor/temperature' },
        topic: 'processed/t7/temperature',
      },
    });
    expect(dropped).toEqual({ drop: { rule: 0 } });
    expect(bad).toMatchObject({ error: { stage: 'input', line: 3 } });
    expect(lines(result.stdout)).toHaveLength(3);
  });

  it('adds a per-stage trace on request', async () => {
    const result = await cli(
      ['transform', '-f', 'test-fixtures/thermostat.yaml', '--metadata', topic, '--trace'],
      '{"temperature": {"Value": 1}, "Tag 10": {"Value": 1}}',
    );
    const [line] = lines(result.stdout);
    expect(line).toMatchObject({ drop: { rule: 0 }, trace: { filter: { droppedBy: 0 } } });
  });

  it('reads {payload, metadata} envelopes', async () => {
    const result = await cli(
      ['transform', '-f', 'test-fixtures/thermostat.yaml', '--envelope'],
      '{"payload": {"temperature": {"Value": 100}, "Tag 10": {"Value": 2000}}, "metadata": {"topic": "thermostats/t9/sensor/temperature"}}',
    );
    expect(lines(result.stdout)[0]).toMatchObject({
      emit: { topic: 'processed/t9/temperature', payload: { TemperatureF: 212 } },
    });
  });

  it('reports an unresolvable destination topic per message', async () => {
    const result = await cli(
      ['transform', '-f', 'test-fixtures/thermostat.yaml'],
      '{"temperature": {"Value": 100}, "Tag 10": {"Value": 2000}}',
    );
    expect(lines(result.stdout)[0]).toMatchObject({ error: { stage: 'destination' } });
  });

  it('exits 1 with paths into the dataflow when the transformation does not compile', async () => {
    const flow = [
      'apiVersion: connectivity.iotoperations.azure.com/v1',
      'kind: Dataflow',
      'metadata: {name: broken}',
      'spec:',
      '  profileRef: default',
      '  operations:',
      '    - {operationType: Source, sourceSettings: {endpointRef: default, dataSources: [a]}}',
      '    - {operationType: BuiltInTransformation, builtInTransformationSettings: {map: [{inputs: [a], output: b, expression: "uppercase($1)"}]}}',
      '    - {operationType: Destination, destinationSettings: {endpointRef: default, dataDestination: b}}',
    ].join('\n');
    const result = await cli(['transform', '-f', '-', '--input', 'test-fixtures/datasets.yaml'], flow);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/spec/operations/1/builtInTransformationSettings/map/0/expression');
    expect(result.stderr).toContain('[transformation.invalid]');
  });

  it('validate reports the same compile errors', async () => {
    const flow = [
      'apiVersion: connectivity.iotoperations.azure.com/v1',
      'kind: Dataflow',
      'metadata: {name: broken}',
      'spec:',
      '  profileRef: default',
      '  operations:',
      '    - {operationType: Source, sourceSettings: {endpointRef: default, dataSources: [a]}}',
      '    - {operationType: BuiltInTransformation, builtInTransformationSettings: {filter: [{inputs: [a], expression: "$1 >"}]}}',
      '    - {operationType: Destination, destinationSettings: {endpointRef: default, dataDestination: b}}',
    ].join('\n');
    const result = await cli(['validate', '-f', '-', '-o', 'json'], flow);
    const report = JSON.parse(result.stdout) as { issues: { code: string; path: string }[] };
    expect(report.issues).toContainEqual(
      expect.objectContaining({
        code: 'transformation.invalid',
        path: '/spec/operations/1/builtInTransformationSettings/filter/0/expression',
      }),
    );
  });

  it('needs the dataflow and a separate message source', async () => {
    expect((await cli(['transform'])).code).toBe(2);
    expect((await cli(['transform', '-f', '-'])).code).toBe(2);
    expect((await cli(['transform', '-f', 'test-fixtures/graph-context.yaml'])).stderr).toContain(
      'holds no Dataflow',
    );
  });
});

describe('flowplane test', () => {
  it('runs saved cases and exits 0 when they pass', async () => {
    const result = await cli(['test', '-f', 'test-fixtures/thermostat.cases.yaml']);
    expect(result.stdout).toContain('PASS a hot reading is converted and enriched');
    expect(result.stdout).toContain('PASS a small product is dropped by the filter');
    expect(result.stdout).toContain('2 passed, 0 failed');
    expect(result.code).toBe(0);
  });

  it('shows a diff for each failing case and exits 1', async () => {
    const result = await cli(['test', '-f', 'test-fixtures/failing.cases.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL wrong expectation');
    expect(result.stdout).toMatch(/-\s+"TemperatureF": 100/);
    expect(result.stdout).toMatch(/\+\s+"TemperatureF": 212/);
    expect(result.stdout).toContain('FAIL expects a drop that does not happen');
    expect(result.stdout).toContain('0 passed, 2 failed');
  });

  it('runs the test cases a dataflow keeps in its annotation (the builder saves them there)', async () => {
    const result = await cli(['test', '-f', 'test-fixtures/annotated.yaml']);
    expect(result.stdout).toContain('PASS sample 1');
    expect(result.stdout).toContain('PASS sample 2');
    expect(result.stdout).toContain('FAIL sample 3');
    // A sample without an expectation is a preview only, not a test.
    expect(result.stdout).not.toContain('unchecked');
    expect(result.stdout).toContain('2 passed, 1 failed');
    expect(result.code).toBe(1);
  });

  it('exits 2 when the cases file is unreadable', async () => {
    expect((await cli(['test', '-f', 'test-fixtures/none.cases.yaml'])).code).toBe(2);
    expect((await cli(['test', '-f', 'test-fixtures/instance.yaml'])).code).toBe(2);
  });
});
