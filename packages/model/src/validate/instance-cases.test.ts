import { describe, expect, it } from 'vitest';
import { validateInstance, validateResource } from './index.ts';
import { dataflow, edit, endpoint, fromFlavour, profile } from '../test-support/builders.ts';
import { defaultEndpoint, defaultProfile } from '../factories.ts';
import type { ResourceIssue } from '../issues.ts';

type Expect = [code: string, path: string][];

const OPS = '/spec/operations';
const SRC = `${OPS}/0/sourceSettings`;
const TR = `${OPS}/1/builtInTransformationSettings`;
const DST2 = `${OPS}/2/destinationSettings`;
const DST1 = `${OPS}/1/destinationSettings`;

const base = [defaultEndpoint(), defaultProfile()] as Record<string, unknown>[];
const endpoints = {
  eventGrid: fromFlavour('event-grid', 'eventgrid'),
  eventGridKeep: edit(fromFlavour('event-grid', 'eventgrid-keep'), {
    '/spec/mqttSettings/retain': undefined,
  }),
  mqtt: fromFlavour('custom-mqtt', 'mqtt'),
  eventHubs: fromFlavour('event-hubs', 'eventhubs'),
  kafkaNoGroup: edit(fromFlavour('custom-kafka', 'kafka-nogroup'), {
    '/spec/kafkaSettings/consumerGroupId': undefined,
  }),
  kafka: fromFlavour('custom-kafka', 'kafka'),
  lake: fromFlavour('data-lake', 'lake'),
  adx: fromFlavour('data-explorer', 'adx'),
  onelake: fromFlavour('onelake', 'onelake'),
  storage: fromFlavour('local-storage', 'storage'),
  otel: fromFlavour('opentelemetry', 'otel'),
  noHost: endpoint('broker-nohost', {
    endpointType: 'Mqtt',
    mqttSettings: {
      authentication: {
        method: 'ServiceAccountToken',
        serviceAccountTokenSettings: { audience: 'aio-internal' },
      },
    },
  }),
};
const all = [...base, ...Object.values(endpoints), profile('scaled', { instanceCount: 3 })];

const parquet = { serializationFormat: 'Parquet', schemaRef: 'aio-sr://ns/telemetry:1' };

interface Case {
  name: string;
  flow: Record<string, unknown>;
  errors: Expect;
  warnings?: Expect;
  /** Other resources in the instance (defaults to all of the above). */
  with?: Record<string, unknown>[];
}

const cases: Case[] = [
  { name: 'broker to broker', flow: dataflow(), errors: [] },
  { name: 'broker to Event Grid (retain Never)', flow: dataflow({ destination: 'eventgrid' }), errors: [] },
  { name: 'Event Grid to broker', flow: dataflow({ source: 'eventgrid' }), errors: [] },
  {
    name: 'Event Hubs to broker',
    flow: dataflow({ source: 'eventhubs', dataSources: ['thermostats'] }),
    errors: [],
  },
  {
    name: 'broker to Event Hubs',
    flow: dataflow({ destination: 'eventhubs', dataDestination: 'myhub' }),
    errors: [],
  },
  { name: 'broker to custom MQTT', flow: dataflow({ destination: 'mqtt' }), errors: [] },
  {
    name: 'broker without host counts as local',
    flow: dataflow({ source: 'broker-nohost', destination: 'mqtt' }),
    errors: [],
  },
  {
    name: 'broker to Data Lake with Parquet',
    flow: dataflow({ destination: 'lake', dataDestination: 'telemetry', transformation: parquet }),
    errors: [],
  },
  {
    name: 'broker to Data Lake with Delta',
    flow: dataflow({ destination: 'lake', transformation: { ...parquet, serializationFormat: 'Delta' } }),
    errors: [],
  },
  {
    name: 'broker to ADX',
    flow: dataflow({ destination: 'adx', dataDestination: 'mytable', transformation: parquet }),
    errors: [],
  },
  {
    name: 'broker to OneLake',
    flow: dataflow({ destination: 'onelake', transformation: parquet }),
    errors: [],
  },
  {
    name: 'broker to local storage',
    flow: dataflow({ destination: 'storage', dataDestination: 'data', transformation: parquet }),
    errors: [],
  },
  {
    name: 'broker to OpenTelemetry',
    flow: dataflow({ destination: 'otel', dataDestination: 'metrics' }),
    errors: [],
  },
  {
    name: 'dynamic MQTT destination topic',
    flow: dataflow({ dataDestination: 'processed/${inputTopic.2}/temperature' }),
    errors: [],
  },

  {
    name: 'unknown source endpoint',
    flow: dataflow({ source: 'nope' }),
    errors: [['ref.endpoint.notFound', `${SRC}/endpointRef`]],
  },
  {
    name: 'unknown destination endpoint',
    flow: dataflow({ destination: 'nope' }),
    errors: [['ref.endpoint.notFound', `${DST1}/endpointRef`]],
  },
  {
    name: 'an empty destination endpoint is said to be empty, not to be missing from the instance',
    flow: dataflow({ destination: '' }),
    errors: [['schema.minLength', `${DST1}/endpointRef`]],
  },
  {
    name: 'unknown profile',
    flow: dataflow({ profileRef: 'fast' }),
    errors: [['ref.profile.notFound', '/spec/profileRef']],
  },
  {
    name: 'profileRef required',
    flow: edit(dataflow(), { '/spec/profileRef': undefined }),
    errors: [['schema.required', '/spec/profileRef']],
  },
  {
    name: 'Data Lake cannot be a source',
    flow: dataflow({ source: 'lake' }),
    errors: [['dataflow.source.endpointType', `${SRC}/endpointRef`]],
  },
  {
    name: 'ADX cannot be a source',
    flow: dataflow({ source: 'adx' }),
    errors: [['dataflow.source.endpointType', `${SRC}/endpointRef`]],
  },
  {
    name: 'OneLake cannot be a source',
    flow: dataflow({ source: 'onelake' }),
    errors: [['dataflow.source.endpointType', `${SRC}/endpointRef`]],
  },
  {
    name: 'local storage cannot be a source',
    flow: dataflow({ source: 'storage' }),
    errors: [['dataflow.source.endpointType', `${SRC}/endpointRef`]],
  },
  {
    name: 'OpenTelemetry cannot be a source',
    flow: dataflow({ source: 'otel' }),
    errors: [['dataflow.source.endpointType', `${SRC}/endpointRef`]],
  },
  {
    name: 'custom to custom is not supported',
    flow: dataflow({ source: 'mqtt', destination: 'eventhubs', dataDestination: 'hub' }),
    errors: [['dataflow.localBroker.required', OPS]],
  },
  {
    name: 'Event Grid to Data Lake skips the broker',
    flow: dataflow({ source: 'eventgrid', destination: 'lake', transformation: parquet }),
    errors: [['dataflow.localBroker.required', OPS]],
  },
  {
    name: 'Kafka source needs a consumer group',
    flow: dataflow({ source: 'kafka-nogroup', dataSources: ['t1'] }),
    errors: [['dataflow.source.consumerGroup.required', `${SRC}/endpointRef`]],
  },
  {
    name: 'Kafka destination needs no consumer group',
    flow: dataflow({ destination: 'kafka-nogroup', dataDestination: 't1' }),
    errors: [],
  },
  {
    name: 'Kafka topic with wildcard',
    flow: dataflow({ source: 'kafka', dataSources: ['telemetry/#'] }),
    errors: [['dataflow.source.topic.invalid', `${SRC}/dataSources/0`]],
  },
  {
    name: 'Kafka topic with illegal character',
    flow: dataflow({ source: 'kafka', dataSources: ['ok', 'not ok'] }),
    errors: [['dataflow.source.topic.invalid', `${SRC}/dataSources/1`]],
  },
  {
    name: 'Kafka destination with dynamic topic',
    flow: dataflow({ destination: 'kafka', dataDestination: 'out-${inputTopic.1}' }),
    errors: [['dataflow.destination.topic.invalid', `${DST1}/dataDestination`]],
  },
  {
    name: 'MQTT source with # in the middle',
    flow: dataflow({ dataSources: ['a/#/b'] }),
    errors: [['dataflow.source.topic.invalid', `${SRC}/dataSources/0`]],
  },
  {
    name: 'MQTT source with partial +',
    flow: dataflow({ dataSources: ['a/b+/c'] }),
    errors: [['dataflow.source.topic.invalid', `${SRC}/dataSources/0`]],
  },
  {
    name: 'MQTT source shared subscription',
    flow: dataflow({ dataSources: ['$shared/group1/a/b'] }),
    errors: [],
  },
  {
    name: 'MQTT shared subscription without group',
    flow: dataflow({ dataSources: ['$shared//a/b'] }),
    errors: [['dataflow.source.topic.invalid', `${SRC}/dataSources/0`]],
  },
  {
    name: 'MQTT destination with wildcard',
    flow: dataflow({ dataDestination: 'out/+/x' }),
    errors: [['dataflow.destination.topic.invalid', `${DST1}/dataDestination`]],
  },
  {
    name: 'dynamic topic to Data Lake',
    flow: dataflow({ destination: 'lake', dataDestination: '${inputTopic}', transformation: parquet }),
    errors: [['dataflow.destination.topic.invalid', `${DST2}/dataDestination`]],
  },
  {
    name: 'Data Lake without transformation',
    flow: dataflow({ destination: 'lake' }),
    errors: [
      ['dataflow.destination.schema.required', OPS],
      ['dataflow.destination.serialization.unsupported', OPS],
    ],
  },
  {
    name: 'Data Lake without schemaRef',
    flow: dataflow({ destination: 'lake', transformation: { serializationFormat: 'Parquet' } }),
    errors: [['dataflow.destination.schema.required', `${TR}/schemaRef`]],
  },
  {
    name: 'Data Lake with Json',
    flow: dataflow({ destination: 'lake', transformation: { schemaRef: parquet.schemaRef } }),
    errors: [['dataflow.destination.serialization.unsupported', `${TR}/serializationFormat`]],
  },
  {
    name: 'ADX without schemaRef',
    flow: dataflow({ destination: 'adx', transformation: { serializationFormat: 'Parquet' } }),
    errors: [['dataflow.destination.schema.required', `${TR}/schemaRef`]],
  },
  {
    name: 'OneLake with Json',
    flow: dataflow({
      destination: 'onelake',
      transformation: { serializationFormat: 'Json', schemaRef: parquet.schemaRef },
    }),
    errors: [['dataflow.destination.serialization.unsupported', `${TR}/serializationFormat`]],
  },
  {
    name: 'local storage with Delta',
    flow: dataflow({ destination: 'storage', transformation: { ...parquet, serializationFormat: 'Delta' } }),
    errors: [['dataflow.destination.serialization.unsupported', `${TR}/serializationFormat`]],
  },
  {
    name: 'local storage without transformation',
    flow: dataflow({ destination: 'storage' }),
    errors: [
      ['dataflow.destination.schema.required', OPS],
      ['dataflow.destination.serialization.unsupported', OPS],
    ],
  },
  {
    name: 'Parquet to MQTT works but is unusual',
    flow: dataflow({ transformation: parquet }),
    errors: [],
    warnings: [['dataflow.destination.serialization.unusual', `${TR}/serializationFormat`]],
  },
  {
    name: 'Event Grid source with instanceCount 3',
    flow: dataflow({ source: 'eventgrid', profileRef: 'scaled' }),
    errors: [['dataflow.source.eventGrid.instanceCount', '/spec/profileRef']],
  },
  {
    name: 'Event Grid destination with retain Keep (default)',
    flow: dataflow({ destination: 'eventgrid-keep' }),
    errors: [],
    warnings: [['dataflow.destination.eventGrid.retain', `${DST1}/endpointRef`]],
  },
  {
    name: 'MQTT source without shared subscription, 3 instances',
    flow: dataflow({ profileRef: 'scaled' }),
    errors: [],
    warnings: [['dataflow.source.sharedSubscription', `${SRC}/dataSources/0`]],
  },
  {
    name: 'custom MQTT source, 3 instances',
    flow: dataflow({ source: 'mqtt', profileRef: 'scaled' }),
    errors: [],
    warnings: [['dataflow.source.sharedSubscription', `${SRC}/dataSources/0`]],
  },

  // Operations
  {
    name: 'no operations',
    flow: edit(dataflow(), { '/spec/operations': [] }),
    errors: [
      ['dataflow.operations.source.count', OPS],
      ['dataflow.operations.destination.count', OPS],
    ],
  },
  {
    name: 'operations required',
    flow: edit(dataflow(), { '/spec/operations': undefined }),
    errors: [['schema.required', OPS]],
  },
  {
    name: 'no destination',
    flow: edit(dataflow(), { [`${OPS}/1`]: undefined }),
    errors: [['dataflow.operations.destination.count', OPS]],
  },
  {
    name: 'no source',
    flow: edit(dataflow(), { [`${OPS}/0`]: undefined }),
    errors: [['dataflow.operations.source.count', OPS]],
  },
  {
    name: 'two sources',
    flow: edit(dataflow(), {
      [OPS]: [
        { operationType: 'Source', sourceSettings: { endpointRef: 'default', dataSources: ['a'] } },
        { operationType: 'Source', sourceSettings: { endpointRef: 'default', dataSources: ['b'] } },
        {
          operationType: 'Destination',
          destinationSettings: { endpointRef: 'default', dataDestination: 'c' },
        },
      ],
    }),
    errors: [['dataflow.operations.source.count', `${OPS}/1`]],
  },
  {
    name: 'two transformations',
    flow: edit(dataflow({ transformation: {} }), {
      [`${OPS}/3`]: {
        operationType: 'Destination',
        destinationSettings: { endpointRef: 'default', dataDestination: 'c' },
      },
      [`${OPS}/2`]: { operationType: 'BuiltInTransformation', builtInTransformationSettings: {} },
    }),
    errors: [['dataflow.operations.transformation.count', `${OPS}/2`]],
  },
  {
    name: 'destination before source',
    flow: edit(dataflow(), {
      [OPS]: [
        {
          operationType: 'Destination',
          destinationSettings: { endpointRef: 'default', dataDestination: 'c' },
        },
        { operationType: 'Source', sourceSettings: { endpointRef: 'default', dataSources: ['a'] } },
      ],
    }),
    errors: [['dataflow.operations.order', `${OPS}/1/operationType`]],
  },
  {
    name: 'transformation after destination',
    flow: edit(dataflow(), {
      [`${OPS}/2`]: { operationType: 'BuiltInTransformation', builtInTransformationSettings: {} },
    }),
    errors: [['dataflow.operations.order', `${OPS}/2/operationType`]],
  },
  {
    name: 'operationType enum',
    flow: edit(dataflow(), { [`${OPS}/0/operationType`]: 'source' }),
    errors: [['schema.enum', `${OPS}/0/operationType`]],
  },
  {
    name: 'operation without its settings',
    flow: edit(dataflow(), { [`${SRC}`]: undefined }),
    errors: [
      ['dataflow.operation.settings.missing', SRC],
      ['dataflow.operations.source.count', OPS],
    ],
  },
  {
    name: 'operation name too long',
    flow: edit(dataflow(), { [`${OPS}/0/name`]: 'x'.repeat(65) }),
    errors: [['schema.maxLength', `${OPS}/0/name`]],
  },
  {
    name: 'operation with settings of another stage',
    flow: edit(dataflow(), {
      [`${OPS}/0/destinationSettings`]: { endpointRef: 'default', dataDestination: 'x' },
    }),
    errors: [['dataflow.operations.destination.count', `${OPS}/1`]],
    warnings: [['dataflow.operation.settings.unexpected', `${OPS}/0/destinationSettings`]],
  },
  {
    name: 'dataSources required',
    flow: edit(dataflow(), { [`${SRC}/dataSources`]: undefined }),
    errors: [['schema.required', `${SRC}/dataSources`]],
  },
  {
    name: 'dataSources not empty',
    flow: edit(dataflow(), { [`${SRC}/dataSources`]: [] }),
    errors: [['schema.minItems', `${SRC}/dataSources`]],
  },
  {
    name: 'empty topic',
    flow: edit(dataflow(), { [`${SRC}/dataSources`]: [''] }),
    errors: [['schema.minLength', `${SRC}/dataSources/0`]],
  },
  {
    name: 'endpointRef required',
    flow: edit(dataflow(), { [`${SRC}/endpointRef`]: undefined }),
    errors: [['schema.required', `${SRC}/endpointRef`]],
  },
  {
    name: 'dataDestination required',
    flow: edit(dataflow(), { [`${DST1}/dataDestination`]: undefined }),
    errors: [['schema.required', `${DST1}/dataDestination`]],
  },
  {
    name: 'dataDestination not empty',
    flow: edit(dataflow(), { [`${DST1}/dataDestination`]: '' }),
    errors: [['schema.minLength', `${DST1}/dataDestination`]],
  },
  {
    name: 'source serialization is Json only',
    flow: edit(dataflow(), { [`${SRC}/serializationFormat`]: 'Avro' }),
    errors: [['schema.enum', `${SRC}/serializationFormat`]],
  },
  {
    name: 'mode enum',
    flow: edit(dataflow(), { '/spec/mode': 'Paused' }),
    errors: [['schema.enum', '/spec/mode']],
  },
  {
    name: 'requestDiskPersistence',
    flow: edit(dataflow(), { '/spec/requestDiskPersistence': 'Enabled' }),
    errors: [],
  },
  {
    name: 'two datasets',
    flow: dataflow({
      transformation: {
        datasets: [
          { key: 'a', inputs: ['$source.x'] },
          { key: 'b', inputs: ['$source.y'] },
        ],
      },
    }),
    errors: [['schema.maxItems', `${TR}/datasets`]],
  },
  {
    name: 'dataset key too long',
    flow: dataflow({ transformation: { datasets: [{ key: 'k'.repeat(65), inputs: ['$source.x'] }] } }),
    errors: [['schema.maxLength', `${TR}/datasets/0/key`]],
  },
  {
    name: 'dataset without inputs',
    flow: dataflow({ transformation: { datasets: [{ key: 'a', inputs: [] }] } }),
    errors: [['schema.minItems', `${TR}/datasets/0/inputs`]],
  },
  {
    name: 'filter needs an expression',
    flow: dataflow({ transformation: { filter: [{ inputs: ['a'] }] } }),
    errors: [['schema.required', `${TR}/filter/0/expression`]],
  },
  {
    name: 'filter type enum',
    flow: dataflow({ transformation: { filter: [{ type: 'Drop', inputs: ['a'], expression: '$1 > 1' }] } }),
    errors: [['schema.enum', `${TR}/filter/0/type`]],
  },
  {
    name: 'map output required',
    flow: dataflow({ transformation: { map: [{ inputs: ['a'] }] } }),
    errors: [['schema.required', `${TR}/map/0/output`]],
  },
  {
    name: 'map type enum',
    flow: dataflow({ transformation: { map: [{ type: 'Copy', inputs: ['a'], output: 'b' }] } }),
    errors: [['schema.enum', `${TR}/map/0/type`]],
  },
  {
    name: 'map description too long',
    flow: dataflow({
      transformation: { map: [{ description: 'd'.repeat(257), inputs: ['a'], output: 'b' }] },
    }),
    errors: [['schema.maxLength', `${TR}/map/0/description`]],
  },
  {
    name: 'map with two inputs needs an expression',
    flow: dataflow({ transformation: { map: [{ inputs: ['a', 'b'], output: 'c' }] } }),
    errors: [['dataflow.map.expression.required', `${TR}/map/0/expression`]],
  },
  {
    name: 'constant needs an expression',
    flow: dataflow({ transformation: { map: [{ inputs: [], output: 'c' }] } }),
    errors: [['dataflow.map.expression.required', `${TR}/map/0/expression`]],
  },
  {
    name: 'constant with expression',
    flow: dataflow({ transformation: { map: [{ inputs: [], expression: 'true', output: 'processed' }] } }),
    errors: [],
  },
  {
    name: 'removal needs no expression',
    flow: dataflow({ transformation: { map: [{ inputs: ['a', 'b'], output: '' }] } }),
    errors: [],
  },
  {
    name: 'schemaRef of another form warns',
    flow: dataflow({ transformation: { schemaRef: 'my-schema' } }),
    errors: [],
    warnings: [['schemaRef.format', `${TR}/schemaRef`]],
  },
  {
    name: 'header AddOrReplace without value',
    flow: edit(dataflow(), { [`${DST1}/headers`]: [{ actionType: 'AddOrReplace', key: 'site' }] }),
    errors: [['dataflow.header.value.required', `${DST1}/headers/0/value`]],
  },
  {
    name: 'header Remove with value',
    flow: edit(dataflow(), { [`${DST1}/headers`]: [{ actionType: 'Remove', key: 'site', value: 'x' }] }),
    errors: [['dataflow.header.value.unexpected', `${DST1}/headers/0/value`]],
  },
  {
    name: 'header action enum',
    flow: edit(dataflow(), { [`${DST1}/headers`]: [{ actionType: 'Set', key: 'site', value: 'x' }] }),
    errors: [['schema.enum', `${DST1}/headers/0/actionType`]],
  },
];

const pairsOf = (issues: ResourceIssue[], severity: string) =>
  issues
    .filter((i) => i.severity === severity && i.resource.kind === 'Dataflow')
    .map((i) => [i.code, i.path]);

describe('dataflow validation in an instance', () => {
  it.each(cases)('$name', ({ flow, errors, warnings, with: others }) => {
    const issues = validateInstance([...(others ?? all), flow]);
    expect(issues.filter((i) => i.resource.kind !== 'Dataflow' && i.severity === 'error')).toEqual([]);
    expect(pairsOf(issues, 'error')).toEqual(expect.arrayContaining(errors));
    expect(pairsOf(issues, 'error')).toHaveLength(errors.length);
    if (warnings) expect(pairsOf(issues, 'warning')).toEqual(expect.arrayContaining(warnings));
  });
});

describe('instance-wide rules', () => {
  it('reports duplicate names per kind, not across kinds', () => {
    const issues = validateInstance([...base, defaultEndpoint(), dataflow({ name: 'default' })]);
    expect(issues.filter((i) => i.code === 'resource.duplicate')).toEqual([
      expect.objectContaining({
        path: '/metadata/name',
        resource: { kind: 'DataflowEndpoint', name: 'default' },
      }),
    ]);
  });

  it('warns on the profile when more than 70 dataflows use it', () => {
    const flows = Array.from({ length: 71 }, (_, i) => dataflow({ name: `flow-${i}` }));
    const issues = validateInstance([...base, ...flows]);
    expect(issues.filter((i) => i.code === 'profile.dataflows.tooMany')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        resource: { kind: 'DataflowProfile', name: 'default' },
      }),
    ]);
    expect(
      validateInstance([...base, ...flows.slice(1)]).some((i) => i.code === 'profile.dataflows.tooMany'),
    ).toBe(false);
  });

  it('groups issues by the resource they belong to, in document order', () => {
    const issues = validateInstance([
      edit(defaultEndpoint(), { '/spec/mqttSettings/qos': 5 }),
      defaultProfile(),
      dataflow({ source: 'nope' }),
    ]);
    expect(issues.map((i) => [i.resource.kind, i.code])).toEqual([
      ['DataflowEndpoint', 'schema.maximum'],
      ['DataflowEndpoint', 'endpoint.default.modified'],
      ['Dataflow', 'ref.endpoint.notFound'],
    ]);
  });

  it('never throws on arbitrary documents', () => {
    const junk: unknown[] = [
      null,
      1,
      'x',
      [],
      {},
      { kind: 'Dataflow' },
      { kind: 'Dataflow', spec: { operations: [null, 1, { operationType: 'Source', sourceSettings: 5 }] } },
      {
        kind: 'DataflowEndpoint',
        spec: { endpointType: 'Kafka', kafkaSettings: { host: 5, authentication: [] } },
      },
    ];
    expect(() => validateInstance(junk)).not.toThrow();
    expect(validateInstance(junk).filter((i) => i.severity === 'error').length).toBeGreaterThan(
      junk.length - 1,
    );
    for (const doc of junk) expect(() => validateResource(doc)).not.toThrow();
  });
});
