import { describe, expect, it } from 'vitest';
import { validateResource } from './index.ts';
import { edit, endpoint, fromFlavour } from '../test-support/builders.ts';
import type { Issue } from '../issues.ts';

type Expect = [code: string, path: string][];
interface Case {
  name: string;
  doc: Record<string, unknown>;
  errors: Expect;
  warnings?: Expect;
}

const M = '/spec/mqttSettings';
const K = '/spec/kafkaSettings';
const DL = '/spec/dataLakeStorageSettings';
const DX = '/spec/dataExplorerSettings';
const OL = '/spec/fabricOneLakeSettings';
const LS = '/spec/localStorageSettings';
const OT = '/spec/openTelemetrySettings';

const local = fromFlavour('local-broker');
const eventGrid = fromFlavour('event-grid');
const mqtt = fromFlavour('custom-mqtt');
const eventHubs = fromFlavour('event-hubs');
const fabricRt = fromFlavour('fabric-real-time');
const kafka = fromFlavour('custom-kafka');
const lake = fromFlavour('data-lake');
const adx = fromFlavour('data-explorer');
const onelake = fromFlavour('onelake');
const storage = fromFlavour('local-storage');
const otel = fromFlavour('opentelemetry');

const SAMI = { method: 'SystemAssignedManagedIdentity', systemAssignedManagedIdentitySettings: {} };
const UAMI = {
  method: 'UserAssignedManagedIdentity',
  userAssignedManagedIdentitySettings: { clientId: 'c1', tenantId: 't1' },
};
const SAT = { method: 'ServiceAccountToken', serviceAccountTokenSettings: { audience: 'aio-internal' } };
const X509 = { method: 'X509Certificate', x509CertificateSettings: { secretRef: 'cert' } };
const SASL = { method: 'Sasl', saslSettings: { saslType: 'Plain', secretRef: 'sasl' } };
const SAS = { method: 'AccessToken', accessTokenSettings: { secretRef: 'sas' } };
const ANON = { method: 'Anonymous' };

const cases: Case[] = [
  // Envelope and names
  { name: 'local broker template is valid', doc: local, errors: [] },
  {
    name: 'an empty name is said to be empty, once (not also a broken pattern)',
    doc: edit(local, { '/metadata/name': '' }),
    errors: [['schema.minLength', '/metadata/name']],
  },
  {
    name: 'a short name that also breaks the pattern gets both findings',
    doc: edit(local, { '/metadata/name': 'X' }),
    errors: [
      ['schema.minLength', '/metadata/name'],
      ['schema.pattern', '/metadata/name'],
    ],
  },
  {
    name: 'apiVersion must be v1',
    doc: edit(local, { '/apiVersion': 'v1' }),
    errors: [['schema.const', '/apiVersion']],
  },
  {
    name: 'NUL characters and unpaired surrogates are refused in any string and field name, with their path',
    doc: edit(mqtt, {
      '/metadata/labels': { 'si\u0000te': 'plant', ok: 'a\u0000b', emoji: '🚀', half: 'x\ud800' },
      '/spec/mqttSettings/clientIdPrefix': 'edge\u0000',
    }),
    errors: [
      ['schema.invalid', '/metadata/labels/si\u0000te'],
      ['schema.invalid', '/metadata/labels/ok'],
      ['schema.invalid', '/metadata/labels/half'],
      ['schema.invalid', `${M}/clientIdPrefix`],
    ],
  },
  {
    name: 'v1beta1 is not accepted as is',
    doc: edit(local, { '/apiVersion': 'connectivity.iotoperations.azure.com/v1beta1' }),
    errors: [['schema.const', '/apiVersion']],
  },
  {
    name: 'kind is required',
    doc: edit(local, { '/kind': undefined }),
    errors: [['schema.required', '/kind']],
  },
  {
    name: 'unknown kind',
    doc: edit(local, { '/kind': 'Broker' }),
    errors: [['resource.kind.unknown', '/kind']],
  },
  {
    name: 'metadata.name required',
    doc: edit(local, { '/metadata/name': undefined }),
    errors: [['schema.required', '/metadata/name']],
  },
  {
    name: 'name too short',
    doc: edit(local, { '/metadata/name': 'ab' }),
    errors: [['schema.minLength', '/metadata/name']],
  },
  { name: 'name of 3 is fine', doc: edit(local, { '/metadata/name': 'abc' }), errors: [] },
  { name: 'name of 63 is fine', doc: edit(local, { '/metadata/name': 'a'.repeat(63) }), errors: [] },
  {
    name: 'name too long',
    doc: edit(local, { '/metadata/name': 'a'.repeat(64) }),
    errors: [['schema.maxLength', '/metadata/name']],
  },
  {
    name: 'upper case name',
    doc: edit(local, { '/metadata/name': 'MyEndpoint' }),
    errors: [['schema.pattern', '/metadata/name']],
  },
  {
    name: 'name ends with dash',
    doc: edit(local, { '/metadata/name': 'my-ep-' }),
    errors: [['schema.pattern', '/metadata/name']],
  },
  {
    name: 'name starts with dash',
    doc: edit(local, { '/metadata/name': '-my-ep' }),
    errors: [['schema.pattern', '/metadata/name']],
  },
  {
    name: 'underscore in name',
    doc: edit(local, { '/metadata/name': 'my_ep' }),
    errors: [['schema.pattern', '/metadata/name']],
  },
  {
    name: 'name must be a string',
    doc: edit(local, { '/metadata/name': 42 }),
    errors: [['schema.type', '/metadata/name']],
  },
  {
    name: 'labels are strings',
    doc: edit(local, { '/metadata/labels': { a: 1 } }),
    errors: [['schema.type', '/metadata/labels/a']],
  },
  {
    name: 'unknown metadata field',
    doc: edit(local, { '/metadata/owner': 'x' }),
    errors: [['schema.unknownField', '/metadata/owner']],
  },
  {
    name: 'unknown top-level field',
    doc: edit(local, { '/extra': 1 }),
    errors: [['schema.unknownField', '/extra']],
  },
  {
    name: 'spec is required',
    doc: edit(local, { '/spec': undefined }),
    errors: [['schema.required', '/spec']],
  },
  { name: 'spec must be an object', doc: edit(local, { '/spec': [] }), errors: [['schema.type', '/spec']] },
  {
    name: 'endpointType required',
    doc: edit(local, { '/spec/endpointType': undefined }),
    errors: [
      ['schema.required', '/spec/endpointType'],
      ['endpoint.settings.unexpected', M],
    ],
  },
  {
    name: 'endpointType enum',
    doc: edit(local, { '/spec/endpointType': 'Amqp' }),
    errors: [
      ['schema.enum', '/spec/endpointType'],
      ['endpoint.settings.unexpected', M],
    ],
  },
  {
    name: 'endpointType is case-sensitive',
    doc: edit(local, { '/spec/endpointType': 'mqtt' }),
    errors: [
      ['schema.enum', '/spec/endpointType'],
      ['endpoint.settings.unexpected', M],
    ],
  },
  {
    name: 'unknown spec field',
    doc: edit(local, { '/spec/brokerName': 'x' }),
    errors: [['schema.unknownField', '/spec/brokerName']],
  },

  // Settings blocks
  {
    name: 'Mqtt without mqttSettings',
    doc: endpoint('ep-1', { endpointType: 'Mqtt' }),
    errors: [['endpoint.settings.missing', M]],
  },
  {
    name: 'Kafka without kafkaSettings',
    doc: endpoint('ep-1', { endpointType: 'Kafka' }),
    errors: [['endpoint.settings.missing', K]],
  },
  {
    name: 'DataLakeStorage without settings',
    doc: endpoint('ep-1', { endpointType: 'DataLakeStorage' }),
    errors: [['endpoint.settings.missing', DL]],
  },
  {
    name: 'DataExplorer without settings',
    doc: endpoint('ep-1', { endpointType: 'DataExplorer' }),
    errors: [['endpoint.settings.missing', DX]],
  },
  {
    name: 'FabricOneLake without settings',
    doc: endpoint('ep-1', { endpointType: 'FabricOneLake' }),
    errors: [['endpoint.settings.missing', OL]],
  },
  {
    name: 'LocalStorage without settings',
    doc: endpoint('ep-1', { endpointType: 'LocalStorage' }),
    errors: [['endpoint.settings.missing', LS]],
  },
  {
    name: 'OpenTelemetry without settings',
    doc: endpoint('ep-1', { endpointType: 'OpenTelemetry' }),
    errors: [['endpoint.settings.missing', OT]],
  },
  {
    name: 'Mqtt with settings of Kafka',
    doc: edit(local, { '/spec/kafkaSettings': (kafka.spec as { kafkaSettings: unknown }).kafkaSettings }),
    errors: [['endpoint.settings.unexpected', K]],
  },
  {
    name: 'settings of the wrong type only',
    doc: endpoint('ep-1', {
      endpointType: 'Kafka',
      localStorageSettings: { persistentVolumeClaimRef: 'pvc' },
    }),
    errors: [
      ['endpoint.settings.unexpected', LS],
      ['endpoint.settings.missing', K],
    ],
  },
  {
    name: 'LocalStorage with an extra data lake block',
    doc: edit(storage, { [DL]: (lake.spec as { dataLakeStorageSettings: unknown }).dataLakeStorageSettings }),
    errors: [['endpoint.settings.unexpected', DL]],
  },
  {
    name: 'hostType of another type',
    doc: edit(local, { '/spec/hostType': 'Eventhub' }),
    errors: [['endpoint.hostType.mismatch', '/spec/hostType']],
  },
  {
    name: 'hostType enum',
    doc: edit(local, { '/spec/hostType': 'EventHub' }),
    errors: [['schema.enum', '/spec/hostType']],
  },
  {
    name: 'hostType claims Event Grid on another host',
    doc: edit(mqtt, { '/spec/hostType': 'EventGrid' }),
    errors: [],
    warnings: [['endpoint.hostType.host', '/spec/hostType']],
  },
  { name: 'hostType CustomKafka on a custom host', doc: kafka, errors: [] },

  // MQTT
  { name: 'Event Grid template', doc: eventGrid, errors: [] },
  { name: 'custom MQTT template', doc: mqtt, errors: [] },
  {
    name: 'Mqtt without host means the local broker',
    doc: edit(local, { [`${M}/host`]: undefined }),
    errors: [],
  },
  {
    name: 'Mqtt host needs a port',
    doc: edit(mqtt, { [`${M}/host`]: 'mqtt.example.com' }),
    errors: [['host.port.missing', `${M}/host`]],
  },
  {
    name: 'Mqtt host with bad port',
    doc: edit(mqtt, { [`${M}/host`]: 'mqtt.example.com:99999' }),
    errors: [['host.port.invalid', `${M}/host`]],
  },
  {
    name: 'Mqtt host with text port',
    doc: edit(mqtt, { [`${M}/host`]: 'mqtt.example.com:abc' }),
    errors: [['host.port.invalid', `${M}/host`]],
  },
  {
    name: 'Mqtt host with scheme',
    doc: edit(mqtt, { [`${M}/host`]: 'mqtts://mqtt.example.com:8883' }),
    errors: [['host.invalid', `${M}/host`]],
  },
  {
    name: 'Mqtt host with a space',
    doc: edit(mqtt, { [`${M}/host`]: 'mqtt example:8883' }),
    errors: [['host.invalid', `${M}/host`]],
  },
  {
    name: 'Mqtt host written host.port (docs typo)',
    doc: edit(mqtt, { [`${M}/host`]: 'mqtt.example.com.8883' }),
    errors: [['host.port.missing', `${M}/host`]],
  },
  {
    name: 'Mqtt host empty',
    doc: edit(mqtt, { [`${M}/host`]: '' }),
    errors: [['schema.minLength', `${M}/host`]],
  },
  { name: 'Mqtt IPv6 host', doc: edit(mqtt, { [`${M}/host`]: '[::1]:8883' }), errors: [] },
  {
    name: 'path without WebSockets',
    doc: edit(mqtt, { [`${M}/host`]: 'mqtt.example.com:443/mqtt' }),
    errors: [['host.invalid', `${M}/host`]],
  },
  {
    name: 'path with WebSockets',
    doc: edit(mqtt, { [`${M}/host`]: 'mqtt.example.com:443/mqtt', [`${M}/protocol`]: 'WebSockets' }),
    errors: [],
  },
  {
    name: 'protocol enum',
    doc: edit(mqtt, { [`${M}/protocol`]: 'Tcp' }),
    errors: [['schema.enum', `${M}/protocol`]],
  },
  {
    name: 'qos 2 not supported',
    doc: edit(mqtt, { [`${M}/qos`]: 2 }),
    errors: [['schema.maximum', `${M}/qos`]],
  },
  { name: 'qos negative', doc: edit(mqtt, { [`${M}/qos`]: -1 }), errors: [['schema.minimum', `${M}/qos`]] },
  { name: 'qos 0', doc: edit(mqtt, { [`${M}/qos`]: 0 }), errors: [] },
  {
    name: 'qos must be integer',
    doc: edit(mqtt, { [`${M}/qos`]: 0.5 }),
    errors: [['schema.type', `${M}/qos`]],
  },
  { name: 'qos as string', doc: edit(mqtt, { [`${M}/qos`]: '1' }), errors: [['schema.type', `${M}/qos`]] },
  {
    name: 'keepAlive negative',
    doc: edit(mqtt, { [`${M}/keepAliveSeconds`]: -5 }),
    errors: [['schema.minimum', `${M}/keepAliveSeconds`]],
  },
  {
    name: 'maxInflight negative',
    doc: edit(mqtt, { [`${M}/maxInflightMessages`]: -1 }),
    errors: [['schema.minimum', `${M}/maxInflightMessages`]],
  },
  {
    name: 'sessionExpiry negative',
    doc: edit(mqtt, { [`${M}/sessionExpirySeconds`]: -1 }),
    errors: [['schema.minimum', `${M}/sessionExpirySeconds`]],
  },
  { name: 'sessionExpiry 0', doc: edit(mqtt, { [`${M}/sessionExpirySeconds`]: 0 }), errors: [] },
  {
    name: 'retain enum',
    doc: edit(mqtt, { [`${M}/retain`]: 'Always' }),
    errors: [['schema.enum', `${M}/retain`]],
  },
  { name: 'retain Never', doc: edit(mqtt, { [`${M}/retain`]: 'Never' }), errors: [] },
  {
    name: 'cloudEventAttributes PassThrough',
    doc: edit(mqtt, { [`${M}/cloudEventAttributes`]: 'PassThrough' }),
    errors: [['schema.enum', `${M}/cloudEventAttributes`]],
  },
  {
    name: 'cloudEventAttributes CreateOrRemap',
    doc: edit(mqtt, { [`${M}/cloudEventAttributes`]: 'CreateOrRemap' }),
    errors: [],
  },
  {
    name: 'clientIdPrefix empty',
    doc: edit(mqtt, { [`${M}/clientIdPrefix`]: '' }),
    errors: [['schema.minLength', `${M}/clientIdPrefix`]],
  },
  {
    name: 'tls mode enum',
    doc: edit(mqtt, { [`${M}/tls/mode`]: 'On' }),
    errors: [['schema.enum', `${M}/tls/mode`]],
  },
  {
    name: 'tls unknown field',
    doc: edit(mqtt, { [`${M}/tls/insecure`]: true }),
    errors: [['schema.unknownField', `${M}/tls/insecure`]],
  },
  {
    name: 'tls CA configmap empty',
    doc: edit(mqtt, { [`${M}/tls/trustedCaCertificateConfigMapRef`]: '' }),
    errors: [['schema.minLength', `${M}/tls/trustedCaCertificateConfigMapRef`]],
  },
  {
    name: 'plain MQTT port with TLS on',
    doc: edit(mqtt, { [`${M}/host`]: 'mqtt.example.com:1883' }),
    errors: [],
    warnings: [['tls.port.mismatch', `${M}/tls/mode`]],
  },
  {
    name: 'plain MQTT port with TLS off',
    doc: edit(mqtt, { [`${M}/host`]: 'mqtt.example.com:1883', [`${M}/tls/mode`]: 'Disabled' }),
    errors: [],
  },
  {
    name: 'TLS port with TLS off',
    doc: edit(mqtt, { [`${M}/tls/mode`]: 'Disabled' }),
    errors: [],
    warnings: [['tls.port.mismatch', `${M}/tls/mode`]],
  },
  {
    name: 'authentication required',
    doc: edit(mqtt, { [`${M}/authentication`]: undefined }),
    errors: [['schema.required', `${M}/authentication`]],
  },
  {
    name: 'method required',
    doc: edit(mqtt, { [`${M}/authentication`]: {} }),
    errors: [['schema.required', `${M}/authentication/method`]],
  },
  {
    name: 'legacy method Kubernetes',
    doc: edit(local, { [`${M}/authentication/method`]: 'Kubernetes' }),
    errors: [['schema.enum', `${M}/authentication/method`]],
  },
  {
    name: 'Mqtt does not do Sasl',
    doc: edit(mqtt, { [`${M}/authentication`]: SASL }),
    errors: [
      ['schema.enum', `${M}/authentication/method`],
      ['schema.unknownField', `${M}/authentication/saslSettings`],
    ],
  },
  {
    name: 'Mqtt does not do AccessToken',
    doc: edit(mqtt, { [`${M}/authentication`]: { method: 'AccessToken' } }),
    errors: [['schema.enum', `${M}/authentication/method`]],
  },
  { name: 'Mqtt SAMI', doc: edit(mqtt, { [`${M}/authentication`]: SAMI }), errors: [] },
  {
    name: 'Mqtt SAMI without block',
    doc: edit(mqtt, { [`${M}/authentication`]: { method: 'SystemAssignedManagedIdentity' } }),
    errors: [],
  },
  {
    name: 'Mqtt SAMI with audience',
    doc: edit(mqtt, {
      [`${M}/authentication/method`]: 'SystemAssignedManagedIdentity',
      [`${M}/authentication/x509CertificateSettings`]: undefined,
      [`${M}/authentication/systemAssignedManagedIdentitySettings`]: {
        audience: 'https://eventgrid.azure.net',
      },
    }),
    errors: [],
  },
  { name: 'Mqtt UAMI', doc: edit(mqtt, { [`${M}/authentication`]: UAMI }), errors: [] },
  {
    name: 'UAMI without block',
    doc: edit(mqtt, { [`${M}/authentication`]: { method: 'UserAssignedManagedIdentity' } }),
    errors: [['auth.settings.missing', `${M}/authentication/userAssignedManagedIdentitySettings`]],
  },
  {
    name: 'UAMI without tenantId',
    doc: edit(mqtt, {
      [`${M}/authentication`]: {
        method: 'UserAssignedManagedIdentity',
        userAssignedManagedIdentitySettings: { clientId: 'c' },
      },
    }),
    errors: [['schema.required', `${M}/authentication/userAssignedManagedIdentitySettings/tenantId`]],
  },
  {
    name: 'UAMI without clientId',
    doc: edit(mqtt, {
      [`${M}/authentication`]: {
        method: 'UserAssignedManagedIdentity',
        userAssignedManagedIdentitySettings: { tenantId: 't' },
      },
    }),
    errors: [['schema.required', `${M}/authentication/userAssignedManagedIdentitySettings/clientId`]],
  },
  {
    name: 'UAMI with scope',
    doc: edit(mqtt, {
      [`${M}/authentication`]: {
        method: 'UserAssignedManagedIdentity',
        userAssignedManagedIdentitySettings: {
          clientId: 'c',
          tenantId: 't',
          scope: 'https://eventgrid.azure.net/.default',
        },
      },
    }),
    errors: [],
  },
  { name: 'Mqtt SAT', doc: edit(mqtt, { [`${M}/authentication`]: SAT }), errors: [] },
  {
    name: 'SAT without block',
    doc: edit(mqtt, { [`${M}/authentication`]: { method: 'ServiceAccountToken' } }),
    errors: [['auth.settings.missing', `${M}/authentication/serviceAccountTokenSettings`]],
  },
  {
    name: 'SAT without audience',
    doc: edit(mqtt, {
      [`${M}/authentication`]: { method: 'ServiceAccountToken', serviceAccountTokenSettings: {} },
    }),
    errors: [['schema.required', `${M}/authentication/serviceAccountTokenSettings/audience`]],
  },
  {
    name: 'X509 without secretRef',
    doc: edit(mqtt, { [`${M}/authentication/x509CertificateSettings`]: {} }),
    errors: [['schema.required', `${M}/authentication/x509CertificateSettings/secretRef`]],
  },
  {
    name: 'X509 with empty secretRef',
    doc: edit(mqtt, { [`${M}/authentication/x509CertificateSettings/secretRef`]: '' }),
    errors: [['schema.minLength', `${M}/authentication/x509CertificateSettings/secretRef`]],
  },
  {
    name: 'X509 legacy key name',
    doc: edit(mqtt, { [`${M}/authentication/x509CertificateSettings`]: { certificateSecretName: 'c' } }),
    errors: [
      ['schema.required', `${M}/authentication/x509CertificateSettings/secretRef`],
      ['schema.unknownField', `${M}/authentication/x509CertificateSettings/certificateSecretName`],
    ],
  },
  {
    name: 'X509 without block',
    doc: edit(mqtt, { [`${M}/authentication/x509CertificateSettings`]: undefined }),
    errors: [['auth.settings.missing', `${M}/authentication/x509CertificateSettings`]],
  },
  {
    name: 'two settings blocks',
    doc: edit(mqtt, { [`${M}/authentication/serviceAccountTokenSettings`]: { audience: 'a' } }),
    errors: [['auth.settings.unexpected', `${M}/authentication/serviceAccountTokenSettings`]],
  },
  {
    name: 'block of another method',
    doc: edit(mqtt, {
      [`${M}/authentication`]: { method: 'ServiceAccountToken', x509CertificateSettings: { secretRef: 'c' } },
    }),
    errors: [
      ['auth.settings.missing', `${M}/authentication/serviceAccountTokenSettings`],
      ['auth.settings.unexpected', `${M}/authentication/x509CertificateSettings`],
    ],
  },
  { name: 'Mqtt Anonymous', doc: edit(mqtt, { [`${M}/authentication`]: ANON }), errors: [] },
  {
    name: 'Mqtt Anonymous with Kubernetes-style empty block',
    doc: edit(mqtt, { [`${M}/authentication`]: { method: 'Anonymous', anonymousSettings: {} } }),
    errors: [],
  },
  {
    name: 'anonymousSettings with another method',
    doc: edit(mqtt, { [`${M}/authentication/anonymousSettings`]: {} }),
    errors: [['auth.settings.unexpected', `${M}/authentication/anonymousSettings`]],
  },
  {
    name: 'anonymousSettings must be empty',
    doc: edit(mqtt, { [`${M}/authentication`]: { method: 'Anonymous', anonymousSettings: { user: 'x' } } }),
    errors: [['schema.unknownField', `${M}/authentication/anonymousSettings/user`]],
  },
  {
    name: 'local broker with SAMI',
    doc: edit(local, { [`${M}/authentication`]: SAMI }),
    errors: [],
    warnings: [['auth.flavour.unsupported', `${M}/authentication/method`]],
  },
  {
    name: 'Event Grid with SAT',
    doc: edit(eventGrid, { [`${M}/authentication`]: SAT }),
    errors: [],
    warnings: [['auth.flavour.unsupported', `${M}/authentication/method`]],
  },
  { name: 'Event Grid with X509', doc: edit(eventGrid, { [`${M}/authentication`]: X509 }), errors: [] },
  {
    name: 'Event Grid needs TLS',
    doc: edit(eventGrid, { [`${M}/tls/mode`]: 'Disabled' }),
    errors: [['tls.required', `${M}/tls/mode`]],
    warnings: [['tls.port.mismatch', `${M}/tls/mode`]],
  },
  {
    name: 'Event Grid on port 9092 (docs typo)',
    doc: edit(eventGrid, { [`${M}/host`]: 'example.westeurope-1.ts.eventgrid.azure.net:9092' }),
    errors: [],
    warnings: [['host.port.unusual', `${M}/host`]],
  },
  {
    name: 'Event Grid WebSockets without /mqtt',
    doc: edit(eventGrid, {
      [`${M}/host`]: 'example.westeurope-1.ts.eventgrid.azure.net:443',
      [`${M}/protocol`]: 'WebSockets',
    }),
    errors: [],
    warnings: [['eventgrid.websockets.path', `${M}/host`]],
  },
  {
    name: 'Event Grid WebSockets with /mqtt',
    doc: edit(eventGrid, {
      [`${M}/host`]: 'example.westeurope-1.ts.eventgrid.azure.net:443/mqtt',
      [`${M}/protocol`]: 'WebSockets',
    }),
    errors: [],
  },
  {
    name: 'Event Grid US Government host',
    doc: edit(eventGrid, { [`${M}/host`]: 'example.usgovvirginia-1.ts.eventgrid.azure.us:8883' }),
    errors: [],
  },

  // Kafka
  { name: 'Event Hubs template', doc: eventHubs, errors: [] },
  {
    name: 'Fabric RT template',
    doc: fabricRt,
    errors: [],
    warnings: [['kafka.consumerGroupId.missing', `${K}/consumerGroupId`]],
  },
  { name: 'custom Kafka template', doc: kafka, errors: [] },
  {
    name: 'Kafka host required',
    doc: edit(kafka, { [`${K}/host`]: undefined }),
    errors: [['schema.required', `${K}/host`]],
  },
  {
    name: 'Kafka host needs a port',
    doc: edit(kafka, { [`${K}/host`]: 'kafka.example.com' }),
    errors: [['host.port.missing', `${K}/host`]],
  },
  {
    name: 'Kafka host with scheme',
    doc: edit(kafka, { [`${K}/host`]: 'kafka://kafka.example.com:9092' }),
    errors: [['host.invalid', `${K}/host`]],
  },
  {
    name: 'Kafka bootstrap list',
    doc: edit(kafka, { [`${K}/host`]: 'k1.example.com:9093,k2.example.com:9093' }),
    errors: [],
  },
  {
    name: 'Kafka bootstrap list with one portless',
    doc: edit(kafka, { [`${K}/host`]: 'k1.example.com:9093,k2.example.com' }),
    errors: [['host.port.missing', `${K}/host`]],
  },
  {
    name: 'Kafka does not do SAT',
    doc: edit(kafka, { [`${K}/authentication`]: SAT }),
    errors: [
      ['schema.enum', `${K}/authentication/method`],
      ['schema.unknownField', `${K}/authentication/serviceAccountTokenSettings`],
    ],
  },
  { name: 'Kafka SAMI', doc: edit(kafka, { [`${K}/authentication`]: SAMI }), errors: [] },
  { name: 'Kafka UAMI', doc: edit(kafka, { [`${K}/authentication`]: UAMI }), errors: [] },
  { name: 'Kafka X509', doc: edit(kafka, { [`${K}/authentication`]: X509 }), errors: [] },
  { name: 'Kafka Anonymous', doc: edit(kafka, { [`${K}/authentication`]: ANON }), errors: [] },
  {
    name: 'Sasl without block',
    doc: edit(kafka, { [`${K}/authentication`]: { method: 'Sasl' } }),
    errors: [['auth.settings.missing', `${K}/authentication/saslSettings`]],
  },
  {
    name: 'Sasl without saslType',
    doc: edit(kafka, { [`${K}/authentication/saslSettings/saslType`]: undefined }),
    errors: [['schema.required', `${K}/authentication/saslSettings/saslType`]],
  },
  {
    name: 'Sasl type enum',
    doc: edit(kafka, { [`${K}/authentication/saslSettings/saslType`]: 'ScramSha1' }),
    errors: [['schema.enum', `${K}/authentication/saslSettings/saslType`]],
  },
  {
    name: 'Sasl type in method (docs typo)',
    doc: edit(kafka, { [`${K}/authentication/method`]: 'ScramSha256' }),
    errors: [['schema.enum', `${K}/authentication/method`]],
  },
  {
    name: 'Sasl without secretRef',
    doc: edit(kafka, { [`${K}/authentication/saslSettings/secretRef`]: undefined }),
    errors: [['schema.required', `${K}/authentication/saslSettings/secretRef`]],
  },
  {
    name: 'Sasl ScramSha256',
    doc: edit(kafka, { [`${K}/authentication/saslSettings/saslType`]: 'ScramSha256' }),
    errors: [],
  },
  {
    name: 'capitalised settings key (docs typo)',
    doc: edit(kafka, {
      [`${K}/authentication`]: {
        method: 'UserAssignedManagedIdentity',
        UserAssignedManagedIdentitySettings: { clientId: 'c', tenantId: 't' },
      },
    }),
    errors: [
      ['schema.unknownField', `${K}/authentication/UserAssignedManagedIdentitySettings`],
      ['auth.settings.missing', `${K}/authentication/userAssignedManagedIdentitySettings`],
    ],
  },
  {
    name: 'compression enum',
    doc: edit(kafka, { [`${K}/compression`]: 'Zstd' }),
    errors: [['schema.enum', `${K}/compression`]],
  },
  {
    name: 'kafkaAcks None (docs) is not a value',
    doc: edit(kafka, { [`${K}/kafkaAcks`]: 'None' }),
    errors: [['schema.enum', `${K}/kafkaAcks`]],
  },
  { name: 'kafkaAcks One', doc: edit(kafka, { [`${K}/kafkaAcks`]: 'One' }), errors: [] },
  {
    name: 'partitionStrategy enum',
    doc: edit(kafka, { [`${K}/partitionStrategy`]: 'Hash' }),
    errors: [['schema.enum', `${K}/partitionStrategy`]],
  },
  {
    name: 'partitionKeyProperty is not in the API',
    doc: edit(kafka, { [`${K}/partitionKeyProperty`]: 'device' }),
    errors: [['schema.unknownField', `${K}/partitionKeyProperty`]],
  },
  {
    name: 'copyMqttProperties enum',
    doc: edit(kafka, { [`${K}/copyMqttProperties`]: true }),
    errors: [['schema.enum', `${K}/copyMqttProperties`]],
  },
  {
    name: 'batching latencyMs above max',
    doc: edit(kafka, { [`${K}/batching`]: { latencyMs: 65536 } }),
    errors: [['schema.maximum', `${K}/batching/latencyMs`]],
  },
  {
    name: 'batching latencyMs at max',
    doc: edit(kafka, { [`${K}/batching`]: { latencyMs: 65535 } }),
    errors: [],
  },
  {
    name: 'batching maxBytes above int32',
    doc: edit(kafka, { [`${K}/batching`]: { maxBytes: 4294967295 } }),
    errors: [['schema.maximum', `${K}/batching/maxBytes`]],
  },
  {
    name: 'batching maxMessages negative',
    doc: edit(kafka, { [`${K}/batching`]: { maxMessages: -1 } }),
    errors: [['schema.minimum', `${K}/batching/maxMessages`]],
  },
  {
    name: 'batching mode enum',
    doc: edit(kafka, { [`${K}/batching`]: { mode: 'Auto' } }),
    errors: [['schema.enum', `${K}/batching/mode`]],
  },
  {
    name: 'Kafka batching has no latencySeconds',
    doc: edit(kafka, { [`${K}/batching`]: { latencySeconds: 5 } }),
    errors: [['schema.unknownField', `${K}/batching/latencySeconds`]],
  },
  {
    name: 'consumerGroupId empty',
    doc: edit(kafka, { [`${K}/consumerGroupId`]: '' }),
    errors: [['schema.minLength', `${K}/consumerGroupId`]],
  },
  {
    name: 'Kafka without consumerGroupId',
    doc: edit(kafka, { [`${K}/consumerGroupId`]: undefined }),
    errors: [],
    warnings: [['kafka.consumerGroupId.missing', `${K}/consumerGroupId`]],
  },
  {
    name: 'Event Hubs requires TLS',
    doc: edit(eventHubs, { [`${K}/tls/mode`]: 'Disabled' }),
    errors: [['tls.required', `${K}/tls/mode`]],
  },
  {
    name: 'Event Hubs with Snappy',
    doc: edit(eventHubs, { [`${K}/compression`]: 'Snappy' }),
    errors: [['kafka.compression.unsupported', `${K}/compression`]],
  },
  {
    name: 'Event Hubs with Lz4',
    doc: edit(eventHubs, { [`${K}/compression`]: 'Lz4' }),
    errors: [['kafka.compression.unsupported', `${K}/compression`]],
  },
  { name: 'Event Hubs with Gzip', doc: edit(eventHubs, { [`${K}/compression`]: 'Gzip' }), errors: [] },
  {
    name: 'Event Hubs without hostType is detected by host',
    doc: edit(eventHubs, { '/spec/hostType': undefined, [`${K}/compression`]: 'Snappy' }),
    errors: [['kafka.compression.unsupported', `${K}/compression`]],
  },
  {
    name: 'Event Hubs on port 9092',
    doc: edit(eventHubs, { [`${K}/host`]: 'example.servicebus.windows.net:9092' }),
    errors: [],
    warnings: [['host.port.unusual', `${K}/host`]],
  },
  {
    name: 'Event Hubs with X509',
    doc: edit(eventHubs, { [`${K}/authentication`]: X509 }),
    errors: [],
    warnings: [['auth.flavour.unsupported', `${K}/authentication/method`]],
  },
  { name: 'Event Hubs with Sasl Plain', doc: edit(eventHubs, { [`${K}/authentication`]: SASL }), errors: [] },
  {
    name: 'Event Hubs US Government',
    doc: edit(eventHubs, { [`${K}/host`]: 'example.servicebus.usgovcloudapi.net:9093' }),
    errors: [],
  },
  {
    name: 'Fabric RT requires TLS',
    doc: edit(fabricRt, { [`${K}/tls/mode`]: 'Disabled' }),
    errors: [['tls.required', `${K}/tls/mode`]],
  },
  {
    name: 'Fabric RT with Lz4',
    doc: edit(fabricRt, { [`${K}/compression`]: 'Lz4' }),
    errors: [['kafka.compression.unsupported', `${K}/compression`]],
  },
  {
    name: 'hostType Eventhub on a custom host',
    doc: edit(kafka, { '/spec/hostType': 'Eventhub' }),
    errors: [],
    warnings: [['endpoint.hostType.host', '/spec/hostType']],
  },
  { name: 'custom Kafka may use Snappy', doc: edit(kafka, { [`${K}/compression`]: 'Snappy' }), errors: [] },
  {
    name: 'custom Kafka may disable TLS',
    doc: edit(kafka, { [`${K}/tls/mode`]: 'Disabled', [`${K}/host`]: 'kafka.example.com:9092' }),
    errors: [],
  },

  // Data Lake
  { name: 'Data Lake template', doc: lake, errors: [] },
  {
    name: 'Data Lake bare host',
    doc: edit(lake, { [`${DL}/host`]: 'example.blob.core.windows.net' }),
    errors: [],
  },
  {
    name: 'Data Lake US Government',
    doc: edit(lake, { [`${DL}/host`]: 'https://example.blob.core.usgovcloudapi.net' }),
    errors: [],
  },
  {
    name: 'Data Lake dfs host',
    doc: edit(lake, { [`${DL}/host`]: 'https://example.dfs.core.windows.net' }),
    errors: [['host.invalid', `${DL}/host`]],
  },
  {
    name: 'Data Lake http',
    doc: edit(lake, { [`${DL}/host`]: 'http://example.blob.core.windows.net' }),
    errors: [['host.invalid', `${DL}/host`]],
  },
  {
    name: 'Data Lake placeholder host',
    doc: edit(lake, { [`${DL}/host`]: '<account>.blob.core.windows.net' }),
    errors: [['host.invalid', `${DL}/host`]],
  },
  {
    name: 'Data Lake host required',
    doc: edit(lake, { [`${DL}/host`]: undefined }),
    errors: [['schema.required', `${DL}/host`]],
  },
  { name: 'Data Lake AccessToken', doc: edit(lake, { [`${DL}/authentication`]: SAS }), errors: [] },
  {
    name: 'AccessToken without block',
    doc: edit(lake, { [`${DL}/authentication`]: { method: 'AccessToken' } }),
    errors: [['auth.settings.missing', `${DL}/authentication/accessTokenSettings`]],
  },
  { name: 'Data Lake UAMI', doc: edit(lake, { [`${DL}/authentication`]: UAMI }), errors: [] },
  {
    name: 'Data Lake does not do X509',
    doc: edit(lake, { [`${DL}/authentication`]: { method: 'X509Certificate' } }),
    errors: [['schema.enum', `${DL}/authentication/method`]],
  },
  {
    name: 'Data Lake does not do Anonymous',
    doc: edit(lake, { [`${DL}/authentication`]: ANON }),
    errors: [['schema.enum', `${DL}/authentication/method`]],
  },
  {
    name: 'batching latencySeconds above max',
    doc: edit(lake, { [`${DL}/batching`]: { latencySeconds: 70000 } }),
    errors: [['schema.maximum', `${DL}/batching/latencySeconds`]],
  },
  {
    name: 'batching maxMessages above int32',
    doc: edit(lake, { [`${DL}/batching`]: { maxMessages: 2147483648 } }),
    errors: [['schema.maximum', `${DL}/batching/maxMessages`]],
  },
  {
    name: 'batching has no latencyMs',
    doc: edit(lake, { [`${DL}/batching`]: { latencyMs: 5 } }),
    errors: [['schema.unknownField', `${DL}/batching/latencyMs`]],
  },
  {
    name: 'batching at limits',
    doc: edit(lake, { [`${DL}/batching`]: { latencySeconds: 0, maxMessages: 2147483647 } }),
    errors: [],
  },

  // Data Explorer
  { name: 'Data Explorer template', doc: adx, errors: [] },
  {
    name: 'ADX bare host',
    doc: edit(adx, { [`${DX}/host`]: 'example.westeurope.kusto.windows.net' }),
    errors: [],
  },
  {
    name: 'ADX US Government',
    doc: edit(adx, { [`${DX}/host`]: 'https://example.usgovvirginia.kusto.usgovcloudapi.net' }),
    errors: [],
  },
  {
    name: 'ADX host without region',
    doc: edit(adx, { [`${DX}/host`]: 'https://example.kusto.windows.net' }),
    errors: [['host.invalid', `${DX}/host`]],
  },
  {
    name: 'ADX database required',
    doc: edit(adx, { [`${DX}/database`]: undefined }),
    errors: [['schema.required', `${DX}/database`]],
  },
  {
    name: 'ADX database empty',
    doc: edit(adx, { [`${DX}/database`]: '' }),
    errors: [['schema.minLength', `${DX}/database`]],
  },
  {
    name: 'ADX does not do AccessToken',
    doc: edit(adx, { [`${DX}/authentication`]: SAS }),
    errors: [
      ['schema.enum', `${DX}/authentication/method`],
      ['schema.unknownField', `${DX}/authentication/accessTokenSettings`],
    ],
  },
  { name: 'ADX UAMI', doc: edit(adx, { [`${DX}/authentication`]: UAMI }), errors: [] },
  {
    name: 'ADX SAMI and UAMI blocks together',
    doc: edit(adx, {
      [`${DX}/authentication/userAssignedManagedIdentitySettings`]: { clientId: 'c', tenantId: 't' },
    }),
    errors: [['auth.settings.unexpected', `${DX}/authentication/userAssignedManagedIdentitySettings`]],
  },

  // OneLake
  { name: 'OneLake template', doc: onelake, errors: [] },
  {
    name: 'OneLake US Government',
    doc: edit(onelake, { [`${OL}/host`]: 'https://onelake.dfs.fabric.microsoft.us' }),
    errors: [],
  },
  {
    name: 'OneLake wrong host',
    doc: edit(onelake, { [`${OL}/host`]: 'https://onelake.example.com' }),
    errors: [['host.invalid', `${OL}/host`]],
  },
  {
    name: 'OneLake names required',
    doc: edit(onelake, { [`${OL}/names`]: undefined }),
    errors: [['schema.required', `${OL}/names`]],
  },
  {
    name: 'OneLake lakehouse required',
    doc: edit(onelake, { [`${OL}/names/lakehouseName`]: undefined }),
    errors: [['schema.required', `${OL}/names/lakehouseName`]],
  },
  {
    name: 'OneLake workspace required',
    doc: edit(onelake, { [`${OL}/names/workspaceName`]: undefined }),
    errors: [['schema.required', `${OL}/names/workspaceName`]],
  },
  {
    name: 'OneLake path type required',
    doc: edit(onelake, { [`${OL}/oneLakePathType`]: undefined }),
    errors: [['schema.required', `${OL}/oneLakePathType`]],
  },
  {
    name: 'OneLake path type enum',
    doc: edit(onelake, { [`${OL}/oneLakePathType`]: 'Folders' }),
    errors: [['schema.enum', `${OL}/oneLakePathType`]],
  },
  { name: 'OneLake Files', doc: edit(onelake, { [`${OL}/oneLakePathType`]: 'Files' }), errors: [] },
  {
    name: 'OneLake does not do SAT',
    doc: edit(onelake, { [`${OL}/authentication`]: { method: 'ServiceAccountToken' } }),
    errors: [['schema.enum', `${OL}/authentication/method`]],
  },

  // Local storage
  { name: 'local storage template', doc: storage, errors: [] },
  {
    name: 'PVC required',
    doc: edit(storage, { [`${LS}/persistentVolumeClaimRef`]: undefined }),
    errors: [['schema.required', `${LS}/persistentVolumeClaimRef`]],
  },
  {
    name: 'legacy PVC key',
    doc: edit(storage, { [LS]: { persistentVolumeClaimName: 'pvc' } }),
    errors: [
      ['schema.required', `${LS}/persistentVolumeClaimRef`],
      ['schema.unknownField', `${LS}/persistentVolumeClaimName`],
    ],
  },
  {
    name: 'local storage has no authentication',
    doc: edit(storage, { [`${LS}/authentication`]: SAMI }),
    errors: [['schema.unknownField', `${LS}/authentication`]],
  },
  {
    name: 'local storage has no batching',
    doc: edit(storage, { [`${LS}/batching`]: {} }),
    errors: [['schema.unknownField', `${LS}/batching`]],
  },

  // OpenTelemetry
  { name: 'OpenTelemetry template', doc: otel, errors: [] },
  {
    name: 'OpenTelemetry Anonymous needs anonymousSettings',
    doc: edit(otel, { [`${OT}/authentication`]: ANON }),
    errors: [['auth.settings.missing', `${OT}/authentication/anonymousSettings`]],
  },
  { name: 'OpenTelemetry SAT', doc: edit(otel, { [`${OT}/authentication`]: SAT }), errors: [] },
  { name: 'OpenTelemetry X509', doc: edit(otel, { [`${OT}/authentication`]: X509 }), errors: [] },
  {
    name: 'OpenTelemetry does not do SAMI',
    doc: edit(otel, { [`${OT}/authentication`]: SAMI }),
    errors: [
      ['schema.enum', `${OT}/authentication/method`],
      ['schema.unknownField', `${OT}/authentication/systemAssignedManagedIdentitySettings`],
    ],
  },
  {
    name: 'OpenTelemetry host with https',
    doc: edit(otel, { [`${OT}/host`]: 'https://collector.example.com:4317' }),
    errors: [],
  },
  {
    name: 'OpenTelemetry host with grpc scheme',
    doc: edit(otel, { [`${OT}/host`]: 'grpc://collector:4317' }),
    errors: [['host.invalid', `${OT}/host`]],
  },
  {
    name: 'OpenTelemetry host without port',
    doc: edit(otel, { [`${OT}/host`]: 'http://collector' }),
    errors: [],
    warnings: [['host.port.recommended', `${OT}/host`]],
  },
  {
    name: 'OpenTelemetry host required',
    doc: edit(otel, { [`${OT}/host`]: undefined }),
    errors: [['schema.required', `${OT}/host`]],
  },
  {
    name: 'OpenTelemetry batching',
    doc: edit(otel, { [`${OT}/batching`]: { latencySeconds: 5, maxMessages: 100 } }),
    errors: [],
  },

  // The default endpoint
  {
    name: 'default endpoint as the platform creates it',
    doc: edit(local, { '/metadata/name': 'default', '/spec/hostType': undefined }),
    errors: [],
  },
  {
    name: 'default endpoint changed',
    doc: edit(local, {
      '/metadata/name': 'default',
      [`${M}/host`]: 'aio-broker:1883',
      [`${M}/tls/mode`]: 'Disabled',
    }),
    errors: [],
    warnings: [['endpoint.default.modified', '/spec']],
  },
];

const pairs = (issues: Issue[], severity: Issue['severity']) =>
  issues.filter((i) => i.severity === severity).map((i) => [i.code, i.path]);

describe('endpoint validation', () => {
  it.each(cases)('$name', ({ doc, errors, warnings }) => {
    const issues = validateResource(doc);
    expect(pairs(issues, 'error')).toEqual(expect.arrayContaining(errors));
    expect(pairs(issues, 'error')).toHaveLength(errors.length);
    if (warnings) expect(pairs(issues, 'warning')).toEqual(expect.arrayContaining(warnings));
    for (const found of issues) {
      expect(found.message.length).toBeGreaterThan(10);
    }
  });

  it('has a table of at least 150 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });
});
