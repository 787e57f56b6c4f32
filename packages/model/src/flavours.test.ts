import { describe, expect, it } from 'vitest';
import { FLAVOURS, detectFlavour, flavourFromHost } from './flavours.ts';
import { validateResource } from './validate/index.ts';
import { endpoint } from './test-support/builders.ts';
import { canBeDestination, canBeSource, canConnect, isLocalBroker } from './connections.ts';
import type { DataflowEndpointSpec } from './schema/endpoint.ts';

describe('flavours', () => {
  it('offers one template per flavour, each valid', () => {
    expect(FLAVOURS.map((f) => f.id)).toHaveLength(11);
    for (const flavour of FLAVOURS) {
      const issues = validateResource(endpoint('x-ep', flavour.template()));
      expect(
        issues.filter((i) => i.severity === 'error'),
        flavour.id,
      ).toEqual([]);
      expect(flavour.template().endpointType).toBe(flavour.endpointType);
    }
  });

  it('detects each template as its own flavour, with and without hostType', () => {
    for (const flavour of FLAVOURS) {
      const spec = flavour.template();
      expect(detectFlavour(spec)).toBe(flavour.id);
      const { hostType: _, ...withoutHostType } = spec;
      expect(detectFlavour(withoutHostType)).toBe(flavour.id);
    }
  });

  it.each([
    ['Mqtt', undefined, 'local-broker'],
    ['Mqtt', 'aio-broker:1883', 'local-broker'],
    ['Mqtt', 'aio-broker.azure-iot-operations.svc.cluster.local:18883', 'local-broker'],
    ['Mqtt', 'ns1.eastus-1.ts.eventgrid.azure.net:8883', 'event-grid'],
    ['Mqtt', 'broker.hivemq.com:8883', 'custom-mqtt'],
    ['Kafka', 'ns1.servicebus.windows.net:9093', 'event-hubs'],
    ['Kafka', 'ns1.servicebus.usgovcloudapi.net:9093', 'event-hubs'],
    ['Kafka', 'esehwestus2abc.servicebus.windows.net:9093', 'fabric-real-time'],
    ['Kafka', 'kafka-0.kafka:9092', 'custom-kafka'],
  ] as const)('%s host %s is %s', (type, host, expected) => {
    expect(flavourFromHost(type, host)).toBe(expected);
  });

  it('prefers a hostType that fits the endpoint type', () => {
    expect(
      detectFlavour({
        endpointType: 'Kafka',
        hostType: 'FabricRT',
        kafkaSettings: { host: 'x.servicebus.windows.net:9093' } as never,
      }),
    ).toBe('fabric-real-time');
    expect(detectFlavour({ endpointType: 'Mqtt', hostType: 'Eventhub' })).toBe('local-broker');
  });
});

describe('connection rules', () => {
  const spec = (id: string): DataflowEndpointSpec => FLAVOURS.find((f) => f.id === id)!.template();
  it('only MQTT and Kafka endpoints are sources', () => {
    const sources = FLAVOURS.filter((f) => canBeSource(f.template()).ok).map((f) => f.id);
    expect(sources).toEqual([
      'local-broker',
      'event-grid',
      'custom-mqtt',
      'event-hubs',
      'fabric-real-time',
      'custom-kafka',
    ]);
    expect(FLAVOURS.every((f) => f.canBeSource === canBeSource(f.template()).ok)).toBe(true);
    expect(FLAVOURS.every((f) => canBeDestination(f.template()).ok)).toBe(true);
  });

  it('one side must be the local broker', () => {
    expect(canConnect(spec('local-broker'), spec('data-lake')).ok).toBe(true);
    expect(canConnect(spec('event-hubs'), spec('local-broker')).ok).toBe(true);
    expect(canConnect(spec('event-hubs'), spec('event-grid'))).toMatchObject({
      ok: false,
      code: 'dataflow.localBroker.required',
    });
    expect(canConnect(spec('data-lake'), spec('local-broker'))).toMatchObject({
      ok: false,
      code: 'dataflow.source.endpointType',
    });
  });

  it('recognises the local broker by host', () => {
    expect(isLocalBroker(spec('local-broker'))).toBe(true);
    expect(isLocalBroker({ endpointType: 'Mqtt' })).toBe(true);
    expect(isLocalBroker(spec('custom-mqtt'))).toBe(false);
    expect(isLocalBroker({ endpointType: 'Kafka' })).toBe(false);
  });
});
