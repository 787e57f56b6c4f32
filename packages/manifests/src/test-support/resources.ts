import type { Dataflow, DataflowEndpoint, DataflowProfile } from '@flowplane/model';

const V1 = 'connectivity.iotoperations.azure.com/v1';

export const kafkaEndpoint: DataflowEndpoint = {
  apiVersion: V1,
  kind: 'DataflowEndpoint',
  metadata: { name: 'event-hub', namespace: 'azure-iot-operations', labels: { team: 'plant-3' } },
  spec: {
    endpointType: 'Kafka',
    kafkaSettings: {
      host: 'example.servicebus.windows.net:9093',
      authentication: { method: 'Anonymous', anonymousSettings: {} },
      tls: { mode: 'Enabled' },
      consumerGroupId: 'dataflows',
    },
  },
};

export const otelEndpoint: DataflowEndpoint = {
  apiVersion: V1,
  kind: 'DataflowEndpoint',
  metadata: { name: 'otel' },
  spec: {
    endpointType: 'OpenTelemetry',
    openTelemetrySettings: {
      host: 'otel-collector:4317',
      authentication: { method: 'Anonymous', anonymousSettings: {} },
    },
  },
};

export const profile: DataflowProfile = {
  apiVersion: V1,
  kind: 'DataflowProfile',
  metadata: { name: 'fast' },
  spec: { instanceCount: 3 },
};

export const dataflow: Dataflow = {
  apiVersion: V1,
  kind: 'Dataflow',
  metadata: { name: 'to-hub' },
  spec: {
    profileRef: 'fast',
    mode: 'Enabled',
    operations: [
      {
        operationType: 'Source',
        sourceSettings: { endpointRef: 'default', dataSources: ['factory/+/telemetry'] },
      },
      {
        operationType: 'BuiltInTransformation',
        builtInTransformationSettings: {
          map: [
            { inputs: ['*'], output: '*' },
            {
              description: "[draft] it's ${inputTopic}\nline 2 \\ end]",
              inputs: [],
              expression: '1',
              output: 'x',
            },
          ],
        },
      },
      {
        operationType: 'Destination',
        destinationSettings: { endpointRef: 'event-hub', dataDestination: 'telemetry' },
      },
    ],
  },
};
