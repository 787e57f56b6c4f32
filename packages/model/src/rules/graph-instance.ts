import { issue, type Issue } from '../issues.ts';
import { kafkaTopicProblem, mqttTopicFilterProblem, mqttTopicNameProblem } from '../topics.ts';
import { arr, obj, str } from './access.ts';
import { graphNodesOf, type GraphNodeRef } from './graph.ts';

/** Endpoint types a graph can read from and write to (the graph documentation lists these only). */
const GRAPH_ENDPOINT_TYPES = ['Mqtt', 'Kafka', 'OpenTelemetry'];

type Endpoints = Map<string, { doc: Record<string, unknown> }>;

/** Layer 3 for a graph: its endpoints exist and are of types graphs support; topics fit them. */
export function graphRulesInInstance(spec: Record<string, unknown>, endpoints: Endpoints): Issue[] {
  const issues: Issue[] = [];
  for (const node of graphNodesOf(spec)) {
    if (node.type === undefined || node.type === 'Graph' || !node.settings) continue;
    const ref = str(node.settings.endpointRef);
    // An empty name is the schema layer's finding, not a missing endpoint.
    if (ref === undefined || ref === '') continue;
    const refPath = `${node.path}/endpointRef`;
    const endpoint = endpoints.get(ref);
    if (!endpoint) {
      issues.push(issue('ref.endpoint.notFound', refPath, `No endpoint named "${ref}" in the instance.`));
      continue;
    }
    const endpointSpec = obj(endpoint.doc.spec);
    const type = str(endpointSpec?.endpointType);
    if (type === undefined) continue;
    if (!GRAPH_ENDPOINT_TYPES.includes(type)) {
      issues.push(
        issue(
          node.type === 'Source' ? 'graph.source.endpointType' : 'graph.destination.endpointType',
          refPath,
          `Dataflow graphs ${node.type === 'Source' ? 'read from' : 'write to'} MQTT, Kafka and OpenTelemetry endpoints only; "${ref}" is ${type}. Use a dataflow for other types.`,
        ),
      );
      continue;
    }
    issues.push(
      ...(node.type === 'Source'
        ? sourceTopicRules(node, type, endpointSpec)
        : destinationTopicRules(node, type)),
    );
  }
  return issues;
}

function sourceTopicRules(
  node: GraphNodeRef,
  type: string,
  endpointSpec: Record<string, unknown> | undefined,
): Issue[] {
  const issues: Issue[] = [];
  if (type === 'Kafka' && obj(endpointSpec?.kafkaSettings)?.consumerGroupId === undefined) {
    issues.push(
      issue(
        'dataflow.source.consumerGroup.required',
        `${node.path}/endpointRef`,
        'A Kafka source endpoint needs kafkaSettings.consumerGroupId.',
      ),
    );
  }
  arr(node.settings?.dataSources).forEach((topic, i) => {
    if (typeof topic !== 'string' || topic === '') return;
    const problem =
      type === 'Kafka'
        ? kafkaTopicProblem(topic)
        : type === 'Mqtt'
          ? mqttTopicFilterProblem(topic)
          : undefined;
    if (problem)
      issues.push(issue('dataflow.source.topic.invalid', `${node.path}/dataSources/${i}`, problem));
  });
  return issues;
}

function destinationTopicRules(node: GraphNodeRef, type: string): Issue[] {
  const target = str(node.settings?.dataDestination);
  if (target === undefined || target === '') return [];
  // Like ${inputTopic}, the graph's ${outputTopic} is only documented for MQTT destinations.
  const problem =
    type === 'Mqtt' ? mqttTopicNameProblem(target) : type === 'Kafka' ? kafkaTopicProblem(target) : undefined;
  return problem
    ? [issue('dataflow.destination.topic.invalid', `${node.path}/dataDestination`, problem)]
    : [];
}
