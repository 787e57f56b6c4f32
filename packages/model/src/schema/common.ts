import { Type, type Static, type TSchema } from 'typebox';

/** Kubernetes group/version of every Flowplane resource. */
export const API_GROUP = 'connectivity.iotoperations.azure.com';
export const API_VERSION = `${API_GROUP}/v1`;
export const LEGACY_API_VERSION = `${API_GROUP}/v1beta1`;

/**
 * Hints for forms, as JSON Schema `x-` annotations (validators ignore them; OpenAPI carries them as
 * extensions). Labels are the `title` keyword or derived from the property name. A form's Basic section
 * holds the required fields and those marked basic; everything else is Advanced, as in the Azure portal.
 */
export const FORM_SECTION = 'x-flowplane-section';
export const FORM_WIDGET = 'x-flowplane-widget';
export const BASIC = { [FORM_SECTION]: 'basic' } as const;
/** A `<host>:<port>` string the portal edits as two fields, Host and Port. */
export const HOST_PORT = { [FORM_WIDGET]: 'host-port' } as const;

export const RESOURCE_NAME_PATTERN = '^[a-z0-9][a-z0-9-]*[a-z0-9]$';

/** A string enum with a description; the literal list is the single source of its values. */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description: string; title?: string; default?: T[number]; examples?: T[number][] },
) {
  return Type.Enum([...values] as T[number][], { type: 'string', ...options });
}

export function ResourceName(description: string, maxLength = 63) {
  return Type.String({
    pattern: RESOURCE_NAME_PATTERN,
    minLength: 3,
    maxLength,
    description: `${description} Lower-case letters, digits and '-', starting and ending with a letter or digit, 3–${maxLength} characters.`,
    examples: ['my-endpoint'],
  });
}

/** A reference to another Flowplane resource, so it has the form of a resource name. */
export function NameRef(description: string, example: string) {
  return Type.String({
    pattern: RESOURCE_NAME_PATTERN,
    minLength: 3,
    maxLength: 63,
    description,
    examples: [example],
  });
}

/** Metadata the server sets; accepted on input, never exported. */
export const READ_ONLY_METADATA_FIELDS = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
] as const;

/** A reference to something by name (a Secret, ConfigMap, ...): never empty. */
export function Ref(description: string, example: string, title?: string) {
  return Type.String({ minLength: 1, description, examples: [example], ...(title ? { title } : {}) });
}

export const Metadata = (kindLabel: string, nameMaxLength = 63) =>
  Type.Object(
    {
      name: ResourceName(`Name of the ${kindLabel}.`, nameMaxLength),
      namespace: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 63,
          description: 'Kubernetes namespace of the Azure IoT Operations instance.',
          examples: ['azure-iot-operations'],
        }),
      ),
      labels: Type.Optional(
        Type.Record(Type.String(), Type.String(), {
          description: 'Kubernetes labels.',
          examples: [{ team: 'plant-3' }],
        }),
      ),
      annotations: Type.Optional(
        Type.Record(Type.String(), Type.String(), {
          description: 'Kubernetes annotations.',
          examples: [{ 'flowplane.dev/owner': 'ops' }],
        }),
      ),
      // Set by the server; accepted so that what the API returns can be sent back unchanged.
      uid: Type.Optional(
        Type.String({ readOnly: true, description: 'Read-only: unique id assigned by the server.' }),
      ),
      resourceVersion: Type.Optional(
        Type.String({
          readOnly: true,
          description: 'Read-only: opaque version used for optimistic concurrency.',
        }),
      ),
      generation: Type.Optional(
        Type.Integer({
          minimum: 0,
          readOnly: true,
          description: 'Read-only: incremented on every spec change.',
        }),
      ),
      creationTimestamp: Type.Optional(
        Type.String({
          description: 'Read-only: RFC 3339 time of creation.',
          examples: ['2026-01-01T00:00:00Z'],
        }),
      ),
    },
    { additionalProperties: false, description: 'Kubernetes object metadata.' },
  );

/** Read-only status written by the server or the platform; never part of the definition. */
export const Status = Type.Optional(
  Type.Record(Type.String(), Type.Unknown(), { description: 'Read-only status; ignored on input.' }),
);

export function Envelope<K extends string, S extends TSchema>(
  kind: K,
  kindLabel: string,
  spec: S,
  description: string,
  nameMaxLength = 63,
) {
  return Type.Object(
    {
      apiVersion: Type.Literal(API_VERSION, { description: 'Kubernetes API group and version.' }),
      kind: Type.Literal(kind, { description: 'Resource kind.' }),
      metadata: Metadata(kindLabel, nameMaxLength),
      spec,
      status: Status,
    },
    { additionalProperties: false, description },
  );
}

export const OPERATIONAL_MODES = ['Enabled', 'Disabled'] as const;
export type OperationalMode = (typeof OPERATIONAL_MODES)[number];
export const OperationalMode = (description: string, defaultValue?: OperationalMode) =>
  StringEnum(OPERATIONAL_MODES, {
    description,
    ...(defaultValue ? { default: defaultValue } : {}),
    examples: ['Enabled'],
  });

export const Tls = (withDefault: boolean) =>
  Type.Object(
    {
      mode: Type.Optional(OperationalMode('Whether TLS is used for the connection.', 'Enabled')),
      trustedCaCertificateConfigMapRef: Type.Optional(
        Ref(
          'Name of a ConfigMap in the instance namespace holding the PEM CA bundle that signs the server certificate. Not needed for public CAs (Event Grid, Event Hubs).',
          'azure-iot-operations-aio-ca-trust-bundle',
        ),
      ),
    },
    {
      additionalProperties: false,
      description: 'TLS settings of the connection.',
      ...(withDefault ? { default: { mode: 'Enabled' } } : {}),
    },
  );
export type Tls = Static<ReturnType<typeof Tls>>;

const INT32_MAX = 2147483647;

export const Batching = Type.Object(
  {
    latencySeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 65535,
        default: 60,
        description: 'Longest time a message waits before its batch is written, in seconds.',
        examples: [60],
      }),
    ),
    maxMessages: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: INT32_MAX,
        default: 100000,
        description: 'Largest number of messages in one batch.',
        examples: [100000],
      }),
    ),
  },
  {
    additionalProperties: false,
    default: {},
    description: 'When a batch is written: whichever limit is reached first.',
  },
);

export const KafkaBatching = Type.Object(
  {
    mode: Type.Optional(OperationalMode('Whether messages are batched before they are produced.', 'Enabled')),
    latencyMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 65535,
        default: 5,
        description: 'Longest time a message waits before its batch is sent, in milliseconds.',
        examples: [5],
      }),
    ),
    maxBytes: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: INT32_MAX,
        default: 1000000,
        description: 'Largest batch size in bytes.',
        examples: [1000000],
      }),
    ),
    maxMessages: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: INT32_MAX,
        default: 100000,
        description: 'Largest number of messages in one batch.',
        examples: [100000],
      }),
    ),
  },
  {
    additionalProperties: false,
    default: {},
    description:
      'Producer batching; only used when the Kafka endpoint is a destination. A batch is sent when any limit is reached.',
  },
);

export const CLOUD_EVENT_ATTRIBUTE_TYPES = ['Propagate', 'CreateOrRemap'] as const;
export const CloudEventAttributes = StringEnum(CLOUD_EVENT_ATTRIBUTE_TYPES, {
  description:
    'CloudEvent handling: Propagate passes attributes through when the required ones are present; CreateOrRemap generates missing required attributes.',
  examples: ['Propagate'],
});
