import { readFile } from 'node:fs/promises';
import { API_VERSION, defaultEndpoint } from '@flowplane/model';

/** Builders of valid request bodies; tests change what they are about. */
export function mqttEndpoint(name: string, host = 'broker.example.com:8883') {
  return {
    apiVersion: API_VERSION,
    kind: 'DataflowEndpoint',
    metadata: { name },
    spec: {
      endpointType: 'Mqtt',
      mqttSettings: {
        host,
        authentication: { method: 'Anonymous', anonymousSettings: {} },
        tls: { mode: 'Enabled' },
      },
    },
  };
}

export function kafkaEndpoint(name: string, consumerGroupId?: string) {
  return {
    apiVersion: API_VERSION,
    kind: 'DataflowEndpoint',
    metadata: { name },
    spec: {
      endpointType: 'Kafka',
      kafkaSettings: {
        host: 'kafka.example.com:9093',
        authentication: { method: 'Anonymous', anonymousSettings: {} },
        ...(consumerGroupId ? { consumerGroupId } : {}),
      },
    },
  };
}

export function profile(name: string, instanceCount = 1) {
  return { apiVersion: API_VERSION, kind: 'DataflowProfile', metadata: { name }, spec: { instanceCount } };
}

/** Local broker → `destination` endpoint. */
export function dataflow(
  name: string,
  destination = 'default',
  profileRef = 'default',
  source = 'default',
  dataSources = ['factory/+/temperature'],
) {
  return {
    apiVersion: API_VERSION,
    kind: 'Dataflow',
    metadata: { name },
    spec: {
      profileRef,
      operations: [
        {
          operationType: 'Source',
          sourceSettings: { endpointRef: source, dataSources },
        },
        {
          operationType: 'Destination',
          destinationSettings: { endpointRef: destination, dataDestination: 'cloud/temperature' },
        },
      ],
    },
  };
}

export const localBroker = defaultEndpoint;

export const ARM_EXAMPLES = new URL(
  '../../../../packages/manifests/test-fixtures/arm-examples/',
  import.meta.url,
);
export const CLI_FIXTURES = new URL('../../../cli/test-fixtures/', import.meta.url);

export function fixture(path: string): Promise<string> {
  return readFile(new URL(path, ARM_EXAMPLES), 'utf8');
}

export function cliFixture(path: string): Promise<string> {
  return readFile(new URL(path, CLI_FIXTURES), 'utf8');
}
