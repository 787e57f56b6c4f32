import { Type, type Static } from 'typebox';
import { Authentication, type AuthMethod } from './auth.ts';
import {
  BASIC,
  Batching,
  HOST_PORT,
  CloudEventAttributes,
  Envelope,
  KafkaBatching,
  OperationalMode,
  Ref,
  StringEnum,
  Tls,
} from './common.ts';

export const ENDPOINT_TYPES = [
  'Mqtt',
  'Kafka',
  'DataLakeStorage',
  'DataExplorer',
  'FabricOneLake',
  'LocalStorage',
  'OpenTelemetry',
] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number];

/** The settings block that belongs to each endpoint type (key under `spec`). */
export const ENDPOINT_SETTINGS_KEY = {
  Mqtt: 'mqttSettings',
  Kafka: 'kafkaSettings',
  DataLakeStorage: 'dataLakeStorageSettings',
  DataExplorer: 'dataExplorerSettings',
  FabricOneLake: 'fabricOneLakeSettings',
  LocalStorage: 'localStorageSettings',
  OpenTelemetry: 'openTelemetrySettings',
} as const satisfies Record<EndpointType, string>;
export type EndpointSettingsKey = (typeof ENDPOINT_SETTINGS_KEY)[EndpointType];

/** The authentication methods each endpoint type allows (the API's per-type method enums). */
export const ENDPOINT_AUTH_METHODS = {
  Mqtt: [
    'SystemAssignedManagedIdentity',
    'UserAssignedManagedIdentity',
    'ServiceAccountToken',
    'X509Certificate',
    'Anonymous',
  ],
  Kafka: [
    'SystemAssignedManagedIdentity',
    'UserAssignedManagedIdentity',
    'Sasl',
    'X509Certificate',
    'Anonymous',
  ],
  DataLakeStorage: ['SystemAssignedManagedIdentity', 'UserAssignedManagedIdentity', 'AccessToken'],
  DataExplorer: ['SystemAssignedManagedIdentity', 'UserAssignedManagedIdentity'],
  FabricOneLake: ['SystemAssignedManagedIdentity', 'UserAssignedManagedIdentity'],
  LocalStorage: [],
  OpenTelemetry: ['ServiceAccountToken', 'X509Certificate', 'Anonymous'],
} as const satisfies Record<EndpointType, readonly AuthMethod[]>;

export const HOST_TYPES = [
  'FabricRT',
  'EventGrid',
  'LocalBroker',
  'Eventhub',
  'CustomMqtt',
  'CustomKafka',
] as const;
export type HostType = (typeof HOST_TYPES)[number];

export const MQTT_PROTOCOLS = ['Mqtt', 'WebSockets'] as const;
export const MQTT_RETAIN = ['Keep', 'Never'] as const;
export const KAFKA_COMPRESSIONS = ['None', 'Gzip', 'Snappy', 'Lz4'] as const;
export const KAFKA_ACKS = ['Zero', 'One', 'All'] as const;
export const KAFKA_PARTITION_STRATEGIES = ['Default', 'Static', 'Topic', 'Property'] as const;
export const ONELAKE_PATH_TYPES = ['Files', 'Tables'] as const;

export const MqttSettings = Type.Object(
  {
    host: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'Broker address as <hostname>:<port> (Event Grid over WebSockets: <host>:443/mqtt). Omitted: the local Azure IoT Operations broker.',
        examples: ['aio-broker:18883', 'example.westeurope-1.ts.eventgrid.azure.net:8883'],
        ...BASIC,
        ...HOST_PORT,
      }),
    ),
    authentication: Authentication(
      ENDPOINT_AUTH_METHODS.Mqtt,
      'How the dataflow authenticates to the broker.',
      // Kubernetes samples of the docs write `anonymousSettings: {}` for Anonymous; ARM has no such key.
      ['anonymousSettings'],
    ),
    clientIdPrefix: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'Prefix of the MQTT client ids the dataflow uses. Changing it after deployment can lose data.',
        examples: ['factory-gateway'],
      }),
    ),
    protocol: Type.Optional(
      StringEnum(MQTT_PROTOCOLS, { description: 'Transport protocol.', default: 'Mqtt', examples: ['Mqtt'] }),
    ),
    keepAliveSeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        default: 60,
        description: 'MQTT keep-alive interval in seconds.',
        examples: [60],
      }),
    ),
    retain: Type.Optional(
      StringEnum(MQTT_RETAIN, {
        description: 'Keep or drop the retain flag of messages when both source and destination are MQTT.',
        default: 'Keep',
        examples: ['Keep'],
      }),
    ),
    maxInflightMessages: Type.Optional(
      Type.Integer({
        minimum: 0,
        default: 100,
        title: 'Max in-flight messages',
        description: 'As a source: the receive maximum. As a destination: unacknowledged publishes allowed.',
        examples: [100],
      }),
    ),
    qos: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 1,
        default: 1,
        title: 'Quality of service (QoS)',
        description: 'MQTT quality of service (0 or 1).',
        examples: [1],
      }),
    ),
    sessionExpirySeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        default: 600,
        description: 'MQTT session expiry in seconds (the API has no default; the platform uses 600).',
        examples: [600],
      }),
    ),
    tls: Type.Optional(Tls(true)),
    cloudEventAttributes: Type.Optional(CloudEventAttributes),
  },
  {
    additionalProperties: false,
    description: 'Settings of an MQTT endpoint (local broker, Event Grid or any MQTT v5 broker).',
  },
);

export const KafkaSettings = Type.Object(
  {
    host: Type.String({
      minLength: 1,
      description: 'Bootstrap server as <host>:<port>.',
      ...HOST_PORT,
      examples: ['example.servicebus.windows.net:9093', 'kafka.example.local:9092'],
    }),
    authentication: Authentication(
      ENDPOINT_AUTH_METHODS.Kafka,
      'How the dataflow authenticates to the Kafka broker.',
      ['anonymousSettings'],
    ),
    consumerGroupId: Type.Optional(
      Type.String({
        minLength: 1,
        title: 'Consumer group ID',
        description: 'Consumer group id; required when the endpoint is a dataflow source.',
        examples: ['aiodataflows'],
        ...BASIC,
      }),
    ),
    batching: Type.Optional(KafkaBatching),
    copyMqttProperties: Type.Optional(
      OperationalMode('Copy MQTT v5 properties and user properties into Kafka headers and back.', 'Enabled'),
    ),
    compression: Type.Optional(
      StringEnum(KAFKA_COMPRESSIONS, {
        description: 'Compression of produced batches (destination only).',
        default: 'None',
        examples: ['Gzip'],
      }),
    ),
    kafkaAcks: Type.Optional(
      StringEnum(KAFKA_ACKS, {
        title: 'Kafka acknowledgement',
        description: 'Acknowledgements the producer waits for (destination only).',
        default: 'All',
        examples: ['All'],
      }),
    ),
    partitionStrategy: Type.Optional(
      StringEnum(KAFKA_PARTITION_STRATEGIES, {
        description:
          'How messages are assigned to partitions: Default (round robin), Static, Topic (MQTT topic as key) or Property (an MQTT property as key).',
        default: 'Default',
        examples: ['Default'],
      }),
    ),
    tls: Type.Optional(Tls(true)),
    cloudEventAttributes: Type.Optional(CloudEventAttributes),
  },
  {
    additionalProperties: false,
    description:
      'Settings of a Kafka endpoint (Event Hubs, Fabric Real-Time Intelligence or any Kafka broker).',
  },
);

export const DataLakeStorageSettings = Type.Object(
  {
    host: Type.String({
      minLength: 1,
      description: 'Storage account blob host.',
      examples: ['https://myaccount.blob.core.windows.net'],
    }),
    authentication: Authentication(
      ENDPOINT_AUTH_METHODS.DataLakeStorage,
      'How the dataflow authenticates to the storage account.',
    ),
    batching: Type.Optional(Batching),
  },
  { additionalProperties: false, description: 'Settings of an Azure Data Lake Storage Gen2 endpoint.' },
);

export const DataExplorerSettings = Type.Object(
  {
    host: Type.String({
      minLength: 1,
      description: 'Cluster URI.',
      examples: ['https://mycluster.westeurope.kusto.windows.net'],
    }),
    database: Type.String({ minLength: 1, description: 'Database name.', examples: ['telemetry'] }),
    authentication: Authentication(
      ENDPOINT_AUTH_METHODS.DataExplorer,
      'How the dataflow authenticates to the cluster.',
    ),
    batching: Type.Optional(Batching),
  },
  { additionalProperties: false, description: 'Settings of an Azure Data Explorer endpoint.' },
);

export const FabricOneLakeSettings = Type.Object(
  {
    host: Type.String({
      minLength: 1,
      description: 'OneLake host.',
      examples: ['https://onelake.dfs.fabric.microsoft.com'],
    }),
    names: Type.Object(
      {
        workspaceName: Type.String({
          minLength: 1,
          description: 'Fabric workspace (not "My workspace").',
          examples: ['plant-analytics'],
        }),
        lakehouseName: Type.String({
          minLength: 1,
          description: 'Lakehouse, created with "Lakehouse schemas" unchecked.',
          examples: ['telemetry'],
        }),
      },
      { additionalProperties: false, description: 'Workspace and lakehouse the data goes to.' },
    ),
    oneLakePathType: StringEnum(ONELAKE_PATH_TYPES, {
      title: 'OneLake path type',
      description: 'Write to lakehouse Tables or Files.',
      examples: ['Tables'],
    }),
    authentication: Authentication(
      ENDPOINT_AUTH_METHODS.FabricOneLake,
      'How the dataflow authenticates to OneLake.',
    ),
    batching: Type.Optional(Batching),
  },
  { additionalProperties: false, description: 'Settings of a Microsoft Fabric OneLake endpoint.' },
);

export const LocalStorageSettings = Type.Object(
  {
    persistentVolumeClaimRef: Ref('PersistentVolumeClaim in the instance namespace.', 'telemetry-pvc'),
  },
  {
    additionalProperties: false,
    description: 'Settings of a local storage endpoint (a mounted volume, Parquet files).',
  },
);

export const OpenTelemetrySettings = Type.Object(
  {
    host: Type.String({
      minLength: 1,
      description: 'OTLP collector address as <host>:<port>, optionally with http:// or https://.',
      ...HOST_PORT,
      examples: ['otel-collector.monitoring.svc.cluster.local:4317'],
    }),
    authentication: Authentication(
      ENDPOINT_AUTH_METHODS.OpenTelemetry,
      'How the dataflow authenticates to the collector.',
    ),
    tls: Type.Optional(Tls(false)),
    batching: Type.Optional(Batching),
  },
  { additionalProperties: false, description: 'Settings of an OpenTelemetry (OTLP) endpoint.' },
);

export const DataflowEndpointSpec = Type.Object(
  {
    endpointType: StringEnum(ENDPOINT_TYPES, { description: 'Type of the endpoint.', examples: ['Mqtt'] }),
    hostType: Type.Optional(
      StringEnum(HOST_TYPES, {
        description: 'Flavour of the host (API 2025-07-01-preview and later).',
        examples: ['LocalBroker'],
      }),
    ),
    mqttSettings: Type.Optional(MqttSettings),
    kafkaSettings: Type.Optional(KafkaSettings),
    dataLakeStorageSettings: Type.Optional(DataLakeStorageSettings),
    dataExplorerSettings: Type.Optional(DataExplorerSettings),
    fabricOneLakeSettings: Type.Optional(FabricOneLakeSettings),
    localStorageSettings: Type.Optional(LocalStorageSettings),
    openTelemetrySettings: Type.Optional(OpenTelemetrySettings),
  },
  {
    additionalProperties: false,
    description: 'Endpoint definition: exactly one settings block, the one matching endpointType.',
  },
);

export const DataflowEndpoint = Envelope(
  'DataflowEndpoint',
  'dataflow endpoint',
  DataflowEndpointSpec,
  'A connection point for dataflows: a broker, a storage service or a collector.',
);

export type DataflowEndpoint = Static<typeof DataflowEndpoint>;
export type DataflowEndpointSpec = Static<typeof DataflowEndpointSpec>;
export type MqttSettings = Static<typeof MqttSettings>;
export type KafkaSettings = Static<typeof KafkaSettings>;
