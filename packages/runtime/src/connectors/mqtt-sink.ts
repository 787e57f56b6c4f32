// MQTT v5 destination. `write` resolves on PUBACK (QoS 1) or once the packet is written (QoS 0); at most
// maxInflightMessages publishes are unacknowledged at a time, further writes wait for a slot.
import type { IClientPublishOptions, MqttClient } from 'mqtt';
import { coalescingWrites } from './mqtt-batching.ts';
import type { MqttClientHandle } from './mqtt-client.ts';
import type { OutboundMessage, Properties, SinkConnector } from './types.ts';

export interface MqttSinkOptions {
  readonly client: MqttClientHandle;
  readonly qos: 0 | 1;
  readonly maxInflight: number;
}

export class MqttSink implements SinkConnector<OutboundMessage> {
  readonly accepts = 'message';
  private readonly options: MqttSinkOptions;
  private client: MqttClient | undefined;
  private batch: () => void = () => undefined;
  private inflight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(options: MqttSinkOptions) {
    this.options = options;
  }

  start(): Promise<void> {
    const client = this.options.client.acquire();
    this.client = client;
    this.batch = coalescingWrites(client);
    return this.options.client.connected(client);
  }

  write(output: OutboundMessage): Promise<void> {
    if (!this.client) return Promise.reject(new Error('the MQTT destination is not started'));
    if (this.inflight < Math.max(1, this.options.maxInflight)) return this.publish(this.client, output);
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() =>
      this.client
        ? this.publish(this.client, output)
        : Promise.reject(new Error('the MQTT destination stopped')),
    );
  }

  private publish(client: MqttClient, output: OutboundMessage): Promise<void> {
    this.inflight++;
    const options: IClientPublishOptions = { qos: this.options.qos, retain: output.retain === true };
    if (output.userProperties !== undefined || output.contentType !== undefined) {
      const properties: NonNullable<IClientPublishOptions['properties']> = {};
      if (output.userProperties !== undefined) properties.userProperties = record(output.userProperties);
      if (output.contentType !== undefined) properties.contentType = output.contentType;
      options.properties = properties;
    }
    this.batch();
    return new Promise<void>((resolve, reject) =>
      client.publish(output.topic, asBuffer(output.payload), options, (error) => {
        this.inflight--;
        this.waiting.shift()?.();
        if (error) reject(error);
        else resolve();
      }),
    );
  }

  async stop(): Promise<void> {
    if (!this.client) return;
    this.client = undefined;
    // Not forced: publishes already handed to mqtt.js get their PUBACK before the connection closes.
    await this.options.client.release(false);
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
