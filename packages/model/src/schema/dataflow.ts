import { Type, type Static } from 'typebox';
import { Envelope, NameRef, OperationalMode, StringEnum } from './common.ts';

export const OPERATION_TYPES = ['Source', 'BuiltInTransformation', 'Destination'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

/** The settings block that belongs to each operation type. */
export const OPERATION_SETTINGS_KEY = {
  Source: 'sourceSettings',
  BuiltInTransformation: 'builtInTransformationSettings',
  Destination: 'destinationSettings',
} as const satisfies Record<OperationType, string>;

export const SOURCE_SERIALIZATION_FORMATS = ['Json'] as const;
export const TRANSFORMATION_SERIALIZATION_FORMATS = ['Delta', 'Json', 'Parquet'] as const;
export const MAP_TYPES = ['NewProperties', 'Rename', 'Compute', 'PassThrough', 'BuiltInFunction'] as const;
export const FILTER_TYPES = ['Filter'] as const;

const SchemaRef = (what: string) =>
  Type.String({
    minLength: 1,
    description: `Schema registry reference of the ${what}, aio-sr://[<namespace>/]<name>:<version>.`,
    examples: ['aio-sr://exampleNamespace/thermostat:1.0.0'],
  });

const Description = Type.Optional(
  Type.String({
    maxLength: 256,
    description: 'Free text shown to operators.',
    examples: ['Drop test devices'],
  }),
);

const Inputs = (description: string, minItems = 0) =>
  Type.Array(Type.String({ minLength: 1 }), {
    minItems,
    description,
    examples: [['temperature.Value', '"Tag 10".Value']],
  });

export const SourceSettings = Type.Object(
  {
    endpointRef: NameRef('Endpoint the data is read from (an MQTT or Kafka endpoint).', 'default'),
    dataSources: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description: 'MQTT topic filters (+ and # allowed) or Kafka topics.',
      examples: [['thermostats/+/telemetry/temperature/#']],
    }),
    assetRef: Type.Optional(
      Type.String({ minLength: 1, description: 'Asset the data comes from.', examples: ['thermostat-1'] }),
    ),
    serializationFormat: Type.Optional(
      StringEnum(SOURCE_SERIALIZATION_FORMATS, {
        description: 'Format of incoming messages.',
        default: 'Json',
      }),
    ),
    schemaRef: Type.Optional(SchemaRef('incoming messages')),
  },
  { additionalProperties: false, description: 'Where the dataflow reads from.' },
);

export const Dataset = Type.Object(
  {
    key: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'State store key of the reference data, optionally "<key> as <alias>".',
      examples: ['assetDataset', 'datasets.parag10.rule42 as position'],
    }),
    description: Description,
    schemaRef: Type.Optional(SchemaRef('dataset records')),
    inputs: Inputs('Fields compared: $source.<path> of the message and $context.<path> of a record.', 1),
    expression: Type.Optional(
      Type.String({ description: 'Condition a record must meet to match.', examples: ['$1 == $2'] }),
    ),
  },
  {
    additionalProperties: false,
    title: 'Dataset',
    description: 'Reference data from the state store to enrich messages with.',
  },
);

export const FilterRule = Type.Object(
  {
    type: Type.Optional(StringEnum(FILTER_TYPES, { description: 'Kind of rule.', default: 'Filter' })),
    description: Description,
    inputs: Inputs('Fields bound to $1, $2, ... in the expression.', 1),
    expression: Type.String({
      minLength: 1,
      description: 'Condition; a message for which any rule is true is dropped.',
      examples: ['$1 * $2 < 100000'],
    }),
  },
  { additionalProperties: false, title: 'Filter rule', description: 'A filter rule.' },
);

export const MapRule = Type.Object(
  {
    type: Type.Optional(
      StringEnum(MAP_TYPES, { description: 'Kind of rule (a hint for editors).', examples: ['Compute'] }),
    ),
    description: Description,
    inputs: Inputs('Fields bound to $1, $2, ... ("*" wildcards allowed); empty for a constant.'),
    expression: Type.Optional(
      Type.String({ description: 'Formula computing the output.', examples: ['cToF($1)'] }),
    ),
    output: Type.String({
      description: 'Field written; "" removes the inputs from the output.',
      examples: ['TemperatureF'],
    }),
  },
  { additionalProperties: false, title: 'Map rule', description: 'A map rule.' },
);

export const BuiltInTransformationSettings = Type.Object(
  {
    serializationFormat: Type.Optional(
      StringEnum(TRANSFORMATION_SERIALIZATION_FORMATS, {
        description: 'Output encoding; storage destinations need Parquet or Delta.',
        default: 'Json',
        examples: ['Json', 'Parquet'],
      }),
    ),
    schemaRef: Type.Optional(SchemaRef('output')),
    datasets: Type.Optional(
      Type.Array(Dataset, { maxItems: 1, description: 'Enrichment (at most one dataset).' }),
    ),
    filter: Type.Optional(Type.Array(FilterRule, { description: 'Rules that drop messages (OR-ed).' })),
    map: Type.Optional(
      Type.Array(MapRule, { description: 'Rules that build the output message, in order.' }),
    ),
  },
  {
    additionalProperties: false,
    description: 'The built-in transformation: datasets, then filter, then map.',
  },
);

const HeaderKey = Type.String({
  minLength: 1,
  description: 'Header or user property name.',
  examples: ['site'],
});
const HeaderValue = Type.String({ description: 'Value to set.', examples: ['plant-3'] });
export const HEADER_ACTIONS = ['AddIfNotPresent', 'AddOrReplace', 'Remove'] as const;
export const HeaderAction = Type.Object(
  {
    actionType: StringEnum(HEADER_ACTIONS, {
      description: 'What to do with the header.',
      examples: ['AddOrReplace'],
    }),
    key: HeaderKey,
    value: Type.Optional(HeaderValue),
  },
  {
    additionalProperties: false,
    title: 'Header action',
    description: 'An edit of the headers or user properties of output messages.',
  },
);

export const DestinationSettings = Type.Object(
  {
    endpointRef: NameRef('Endpoint the data is written to.', 'default'),
    dataDestination: Type.String({
      minLength: 1,
      description:
        'Topic (MQTT, Kafka: ${inputTopic} and ${inputTopic.N} allowed for MQTT), container (Data Lake), table (Data Explorer, OneLake Tables) or folder (OneLake Files, local storage).',
      examples: ['factory/telemetry', 'processed/${inputTopic.2}'],
    }),
    headers: Type.Optional(Type.Array(HeaderAction, { description: 'Header edits on output messages.' })),
  },
  { additionalProperties: false, description: 'Where the dataflow writes to.' },
);

export const DataflowOperation = Type.Object(
  {
    operationType: StringEnum(OPERATION_TYPES, {
      description: 'Stage of the dataflow.',
      examples: ['Source'],
    }),
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'Label of the operation.',
        examples: ['source1'],
      }),
    ),
    sourceSettings: Type.Optional(SourceSettings),
    builtInTransformationSettings: Type.Optional(BuiltInTransformationSettings),
    destinationSettings: Type.Optional(DestinationSettings),
  },
  {
    additionalProperties: false,
    description: 'One stage: its operationType selects the settings block used.',
  },
);

export const DataflowSpec = Type.Object(
  {
    profileRef: NameRef('Dataflow profile the dataflow runs in; cannot change after creation.', 'default'),
    mode: Type.Optional(OperationalMode('Disabled keeps the dataflow deployed but stopped.', 'Enabled')),
    requestDiskPersistence: Type.Optional(
      OperationalMode(
        'Ask the local broker to persist this dataflow’s subscriber queue to disk.',
        'Disabled',
      ),
    ),
    operations: Type.Array(DataflowOperation, {
      description: 'One Source, at most one BuiltInTransformation, one Destination, in that order.',
    }),
  },
  { additionalProperties: false, description: 'A dataflow: source → transformation → destination.' },
);

export const Dataflow = Envelope(
  'Dataflow',
  'dataflow',
  DataflowSpec,
  'Moves messages from a source endpoint through an optional transformation to a destination endpoint.',
);

export type Dataflow = Static<typeof Dataflow>;
export type DataflowSpec = Static<typeof DataflowSpec>;
export type DataflowOperation = Static<typeof DataflowOperation>;
export type SourceSettings = Static<typeof SourceSettings>;
export type DestinationSettings = Static<typeof DestinationSettings>;
export type BuiltInTransformationSettings = Static<typeof BuiltInTransformationSettings>;
