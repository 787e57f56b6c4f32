import type { ResourceKey } from './resource.ts';

export type Severity = 'error' | 'warning';

/** One finding of validation. `path` is a JSON pointer into the resource (RFC 6901). */
export interface Issue {
  path: string;
  code: IssueCode;
  message: string;
  severity: Severity;
}

/** An issue found while validating a set of resources, with the resource it belongs to. */
export interface ResourceIssue extends Issue {
  resource: ResourceKey;
  /** Position of the resource in the list that was validated. */
  index: number;
}

interface CodeInfo {
  severity: Severity;
  layer: 'schema' | 'resource' | 'instance' | 'export' | 'import';
  summary: string;
}

/**
 * Every issue code Flowplane emits. Codes are stable: tools may match on them. docs/validation-codes.md
 * is generated from this list (`pnpm --filter @flowplane/model docs:codes`).
 */
export const ISSUE_CODES = {
  'schema.required': { severity: 'error', layer: 'schema', summary: 'A required field is missing.' },
  'schema.unknownField': {
    severity: 'error',
    layer: 'schema',
    summary: 'A field the resource does not define.',
  },
  'schema.type': { severity: 'error', layer: 'schema', summary: 'A value has the wrong JSON type.' },
  'schema.enum': { severity: 'error', layer: 'schema', summary: 'A value is not one of the allowed values.' },
  'schema.const': {
    severity: 'error',
    layer: 'schema',
    summary: 'A fixed value (apiVersion, kind) is different.',
  },
  'schema.pattern': {
    severity: 'error',
    layer: 'schema',
    summary: 'A string does not have the required form.',
  },
  'schema.minLength': { severity: 'error', layer: 'schema', summary: 'A string is too short (or empty).' },
  'schema.maxLength': { severity: 'error', layer: 'schema', summary: 'A string is too long.' },
  'schema.minimum': { severity: 'error', layer: 'schema', summary: 'A number is below its minimum.' },
  'schema.maximum': { severity: 'error', layer: 'schema', summary: 'A number is above its maximum.' },
  'schema.minItems': { severity: 'error', layer: 'schema', summary: 'A list has too few items.' },
  'schema.maxItems': { severity: 'error', layer: 'schema', summary: 'A list has too many items.' },
  'schema.invalid': { severity: 'error', layer: 'schema', summary: 'Any other schema violation.' },
  'resource.notObject': { severity: 'error', layer: 'schema', summary: 'A document is not an object.' },
  'resource.kind.unknown': {
    severity: 'error',
    layer: 'schema',
    summary: 'The kind is not DataflowEndpoint, DataflowProfile or Dataflow.',
  },

  'endpoint.settings.missing': {
    severity: 'error',
    layer: 'resource',
    summary: 'The settings block matching endpointType is missing.',
  },
  'endpoint.settings.unexpected': {
    severity: 'error',
    layer: 'resource',
    summary: 'A settings block of another endpoint type is present.',
  },
  'endpoint.hostType.mismatch': {
    severity: 'error',
    layer: 'resource',
    summary: 'hostType belongs to another endpointType.',
  },
  'endpoint.hostType.host': {
    severity: 'warning',
    layer: 'resource',
    summary: 'hostType names a flavour the host does not look like.',
  },
  'endpoint.default.modified': {
    severity: 'warning',
    layer: 'resource',
    summary: 'The built-in default endpoint differs from what the platform creates.',
  },
  'auth.settings.missing': {
    severity: 'error',
    layer: 'resource',
    summary: 'The settings block the authentication method needs is missing.',
  },
  'auth.settings.unexpected': {
    severity: 'error',
    layer: 'resource',
    summary: 'A settings block of another authentication method is present.',
  },
  'auth.flavour.unsupported': {
    severity: 'warning',
    layer: 'resource',
    summary: 'The service behind this host does not document this authentication method.',
  },
  'host.invalid': {
    severity: 'error',
    layer: 'resource',
    summary: 'The host does not have the form this endpoint type needs.',
  },
  'host.port.missing': {
    severity: 'error',
    layer: 'resource',
    summary: 'MQTT and Kafka hosts need a :port.',
  },
  'host.port.invalid': { severity: 'error', layer: 'resource', summary: 'The port is not a number 1–65535.' },
  'host.port.recommended': {
    severity: 'warning',
    layer: 'resource',
    summary: 'An OpenTelemetry host without a port relies on the scheme default.',
  },
  'host.port.unusual': {
    severity: 'warning',
    layer: 'resource',
    summary: 'The port differs from the one the service listens on.',
  },
  'tls.port.mismatch': {
    severity: 'warning',
    layer: 'resource',
    summary: 'TLS setting and well-known port disagree (1883 is plain MQTT, 8883 is MQTT over TLS).',
  },
  'tls.required': {
    severity: 'error',
    layer: 'resource',
    summary: 'The service accepts TLS connections only.',
  },
  'kafka.compression.unsupported': {
    severity: 'error',
    layer: 'resource',
    summary: 'Event Hubs and Fabric Real-Time support only Gzip compression.',
  },
  'kafka.consumerGroupId.missing': {
    severity: 'warning',
    layer: 'resource',
    summary: 'Without consumerGroupId a Kafka endpoint cannot be a dataflow source.',
  },
  'eventgrid.websockets.path': {
    severity: 'warning',
    layer: 'resource',
    summary: 'Event Grid over WebSockets needs /mqtt at the end of the host.',
  },
  'dataflow.operations.source.count': {
    severity: 'error',
    layer: 'resource',
    summary: 'A dataflow has exactly one Source operation.',
  },
  'dataflow.operations.destination.count': {
    severity: 'error',
    layer: 'resource',
    summary: 'A dataflow has exactly one Destination operation.',
  },
  'dataflow.operations.transformation.count': {
    severity: 'error',
    layer: 'resource',
    summary: 'A dataflow has at most one BuiltInTransformation operation.',
  },
  'dataflow.operations.order': {
    severity: 'error',
    layer: 'resource',
    summary: 'Operations run Source, then BuiltInTransformation, then Destination.',
  },
  'dataflow.operation.settings.missing': {
    severity: 'error',
    layer: 'resource',
    summary: 'An operation lacks the settings block of its operationType.',
  },
  'dataflow.operation.settings.unexpected': {
    severity: 'warning',
    layer: 'resource',
    summary: 'An operation carries settings of another operationType (counted as that stage).',
  },
  'dataflow.map.expression.required': {
    severity: 'error',
    layer: 'resource',
    summary: 'A map rule with several inputs, or none, needs an expression.',
  },
  'dataflow.header.value.required': {
    severity: 'error',
    layer: 'resource',
    summary: 'AddIfNotPresent and AddOrReplace header actions need a value.',
  },
  'dataflow.header.value.unexpected': {
    severity: 'error',
    layer: 'resource',
    summary: 'A Remove header action takes no value.',
  },
  'transformation.invalid': {
    severity: 'error',
    layer: 'resource',
    summary:
      'A dataset, filter or map rule does not compile: a malformed field path or expression, or an unknown function (checked by the mapping engine).',
  },
  'schemaRef.format': {
    severity: 'warning',
    layer: 'resource',
    summary: 'A schema reference is not of the form aio-sr://[namespace/]name:version.',
  },

  'graph.node.duplicate': {
    severity: 'error',
    layer: 'resource',
    summary: 'Two nodes of a graph have the same name.',
  },
  'graph.node.settings.missing': {
    severity: 'error',
    layer: 'resource',
    summary: 'A graph node lacks the settings block of its nodeType.',
  },
  'graph.node.settings.unexpected': {
    severity: 'error',
    layer: 'resource',
    summary: 'A graph node carries settings of another nodeType.',
  },
  'graph.nodes.source.count': {
    severity: 'error',
    layer: 'resource',
    summary: 'A graph needs at least one Source node.',
  },
  'graph.nodes.destination.count': {
    severity: 'error',
    layer: 'resource',
    summary: 'A graph needs at least one Destination node.',
  },
  'graph.connection.node.notFound': {
    severity: 'error',
    layer: 'resource',
    summary: 'A connection names a node (or node output port) the graph does not have.',
  },
  'graph.connection.direction': {
    severity: 'error',
    layer: 'resource',
    summary: 'A connection leaves a Destination or enters a Source.',
  },
  'graph.connection.cycle': {
    severity: 'error',
    layer: 'resource',
    summary: 'The connections form a cycle.',
  },
  'graph.node.unconnected': {
    severity: 'warning',
    layer: 'resource',
    summary: 'A node that no data reaches or leaves.',
  },

  'resource.duplicate': {
    severity: 'error',
    layer: 'instance',
    summary: 'Two resources of the same kind have the same name.',
  },
  'ref.endpoint.notFound': {
    severity: 'error',
    layer: 'instance',
    summary: 'The referenced endpoint does not exist in the instance.',
  },
  'ref.profile.notFound': {
    severity: 'error',
    layer: 'instance',
    summary: 'The referenced dataflow profile does not exist in the instance.',
  },
  'dataflow.source.endpointType': {
    severity: 'error',
    layer: 'instance',
    summary: 'Only MQTT and Kafka endpoints can be sources.',
  },
  'dataflow.localBroker.required': {
    severity: 'error',
    layer: 'instance',
    summary: 'The source or the destination must be the local MQTT broker (host aio-broker).',
  },
  'dataflow.destination.schema.required': {
    severity: 'error',
    layer: 'instance',
    summary: 'Storage destinations need a schemaRef in the transformation.',
  },
  'dataflow.destination.serialization.unsupported': {
    severity: 'error',
    layer: 'instance',
    summary: 'Storage destinations need Parquet or Delta (local storage: Parquet only).',
  },
  'dataflow.destination.serialization.unusual': {
    severity: 'warning',
    layer: 'instance',
    summary: 'Parquet or Delta output sent to a message broker or collector.',
  },
  'dataflow.source.consumerGroup.required': {
    severity: 'error',
    layer: 'instance',
    summary: 'A Kafka source endpoint needs consumerGroupId.',
  },
  'dataflow.source.eventGrid.instanceCount': {
    severity: 'error',
    layer: 'instance',
    summary: "An Event Grid source needs the profile's instanceCount to be 1.",
  },
  'dataflow.source.topic.invalid': {
    severity: 'error',
    layer: 'instance',
    summary: 'An MQTT topic filter or Kafka topic is malformed (Kafka topics take no wildcards).',
  },
  'dataflow.destination.topic.invalid': {
    severity: 'error',
    layer: 'instance',
    summary:
      'A destination topic contains MQTT wildcards, or dynamic ${inputTopic} where only static names work.',
  },
  'dataflow.source.sharedSubscription': {
    severity: 'warning',
    layer: 'instance',
    summary: 'An MQTT source without a shared subscription in a profile with instanceCount > 1.',
  },
  'dataflow.destination.eventGrid.retain': {
    severity: 'warning',
    layer: 'instance',
    summary: 'Event Grid rejects retained messages; set retain: Never on the destination endpoint.',
  },
  'graph.source.endpointType': {
    severity: 'error',
    layer: 'instance',
    summary: 'Dataflow graphs read from MQTT, Kafka and OpenTelemetry endpoints only.',
  },
  'graph.destination.endpointType': {
    severity: 'error',
    layer: 'instance',
    summary: 'Dataflow graphs write to MQTT, Kafka and OpenTelemetry endpoints only.',
  },
  'profile.dataflows.tooMany': {
    severity: 'warning',
    layer: 'instance',
    summary: 'More than 70 dataflows and graphs in one profile exceed the profile configuration size limit.',
  },

  'manifest.syntax': {
    severity: 'error',
    layer: 'import',
    summary: 'A YAML or JSON document cannot be parsed (the message gives document, line and column).',
  },
  'manifest.unsupported': {
    severity: 'error',
    layer: 'import',
    summary: 'A document is not a resource Flowplane understands (kind, apiVersion or ARM type).',
  },
  'manifest.ignored': {
    severity: 'warning',
    layer: 'import',
    summary: 'A document that is not a dataflow resource (an instance, a broker, ...) was skipped.',
  },
  'manifest.legacy.translated': {
    severity: 'warning',
    layer: 'import',
    summary: 'A field of the older v1beta1 format was translated to its v1 form.',
  },
  'manifest.enum.case': {
    severity: 'warning',
    layer: 'import',
    summary: 'An enum value was written in another case and was normalized (e.g. source → Source).',
  },
  'manifest.value.normalized': {
    severity: 'warning',
    layer: 'import',
    summary: 'A value was rewritten to its canonical form on import (e.g. a leading @ in a map input).',
  },
  'export.field.dropped': {
    severity: 'warning',
    layer: 'export',
    summary: 'The target format has no place for a field (e.g. labels in ARM); it is left out.',
  },
  'apiVersion.unknown': {
    severity: 'error',
    layer: 'export',
    summary: 'The requested ARM API version is not one Flowplane knows.',
  },
  'apiVersion.feature.unsupported': {
    severity: 'error',
    layer: 'export',
    summary: 'The resource uses something the requested API version cannot express.',
  },
} as const satisfies Record<string, CodeInfo>;

export type IssueCode = keyof typeof ISSUE_CODES;

export function issue(code: IssueCode, path: string, message: string): Issue {
  return { path, code, message, severity: ISSUE_CODES[code].severity };
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** RFC 6901 pointer from path segments. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/** An issue found while reading a manifest: which document, and where in the text when known. */
export interface ManifestIssue extends Issue {
  /** 0-based index of the document in the file (multi-document YAML, or the ARM resources list). */
  document: number;
  /** 1-based line and column in the file. */
  line?: number;
  column?: number;
}
