import { detectFlavour, isSharedSubscription, type DataflowEndpoint } from '@flowplane/model';

/**
 * What the source's topics may be, for the endpoint chosen: MQTT filters with their wildcards and how
 * shared subscriptions come about (the profile's instance count), Kafka topic names without wildcards.
 */
export function sourceTopicsHelp(
  endpoint: DataflowEndpoint | undefined,
  topics: readonly unknown[],
  instanceCount: number,
): string | undefined {
  if (endpoint === undefined) return undefined;
  if (endpoint.spec.endpointType === 'Kafka') {
    return 'Kafka topic names, without wildcards; for Event Hubs each event hub is a topic.';
  }
  if (endpoint.spec.endpointType !== 'Mqtt') return undefined;
  const parts = [
    'MQTT topic filters: + matches one level (factory/+/telemetry), # the rest (factory/#, last level only).',
  ];
  if (detectFlavour(endpoint.spec) === 'event-grid') {
    parts.push('Event Grid has no shared subscriptions: the profile must run one instance.');
  } else if (instanceCount > 1) {
    parts.push(
      `The profile runs ${instanceCount} instances: the platform shares each filter among them ($shared/<group>/…) by itself.`,
    );
  } else {
    parts.push('With a profile of several instances, each filter becomes a shared subscription by itself.');
  }
  if (topics.some((t) => typeof t === 'string' && isSharedSubscription(t))) {
    parts.push(
      'A $shared/ (or $share/) prefix written here is allowed, but the platform adds it when needed.',
    );
  }
  return parts.join(' ');
}
