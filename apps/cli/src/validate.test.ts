import { describe, expect, it } from 'vitest';
import { ARM, cli } from './test-support.ts';

interface JsonReport {
  valid: boolean;
  issues: {
    code: string;
    path: string;
    severity: string;
    resource?: { kind: string; name: string };
    file?: string;
    document?: number;
    line?: number;
  }[];
}

async function validateJson(...files: string[]) {
  const result = await cli(['validate', ...files.flatMap((f) => ['-f', f]), '--output', 'json']);
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport };
}

const errors = (report: JsonReport) =>
  report.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.path]);
const warnings = (report: JsonReport) =>
  report.issues.filter((i) => i.severity === 'warning').map((i) => i.code);

describe('flowplane validate', () => {
  it('accepts a valid instance and exits 0', async () => {
    const { code, stdout } = await cli(['validate', '-f', 'test-fixtures/instance.yaml']);
    expect(code).toBe(0);
    expect(stdout).toContain('valid: 4 resources, 0 errors, 0 warnings');
  });

  it('reads standard input', async () => {
    const yaml =
      'apiVersion: connectivity.iotoperations.azure.com/v1\nkind: DataflowProfile\nmetadata: {name: p01}\nspec: {instanceCount: 25}\n';
    const { code, report } = await (async () => {
      const r = await cli(['validate', '-f', '-', '-o', 'json'], yaml);
      return { code: r.code, report: JSON.parse(r.stdout) as JsonReport };
    })();
    expect(code).toBe(1);
    expect(report.valid).toBe(false);
    expect(errors(report)).toEqual([['schema.maximum', '/spec/instanceCount']]);
  });

  it('groups text output by resource with the path of each issue', async () => {
    const yaml = [
      'apiVersion: connectivity.iotoperations.azure.com/v1',
      'kind: DataflowEndpoint',
      'metadata: {name: kafka-out}',
      'spec:',
      '  endpointType: Kafka',
      '  kafkaSettings: {host: ns.servicebus.windows.net, authentication: {method: Sasl}, compression: Snappy}',
    ].join('\n');
    const { code, stdout } = await cli(['validate', '-f', '-'], yaml);
    expect(code).toBe(1);
    expect(stdout).toContain('DataflowEndpoint/kafka-out (<stdin>, document 1)');
    expect(stdout).toMatch(/error\s+\/spec\/kafkaSettings\/host .*\[host\.port\.missing\]/);
    expect(stdout).toMatch(
      /error\s+\/spec\/kafkaSettings\/authentication\/saslSettings .*\[auth\.settings\.missing\]/,
    );
    expect(stdout).toMatch(
      /error\s+\/spec\/kafkaSettings\/compression .*\[kafka\.compression\.unsupported\]/,
    );
    expect(stdout).toContain('invalid: 1 resource, 3 errors');
  });

  it('treats the files together as one instance', async () => {
    const alone = await validateJson(`${ARM}/dataflows/Dataflow_CreateOrUpdate_SimpleFabric.json`);
    expect(alone.code).toBe(1);
    expect(
      errors(alone.report)
        .map(([code]) => code)
        .sort(),
    ).toEqual(['ref.endpoint.notFound', 'ref.endpoint.notFound', 'ref.profile.notFound']);
  });

  it('exits 2 when a file is missing', async () => {
    const { code, stdout } = await cli(['validate', '-f', 'test-fixtures/nope.yaml']);
    expect(code).toBe(2);
    expect(stdout).toContain('no such file');
  });

  it('exits 2 on malformed YAML, naming the document, line and column', async () => {
    const { code, report } = await validateJson('test-fixtures/broken.yaml');
    expect(code).toBe(2);
    const syntax = report.issues.find((i) => i.code === 'manifest.syntax');
    expect(syntax).toMatchObject({ document: 1, line: 11, column: 9 });
  });

  it('exits 2 on usage errors and prints help', async () => {
    const missing = await cli(['validate']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Usage: flowplane validate');
    const unknown = await cli(['validate', '-f', 'x', '--bogus']);
    expect(unknown.code).toBe(2);
  });

  it('can fail on warnings', async () => {
    const flow = await cli([
      'validate',
      '-f',
      'test-fixtures/fixture-context.yaml',
      '-f',
      `${ARM}/dataflows/Dataflow_CreateOrUpdate_SimpleEventGrid.json`,
      '-f',
      `${ARM}/endpoints/DataflowEndpoint_CreateOrUpdate_EventGrid.json`,
      '-f',
      `${ARM}/profiles/DataflowProfile_CreateOrUpdate_MaximumSet_Gen.json`,
    ]);
    expect(flow.code).toBe(0);
    const strict = await cli([
      'validate',
      '--warnings-as-errors',
      '-f',
      'test-fixtures/fixture-context.yaml',
      '-f',
      `${ARM}/dataflows/Dataflow_CreateOrUpdate_SimpleEventGrid.json`,
      '-f',
      `${ARM}/endpoints/DataflowEndpoint_CreateOrUpdate_EventGrid.json`,
      '-f',
      `${ARM}/profiles/DataflowProfile_CreateOrUpdate_MaximumSet_Gen.json`,
    ]);
    expect(strict.code).toBe(1);
  });
});

describe("Microsoft's 2026-10-01 example payloads", () => {
  const endpoints = ['ADLSv2', 'ADX', 'EventGrid', 'EventHub', 'Fabric', 'Kafka', 'LocalStorage', 'MQTT'];
  it.each(endpoints)('DataflowEndpoint %s validates clean', async (name) => {
    const { code, report } = await validateJson(
      `${ARM}/endpoints/DataflowEndpoint_CreateOrUpdate_${name}.json`,
    );
    expect(errors(report)).toEqual([]);
    expect(code).toBe(0);
  });

  it.each(['Minimal', 'Multi', 'MaximumSet_Gen'])('DataflowProfile %s validates clean', async (name) => {
    const { code, report } = await validateJson(
      `${ARM}/profiles/DataflowProfile_CreateOrUpdate_${name}.json`,
    );
    expect(report.issues).toEqual([]);
    expect(code).toBe(0);
  });

  it('rejects the AIO example: "Kubernetes" is not an authentication method', async () => {
    const { code, report } = await validateJson(`${ARM}/endpoints/DataflowEndpoint_CreateOrUpdate_AIO.json`);
    expect(code).toBe(1);
    expect(errors(report)).toEqual([['schema.enum', '/spec/mqttSettings/authentication/method']]);
  });

  it('rejects the endpoint MaximumSet example: several settings blocks and cloudEventAttributes PassThrough', async () => {
    const { code, report } = await validateJson(
      `${ARM}/endpoints/DataflowEndpoint_CreateOrUpdate_MaximumSet_Gen.json`,
    );
    expect(code).toBe(1);
    expect(errors(report)).toEqual(
      expect.arrayContaining([
        ['endpoint.settings.unexpected', '/spec/mqttSettings'],
        ['endpoint.settings.unexpected', '/spec/kafkaSettings'],
        ['endpoint.settings.unexpected', '/spec/dataLakeStorageSettings'],
        ['endpoint.settings.unexpected', '/spec/fabricOneLakeSettings'],
        ['endpoint.settings.unexpected', '/spec/localStorageSettings'],
        ['schema.enum', '/spec/mqttSettings/cloudEventAttributes'],
        ['schema.enum', '/spec/kafkaSettings/cloudEventAttributes'],
      ]),
    );
  });

  const context = (...endpointExamples: string[]) => [
    'test-fixtures/fixture-context.yaml',
    `${ARM}/profiles/DataflowProfile_CreateOrUpdate_MaximumSet_Gen.json`,
    ...endpointExamples.map((e) => `${ARM}/endpoints/DataflowEndpoint_CreateOrUpdate_${e}.json`),
  ];

  it.each([
    ['FilterToTopic', []],
    ['ComplexEventHub', ['EventHub']],
    ['SimpleEventGrid', ['EventGrid']],
    ['SimpleFabric', ['Fabric']],
  ] as const)('Dataflow %s validates clean with the endpoints it references', async (name, used) => {
    const { code, report } = await validateJson(
      ...context(...used),
      `${ARM}/dataflows/Dataflow_CreateOrUpdate_${name}.json`,
    );
    expect(errors(report)).toEqual([]);
    expect(code).toBe(0);
  });

  it('the generator-made MaximumSet dataflow: its shape gets warnings, its random expressions do not compile', async () => {
    const { code, report } = await validateJson(
      ...context(),
      `${ARM}/dataflows/Dataflow_CreateOrUpdate_MaximumSet_Gen.json`,
    );
    expect(code).toBe(1);
    const T = '/spec/operations/0/builtInTransformationSettings';
    expect(errors(report)).toEqual([
      ['transformation.invalid', `${T}/datasets/0/expression`],
      ['transformation.invalid', `${T}/filter/0/expression`],
      ['transformation.invalid', `${T}/map/0/expression`],
    ]);
    expect(warnings(report)).toEqual(
      expect.arrayContaining([
        'dataflow.operation.settings.unexpected',
        'schemaRef.format',
        'dataflow.destination.serialization.unusual',
      ]),
    );
  });

  it('warns that the Event Grid example endpoint keeps the retain flag', async () => {
    const { report } = await validateJson(
      ...context('EventGrid'),
      `${ARM}/dataflows/Dataflow_CreateOrUpdate_SimpleEventGrid.json`,
    );
    expect(warnings(report)).toContain('dataflow.destination.eventGrid.retain');
  });

  it('DataflowGraph MaximumSet_Gen validates clean with its profile and endpoints; node "alert" gets no data', async () => {
    const { code, report } = await validateJson(
      'test-fixtures/graph-context.yaml',
      `${ARM}/dataflows/DataflowGraph_CreateOrUpdate_MaximumSet_Gen.json`,
    );
    expect(errors(report)).toEqual([]);
    expect(code).toBe(0);
    expect(
      report.issues.filter((i) => i.resource?.kind === 'DataflowGraph').map((i) => [i.code, i.path]),
    ).toEqual([['graph.node.unconnected', '/spec/nodes/2/name']]);
  });

  it('ComplexContextualization sends to Data Explorer without the schema the docs require', async () => {
    const { code, report } = await validateJson(
      ...context('ADX'),
      `${ARM}/dataflows/Dataflow_CreateOrUpdate_ComplexContextualization.json`,
    );
    expect(code).toBe(1);
    expect(errors(report)).toEqual([
      ['dataflow.destination.schema.required', '/spec/operations/1/builtInTransformationSettings/schemaRef'],
      [
        'dataflow.destination.serialization.unsupported',
        '/spec/operations/1/builtInTransformationSettings/serializationFormat',
      ],
    ]);
  });
});
