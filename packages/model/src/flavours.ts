import type { DataflowEndpointSpec, EndpointType, HostType } from './schema/endpoint.ts';
import {
  isEventGridHostname,
  isFabricRealTimeHostname,
  isLocalBrokerHostname,
  isServiceBusHostname,
  parseHost,
} from './hosts.ts';
import { LOCAL_BROKER_CA_CONFIGMAP, LOCAL_BROKER_HOST } from './defaults-platform.ts';

export const FLAVOUR_IDS = [
  'local-broker',
  'event-grid',
  'custom-mqtt',
  'event-hubs',
  'fabric-real-time',
  'custom-kafka',
  'data-lake',
  'onelake',
  'data-explorer',
  'local-storage',
  'opentelemetry',
] as const;
export type FlavourId = (typeof FLAVOUR_IDS)[number];

export interface Flavour {
  id: FlavourId;
  label: string;
  description: string;
  endpointType: EndpointType;
  /** The `hostType` value of this flavour, where the API has one. */
  hostType?: HostType;
  canBeSource: boolean;
  /** A valid starting point for the "create endpoint" gallery. */
  template: () => DataflowEndpointSpec;
}

const SAMI = { method: 'SystemAssignedManagedIdentity' as const, systemAssignedManagedIdentitySettings: {} };

export const FLAVOURS: readonly Flavour[] = [
  {
    id: 'local-broker',
    label: 'Azure IoT Operations broker',
    description: 'The MQTT broker inside the instance; every dataflow reads from or writes to it.',
    endpointType: 'Mqtt',
    hostType: 'LocalBroker',
    canBeSource: true,
    template: () => ({
      endpointType: 'Mqtt',
      hostType: 'LocalBroker',
      mqttSettings: {
        host: LOCAL_BROKER_HOST,
        authentication: {
          method: 'ServiceAccountToken',
          serviceAccountTokenSettings: { audience: 'aio-internal' },
        },
        tls: { mode: 'Enabled', trustedCaCertificateConfigMapRef: LOCAL_BROKER_CA_CONFIGMAP },
      },
    }),
  },
  {
    id: 'event-grid',
    label: 'Azure Event Grid (MQTT)',
    description: 'The MQTT broker of an Event Grid namespace. No shared subscriptions, no retained messages.',
    endpointType: 'Mqtt',
    hostType: 'EventGrid',
    canBeSource: true,
    template: () => ({
      endpointType: 'Mqtt',
      hostType: 'EventGrid',
      mqttSettings: {
        host: 'example.westeurope-1.ts.eventgrid.azure.net:8883',
        authentication: SAMI,
        tls: { mode: 'Enabled' },
        retain: 'Never',
      },
    }),
  },
  {
    id: 'custom-mqtt',
    label: 'MQTT broker',
    description: 'Any MQTT v5 broker (Mosquitto, HiveMQ, EMQX, ...).',
    endpointType: 'Mqtt',
    hostType: 'CustomMqtt',
    canBeSource: true,
    template: () => ({
      endpointType: 'Mqtt',
      hostType: 'CustomMqtt',
      mqttSettings: {
        host: 'mqtt.example.com:8883',
        authentication: {
          method: 'X509Certificate',
          x509CertificateSettings: { secretRef: 'mqtt-client-cert' },
        },
        tls: { mode: 'Enabled' },
      },
    }),
  },
  {
    id: 'event-hubs',
    label: 'Azure Event Hubs',
    description: 'The Kafka endpoint of an Event Hubs namespace; each event hub is a topic.',
    endpointType: 'Kafka',
    hostType: 'Eventhub',
    canBeSource: true,
    template: () => ({
      endpointType: 'Kafka',
      hostType: 'Eventhub',
      kafkaSettings: {
        host: 'example.servicebus.windows.net:9093',
        authentication: SAMI,
        tls: { mode: 'Enabled' },
        consumerGroupId: 'aiodataflows',
      },
    }),
  },
  {
    id: 'fabric-real-time',
    label: 'Microsoft Fabric Real-Time Intelligence',
    description: 'An eventstream custom endpoint, reached over Kafka.',
    endpointType: 'Kafka',
    hostType: 'FabricRT',
    canBeSource: true,
    template: () => ({
      endpointType: 'Kafka',
      hostType: 'FabricRT',
      kafkaSettings: {
        host: 'esehexample.servicebus.windows.net:9093',
        authentication: {
          method: 'Sasl',
          saslSettings: { saslType: 'Plain', secretRef: 'fabric-rt-connection' },
        },
        tls: { mode: 'Enabled' },
      },
    }),
  },
  {
    id: 'custom-kafka',
    label: 'Kafka broker',
    description: 'Any Kafka-protocol broker.',
    endpointType: 'Kafka',
    hostType: 'CustomKafka',
    canBeSource: true,
    template: () => ({
      endpointType: 'Kafka',
      hostType: 'CustomKafka',
      kafkaSettings: {
        host: 'kafka.example.com:9093',
        authentication: {
          method: 'Sasl',
          saslSettings: { saslType: 'ScramSha512', secretRef: 'kafka-credentials' },
        },
        tls: { mode: 'Enabled' },
        consumerGroupId: 'aiodataflows',
      },
    }),
  },
  {
    id: 'data-lake',
    label: 'Azure Data Lake Storage Gen2',
    description: 'Parquet or Delta files in a storage account container.',
    endpointType: 'DataLakeStorage',
    canBeSource: false,
    template: () => ({
      endpointType: 'DataLakeStorage',
      dataLakeStorageSettings: { host: 'https://example.blob.core.windows.net', authentication: SAMI },
    }),
  },
  {
    id: 'onelake',
    label: 'Microsoft Fabric OneLake',
    description: 'Tables or files in a Fabric lakehouse.',
    endpointType: 'FabricOneLake',
    canBeSource: false,
    template: () => ({
      endpointType: 'FabricOneLake',
      fabricOneLakeSettings: {
        host: 'https://onelake.dfs.fabric.microsoft.com',
        names: { workspaceName: 'example-workspace', lakehouseName: 'example-lakehouse' },
        oneLakePathType: 'Tables',
        authentication: SAMI,
      },
    }),
  },
  {
    id: 'data-explorer',
    label: 'Azure Data Explorer',
    description: 'Streaming ingestion into a table of an Azure Data Explorer database.',
    endpointType: 'DataExplorer',
    canBeSource: false,
    template: () => ({
      endpointType: 'DataExplorer',
      dataExplorerSettings: {
        host: 'https://example.westeurope.kusto.windows.net',
        database: 'example-database',
        authentication: SAMI,
      },
    }),
  },
  {
    id: 'local-storage',
    label: 'Local storage',
    description: 'Parquet files on a persistent volume of the cluster.',
    endpointType: 'LocalStorage',
    canBeSource: false,
    template: () => ({
      endpointType: 'LocalStorage',
      localStorageSettings: { persistentVolumeClaimRef: 'example-pvc' },
    }),
  },
  {
    id: 'opentelemetry',
    label: 'OpenTelemetry collector',
    description: 'Metrics and logs sent over OTLP to a collector.',
    endpointType: 'OpenTelemetry',
    canBeSource: false,
    template: () => ({
      endpointType: 'OpenTelemetry',
      openTelemetrySettings: {
        host: 'otel-collector.monitoring.svc.cluster.local:4317',
        authentication: { method: 'Anonymous', anonymousSettings: {} },
        tls: { mode: 'Disabled' },
      },
    }),
  },
];

export function flavourById(id: FlavourId): Flavour {
  const flavour = FLAVOURS.find((f) => f.id === id);
  if (!flavour) throw new RangeError(`Unknown flavour ${id}`);
  return flavour;
}

function hostnameOf(host: string | undefined): string | undefined {
  return host === undefined ? undefined : parseHost(host.split(',')[0]!.trim())?.hostname;
}

/** The flavour the host itself suggests, ignoring `hostType`. */
export function flavourFromHost(endpointType: EndpointType, host: string | undefined): FlavourId {
  switch (endpointType) {
    case 'Mqtt': {
      if (host === undefined) return 'local-broker';
      const hostname = hostnameOf(host);
      if (hostname && isLocalBrokerHostname(hostname)) return 'local-broker';
      if (hostname && isEventGridHostname(hostname)) return 'event-grid';
      return 'custom-mqtt';
    }
    case 'Kafka': {
      const hostname = hostnameOf(host);
      if (hostname && isFabricRealTimeHostname(hostname)) return 'fabric-real-time';
      if (hostname && isServiceBusHostname(hostname)) return 'event-hubs';
      return 'custom-kafka';
    }
    case 'DataLakeStorage':
      return 'data-lake';
    case 'FabricOneLake':
      return 'onelake';
    case 'DataExplorer':
      return 'data-explorer';
    case 'LocalStorage':
      return 'local-storage';
    case 'OpenTelemetry':
      return 'opentelemetry';
  }
}

/** The flavour of an endpoint: its `hostType` when that fits the endpoint type, else what the host suggests. */
export function detectFlavour(
  spec: Pick<DataflowEndpointSpec, 'endpointType' | 'hostType' | 'mqttSettings' | 'kafkaSettings'>,
): FlavourId {
  const byHostType = FLAVOURS.find((f) => f.hostType !== undefined && f.hostType === spec.hostType);
  if (byHostType && byHostType.endpointType === spec.endpointType) return byHostType.id;
  const host = spec.endpointType === 'Kafka' ? spec.kafkaSettings?.host : spec.mqttSettings?.host;
  return flavourFromHost(spec.endpointType, host);
}
