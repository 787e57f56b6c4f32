// The MQTT connection of one side of a dataflow. Source and destination never share one, even on the same
// endpoint: while the source's window is full it stops mqtt.js from reading, and on a shared socket that
// would also hold the PUBACKs the destination waits for (a deadlock).
import mqtt, { type MqttClient } from 'mqtt';
import type { MqttConnection } from './mqtt-connection.ts';

export class MqttClientHandle {
  readonly connection: MqttConnection;
  private readonly onError: ((message: string) => void) | undefined;
  private client: MqttClient | undefined;

  constructor(connection: MqttConnection, onError?: (message: string) => void) {
    this.connection = connection;
    this.onError = onError;
  }

  /** The client, connecting it on first use. */
  acquire(): MqttClient {
    if (this.client === undefined) {
      const { url, options, describe } = this.connection;
      // mqtt.js logs every packet through `debug`, which costs even when disabled.
      const client = mqtt.connect(url, { ...options, log: () => undefined });
      client.on('error', (error) => this.onError?.(`${describe}: ${error.message}`));
      this.client = client;
    }
    return this.client;
  }

  /** Resolves once the client is connected (at once when it already is). */
  connected(client: MqttClient): Promise<void> {
    if (client.connected) return Promise.resolve();
    return new Promise((resolve) => client.once('connect', () => resolve()));
  }

  /** Disconnects; `force` skips waiting for unacknowledged publishes. */
  async release(force: boolean): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.endAsync(force);
  }
}
