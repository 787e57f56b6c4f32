// Builds the parts of one pipeline from a validated dataflow and the endpoints and profile it names:
// which connector each side uses, how the output is serialized, and where it goes.
import { compileDestinationTopic, compileTransformation, type Message } from '@flowplane/mapping';
import type {
  Dataflow,
  DataflowEndpoint,
  DataflowProfile,
  DestinationSettings,
  MqttSettings,
  SourceSettings,
  BuiltInTransformationSettings,
} from '@flowplane/model';
import { ConnectorConfigError, MQTT_DEFAULTS, mqttConnection } from '../connectors/mqtt-connection.ts';
import { MqttClientHandle } from '../connectors/mqtt-client.ts';
import { MqttSink } from '../connectors/mqtt-sink.ts';
import { MqttSource } from '../connectors/mqtt-source.ts';
import { createLocalStorageSink, destinationProblem } from '../connectors/local-storage.ts';
import type { OutboundMessage, Properties, RuntimeEnvironment } from '../connectors/types.ts';
import { loadSchema, rowSerializer } from '../storage/index.ts';
import type { PipelineParts, Serializer } from './pipeline.ts';
import type { Tap } from './tap.ts';

export interface DataflowDefinition {
  readonly dataflow: Dataflow;
  readonly source: DataflowEndpoint;
  readonly destination: DataflowEndpoint;
  readonly profile: DataflowProfile;
}

export interface Operations {
  readonly source: SourceSettings;
  readonly transformation?: BuiltInTransformationSettings;
  readonly destination: DestinationSettings;
}

/** Local storage has no batching block in the API; the platform's storage defaults apply. */
export const LOCAL_STORAGE_BATCHING = { latencySeconds: 60, maxMessages: 100_000 } as const;

export function operationsOf(dataflow: Dataflow): Operations {
  let source: SourceSettings | undefined;
  let transformation: BuiltInTransformationSettings | undefined;
  let destination: DestinationSettings | undefined;
  for (const op of dataflow.spec.operations) {
    source ??= op.sourceSettings;
    transformation ??= op.builtInTransformationSettings;
    destination ??= op.destinationSettings;
  }
  // Validation guarantees both; this guards direct callers.
  if (!source || !destination)
    throw new ConnectorConfigError(`dataflow ${dataflow.metadata.name} needs a source and a destination`);
  return { source, destination, ...(transformation ? { transformation } : {}) };
}

/** Subscription filters: `$shared/` (as the docs write it) becomes `$share/`; instanceCount > 1 shares. */
export function subscriptionFilters(
  dataSources: readonly string[],
  dataflowName: string,
  instanceCount: number,
): string[] {
  return dataSources.map((topic) => {
    const explicit = /^\$(?:share|shared)\/([^/]+)\/(.+)$/.exec(topic);
    if (explicit) return `$share/${explicit[1]}/${explicit[2]}`;
    return instanceCount > 1 ? `$share/${dataflowName}/${topic}` : topic;
  });
}

export async function assemble(
  definition: DataflowDefinition,
  env: RuntimeEnvironment,
  hooks: { readonly tap?: Tap; readonly onError: (message: string) => void },
): Promise<PipelineParts> {
  const { dataflow, profile } = definition;
  const name = dataflow.metadata.name;
  const ops = operationsOf(dataflow);
  const transform = compileTransformation(ops.transformation);
  const sourceSettings = mqttSettingsOf(definition.source, 'source');
  const sourceMaxInflight = sourceSettings.maxInflightMessages ?? MQTT_DEFAULTS.maxInflightMessages;
  const prefix = sourceSettings.clientIdPrefix ?? 'flowplane';
  const sourceClient = new MqttClientHandle(
    await mqttConnection(sourceSettings, env, {
      clientId: `${prefix}-${name}-${env.replica}-in`,
      receiveMaximum: sourceMaxInflight,
    }),
    hooks.onError,
  );
  const source = new MqttSource({
    client: sourceClient,
    filters: subscriptionFilters(ops.source.dataSources, name, profile.spec.instanceCount ?? 1),
    qos: qosOf(sourceSettings),
    maxInflight: sourceMaxInflight,
  });

  const destination = definition.destination;
  if (destination.spec.endpointType === 'LocalStorage') {
    const schemaRef = ops.transformation?.schemaRef;
    if (schemaRef === undefined || env.schemasDir === undefined)
      throw new ConnectorConfigError(
        schemaRef === undefined
          ? 'a local storage destination needs the transformation schemaRef'
          : `schema ${schemaRef} is needed, but the runtime has no schemas directory (--schemas-dir)`,
      );
    // A folder outside the volume would fail every write; refuse it at start instead of retrying forever.
    const folderProblem = destinationProblem(ops.destination.dataDestination);
    if (folderProblem !== undefined)
      throw new ConnectorConfigError(`local storage destination: ${folderProblem}`);
    const schema = await loadSchema(schemaRef, env.schemasDir);
    const toRow = rowSerializer(schema);
    const folder = ops.destination.dataDestination;
    return {
      name,
      source,
      transform,
      sink: createLocalStorageSink({
        root: env.storageRoot,
        volume: destination.spec.localStorageSettings!.persistentVolumeClaimRef,
        schema,
        batching: env.localStorageBatching ?? LOCAL_STORAGE_BATCHING,
      }),
      serialize: (message) => {
        const row = toRow(message.payload);
        return row.ok
          ? { ok: true, output: { kind: 'record', destination: folder, row: row.row } }
          : { ok: false, reason: `does not fit schema ${schemaRef}: ${row.reason}` };
      },
      ...(hooks.tap ? { tap: hooks.tap } : {}),
    };
  }

  const sinkSettings = mqttSettingsOf(destination, 'destination');
  const sinkClient = new MqttClientHandle(
    await mqttConnection(sinkSettings, env, {
      clientId: `${sinkSettings.clientIdPrefix ?? 'flowplane'}-${name}-${env.replica}-out`,
    }),
    hooks.onError,
  );
  const sink = new MqttSink({
    client: sinkClient,
    qos: qosOf(sinkSettings),
    maxInflight: sinkSettings.maxInflightMessages ?? MQTT_DEFAULTS.maxInflightMessages,
  });
  return {
    name,
    source,
    sink,
    transform,
    serialize: mqttSerializer(ops.destination, sinkSettings),
    ...(hooks.tap ? { tap: hooks.tap } : {}),
  };
}

function mqttSettingsOf(endpoint: DataflowEndpoint, role: 'source' | 'destination'): MqttSettings {
  const settings = endpoint.spec.mqttSettings;
  if (endpoint.spec.endpointType !== 'Mqtt' || settings === undefined)
    throw new ConnectorConfigError(
      `endpoint ${endpoint.metadata.name}: the local runtime cannot use ${endpoint.spec.endpointType} endpoints as a ${role} yet (MQTT${role === 'destination' ? ' and local storage' : ''} only)`,
    );
  return settings;
}

function qosOf(settings: MqttSettings): 0 | 1 {
  return (settings.qos ?? MQTT_DEFAULTS.qos) === 0 ? 0 : 1;
}

/** JSON output to an MQTT topic resolved from the destination template, properties carried through. */
export function mqttSerializer(destination: DestinationSettings, settings: MqttSettings): Serializer {
  const keepRetain = (settings.retain ?? MQTT_DEFAULTS.retain) === 'Keep';
  const resolveTopic = compileDestinationTopic(destination.dataDestination);
  const headers = destination.headers ?? [];
  return (message, inbound) => {
    const topic = resolveTopic(inbound.topic);
    if (!topic.ok) return { ok: false, reason: `destination topic: ${topic.reason}` };
    let payload: string;
    try {
      payload = JSON.stringify(message.payload) ?? 'null';
    } catch (error) {
      return { ok: false, reason: `cannot serialize as JSON: ${(error as Error).message}` };
    }
    const userProperties =
      headers.length === 0 ? propertiesOf(message) : applyHeaders(propertiesOf(message), headers);
    const contentType = message.metadata?.systemProperties?.content_type;
    const output: OutboundMessage = {
      kind: 'message',
      topic: topic.topic,
      payload: Buffer.from(payload),
      ...(userProperties.length > 0 ? { userProperties } : {}),
      ...(contentType === undefined ? {} : { contentType }),
      retain: keepRetain && inbound.retain === true,
    };
    return { ok: true, output };
  };
}

const NO_PROPERTIES: Properties = [];

function propertiesOf(message: Message): Properties {
  const list = message.metadata?.userProperties;
  if (list === undefined) return NO_PROPERTIES;
  if (Array.isArray(list)) return list as Properties;
  return Object.entries(list as Record<string, string>);
}

function applyHeaders(
  properties: Properties,
  headers: NonNullable<DestinationSettings['headers']>,
): Properties {
  let out: readonly (readonly [string, string])[] = properties;
  for (const { actionType, key, value } of headers) {
    const present = out.some(([k]) => k === key);
    if (actionType === 'Remove') out = out.filter(([k]) => k !== key);
    else if (actionType === 'AddOrReplace') out = [...out.filter(([k]) => k !== key), [key, value ?? '']];
    else if (!present) out = [...out, [key, value ?? '']];
  }
  return out;
}
