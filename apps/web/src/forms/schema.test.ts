import { DataflowEndpointSpec, KafkaSettings, MqttSettings } from '@flowplane/model';
import { describe, expect, it } from 'vitest';
import { fieldsOf, labelOf, placeholderOf } from './schema.ts';

describe('labelOf', () => {
  it('reads camelCase as the portal writes labels', () => {
    expect(labelOf('clientIdPrefix')).toBe('Client ID prefix');
    expect(labelOf('keepAliveSeconds')).toBe('Keep alive (seconds)');
    expect(labelOf('latencyMs')).toBe('Latency (milliseconds)');
    expect(labelOf('trustedCaCertificateConfigMapRef')).toBe('Trusted CA certificate config map');
    expect(labelOf('copyMqttProperties')).toBe('Copy MQTT properties');
    expect(labelOf('tls')).toBe('TLS');
  });

  it('prefers the schema title', () => {
    expect(labelOf('consumerGroupId', { title: 'Consumer group ID' })).toBe('Consumer group ID');
  });
});

describe('fieldsOf the model schemas', () => {
  it('puts required and basic-marked fields in Basic, the rest in Advanced', () => {
    const fields = fieldsOf(KafkaSettings as unknown as Record<string, unknown>);
    const basic = fields.filter((f) => f.basic).map((f) => f.key);
    expect(basic).toEqual(['host', 'authentication', 'consumerGroupId']);
    expect(fields.find((f) => f.key === 'compression')).toMatchObject({
      kind: 'choice',
      choices: ['None', 'Gzip', 'Snappy', 'Lz4'],
      defaultValue: 'None',
      basic: false,
    });
  });

  it('knows the host-port widget, groups and integer fields', () => {
    const fields = fieldsOf(MqttSettings as unknown as Record<string, unknown>, ['spec', 'mqttSettings']);
    expect(fields.find((f) => f.key === 'host')).toMatchObject({
      widget: 'host-port',
      basic: true,
      path: ['spec', 'mqttSettings', 'host'],
    });
    expect(fields.find((f) => f.key === 'tls')?.kind).toBe('group');
    const qos = fields.find((f) => f.key === 'qos');
    expect(qos?.kind).toBe('integer');
    expect(qos && placeholderOf(qos)).toBe('1');
  });

  it('shows examples as placeholders where there is no default', () => {
    const fields = fieldsOf(DataflowEndpointSpec as unknown as Record<string, unknown>);
    const type = fields.find((f) => f.key === 'endpointType');
    expect(type && placeholderOf(type)).toBe('e.g. Mqtt');
  });
});
