import {
  type Resource,
  ENDPOINT_TYPES,
  ISSUE_CODES,
  InstanceInput,
  RESOURCE_KINDS,
  RESOURCE_NAME_PATTERN,
  StringEnum,
  type ResourceKind,
} from '@flowplane/model';
import { DATAFLOW_STATES } from '@flowplane/runtime';
import { Type } from 'typebox';
import { DEPLOYMENT_OUTCOMES, RUNTIME_ACTIONS } from './repositories/deployments.ts';
import { REVISION_OPERATIONS } from './repositories/revisions.ts';
import { resourceRef } from './validation.ts';

/*
 * The API's own shapes: envelopes around the model's resources (lists, revisions, problems, plans).
 * Resources themselves are always the model's schemas, referenced by kind (see validation.ts).
 */

const Name = (description: string) =>
  Type.String({ minLength: 1, maxLength: 253, description, examples: ['my-endpoint'] });

export const ResourceKeySchema = Type.Object(
  {
    kind: Type.String({ description: 'Resource kind.', examples: ['Dataflow'] }),
    name: Type.String({ description: 'Resource name.', examples: ['temperature-to-cloud'] }),
  },
  { additionalProperties: false },
);

export const IssueSchema = Type.Object(
  {
    path: Type.String({
      description: 'JSON pointer (RFC 6901) to the field, in the resource.',
      examples: ['/spec/mqttSettings/host'],
    }),
    code: StringEnum(Object.keys(ISSUE_CODES), {
      description: 'Stable code (docs/validation-codes.md).',
      examples: ['host.port.missing'],
    }),
    message: Type.String({ description: 'What is wrong, for people.' }),
    severity: Type.Optional(
      StringEnum(['error', 'warning'], { description: 'Errors block a write; warnings do not.' }),
    ),
    resource: Type.Optional(ResourceKeySchema),
    document: Type.Optional(
      Type.Integer({ minimum: 0, description: '0-based document of a submitted bundle.' }),
    ),
    line: Type.Optional(Type.Integer({ minimum: 1 })),
    column: Type.Optional(Type.Integer({ minimum: 1 })),
    in: Type.Optional(
      StringEnum(['body', 'querystring', 'params', 'headers'], { description: 'Part of the request.' }),
    ),
  },
  { additionalProperties: false, description: 'One finding of validation.' },
);

/** RFC 9457 problem details, with Flowplane's extension members. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({
      description: 'URI naming the kind of problem.',
      examples: ['urn:flowplane:problem:invalid-request'],
    }),
    title: Type.String({
      description: 'Short summary of the kind of problem.',
      examples: ['Invalid request'],
    }),
    status: Type.Integer({ description: 'HTTP status code.', examples: [400] }),
    detail: Type.String({ description: 'What happened in this case.' }),
    instance: Type.Optional(Type.String({ description: 'The request path.' })),
    requestId: Type.Optional(Type.String({ description: 'Id under which the server logged the request.' })),
    errors: Type.Optional(Type.Array(IssueSchema, { description: 'Every bad field (400, 422).' })),
    usedBy: Type.Optional(
      Type.Array(ResourceKeySchema, { description: 'What still uses the resource (409).' }),
    ),
    currentResourceVersion: Type.Optional(
      Type.String({ description: 'The version that is current now (412).' }),
    ),
    target: Type.Optional(
      Type.String({
        description: 'The runtime that refused or did not answer (deploy: 422, 502, 504).',
        examples: ['http://127.0.0.1:8081'],
      }),
    ),
    deployment: Type.Optional(
      Type.Integer({ description: 'Id of the deployment that recorded the failed attempt.', examples: [7] }),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' },
);

export const problemRef = { $ref: 'Problem#' } as const;

/**
 * Error responses shared by routes, for the OpenAPI document: a status, or a status with what it means on
 * this route.
 */
export function problems(...statuses: (number | [status: number, description: string])[]) {
  const descriptions: Record<number, string> = {
    400: 'Malformed request or a schema violation; `errors` has the JSON pointer of each bad field.',
    401: 'Missing or wrong bearer token (only when FLOWPLANE_API_TOKEN is set).',
    404: 'No such instance or resource.',
    409: 'Already exists, or still in use (`usedBy`).',
    412: 'If-Match names a version that is no longer current (`currentResourceVersion`).',
    413: 'Body larger than 1 MiB.',
    415: 'Unsupported Content-Type.',
    422: 'Well-formed but breaks rules; `errors` has the JSON pointer of each finding.',
    502: 'The runtime cannot be reached or answered something unusable (`target`; `deployment` recorded it).',
    504: 'The runtime did not answer in time (`target`; `deployment` recorded it).',
  };
  return Object.fromEntries(
    [...statuses, 401].map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, descriptions[entry]];
      return [
        status,
        {
          description: description ?? 'Error.',
          content: { 'application/problem+json': { schema: problemRef } },
        },
      ];
    }),
  );
}

export const InstanceParams = Type.Object(
  { instance: Name('Name of the instance.') },
  { additionalProperties: false },
);
export const ResourceParams = Type.Object(
  { instance: Name('Name of the instance.'), name: Name('Name of the resource.') },
  { additionalProperties: false },
);
export const RevisionParams = Type.Object(
  {
    instance: Name('Name of the instance.'),
    name: Name('Name of the resource.'),
    revision: Type.Integer({
      minimum: 1,
      description: 'Revision number (1 is the first write).',
      examples: [1],
    }),
  },
  { additionalProperties: false },
);

const Paging = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Items per page.' }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the previous page.' })),
  q: Type.Optional(
    Type.String({ maxLength: 63, description: 'Only names containing this text.', examples: ['temp'] }),
  ),
};

export const InstanceListQuery = Type.Object(Paging, { additionalProperties: false });

export const LIST_QUERIES: Record<ResourceKind, ReturnType<typeof Type.Object>> = {
  DataflowEndpoint: Type.Object(
    {
      ...Paging,
      type: Type.Optional(
        StringEnum(ENDPOINT_TYPES, { description: 'Only endpoints of this endpointType.' }),
      ),
    },
    { additionalProperties: false },
  ),
  DataflowProfile: Type.Object(Paging, { additionalProperties: false }),
  Dataflow: flowListQuery('dataflows'),
  DataflowGraph: flowListQuery('graphs'),
};

function flowListQuery(what: string) {
  return Type.Object(
    {
      ...Paging,
      profile: Type.Optional(
        Type.String({ pattern: RESOURCE_NAME_PATTERN, description: `Only ${what} in this profile.` }),
      ),
      endpoint: Type.Optional(
        Type.String({ pattern: RESOURCE_NAME_PATTERN, description: `Only ${what} that use this endpoint.` }),
      ),
      draft: Type.Optional(Type.Boolean({ description: 'true: only drafts; false: no drafts.' })),
    },
    { additionalProperties: false },
  );
}

export const DraftQuery = Type.Object(
  {
    draft: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Store the resource even if it breaks rules (schema-valid bodies only); it is marked as a draft and never deployed.',
      }),
    ),
  },
  { additionalProperties: false },
);
export const NoQuery = Type.Object({}, { additionalProperties: false });

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      description: 'ETag (or resourceVersion) the change is based on; a stale one gets 412.',
      examples: ['"42"'],
    }),
  ),
});

export function listSchema(kind: ResourceKind) {
  return Type.Object(
    {
      kind: Type.Literal(`${kind}List`),
      items: Type.Array(resourceRef(kind)),
      nextCursor: Type.Union([Type.String(), Type.Null()], {
        description: 'Pass as cursor for the next page; null on the last.',
      }),
    },
    { description: `A page of ${kind} resources, ordered by name.` },
  );
}

/** The body of instance writes: the model's, so the portal's dialog checks exactly what the API checks. */
export const InstanceInputSchema = InstanceInput;

export const InstanceSchema = Type.Object(
  {
    name: Type.String(),
    namespace: Type.String(),
    description: Type.Optional(Type.String()),
    uid: Type.String({ description: 'Read-only: unique id.' }),
    resourceVersion: Type.String({ description: 'Read-only: version for If-Match.' }),
    creationTimestamp: Type.String({ description: 'Read-only: RFC 3339 time of creation.' }),
    runtime: Type.Union(
      [
        Type.Object({
          url: Type.String({ description: "The runtime's control URL." }),
          embedded: Type.Boolean({ description: 'Started by this API process (pnpm start).' }),
        }),
        Type.Null(),
      ],
      {
        description:
          'Read-only: the runtime that serves this instance (POST …/deploy, GET …/runtime), or null: none does, and those answer 409.',
      },
    ),
  },
  { description: 'An Azure IoT Operations instance.' },
);

export const InstanceListSchema = Type.Object({
  kind: Type.Literal('InstanceList'),
  items: Type.Array(InstanceSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const InstanceDeleteQuery = Type.Object(
  {
    cascade: Type.Optional(
      Type.Boolean({ default: false, description: 'Delete everything the instance holds too.' }),
    ),
  },
  { additionalProperties: false },
);

const RevisionSummaryProperties = {
  revision: Type.Integer({ minimum: 1 }),
  operation: StringEnum(REVISION_OPERATIONS, { description: 'What the write was.' }),
  actor: Type.Optional(Type.String({ description: "Who wrote it, when known (the request's From header)." })),
  timestamp: Type.String({ description: 'RFC 3339 time of the write.' }),
  resourceVersion: Type.Optional(Type.String()),
};

export const RevisionListSchema = Type.Object({
  items: Type.Array(Type.Object(RevisionSummaryProperties), { description: 'Newest first.' }),
});

export const InstanceRevisionQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'How many writes to return.' }),
    ),
  },
  { additionalProperties: false },
);

export const InstanceRevisionListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      kind: StringEnum(RESOURCE_KINDS, { description: 'Kind of the resource written.' }),
      name: Type.String({ description: 'Name of the resource written.' }),
      ...RevisionSummaryProperties,
    }),
    { description: 'Newest first, across kinds; deletes included.' },
  ),
});

export function revisionSchema(kind: ResourceKind) {
  return Type.Object({ ...RevisionSummaryProperties, resource: resourceRef(kind) });
}

export const ValidationResultSchema = Type.Object({
  valid: Type.Boolean({ description: 'No errors (warnings allowed).' }),
  issues: Type.Array(IssueSchema),
});

export const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Return the plan without writing.' })),
  },
  { additionalProperties: false },
);

export const ImportResultSchema = Type.Object({
  dryRun: Type.Boolean(),
  valid: Type.Boolean(),
  plan: Type.Array(
    Type.Object({
      kind: Type.String(),
      name: Type.String(),
      action: StringEnum(['create', 'update', 'unchanged'], {
        description: 'What the import does (or did).',
      }),
      document: Type.Integer({ minimum: 0 }),
    }),
  ),
  issues: Type.Array(IssueSchema),
});

export const ExportQuery = Type.Object(
  {
    format: Type.Optional(
      StringEnum(['kubernetes', 'arm', 'bicep'], { default: 'kubernetes', description: 'Output format.' }),
    ),
    apiVersion: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}(-preview)?$',
        description: 'ARM API version (arm, bicep).',
        examples: ['2025-10-01'],
      }),
    ),
    names: Type.Optional(
      Type.String({ maxLength: 4096, description: 'Comma-separated names to export (default: all).' }),
    ),
  },
  { additionalProperties: false },
);

/** Bodies that are manifest text: multi-document YAML or JSON (Kubernetes resources or ARM). */
export const ManifestBody = {
  content: {
    'application/yaml': { schema: Type.String({ description: 'Multi-document Kubernetes YAML.' }) },
    'application/json': {
      schema: Type.String({
        description: 'A JSON array of resources, or ARM JSON (template, PUT body, example).',
      }),
    },
  },
};

export const DeploymentParams = Type.Object(
  {
    instance: Name('Name of the instance.'),
    id: Type.Integer({ minimum: 1, description: 'Id of the deployment.', examples: [7] }),
  },
  { additionalProperties: false },
);

export const DeploymentListQuery = Type.Object(
  {
    limit: Paging.limit,
    cursor: Paging.cursor,
    outcome: Type.Optional(
      StringEnum(DEPLOYMENT_OUTCOMES, { description: 'Only deployments with this outcome.' }),
    ),
  },
  { additionalProperties: false },
);

export const RuntimePlanEntrySchema = Type.Object(
  {
    kind: Type.String({ examples: ['Dataflow'] }),
    name: Type.String({ examples: ['temperature-to-cloud'] }),
    action: StringEnum(RUNTIME_ACTIONS, {
      description:
        'What the runtime did: start a new dataflow, restart a changed one, stop a removed one, disable one whose mode is Disabled, or leave it unchanged.',
      examples: ['start'],
    }),
    reason: Type.Optional(Type.String({ examples: ['definition changed'] })),
  },
  { description: "The runtime's decision for one dataflow or graph." },
);

const DeploymentProperties = {
  id: Type.Integer({ minimum: 1, description: 'Increases with every deployment.', examples: [7] }),
  instance: Type.String({ examples: ['default'] }),
  target: Type.String({
    description: "The runtime's control URL.",
    examples: ['http://127.0.0.1:8081'],
  }),
  requestedAt: Type.String({ description: 'RFC 3339 time of the request.' }),
  finishedAt: Type.String({ description: 'RFC 3339 time the runtime answered (or the attempt gave up).' }),
  outcome: StringEnum(DEPLOYMENT_OUTCOMES, {
    description:
      'succeeded: the runtime runs the set; refused: it rejected the set and changed nothing (`issues`); failed: it could not be reached or gave no usable answer (`detail`).',
    examples: ['succeeded'],
  }),
  resourceCount: Type.Integer({ minimum: 0, description: 'Resources sent.', examples: [3] }),
  actor: Type.Optional(Type.String({ description: "Who deployed, when known (the request's From header)." })),
  plan: Type.Optional(Type.Array(RuntimePlanEntrySchema, { description: "Succeeded: the runtime's plan." })),
  issues: Type.Array(IssueSchema, {
    description:
      "Refused: the runtime's errors (and warnings); succeeded: its warnings. `document` is the position in the set sent.",
  }),
  detail: Type.Optional(Type.String({ description: 'Failed: why; refused: what the runtime said.' })),
};

export const DeploymentSchema = Type.Object(DeploymentProperties, {
  description: "One deployment of an instance's resources to a runtime.",
});

export const DeploymentDetailSchema = Type.Object(
  {
    ...DeploymentProperties,
    resources: Type.Array(
      Type.Unsafe<Resource>({
        anyOf: (['DataflowEndpoint', 'DataflowProfile', 'Dataflow', 'DataflowGraph'] as const).map(
          resourceRef,
        ),
      }),
      { description: 'The resources sent, exactly.' },
    ),
  },
  { description: 'A deployment with the resources it sent.' },
);

export const DeploymentListSchema = Type.Object(
  {
    kind: Type.Literal('DeploymentList'),
    items: Type.Array(DeploymentSchema),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as cursor for the next page; null on the last.',
    }),
  },
  { description: 'A page of deployments, newest first.' },
);

const Count = (description: string) => Type.Integer({ minimum: 0, description });

export const RuntimeDataflowSchema = Type.Object(
  {
    name: Type.String({ examples: ['temperature-to-cloud'] }),
    profile: Type.String({ examples: ['default'] }),
    state: StringEnum(DATAFLOW_STATES, {
      description: 'failed: it could not start (see lastError).',
      examples: ['running'],
    }),
    source: Type.String({ examples: ['default: factory/+/temperature'] }),
    destination: Type.String({ examples: ['default: cloud/temperature'] }),
    since: Type.String({ description: 'RFC 3339 time the state began.' }),
    inflight: Count('Messages received and not yet acknowledged.'),
    counters: Type.Object({
      received: Count('Messages read from the source.'),
      emitted: Count('Messages written to the destination.'),
      droppedByFilter: Count('Messages a filter dropped.'),
      deadLettered: Count('Messages that could not be processed (see deadLetters).'),
      sinkErrors: Count('Failed writes to the destination.'),
      retries: Count('Retried writes.'),
      redelivered: Count('Messages the source delivered again after a restart or reconnect.'),
    }),
    rates: Type.Object({
      receivedPerSecond: Type.Number({ minimum: 0 }),
      emittedPerSecond: Type.Number({ minimum: 0 }),
    }),
    latency: Type.Object(
      {
        count: Count('Messages measured.'),
        sumMs: Type.Number({ minimum: 0 }),
        buckets: Type.Array(Type.Integer({ minimum: 0 }), {
          description: 'Cumulative counts per latency bucket, then +Inf.',
        }),
        p50Ms: Type.Optional(Type.Number({ minimum: 0 })),
        p99Ms: Type.Optional(Type.Number({ minimum: 0 })),
      },
      { description: 'End-to-end latency, source to acknowledged destination write.' },
    ),
    lastError: Type.Optional(Type.Object({ at: Type.String(), message: Type.String() })),
    deadLetters: Type.Array(
      Type.Object({
        at: Type.String(),
        topic: Type.String(),
        reason: Type.String(),
        payload: Type.String({ description: 'The payload as text, cut at 1 KiB.' }),
      }),
      { description: 'The latest messages that could not be processed.' },
    ),
  },
  { description: 'What the runtime reports about one dataflow.' },
);

export const DeployResultSchema = Type.Object(
  {
    deployment: DeploymentSchema,
    plan: Type.Array(RuntimePlanEntrySchema, {
      description: 'What the runtime did, per dataflow and graph.',
    }),
    warnings: Type.Array(IssueSchema, { description: "The runtime's warnings about the set." }),
    dataflows: Type.Array(RuntimeDataflowSchema, { description: 'Every dataflow the runtime now knows.' }),
  },
  { description: 'The runtime applied the set; the deployment records it.' },
);

export const RuntimeStatusSchema = Type.Object(
  {
    instance: Type.String({ description: 'The instance the runtime serves.', examples: ['default'] }),
    target: Type.String({ description: "The runtime's control URL.", examples: ['http://127.0.0.1:8081'] }),
    embedded: Type.Boolean({ description: 'Started by the API itself (pnpm start).' }),
    deployment: Type.Union([DeploymentSchema, Type.Null()], {
      description:
        'The deployment the runtime runs: the last succeeded one, unless the runtime started after it finished (a runtime keeps nothing across a restart); null when there is none.',
    }),
    startedAt: Type.String({ description: 'RFC 3339 time the runtime started.' }),
    replica: Type.Optional(Type.Integer({ minimum: 0, examples: [0] })),
    localBroker: Type.Optional(
      Type.String({
        description: 'The MQTT broker standing in for the local broker (credentials masked).',
        examples: ['mqtt://127.0.0.1:1883'],
      }),
    ),
    dataflows: Type.Array(RuntimeDataflowSchema),
  },
  { description: "The runtime's GET /v1/status, with the deployment it runs." },
);
