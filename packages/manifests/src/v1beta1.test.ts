import { describe, expect, it } from 'vitest';
import { validateResource } from '@flowplane/model';
import { importKubernetesYaml } from './index.ts';

const header = (kind: string) =>
  `apiVersion: connectivity.iotoperations.azure.com/v1beta1\nkind: ${kind}\nmetadata:\n  name: legacy-1\nspec:\n`;
const legacy = (kind: string, spec: string) => header(kind) + spec.replace(/^\n/, '');

/** 1-based line and column of the first occurrence of `text` in `yaml`. */
function where(yaml: string, text: string): { line: number; column: number } {
  const lines = yaml.split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  return { line: line + 1, column: lines[line]!.indexOf(text) + 1 };
}

function read(yaml: string) {
  const result = importKubernetesYaml(yaml);
  expect(result.documents).toHaveLength(1);
  expect(result.documents[0]!.origin).toBe('kubernetes-v1beta1');
  const resource = result.documents[0]!.resource;
  const codes = (code: string) => result.issues.filter((i) => i.code === code).map((i) => i.path);
  return {
    result,
    resource,
    translated: codes('manifest.legacy.translated'),
    cased: codes('manifest.enum.case'),
  };
}

const errorsOf = (resource: unknown) => validateResource(resource).filter((i) => i.severity === 'error');

describe('v1beta1 → v1: the August 2024 shape', () => {
  it('MQTT: authentication at the spec level, x509Credentials, certificateSecretName, the CA config map', () => {
    const yaml = legacy(
      'DataflowEndpoint',
      `
  endpointType: mqtt
  authentication:
    method: x509Credentials
    x509CredentialsSettings:
      certificateSecretName: my-cert
  mqttSettings:
    host: example.mqttbroker.com:8883
    tls:
      mode: enabled
      trustedCaCertificateConfigMap: ca-certificates
`,
    );
    const { result, resource, translated, cased } = read(yaml);
    expect(resource).toEqual({
      apiVersion: 'connectivity.iotoperations.azure.com/v1',
      kind: 'DataflowEndpoint',
      metadata: { name: 'legacy-1' },
      spec: {
        endpointType: 'Mqtt',
        mqttSettings: {
          host: 'example.mqttbroker.com:8883',
          tls: { mode: 'Enabled', trustedCaCertificateConfigMapRef: 'ca-certificates' },
          authentication: { method: 'X509Certificate', x509CertificateSettings: { secretRef: 'my-cert' } },
        },
      },
    });
    expect(translated).toEqual([
      '/apiVersion',
      '/spec/mqttSettings/authentication',
      '/spec/mqttSettings/authentication/method',
      '/spec/mqttSettings/authentication/x509CertificateSettings',
      '/spec/mqttSettings/authentication/x509CertificateSettings/secretRef',
      '/spec/mqttSettings/tls/trustedCaCertificateConfigMapRef',
    ]);
    expect(cased).toEqual(['/spec/endpointType', '/spec/mqttSettings/tls/mode']);
    expect(errorsOf(resource)).toEqual([]);

    // Warnings point at the field as written in the v1beta1 text.
    const at = (path: string) => result.issues.find((i) => i.path === path);
    expect(at('/spec/mqttSettings/authentication')).toMatchObject(where(yaml, 'authentication:'));
    expect(at('/spec/mqttSettings/authentication/x509CertificateSettings/secretRef')).toMatchObject(
      where(yaml, 'certificateSecretName'),
    );
    expect(at('/spec/mqttSettings/tls/trustedCaCertificateConfigMapRef')).toMatchObject(
      where(yaml, 'trustedCaCertificateConfigMap'),
    );
    expect(result.issues.find((i) => i.path === '/spec/endpointType')).toMatchObject(
      where(yaml, 'endpointType'),
    );
  });

  it('Kafka: SASL with tokenSecretName and SCRAM_SHA_512, tls as a word, batching "enabled", lower-case enums', () => {
    const yaml = legacy(
      'DataflowEndpoint',
      `
  endpointType: kafka
  authentication:
    method: sasl
    saslSettings:
      saslType: SCRAM_SHA_512
      tokenSecretName: kafka-token
  kafkaSettings:
    host: example.kafka.com:9093
    tls: enabled
    consumerGroupId: fromMq
    compression: gzip
    batching:
      enabled: true
      latencyMs: 100
      maxBytes: 1000000
      maxMessages: 1000
    partitionStrategy: static
    kafkaAcks: all
    copyMqttProperties: enabled
`,
    );
    const { resource, translated, cased } = read(yaml);
    expect(resource).toMatchObject({
      spec: {
        endpointType: 'Kafka',
        kafkaSettings: {
          authentication: {
            method: 'Sasl',
            saslSettings: { saslType: 'ScramSha512', secretRef: 'kafka-token' },
          },
          tls: { mode: 'Enabled' },
          compression: 'Gzip',
          batching: { mode: 'Enabled', latencyMs: 100, maxBytes: 1000000, maxMessages: 1000 },
          partitionStrategy: 'Static',
          kafkaAcks: 'All',
          copyMqttProperties: 'Enabled',
        },
      },
    });
    expect(translated).toEqual([
      '/apiVersion',
      '/spec/kafkaSettings/authentication',
      '/spec/kafkaSettings/authentication/saslSettings/secretRef',
      '/spec/kafkaSettings/authentication/saslSettings/saslType',
      '/spec/kafkaSettings/tls',
      '/spec/kafkaSettings/batching/mode',
    ]);
    expect(cased).toEqual([
      '/spec/endpointType',
      '/spec/kafkaSettings/compression',
      '/spec/kafkaSettings/partitionStrategy',
      '/spec/kafkaSettings/kafkaAcks',
      '/spec/kafkaSettings/copyMqttProperties',
      '/spec/kafkaSettings/authentication/method',
    ]);
    expect(errorsOf(resource)).toEqual([]);
  });

  it('MQTT: sharedSubscription, mqttVersion and cleanSession have no v1 equivalent; keepRetain becomes retain', () => {
    const yaml = legacy(
      'DataflowEndpoint',
      `
  endpointType: mqtt
  authentication:
    method: serviceAccountToken
    serviceAccountTokenSettings:
      audience: aio-internal
  mqttSettings:
    host: aio-broker:18883
    sharedSubscription:
      groupMinimumShareNumber: 3
      groupName: group1
    qos: 1
    mqttVersion: v5
    clientIdPrefix: dataflow
    keepRetain: disabled
    cleanSession: true
`,
    );
    const { result, resource, translated } = read(yaml);
    expect(resource).toMatchObject({
      spec: {
        mqttSettings: { host: 'aio-broker:18883', qos: 1, clientIdPrefix: 'dataflow', retain: 'Never' },
      },
    });
    const mqtt = (resource as { spec: { mqttSettings: object } }).spec.mqttSettings;
    expect(Object.keys(mqtt)).not.toContain('sharedSubscription');
    expect(translated).toEqual([
      '/apiVersion',
      '/spec/mqttSettings/authentication',
      '/spec/mqttSettings/sharedSubscription',
      '/spec/mqttSettings/mqttVersion',
      '/spec/mqttSettings/retain',
      '/spec/mqttSettings/cleanSession',
    ]);
    const shared = result.issues.find((i) => i.path === '/spec/mqttSettings/sharedSubscription')!;
    expect(shared.message).toContain('instanceCount');
    expect(shared).toMatchObject(where(yaml, 'sharedSubscription'));
    expect(result.issues.find((i) => i.path === '/spec/mqttSettings/cleanSession')!.message).toBe(
      '"cleanSession" has no v1 equivalent; dropped.',
    );
    expect(errorsOf(resource)).toEqual([]);
  });

  it('user-assigned identity: audience becomes scope; storage batching latencyMs becomes latencySeconds', () => {
    const { resource, translated, result } = read(
      legacy(
        'DataflowEndpoint',
        `
  endpointType: dataExplorer
  authentication:
    method: userAssignedManagedIdentity
    userAssignedManagedIdentitySettings:
      clientId: 00000000-0000-0000-0000-000000000001
      tenantId: 00000000-0000-0000-0000-000000000002
      audience: https://api.kusto.windows.net
  dataExplorerSettings:
    host: https://cluster.westeurope.kusto.windows.net
    database: telemetry
    batching:
      latencyMs: 1500
      maxMessages: 10
`,
      ),
    );
    expect(resource).toMatchObject({
      spec: {
        endpointType: 'DataExplorer',
        dataExplorerSettings: {
          authentication: {
            method: 'UserAssignedManagedIdentity',
            userAssignedManagedIdentitySettings: { scope: 'https://api.kusto.windows.net/.default' },
          },
          batching: { latencySeconds: 2, maxMessages: 10 },
        },
      },
    });
    expect(translated).toEqual([
      '/apiVersion',
      '/spec/dataExplorerSettings/authentication',
      '/spec/dataExplorerSettings/authentication/userAssignedManagedIdentitySettings/scope',
      '/spec/dataExplorerSettings/batching/latencySeconds',
    ]);
    expect(result.issues.find((i) => i.path.endsWith('/latencySeconds'))!.message).toBe(
      'latencyMs: 1500 is latencySeconds: 2 in v1 (rounded up).',
    );
    expect(errorsOf(resource)).toEqual([]);
  });

  it('Data Lake: datalakeStorageSettings, spec-level authentication and accessTokenSecretRef', () => {
    const { resource, translated } = read(
      legacy(
        'DataflowEndpoint',
        `
  endpointType: dataLakeStorage
  authentication:
    method: accessToken
    accessTokenSecretRef: my-sas
  datalakeStorageSettings:
    host: https://account.blob.core.windows.net
`,
      ),
    );
    expect(resource).toMatchObject({
      spec: {
        endpointType: 'DataLakeStorage',
        dataLakeStorageSettings: {
          host: 'https://account.blob.core.windows.net',
          authentication: { method: 'AccessToken', accessTokenSettings: { secretRef: 'my-sas' } },
        },
      },
    });
    expect(translated).toEqual([
      '/apiVersion',
      '/spec/dataLakeStorageSettings',
      '/spec/dataLakeStorageSettings/authentication',
      '/spec/dataLakeStorageSettings/authentication/accessTokenSettings/secretRef',
    ]);
    expect(errorsOf(resource)).toEqual([]);
  });

  it('local storage: persistentVolumeClaimName; an authentication block has nowhere to go', () => {
    const { resource, translated, result } = read(
      legacy(
        'DataflowEndpoint',
        `
  endpointType: localStorage
  authentication:
    method: serviceAccountToken
  localStorageSettings:
    persistentVolumeClaimName: telemetry-pvc
`,
      ),
    );
    expect(resource).toMatchObject({
      spec: {
        endpointType: 'LocalStorage',
        localStorageSettings: { persistentVolumeClaimRef: 'telemetry-pvc' },
      },
    });
    expect(translated).toEqual([
      '/apiVersion',
      '/spec/authentication',
      '/spec/localStorageSettings/persistentVolumeClaimRef',
    ]);
    expect(result.issues[1]!.message).toBe('Local storage endpoints take no authentication in v1; dropped.');
    expect(errorsOf(resource)).toEqual([]);
  });

  it('authentication moves into the only settings block when endpointType is not readable', () => {
    const { resource } = read(
      legacy(
        'DataflowEndpoint',
        `\n  endpointType: <endpointType>\n  authentication:\n    method: anonymous\n  mqttSettings:\n    host: a:1883\n`,
      ),
    );
    expect(resource).toMatchObject({
      spec: { mqttSettings: { host: 'a:1883', authentication: { method: 'Anonymous' } } },
    });
  });

  it('a settings block with its own authentication wins over the spec-level one', () => {
    const { resource, result } = read(
      legacy(
        'DataflowEndpoint',
        `
  endpointType: Mqtt
  authentication:
    method: X509Certificate
  mqttSettings:
    authentication:
      method: ServiceAccountToken
      serviceAccountTokenSettings:
        audience: aio-internal
`,
      ),
    );
    expect(resource).toMatchObject({
      spec: { mqttSettings: { authentication: { method: 'ServiceAccountToken' } } },
    });
    expect(result.issues.map((i) => i.path)).toEqual(['/apiVersion', '/spec/authentication']);
  });

  it('tls given as tlsEnabled', () => {
    const { resource, translated } = read(
      legacy(
        'DataflowEndpoint',
        `\n  endpointType: Kafka\n  kafkaSettings:\n    host: k:9093\n    authentication:\n      method: Anonymous\n    tls:\n      tlsEnabled: false\n`,
      ),
    );
    expect(resource).toMatchObject({ spec: { kafkaSettings: { tls: { mode: 'Disabled' } } } });
    expect(translated).toEqual(['/apiVersion', '/spec/kafkaSettings/tls/mode']);
  });
});

describe('v1beta1 → v1: the September 2024 shape', () => {
  it('the ADLS sample of the 09/2024 documentation (v1 names except datalakeStorageSettings)', () => {
    const { resource, translated, cased } = read(
      legacy(
        'DataflowEndpoint',
        `
  endpointType: DataLakeStorage
  datalakeStorageSettings:
    host: https://account.blob.core.windows.net
    authentication:
      method: SystemAssignedManagedIdentity
      systemAssignedManagedIdentitySettings: {}
    batching:
      latencySeconds: 100
      maxMessages: 1000
`,
      ),
    );
    expect(translated).toEqual(['/apiVersion', '/spec/dataLakeStorageSettings']);
    expect(cased).toEqual([]);
    expect(resource).toMatchObject({
      spec: { dataLakeStorageSettings: { batching: { latencySeconds: 100 } } },
    });
    expect(errorsOf(resource)).toEqual([]);
  });

  it('a dataflow of the 2024 documentation, with camelCase enum values', () => {
    const { resource, translated, cased } = read(
      legacy(
        'Dataflow',
        `
  profileRef: default
  mode: enabled
  operations:
    - operationType: source
      sourceSettings:
        endpointRef: mq-source
        dataSources:
          - thermostats/+/telemetry/temperature/#
        serializationFormat: json
    - operationType: builtInTransformation
      builtInTransformationSettings:
        filter:
          - inputs:
              - temperature.Value
            expression: $1 > 20
        map:
          - inputs:
              - '*'
            output: '*'
        serializationFormat: json
    - operationType: destination
      destinationSettings:
        endpointRef: kafka
        dataDestination: factory
`,
      ),
    );
    expect(translated).toEqual(['/apiVersion']);
    expect(cased).toEqual([
      '/spec/mode',
      '/spec/operations/0/operationType',
      '/spec/operations/0/sourceSettings/serializationFormat',
      '/spec/operations/1/operationType',
      '/spec/operations/1/builtInTransformationSettings/serializationFormat',
      '/spec/operations/2/operationType',
    ]);
    expect(errorsOf(resource)).toEqual([]);
  });

  it('a profile: preview-only diagnostics settings are dropped', () => {
    const { resource, translated } = read(
      legacy(
        'DataflowProfile',
        `
  instanceCount: 2
  diagnostics:
    logs:
      level: debug
      openTelemetryExportConfig:
        otlpGrpcEndpoint: http://otel:4317
`,
      ),
    );
    expect(resource).toEqual({
      apiVersion: 'connectivity.iotoperations.azure.com/v1',
      kind: 'DataflowProfile',
      metadata: { name: 'legacy-1' },
      spec: { instanceCount: 2, diagnostics: { logs: { level: 'debug' } } },
    });
    expect(translated).toEqual(['/apiVersion', '/spec/diagnostics/logs/openTelemetryExportConfig']);
    expect(errorsOf(resource)).toEqual([]);
  });
});
