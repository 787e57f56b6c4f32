import type { DataflowEndpointSpec } from './schema/endpoint.ts';
import { isLocalBrokerHostname, parseHost } from './hosts.ts';
import type { IssueCode } from './issues.ts';

type EndpointShape = Pick<DataflowEndpointSpec, 'endpointType' | 'mqttSettings'>;

/** Pure answers to "may this be connected?": shared by the builder's isValidConnection and the validator. */
export type Verdict = { ok: true } | { ok: false; code: IssueCode; reason: string };

const OK: Verdict = { ok: true };

/** An MQTT endpoint that talks to the instance's own broker (host aio-broker, any port, or no host). */
export function isLocalBroker(spec: EndpointShape): boolean {
  if (spec.endpointType !== 'Mqtt') return false;
  const host = spec.mqttSettings?.host;
  if (host === undefined) return true;
  const parts = typeof host === 'string' ? parseHost(host) : undefined;
  return parts !== undefined && isLocalBrokerHostname(parts.hostname);
}

export function canBeSource(spec: EndpointShape): Verdict {
  if (spec.endpointType === 'Mqtt' || spec.endpointType === 'Kafka') return OK;
  return {
    ok: false,
    code: 'dataflow.source.endpointType',
    reason: `A ${spec.endpointType} endpoint can only be a destination; sources are MQTT or Kafka endpoints.`,
  };
}

/** Every endpoint type can receive data. */
export function canBeDestination(_spec: EndpointShape): Verdict {
  return OK;
}

/** May data flow from `source` to `destination` in one dataflow? */
export function canConnect(source: EndpointShape, destination: EndpointShape): Verdict {
  const asSource = canBeSource(source);
  if (!asSource.ok) return asSource;
  if (!isLocalBroker(source) && !isLocalBroker(destination)) {
    return {
      ok: false,
      code: 'dataflow.localBroker.required',
      reason:
        'One side of every dataflow must be the local MQTT broker (host aio-broker); bridge two external systems with two dataflows through it.',
    };
  }
  return OK;
}

/**
 * The output formats a destination of this endpoint type needs from the transformation, first the one to
 * offer; undefined when it takes the default (JSON). Storage writes typed files or tables.
 */
export function requiredOutputFormats(
  type: DataflowEndpointSpec['endpointType'],
): readonly ('Parquet' | 'Delta')[] | undefined {
  switch (type) {
    case 'LocalStorage':
      return ['Parquet'];
    case 'DataLakeStorage':
    case 'FabricOneLake':
    case 'DataExplorer':
      return ['Parquet', 'Delta'];
    default:
      return undefined;
  }
}
