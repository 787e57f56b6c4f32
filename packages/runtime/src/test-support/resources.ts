// Resource builders and an MQTT test client for runtime tests.
import {
  API_VERSION,
  type Dataflow,
  type DataflowEndpoint,
  defaultEndpoint,
  defaultProfile,
} from '@flowplane/model';
import type { MqttSettings } from '@flowplane/model';
import type { BuiltInTransformationSettings } from '@flowplane/model';
import mqtt, { type IClientPublishOptions, type MqttClient } from 'mqtt';
import type { RuntimeEnvironment } from '../connectors/types.ts';

export function environment(brokerUrl: string, extra: Partial<RuntimeEnvironment> = {}): RuntimeEnvironment {
  return { localBrokerUrl: brokerUrl, storageRoot: '/nonexistent', replica: 0, ...extra };
}

export function dataflow(
  name: string,
  options: {
    readonly sources: readonly string[];
    readonly destination: string;
    readonly transformation?: BuiltInTransformationSettings;
    readonly profile?: string;
    readonly destinationEndpoint?: string;
    readonly mode?: 'Enabled' | 'Disabled';
  },
): Dataflow {
  return {
    apiVersion: API_VERSION,
    kind: 'Dataflow',
    metadata: { name },
    spec: {
      profileRef: options.profile ?? 'default',
      ...(options.mode ? { mode: options.mode } : {}),
      operations: [
        {
          operationType: 'Source',
          sourceSettings: { endpointRef: 'default', dataSources: [...options.sources] },
        },
        ...(options.transformation
          ? [
              {
                operationType: 'BuiltInTransformation' as const,
                builtInTransformationSettings: options.transformation,
              },
            ]
          : []),
        {
          operationType: 'Destination',
          destinationSettings: {
            endpointRef: options.destinationEndpoint ?? 'default',
            dataDestination: options.destination,
          },
        },
      ],
    },
  };
}

/** A custom MQTT endpoint (not the local broker): plain TCP and anonymous unless `settings` say otherwise. */
export function mqttEndpoint(
  name: string,
  port: number,
  settings: Partial<MqttSettings> = {},
): DataflowEndpoint {
  return {
    apiVersion: API_VERSION,
    kind: 'DataflowEndpoint',
    metadata: { name },
    spec: {
      endpointType: 'Mqtt',
      mqttSettings: {
        host: `127.0.0.1:${port}`,
        authentication: { method: 'Anonymous' },
        tls: { mode: 'Disabled' },
        ...settings,
      },
    },
  };
}

/** The instance a cluster starts with (default endpoint and profile) plus the given resources. */
export function instance(...resources: unknown[]): unknown[] {
  return [defaultEndpoint(), defaultProfile(), ...resources];
}

export interface Received {
  readonly topic: string;
  readonly payload: unknown;
  readonly userProperties?: Record<string, string | string[]>;
  readonly contentType?: string;
  readonly retain: boolean;
}

/** A test client that records what arrives on its subscriptions. */
export class TestClient {
  readonly received: Received[] = [];
  private readonly client: MqttClient;

  private constructor(client: MqttClient) {
    this.client = client;
    client.on('message', (topic, payload, packet) =>
      this.received.push({
        topic,
        payload: JSON.parse(payload.toString()) as unknown,
        ...(packet.properties?.userProperties ? { userProperties: packet.properties.userProperties } : {}),
        ...(packet.properties?.contentType ? { contentType: packet.properties.contentType } : {}),
        retain: packet.retain,
      }),
    );
  }

  static async connect(url: string, clientId?: string): Promise<TestClient> {
    const client = await mqtt.connectAsync(url, {
      protocolVersion: 5,
      ...(clientId ? { clientId, clean: false, properties: { sessionExpiryInterval: 300 } } : {}),
    });
    return new TestClient(client);
  }

  async subscribe(filter: string): Promise<void> {
    await this.client.subscribeAsync(filter, { qos: 1 });
  }

  async publish(topic: string, payload: unknown, options: IClientPublishOptions = {}): Promise<void> {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    await this.client.publishAsync(topic, body, { qos: 1, ...options });
  }

  /** Waits until at least `count` messages arrived (polling; fails after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline)
        throw new Error(`expected ${count} messages, got ${this.received.length} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.received;
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

export async function until(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
