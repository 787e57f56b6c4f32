// The connector contract every transport implements (MQTT and local storage now; Kafka, blob storage,
// Data Explorer and OpenTelemetry next). Sources hand over raw messages with an ack handle; sinks take
// serialized output and resolve only when the far side confirmed it, so the pipeline can acknowledge the
// source after the sink (at-least-once).

/** A property list as MQTT v5 user properties or Kafka headers: ordered, duplicate keys allowed. */
export type Properties = readonly (readonly [string, string])[];

/** One message as a source received it. */
export interface InboundMessage {
  /** The raw payload bytes. */
  readonly payload: Uint8Array;
  /** MQTT topic or Kafka topic the message arrived on. */
  readonly topic: string;
  readonly userProperties?: Properties;
  /** MQTT v5 content type (`$metadata.system_property.content_type`). */
  readonly contentType?: string;
  readonly retain?: boolean;
  /** True when the transport says this is a redelivery (MQTT DUP flag). */
  readonly redelivered?: boolean;
  /** `performance.now()` when the message was received, for end-to-end latency. */
  readonly receivedAt: number;
}

/**
 * Receives messages. The source calls `deliver` for each message; the pipeline calls `ack` exactly once
 * per delivered message, in any order (sources that must acknowledge in order, like MQTT, reorder).
 */
export interface SourceConnector {
  /** Connects and subscribes; resolves once messages can flow. */
  start(deliver: (message: InboundMessage, ack: () => void) => void): Promise<void>;
  /**
   * Stops handing over messages but keeps the connection, so acknowledgements of messages in flight still
   * reach the transport; what arrives meanwhile stays unacknowledged and is redelivered later.
   */
  pause(): void;
  /** Disconnects; messages not acknowledged yet are redelivered by the transport later. */
  stop(): Promise<void>;
  /** Most messages the source hands over before it waits for acknowledgements. */
  readonly maxInflight: number;
}

/** One serialized message for a message sink (MQTT, Kafka). */
export interface OutboundMessage {
  readonly kind: 'message';
  readonly topic: string;
  readonly payload: Uint8Array;
  readonly userProperties?: Properties;
  readonly contentType?: string;
  readonly retain?: boolean;
}

/** One row for a record sink (Parquet, Delta, Data Explorer): values already coerced to the schema. */
export interface OutboundRecord {
  readonly kind: 'record';
  /** The destination's folder, container or table (`dataDestination`). */
  readonly destination: string;
  readonly row: Readonly<Record<string, unknown>>;
}

export type Outbound = OutboundMessage | OutboundRecord;

/**
 * Writes output. `write` resolves when the output is durable at the far side (PUBACK, file renamed) and
 * rejects on failure; the pipeline retries with backoff. A sink bounds its own pending work: `write`
 * may wait before it even sends.
 */
export interface SinkConnector<O extends Outbound = Outbound> {
  readonly accepts: O['kind'];
  start(): Promise<void>;
  write(output: O): Promise<void>;
  /**
   * Writes whatever is pending now (batching sinks); the pipeline calls it when the source cannot hand
   * over more messages until some are acknowledged, so a batch never waits for messages that cannot come.
   */
  flush?(): Promise<void>;
  stop(): Promise<void>;
}

/** Where a runtime finds what definitions only name: secrets, config maps, schemas, volumes, the broker. */
export interface RuntimeEnvironment {
  /** URL of the broker that `aio-broker` endpoints bind to (default `mqtt://127.0.0.1:1883`). */
  readonly localBrokerUrl: string;
  /** Credentials and TLS of the local broker binding (replace the endpoint's authentication). */
  readonly localBroker?: {
    readonly username?: string;
    readonly password?: string;
    /** PEM CA bundle for a TLS local broker. */
    readonly ca?: string;
  };
  /** `<dir>/<secret name>/<key>` files, as Kubernetes mounts secrets. */
  readonly secretsDir?: string;
  /** `<dir>/<config map name>/<key>` files. */
  readonly configMapsDir?: string;
  /** Schema documents referenced by `aio-sr://[namespace/]name:version`. */
  readonly schemasDir?: string;
  /** Root under which local storage endpoints write: `<root>/<persistentVolumeClaimRef>/<dataDestination>/`. */
  readonly storageRoot: string;
  /**
   * When local storage batches are written (the API has no batching block for local storage; default the
   * platform's storage default, 60 s or 100,000 messages, and sooner when the source's window is full).
   */
  readonly localStorageBatching?: { readonly latencySeconds: number; readonly maxMessages: number };
  /** This process's replica number within a profile's `instanceCount` (stable client ids). */
  readonly replica: number;
}
