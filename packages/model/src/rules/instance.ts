import { Value } from 'typebox/value';
import { issue, type Issue } from '../issues.ts';
import { canBeSource, isLocalBroker, requiredOutputFormats } from '../connections.ts';
import { flavourFromHost } from '../flavours.ts';
import type { DataflowEndpointSpec } from '../schema/endpoint.ts';
import { MqttSettings } from '../schema/endpoint.ts';
import {
  isSharedSubscription,
  kafkaTopicProblem,
  mqttTopicFilterProblem,
  mqttTopicNameProblem,
} from '../topics.ts';
import { arr, obj, str } from './access.ts';
import { stagesOf, type Stage } from './dataflow.ts';
import { graphRulesInInstance } from './graph-instance.ts';

/** Dataflows per profile beyond which the profile configuration size limit is reached (docs). */
export const MAX_DATAFLOWS_PER_PROFILE = 70;

export interface InstanceDoc {
  kind: string;
  name: string;
  doc: Record<string, unknown>;
}

type EndpointSpecLike = Pick<DataflowEndpointSpec, 'endpointType' | 'mqttSettings'> & Record<string, unknown>;

function endpointSpec(doc: Record<string, unknown>): EndpointSpecLike | undefined {
  const spec = obj(doc.spec);
  return spec && typeof spec.endpointType === 'string' ? (spec as EndpointSpecLike) : undefined;
}

/**
 * Layer 3: rules across the resources of one instance. Returns issues keyed by the index of the
 * document they belong to.
 */
export function instanceRules(docs: readonly InstanceDoc[]): Map<number, Issue[]> {
  const found = new Map<number, Issue[]>();
  const add = (index: number, ...issues: Issue[]) => {
    if (issues.length) found.set(index, [...(found.get(index) ?? []), ...issues]);
  };

  const byKind = (kind: string) => {
    const map = new Map<string, { index: number; doc: Record<string, unknown> }>();
    docs.forEach((d, index) => {
      if (d.kind !== kind) return;
      if (map.has(d.name)) {
        add(
          index,
          issue('resource.duplicate', '/metadata/name', `Another ${kind} is also named "${d.name}".`),
        );
      } else {
        map.set(d.name, { index, doc: d.doc });
      }
    });
    return map;
  };
  const endpoints = byKind('DataflowEndpoint');
  const profiles = byKind('DataflowProfile');
  byKind('Dataflow');
  byKind('DataflowGraph');

  const dataflowsPerProfile = new Map<string, number>();
  docs.forEach((d, index) => {
    if (d.kind !== 'Dataflow' && d.kind !== 'DataflowGraph') return;
    const spec = obj(d.doc.spec);
    if (!spec) return;
    const profileName = str(spec.profileRef);
    const profile = profileName === undefined ? undefined : profiles.get(profileName);
    if (profileName !== undefined && profileName !== '') {
      dataflowsPerProfile.set(profileName, (dataflowsPerProfile.get(profileName) ?? 0) + 1);
      if (!profile) {
        add(
          index,
          issue(
            'ref.profile.notFound',
            '/spec/profileRef',
            `No dataflow profile named "${profileName}" in the instance.`,
          ),
        );
      }
    }
    if (d.kind === 'DataflowGraph') {
      add(index, ...graphRulesInInstance(spec, endpoints));
      return;
    }
    const instanceCount = profile ? Number(obj(profile.doc.spec)?.instanceCount ?? 1) : 1;
    add(index, ...dataflowRulesInInstance(spec, endpoints, instanceCount));
  });

  for (const [name, count] of dataflowsPerProfile) {
    const profile = profiles.get(name);
    if (profile && count > MAX_DATAFLOWS_PER_PROFILE) {
      add(
        profile.index,
        issue(
          'profile.dataflows.tooMany',
          '/metadata/name',
          `${count} dataflows and graphs use this profile; above ${MAX_DATAFLOWS_PER_PROFILE} the profile configuration size limit is reached. Spread them over several profiles.`,
        ),
      );
    }
  }
  return found;
}

function dataflowRulesInInstance(
  spec: Record<string, unknown>,
  endpoints: Map<string, { doc: Record<string, unknown> }>,
  instanceCount: number,
): Issue[] {
  const issues: Issue[] = [];
  const stages = stagesOf(spec);
  const resolve = (stage: Stage | undefined) => {
    if (!stage) return undefined;
    const ref = str(stage.settings.endpointRef);
    // An empty name is the schema layer's finding ("must not be empty"), not a missing endpoint.
    if (ref === undefined || ref === '') return undefined;
    const endpoint = endpoints.get(ref);
    if (!endpoint) {
      issues.push(
        issue(
          'ref.endpoint.notFound',
          `${stage.path}/endpointRef`,
          `No endpoint named "${ref}" in the instance.`,
        ),
      );
      return undefined;
    }
    return endpointSpec(endpoint.doc);
  };
  const sourceStage = stages.sources[0];
  const destinationStage = stages.destinations[0];
  const transformation = stages.transformations[0];
  const source = resolve(sourceStage);
  const destination = resolve(destinationStage);

  if (sourceStage && source) issues.push(...sourceRules(sourceStage, source, instanceCount));
  if (destinationStage && destination)
    issues.push(...destinationRules(destinationStage, destination, transformation));
  if (
    source &&
    destination &&
    canBeSource(source).ok &&
    !isLocalBroker(source) &&
    !isLocalBroker(destination)
  ) {
    issues.push(
      issue(
        'dataflow.localBroker.required',
        '/spec/operations',
        'Neither the source nor the destination is the local MQTT broker (host aio-broker); one of them must be. Route through the broker with two dataflows.',
      ),
    );
  }
  return issues;
}

function sourceRules(stage: Stage, endpoint: EndpointSpecLike, instanceCount: number): Issue[] {
  const refPath = `${stage.path}/endpointRef`;
  const verdict = canBeSource(endpoint);
  if (!verdict.ok) return [issue(verdict.code, refPath, verdict.reason)];
  const issues: Issue[] = [];
  const topics = arr(stage.settings.dataSources);
  if (endpoint.endpointType === 'Kafka') {
    const kafka = obj(endpoint.kafkaSettings);
    if (kafka && kafka.consumerGroupId === undefined) {
      issues.push(
        issue(
          'dataflow.source.consumerGroup.required',
          refPath,
          'A Kafka source endpoint needs kafkaSettings.consumerGroupId.',
        ),
      );
    }
    topics.forEach((topic, i) => {
      const problem = typeof topic === 'string' && topic !== '' ? kafkaTopicProblem(topic) : undefined;
      if (problem)
        issues.push(issue('dataflow.source.topic.invalid', `${stage.path}/dataSources/${i}`, problem));
    });
    return issues;
  }
  const eventGrid = flavourFromHost('Mqtt', str(obj(endpoint.mqttSettings)?.host)) === 'event-grid';
  if (eventGrid && instanceCount !== 1) {
    issues.push(
      issue(
        'dataflow.source.eventGrid.instanceCount',
        '/spec/profileRef',
        `Event Grid has no shared subscriptions, so a dataflow reading from it needs a profile with instanceCount 1 (this one has ${instanceCount}).`,
      ),
    );
  }
  topics.forEach((topic, i) => {
    // Empty topics are a schema error already.
    if (typeof topic !== 'string' || topic === '') return;
    const problem = mqttTopicFilterProblem(topic);
    if (problem) {
      issues.push(issue('dataflow.source.topic.invalid', `${stage.path}/dataSources/${i}`, problem));
    } else if (instanceCount > 1 && !eventGrid && !isSharedSubscription(topic)) {
      issues.push(
        issue(
          'dataflow.source.sharedSubscription',
          `${stage.path}/dataSources/${i}`,
          isLocalBroker(endpoint)
            ? `The profile runs ${instanceCount} instances; the local broker gets a generated $shared/<group>/ prefix, write $shared/<group>/${topic} to name the group yourself.`
            : `The profile runs ${instanceCount} instances and each receives every message of ${topic}; use $shared/<group>/${topic} if the broker supports shared subscriptions.`,
        ),
      );
    }
  });
  return issues;
}

function destinationRules(
  stage: Stage,
  endpoint: EndpointSpecLike,
  transformation: Stage | undefined,
): Issue[] {
  const issues: Issue[] = [];
  const type = endpoint.endpointType;
  const target = str(stage.settings.dataDestination);
  const destinationPath = `${stage.path}/dataDestination`;
  const formatPath = transformation ? `${transformation.path}/serializationFormat` : '/spec/operations';
  const format = str(transformation?.settings.serializationFormat) ?? 'Json';

  const allowed: readonly string[] | undefined = requiredOutputFormats(type);
  if (allowed) {
    if (transformation?.settings.schemaRef === undefined) {
      issues.push(
        issue(
          'dataflow.destination.schema.required',
          transformation ? `${transformation.path}/schemaRef` : '/spec/operations',
          `A ${type} destination writes typed files or tables: the transformation needs a schemaRef describing the output.`,
        ),
      );
    }
    if (!allowed.includes(format)) {
      issues.push(
        issue(
          'dataflow.destination.serialization.unsupported',
          formatPath,
          `A ${type} destination needs serializationFormat ${allowed.join(' or ')}${transformation ? '' : ' in a BuiltInTransformation'}; it is ${format}.`,
        ),
      );
    }
  } else if (format !== 'Json') {
    issues.push(
      issue(
        'dataflow.destination.serialization.unusual',
        formatPath,
        `${format} output sent to a ${type} endpoint; its consumers usually expect JSON.`,
      ),
    );
  }

  if (target !== undefined) {
    if (type === 'Mqtt') {
      const problem = mqttTopicNameProblem(target);
      if (problem) issues.push(issue('dataflow.destination.topic.invalid', destinationPath, problem));
    } else if (type === 'Kafka') {
      const problem = kafkaTopicProblem(target);
      if (problem) issues.push(issue('dataflow.destination.topic.invalid', destinationPath, problem));
    } else if (target.includes('${inputTopic')) {
      issues.push(
        issue(
          'dataflow.destination.topic.invalid',
          destinationPath,
          '${inputTopic} works only for MQTT destinations.',
        ),
      );
    }
  }

  if (type === 'Mqtt') {
    const mqtt = obj(endpoint.mqttSettings);
    const host = str(mqtt?.host);
    if (flavourFromHost('Mqtt', host) === 'event-grid') {
      const retain = str(obj(Value.Default(MqttSettings, structuredClone(mqtt ?? {})))?.retain);
      if (retain === 'Keep') {
        issues.push(
          issue(
            'dataflow.destination.eventGrid.retain',
            `${stage.path}/endpointRef`,
            'Event Grid rejects retained messages and the endpoint keeps the retain flag (retain: Keep, the default); set retain: Never on the endpoint.',
          ),
        );
      }
    }
  }
  return issues;
}
