import { describe, expect, it } from 'vitest';
import { minimal, withDefaults } from './defaults.ts';
import { defaultEndpoint, defaultProfile } from './factories.ts';
import { FLAVOURS } from './flavours.ts';
import { endpoint } from './test-support/builders.ts';
import type { DataflowEndpoint } from './schema/endpoint.ts';
import type { Dataflow } from './schema/dataflow.ts';
import { API_VERSION } from './schema/common.ts';

const kafka = endpoint('kafka', {
  endpointType: 'Kafka',
  kafkaSettings: { host: 'k:9092', authentication: { method: 'Anonymous' } },
}) as DataflowEndpoint;

describe('withDefaults', () => {
  it('fills the documented Kafka defaults', () => {
    expect(withDefaults(kafka).spec.kafkaSettings).toEqual({
      host: 'k:9092',
      authentication: { method: 'Anonymous' },
      batching: { mode: 'Enabled', latencyMs: 5, maxBytes: 1000000, maxMessages: 100000 },
      copyMqttProperties: 'Enabled',
      compression: 'None',
      kafkaAcks: 'All',
      partitionStrategy: 'Default',
      tls: { mode: 'Enabled' },
    });
  });

  it('fills MQTT defaults and keeps what is set', () => {
    const filled = withDefaults(defaultEndpoint()).spec.mqttSettings!;
    expect(filled).toMatchObject({
      host: 'aio-broker:18883',
      protocol: 'Mqtt',
      keepAliveSeconds: 60,
      retain: 'Keep',
      maxInflightMessages: 100,
      qos: 1,
      sessionExpirySeconds: 600,
      tls: { mode: 'Enabled', trustedCaCertificateConfigMapRef: 'azure-iot-operations-aio-ca-trust-bundle' },
    });
  });

  it('fills profile defaults', () => {
    expect(withDefaults(defaultProfile()).spec).toEqual({
      instanceCount: 1,
      diagnostics: { logs: { level: 'info' }, metrics: { prometheusPort: 9600 } },
    });
  });

  it('fills dataflow and rule defaults without adding stages', () => {
    const flow: Dataflow = {
      apiVersion: API_VERSION,
      kind: 'Dataflow',
      metadata: { name: 'f1' },
      spec: {
        profileRef: 'default',
        operations: [
          { operationType: 'Source', sourceSettings: { endpointRef: 'default', dataSources: ['a'] } },
          {
            operationType: 'BuiltInTransformation',
            builtInTransformationSettings: { filter: [{ inputs: ['a'], expression: '$1 > 1' }] },
          },
        ],
      },
    };
    const filled = withDefaults(flow);
    expect(filled.spec.mode).toBe('Enabled');
    expect(filled.spec.requestDiskPersistence).toBe('Disabled');
    expect(filled.spec.operations[0]!.sourceSettings!.serializationFormat).toBe('Json');
    expect(filled.spec.operations[1]!.builtInTransformationSettings).toEqual({
      serializationFormat: 'Json',
      filter: [{ type: 'Filter', inputs: ['a'], expression: '$1 > 1' }],
    });
    expect(filled.spec.operations).toHaveLength(2);
    expect(filled.spec.operations[0]!.destinationSettings).toBeUndefined();
  });

  it('never adds the settings block of another endpoint type', () => {
    const filled = withDefaults(kafka);
    expect(Object.keys(filled.spec).sort()).toEqual(['endpointType', 'kafkaSettings']);
  });

  it('does not change its argument', () => {
    const before = structuredClone(kafka);
    withDefaults(kafka);
    expect(kafka).toEqual(before);
  });
});

describe('minimal', () => {
  it('removes what equals a default, including objects that only hold defaults', () => {
    expect(minimal(withDefaults(kafka))).toEqual(kafka);
    const verbose = structuredClone(kafka);
    verbose.spec.kafkaSettings!.tls = { mode: 'Enabled' };
    verbose.spec.kafkaSettings!.batching = { latencyMs: 5 };
    expect(minimal(verbose)).toEqual(kafka);
  });

  it('keeps values that differ from the default', () => {
    const custom = structuredClone(kafka);
    custom.spec.kafkaSettings!.tls = { mode: 'Disabled' };
    custom.spec.kafkaSettings!.batching = { latencyMs: 10 };
    expect(minimal(custom).spec.kafkaSettings).toEqual({
      host: 'k:9092',
      authentication: { method: 'Anonymous' },
      tls: { mode: 'Disabled' },
      batching: { latencyMs: 10 },
    });
  });

  it.each(FLAVOURS.map((f) => [f.id, f] as const))(
    'withDefaults(minimal(x)) equals withDefaults(x) for %s',
    (_, flavour) => {
      const doc = endpoint('x-ep', flavour.template()) as DataflowEndpoint;
      expect(withDefaults(minimal(withDefaults(doc)))).toEqual(withDefaults(doc));
      expect(minimal(minimal(doc))).toEqual(minimal(doc));
    },
  );

  it('reduces the default profile to an empty spec', () => {
    expect(minimal(withDefaults(defaultProfile())).spec).toEqual({});
  });
});
