// MQTT v5 source. QoS 1 messages are acknowledged (PUBACK) only when the pipeline says so, in arrival
// order; the broker's in-flight window is the endpoint's maxInflightMessages (MQTT 5 receive maximum), so
// a slow sink slows the broker instead of growing memory here.
import type { IPublishPacket, MqttClient } from 'mqtt';
import { OrderedAcks } from '../engine/ordered-acks.ts';
import { coalescingWrites } from './mqtt-batching.ts';
import type { MqttClientHandle } from './mqtt-client.ts';
import type { InboundMessage, Properties, SourceConnector } from './types.ts';

export interface MqttSourceOptions {
  readonly client: MqttClientHandle;
  /** Topic filters as the broker gets them (shared-subscription prefixes already applied). */
  readonly filters: readonly string[];
  readonly qos: 0 | 1;
  readonly maxInflight: number;
}

/** The private mqtt.js method every outgoing packet goes through (pinned mqtt version; see the test). */
interface PacketSender {
  _sendPacket(packet: { cmd: string; messageId?: number }, cb?: (error?: Error) => void): void;
}

export class MqttSource implements SourceConnector {
  readonly maxInflight: number;
  private readonly options: MqttSourceOptions;
  private client: MqttClient | undefined;
  private readonly acks = new OrderedAcks();
  private paused = false;

  constructor(options: MqttSourceOptions) {
    this.options = options;
    this.maxInflight = Math.max(1, options.maxInflight);
  }

  start(deliver: (message: InboundMessage, ack: () => void) => void): Promise<void> {
    const { filters, qos } = this.options;
    // The window is enforced here too, not only by the broker's receive maximum (Mosquitto 2.0 sends more
    // once acknowledgements flow, and QoS 0 has none): while it is full, mqtt.js's handleMessage hook holds
    // the next packet, so the client stops reading and TCP pushes back.
    let inflight = 0;
    let held: (() => void) | undefined;
    const take = (): void => {
      inflight++;
    };
    const release = (): void => {
      inflight--;
      if (held !== undefined && inflight < this.maxInflight) {
        const resume = held;
        held = undefined;
        resume();
      }
    };
    const client = this.options.client.acquire();
    // mqtt.js reads this hook for every QoS 1 message, so it can be set after connecting.
    client.options.customHandleAcks = (topic, payload, packet, done) => {
      if (this.paused) return done(0);
      const messageId = packet.messageId!;
      const ack = this.acks.add(() => send({ cmd: 'puback', messageId }));
      take();
      deliver(toInbound(topic, payload, packet), () => {
        release();
        ack();
      });
      done(0);
    };
    this.client = client;
    client.handleMessage = (_packet, callback) => {
      if (inflight >= this.maxInflight) held = () => callback();
      else callback();
    };
    // mqtt.js sends the PUBACK as soon as customHandleAcks answers, and would not read the next packet
    // before that. Its own PUBACKs are swallowed here and sent by the ordered queue once the sink confirmed.
    const sender = client as unknown as PacketSender;
    const original = sender._sendPacket.bind(client);
    const batch = coalescingWrites(client);
    const send: PacketSender['_sendPacket'] = (packet, cb) => {
      batch();
      original(packet, cb);
    };
    sender._sendPacket = (packet, cb) => {
      if (packet.cmd === 'puback') return cb?.();
      original(packet, cb);
    };
    client.on('message', (topic, payload, packet) => {
      if (packet.qos !== 0 || this.paused) return;
      take();
      deliver(toInbound(topic, payload, packet), release);
    });
    // Acknowledgements belong to a connection: after a drop the broker redelivers those messages itself.
    client.on('close', () => this.acks.reset());
    // Subscribing again to what a persistent session already holds is harmless (rh 1: no retained
    // messages again), and needed when the broker lost the session.
    return this.options.client.connected(client).then(
      () =>
        new Promise<void>((resolve, reject) =>
          client.subscribe(
            [...filters],
            // rap keeps the retain flag as published, so `retain: Keep` can copy it.
            { qos, rap: true, rh: 1 },
            (error, granted) => {
              const refused = granted?.find((g) => g.qos > 1);
              if (error) reject(error);
              else if (refused)
                reject(new Error(`the broker refused the subscription to '${refused.topic}'`));
              else resolve();
            },
          ),
        ),
    );
  }

  pause(): void {
    this.paused = true;
  }

  async stop(): Promise<void> {
    this.paused = true;
    if (!this.client) return;
    this.client = undefined;
    // Forced: acknowledgements still pending are not sent, so the broker redelivers those messages.
    await this.options.client.release(true);
  }
}

function toInbound(topic: string, payload: Buffer, packet: IPublishPacket): InboundMessage {
  const properties = packet.properties;
  const message: {
    -readonly [K in keyof InboundMessage]: InboundMessage[K];
  } = { payload, topic, retain: packet.retain, redelivered: packet.dup, receivedAt: performance.now() };
  if (properties !== undefined) {
    if (properties.userProperties !== undefined) message.userProperties = pairs(properties.userProperties);
    if (properties.contentType !== undefined) message.contentType = properties.contentType;
  }
  return message;
}

function pairs(record: Readonly<Record<string, string | string[]>>): Properties {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(record)) {
    if (Array.isArray(value)) for (const v of value) out.push([key, v]);
    else out.push([key, value]);
  }
  return out;
}
