import { describe, expect, it } from 'vitest';
import { API_VERSION, validateResource, valueAt } from '@flowplane/model';
import { normalizeResource } from './normalize.ts';

const endpoint = (spec: unknown, metadata: Record<string, unknown> = { name: 'ep-1' }) => ({
  apiVersion: API_VERSION,
  kind: 'DataflowEndpoint',
  metadata,
  spec,
});
const dataflow = (operations: unknown[]) => ({
  apiVersion: API_VERSION,
  kind: 'Dataflow',
  metadata: { name: 'flow-1' },
  spec: { profileRef: 'default', operations },
});
const transformation = (settings: unknown) =>
  dataflow([
    { operationType: 'Source', sourceSettings: { endpointRef: 'default', dataSources: ['a/#'] } },
    { operationType: 'BuiltInTransformation', builtInTransformationSettings: settings },
    { operationType: 'Destination', destinationSettings: { endpointRef: 'default', dataDestination: 'b' } },
  ]);

describe('normalizeResource: enum values in another case', () => {
  const cases: [string, unknown, string, string, string][] = [
    [
      'endpointType',
      endpoint({ endpointType: 'mqtt', mqttSettings: { authentication: { method: 'Anonymous' } } }),
      '/spec/endpointType',
      'mqtt',
      'Mqtt',
    ],
    [
      'hostType (Eventhub, lower-case h in the API)',
      endpoint({ endpointType: 'Kafka', hostType: 'EventHub' }),
      '/spec/hostType',
      'EventHub',
      'Eventhub',
    ],
    [
      'authentication method',
      endpoint({ endpointType: 'Mqtt', mqttSettings: { authentication: { method: 'serviceAccountToken' } } }),
      '/spec/mqttSettings/authentication/method',
      'serviceAccountToken',
      'ServiceAccountToken',
    ],
    [
      'tls mode',
      endpoint({
        endpointType: 'Mqtt',
        mqttSettings: { authentication: { method: 'Anonymous' }, tls: { mode: 'enabled' } },
      }),
      '/spec/mqttSettings/tls/mode',
      'enabled',
      'Enabled',
    ],
    [
      'MQTT retain',
      endpoint({
        endpointType: 'Mqtt',
        mqttSettings: { authentication: { method: 'Anonymous' }, retain: 'never' },
      }),
      '/spec/mqttSettings/retain',
      'never',
      'Never',
    ],
    [
      'MQTT protocol',
      endpoint({
        endpointType: 'Mqtt',
        mqttSettings: { authentication: { method: 'Anonymous' }, protocol: 'websockets' },
      }),
      '/spec/mqttSettings/protocol',
      'websockets',
      'WebSockets',
    ],
    [
      'Kafka compression',
      endpoint({ endpointType: 'Kafka', kafkaSettings: { compression: 'gzip' } }),
      '/spec/kafkaSettings/compression',
      'gzip',
      'Gzip',
    ],
    [
      'Kafka acks',
      endpoint({ endpointType: 'Kafka', kafkaSettings: { kafkaAcks: 'all' } }),
      '/spec/kafkaSettings/kafkaAcks',
      'all',
      'All',
    ],
    [
      'Kafka partition strategy',
      endpoint({ endpointType: 'Kafka', kafkaSettings: { partitionStrategy: 'static' } }),
      '/spec/kafkaSettings/partitionStrategy',
      'static',
      'Static',
    ],
    [
      'Kafka copyMqttProperties',
      endpoint({ endpointType: 'Kafka', kafkaSettings: { copyMqttProperties: 'enabled' } }),
      '/spec/kafkaSettings/copyMqttProperties',
      'enabled',
      'Enabled',
    ],
    [
      'Kafka batching mode',
      endpoint({ endpointType: 'Kafka', kafkaSettings: { batching: { mode: 'DISABLED' } } }),
      '/spec/kafkaSettings/batching/mode',
      'DISABLED',
      'Disabled',
    ],
    [
      'SASL type',
      endpoint({
        endpointType: 'Kafka',
        kafkaSettings: {
          authentication: { method: 'Sasl', saslSettings: { saslType: 'PLAIN', secretRef: 's' } },
        },
      }),
      '/spec/kafkaSettings/authentication/saslSettings/saslType',
      'PLAIN',
      'Plain',
    ],
    [
      'OneLake path type',
      endpoint({ endpointType: 'FabricOneLake', fabricOneLakeSettings: { oneLakePathType: 'tables' } }),
      '/spec/fabricOneLakeSettings/oneLakePathType',
      'tables',
      'Tables',
    ],
    [
      'cloudEventAttributes',
      endpoint({ endpointType: 'Mqtt', mqttSettings: { cloudEventAttributes: 'propagate' } }),
      '/spec/mqttSettings/cloudEventAttributes',
      'propagate',
      'Propagate',
    ],
    [
      'dataflow mode',
      { ...dataflow([]), spec: { profileRef: 'default', mode: 'disabled', operations: [] } },
      '/spec/mode',
      'disabled',
      'Disabled',
    ],
    [
      'requestDiskPersistence',
      { ...dataflow([]), spec: { profileRef: 'default', requestDiskPersistence: 'enabled', operations: [] } },
      '/spec/requestDiskPersistence',
      'enabled',
      'Enabled',
    ],
    [
      'operationType',
      dataflow([{ operationType: 'builtInTransformation' }]),
      '/spec/operations/0/operationType',
      'builtInTransformation',
      'BuiltInTransformation',
    ],
    [
      'source serialization',
      dataflow([{ operationType: 'Source', sourceSettings: { serializationFormat: 'json' } }]),
      '/spec/operations/0/sourceSettings/serializationFormat',
      'json',
      'Json',
    ],
    [
      'transformation serialization',
      transformation({ serializationFormat: 'parquet' }),
      '/spec/operations/1/builtInTransformationSettings/serializationFormat',
      'parquet',
      'Parquet',
    ],
    [
      'map rule type',
      transformation({ map: [{ type: 'passThrough', inputs: ['*'], output: '*' }] }),
      '/spec/operations/1/builtInTransformationSettings/map/0/type',
      'passThrough',
      'PassThrough',
    ],
    [
      'filter rule type',
      transformation({ filter: [{ type: 'filter', inputs: ['a'], expression: '$1' }] }),
      '/spec/operations/1/builtInTransformationSettings/filter/0/type',
      'filter',
      'Filter',
    ],
    [
      'header action',
      dataflow([
        {
          operationType: 'Destination',
          destinationSettings: { headers: [{ actionType: 'addOrReplace', key: 'k', value: 'v' }] },
        },
      ]),
      '/spec/operations/0/destinationSettings/headers/0/actionType',
      'addOrReplace',
      'AddOrReplace',
    ],
  ];

  it.each(cases)('%s', (_, doc, path, written, canonical) => {
    const { resource, issues } = normalizeResource(doc);
    expect(issues).toEqual([
      {
        code: 'manifest.enum.case',
        path,
        severity: 'warning',
        message: `"${written}" is written ${canonical}; normalized.`,
      },
    ]);
    expect(valueAt(resource, path)).toBe(canonical);
  });

  it('leaves values that match no enum value in any case for validation to report', () => {
    const doc = endpoint({
      endpointType: 'Mqtt',
      mqttSettings: { authentication: { method: 'Kubernetes' }, cloudEventAttributes: 'PassThrough' },
    });
    const { resource, issues } = normalizeResource(doc);
    expect(issues).toEqual([]);
    expect(resource).toEqual(doc);
  });

  it('does not touch strings that are not enums (labels, hosts)', () => {
    const doc = endpoint(
      { endpointType: 'Mqtt', mqttSettings: { host: 'mqtt:1883', authentication: { method: 'Anonymous' } } },
      { name: 'ep-1', labels: { mode: 'enabled' } },
    );
    expect(normalizeResource(doc)).toEqual({ resource: doc, issues: [] });
  });
});

describe('normalizeResource: server-written fields', () => {
  it('drops status and the metadata the server writes that the model does not define, silently', () => {
    const doc = {
      ...endpoint(
        { endpointType: 'LocalStorage', localStorageSettings: { persistentVolumeClaimRef: 'pvc' } },
        {
          name: 'ep-1',
          namespace: 'azure-iot-operations',
          uid: '8d7c',
          resourceVersion: '42',
          generation: 3,
          creationTimestamp: '2026-01-01T00:00:00Z',
          managedFields: [{ manager: 'kubectl' }],
          selfLink: '/apis/x',
          ownerReferences: [],
          finalizers: ['x'],
          deletionTimestamp: '2026-01-02T00:00:00Z',
          deletionGracePeriodSeconds: 30,
        },
      ),
      status: { provisioningStatus: { status: 'Succeeded' } },
    };
    const { resource, issues } = normalizeResource(doc);
    expect(issues).toEqual([]);
    expect(resource).toEqual({
      apiVersion: API_VERSION,
      kind: 'DataflowEndpoint',
      metadata: {
        name: 'ep-1',
        namespace: 'azure-iot-operations',
        uid: '8d7c',
        resourceVersion: '42',
        generation: 3,
        creationTimestamp: '2026-01-01T00:00:00Z',
      },
      spec: { endpointType: 'LocalStorage', localStorageSettings: { persistentVolumeClaimRef: 'pvc' } },
    });
    expect(validateResource(resource)).toEqual([]);
  });

  it('keeps unknown metadata fields so that validation reports them', () => {
    const { resource } = normalizeResource(
      endpoint({ endpointType: 'Mqtt' }, { name: 'ep-1', lables: { a: 'b' } }),
    );
    expect(validateResource(resource)).toContainEqual(
      expect.objectContaining({ code: 'schema.unknownField', path: '/metadata/lables' }),
    );
  });
});

describe('normalizeResource: transformation paths', () => {
  it('strips the datapoint picker "@" from map, filter and dataset inputs', () => {
    const { resource, issues } = normalizeResource(
      transformation({
        datasets: [{ key: 'k', inputs: ['@$source.a', '$context.a'], expression: '$1 == $2' }],
        filter: [{ inputs: ['@temperature'], expression: '$1 > 20' }],
        map: [
          { inputs: ['@"Tag 10".Value'], output: 'pressure' },
          { inputs: ['@'], output: 'x' },
        ],
      }),
    );
    const base = '/spec/operations/1/builtInTransformationSettings';
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['manifest.value.normalized', `${base}/map/0/inputs/0`],
      ['manifest.value.normalized', `${base}/filter/0/inputs/0`],
      ['manifest.value.normalized', `${base}/datasets/0/inputs/0`],
    ]);
    expect(resource).toMatchObject({
      spec: {
        operations: [
          {},
          {
            builtInTransformationSettings: {
              datasets: [{ inputs: ['$source.a', '$context.a'] }],
              filter: [{ inputs: ['temperature'] }],
              map: [{ inputs: ['"Tag 10".Value'] }, { inputs: ['@'] }],
            },
          },
          {},
        ],
      },
    });
  });

  it('writes $metadata.user_properties (the portal helper text) as $metadata.user_property', () => {
    const { resource, issues } = normalizeResource(
      transformation({
        map: [{ inputs: ['@$metadata.user_properties.site'], output: '$metadata.user_properties.plant' }],
      }),
    );
    const base = '/spec/operations/1/builtInTransformationSettings/map/0';
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['manifest.value.normalized', `${base}/inputs/0`],
      ['manifest.value.normalized', `${base}/inputs/0`],
      ['manifest.value.normalized', `${base}/output`],
    ]);
    expect(resource).toMatchObject({
      spec: {
        operations: [
          {},
          {
            builtInTransformationSettings: {
              map: [{ inputs: ['$metadata.user_property.site'], output: '$metadata.user_property.plant' }],
            },
          },
          {},
        ],
      },
    });
  });
});

describe('normalizeResource: anonymousSettings', () => {
  const anonymous = (block: string, method: string, anonymousSettings: unknown) =>
    endpoint({ endpointType: 'Mqtt', [block]: { authentication: { method, anonymousSettings } } });

  it.each(['mqttSettings', 'kafkaSettings'])(
    'drops the empty block the Kubernetes samples write for Anonymous on %s',
    (block) => {
      const { resource, issues } = normalizeResource(anonymous(block, 'Anonymous', {}));
      expect(issues).toEqual([]);
      expect(resource).toMatchObject({ spec: { [block]: { authentication: { method: 'Anonymous' } } } });
      expect(JSON.stringify(resource)).not.toContain('anonymousSettings');
    },
  );

  it('keeps it where it is required (OpenTelemetry), not empty, or not Anonymous', () => {
    for (const doc of [
      anonymous('openTelemetrySettings', 'Anonymous', {}),
      anonymous('mqttSettings', 'Anonymous', { user: 'x' }),
      anonymous('mqttSettings', 'X509Certificate', {}),
    ]) {
      expect(normalizeResource(doc).resource).toEqual(doc);
    }
  });
});

it('normalizeResource copies: the input is not changed', () => {
  const doc = endpoint({ endpointType: 'mqtt' });
  normalizeResource(doc);
  expect(doc.spec).toEqual({ endpointType: 'mqtt' });
});

it('normalizeResource keeps a "__proto__" label as a label', () => {
  const labels = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
  const { resource } = normalizeResource(endpoint({ endpointType: 'Mqtt' }, { name: 'ep-1', labels }));
  expect(Object.getPrototypeOf(resource)).toBe(Object.prototype);
  expect(Object.keys((resource as { metadata: { labels: object } }).metadata.labels)).toEqual(['__proto__']);
});
