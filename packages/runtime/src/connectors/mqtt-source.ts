// MQTT v5 source. QoS 1 messages are acknowledged (PUBACK) only when the pipeline says so, in arrival
// order; the broker's in-flight window is the endpoint's maxInflightMessages (MQTT 5 receive maximum), so
// a slow sink slows the broker instead of growing memory here.
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { OrderedAcks } from '../engine/ordered-acks.ts';
import type { MqttConnection } from './mqtt-connection.ts';
import type { InboundMessage, Properties, SourceConnector } from './types.ts';

export interface MqttSourceOptions {
  readonly connection: MqttConnection;
  /** Topic filters as the broker gets them (shared-subscription prefixes already applied). */
  readonly filters: readonly string[];
  readonly qos: 0 | 1;
  readonly maxInflight: number;
  /** Called on connection problems; the client keeps reconnecting (start waits for the first connection). */
  readonly onError?: (message: string) => void;
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
    const { connection, filters, qos } = this.options;
    const client = mqtt.connect(connection.url, {
      ...connection.options,
      // Subscriptions belong to the session; mqtt.js re-subscribes itself only when the broker lost it.
      resubscribe: true,
      customHandleAcks: (topic, payload, packet, done) => {
        if (this.paused) return done(0);
        const messageId = packet.messageId!;
        const ack = this.acks.add(() => send({ cmd: 'puback', messageId }));
        deliver(toInbound(topic, payload, packet), ack);
        done(0);
      },
    });
    this.client = client;
    // mqtt.js sends the PUBACK as soon as customHandleAcks answers, and would not read the next packet
    // before that. Its own PUBACKs are swallowed here and sent by the ordered queue once the sink confirmed.
    const sender = client as unknown as PacketSender;
    const original = sender._sendPacket.bind(client);
    const send: PacketSender['_sendPacket'] = (packet, cb) => original(packet, cb);
    sender._sendPacket = (packet, cb) => {
      if (packet.cmd === 'puback') return cb?.();
      original(packet, cb);
    };
    // QoS 0 has no broker-side window: stop reading the socket while the window is full, so TCP pushes back.
    let qos0Inflight = 0;
    client.on('message', (topic, payload, packet) => {
      if (packet.qos !== 0 || this.paused) return;
      qos0Inflight++;
      if (qos0Inflight >= this.maxInflight) client.stream.pause();
      deliver(toInbound(topic, payload, packet), () => {
        qos0Inflight--;
        if (qos0Inflight < this.maxInflight && client.stream.isPaused()) client.stream.resume();
      });
    });
    // Acknowledgements belong to a connection: after a drop the broker redelivers those messages itself.
    client.on('close', () => this.acks.reset());
    client.on('error', (error) => this.options.onError?.(`${connection.describe}: ${error.message}`));

    return new Promise((resolve, reject) => {
      client.once('connect', (connack) => {
        if (connack.sessionPresent) return resolve();
        client.subscribe(
          filters.map((f) => f),
          // rap keeps the retain flag as published (so `retain: Keep` can copy it); rh 1: retained
          // messages only for a new subscription, not again on every restart.
          { qos, rap: true, rh: 1 },
          (error, granted) => {
            const refused = granted?.find((g) => g.qos > 1);
            if (error) reject(error);
            else if (refused) reject(new Error(`the broker refused the subscription to '${refused.topic}'`));
            else resolve();
          },
        );
      });
    });
  }

  pause(): void {
    this.paused = true;
  }

  async stop(): Promise<void> {
    this.paused = true;
    await this.client?.endAsync(true);
    this.client = undefined;
  }
}

function toInbound(topic: string, payload: Buffer, packet: IPublishPacket): InboundMessage {
  const properties = packet.properties;
  return {
    payload,
    topic,
    ...(properties?.userProperties ? { userProperties: pairs(properties.userProperties) } : {}),
    ...(properties?.contentType === undefined ? {} : { contentType: properties.contentType }),
    retain: packet.retain,
    redelivered: packet.dup,
    receivedAt: performance.now(),
  };
}

function pairs(record: Readonly<Record<string, string | string[]>>): Properties {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(record)) {
    if (Array.isArray(value)) for (const v of value) out.push([key, v]);
    else out.push([key, value]);
  }
  return out;
}
