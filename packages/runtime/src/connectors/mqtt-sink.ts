// MQTT v5 destination. `write` resolves on PUBACK (QoS 1) or once the packet is written (QoS 0); at most
// maxInflightMessages publishes are unacknowledged at a time, further writes wait for a slot.
import mqtt, { type IClientPublishOptions, type MqttClient } from 'mqtt';
import type { MqttConnection } from './mqtt-connection.ts';
import type { OutboundMessage, Properties, SinkConnector } from './types.ts';

export interface MqttSinkOptions {
  readonly connection: MqttConnection;
  readonly qos: 0 | 1;
  readonly maxInflight: number;
  readonly onError?: (message: string) => void;
}

export class MqttSink implements SinkConnector<OutboundMessage> {
  readonly accepts = 'message';
  private readonly options: MqttSinkOptions;
  private client: MqttClient | undefined;
  private inflight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(options: MqttSinkOptions) {
    this.options = options;
  }

  start(): Promise<void> {
    const { connection } = this.options;
    const client = mqtt.connect(connection.url, connection.options);
    this.client = client;
    client.on('error', (error) => this.options.onError?.(`${connection.describe}: ${error.message}`));
    return new Promise((resolve) => client.once('connect', () => resolve()));
  }

  async write(output: OutboundMessage): Promise<void> {
    const client = this.client;
    if (!client) throw new Error('the MQTT destination is not started');
    if (this.inflight >= Math.max(1, this.options.maxInflight))
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inflight++;
    const options: IClientPublishOptions = { qos: this.options.qos, retain: output.retain === true };
    if (output.userProperties !== undefined || output.contentType !== undefined)
      options.properties = {
        ...(output.userProperties === undefined ? {} : { userProperties: record(output.userProperties) }),
        ...(output.contentType === undefined ? {} : { contentType: output.contentType }),
      };
    try {
      await new Promise<void>((resolve, reject) =>
        client.publish(output.topic, asBuffer(output.payload), options, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    } finally {
      this.inflight--;
      this.waiting.shift()?.();
    }
  }

  async stop(): Promise<void> {
    // Not forced: publishes already handed to mqtt.js get their PUBACK before the connection closes.
    await this.client?.endAsync(false);
    this.client = undefined;
  }
}

/** mqtt.js takes user properties as a record; repeated keys become arrays (their relative order is kept). */
function record(properties: Properties): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of properties) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
