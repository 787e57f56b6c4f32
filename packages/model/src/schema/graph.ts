import { Type, type Static } from 'typebox';
import { Envelope, NameRef, OperationalMode, StringEnum } from './common.ts';
import { HeaderAction } from './dataflow.ts';

export const GRAPH_NODE_TYPES = ['Source', 'Graph', 'Destination'] as const;
export type GraphNodeType = (typeof GRAPH_NODE_TYPES)[number];

/** The settings block that belongs to each node type. */
export const GRAPH_NODE_SETTINGS_KEY = {
  Source: 'sourceSettings',
  Graph: 'graphSettings',
  Destination: 'destinationSettings',
} as const satisfies Record<GraphNodeType, string>;

export const GRAPH_CONNECTION_SERIALIZATION_FORMATS = ['Delta', 'Json', 'Parquet', 'Avro'] as const;
export const GRAPH_OUTPUT_SERIALIZATION_FORMATS = ['Parquet', 'Delta'] as const;

const SchemaRef = Type.String({
  minLength: 1,
  description: 'Schema registry reference, aio-sr://[<namespace>/]<name>:<version>.',
  examples: ['aio-sr://namespace/temperature:1'],
});

export const GraphSourceSettings = Type.Object(
  {
    endpointRef: NameRef('Endpoint the data is read from (MQTT, Kafka or OpenTelemetry).', 'default'),
    dataSources: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description: 'MQTT topic filters or Kafka topics.',
      examples: [['telemetry/temperature']],
    }),
    assetRef: Type.Optional(
      Type.String({ minLength: 1, description: 'Asset the data comes from.', examples: ['thermostat-1'] }),
    ),
  },
  { additionalProperties: false, description: 'Where a graph reads from.' },
);

export const GraphSettings = Type.Object(
  {
    registryEndpointRef: NameRef('Registry endpoint the artifact is pulled from.', 'default'),
    artifact: Type.String({
      minLength: 1,
      description: 'WebAssembly module or graph definition, <name>:<version>.',
      examples: ['azureiotoperations/graph-dataflow-map:1.0.0'],
    }),
    configuration: Type.Optional(
      Type.Array(
        Type.Object(
          {
            key: Type.String({ minLength: 1, description: 'Configuration key.', examples: ['rules'] }),
            value: Type.String({
              description: 'Configuration value (often JSON text).',
              examples: ['{"map":[]}'],
            }),
          },
          { additionalProperties: false, description: 'One configuration entry.' },
        ),
        { description: 'Configuration passed to the module.' },
      ),
    ),
  },
  { additionalProperties: false, description: 'A processing node: a module from a registry.' },
);

export const GraphDestinationSettings = Type.Object(
  {
    endpointRef: NameRef('Endpoint the data is written to.', 'default'),
    dataDestination: Type.String({
      minLength: 1,
      description:
        'Topic, table or container; ${outputTopic} takes the topic a map wrote to $metadata.topic.',
      examples: ['telemetry/processed'],
    }),
    headers: Type.Optional(Type.Array(HeaderAction, { description: 'Header edits on output messages.' })),
    outputSchemaSettings: Type.Optional(
      Type.Object(
        {
          serializationFormat: StringEnum(GRAPH_OUTPUT_SERIALIZATION_FORMATS, {
            description: 'Output encoding for storage destinations.',
            examples: ['Parquet'],
          }),
          schemaRef: Type.Optional(SchemaRef),
        },
        {
          additionalProperties: false,
          description: 'Typed output for storage destinations (API 2026-10-01).',
        },
      ),
    ),
  },
  { additionalProperties: false, description: 'Where a graph writes to.' },
);

export const GraphNode = Type.Object(
  {
    nodeType: StringEnum(GRAPH_NODE_TYPES, { description: 'Kind of node.', examples: ['Source'] }),
    name: Type.String({
      minLength: 1,
      maxLength: 63,
      description: 'Name of the node, unique in the graph; connections refer to it.',
      examples: ['sensors'],
    }),
    sourceSettings: Type.Optional(GraphSourceSettings),
    graphSettings: Type.Optional(GraphSettings),
    destinationSettings: Type.Optional(GraphDestinationSettings),
  },
  { additionalProperties: false, description: 'A node: its nodeType selects the settings block used.' },
);

export const GraphConnection = Type.Object(
  {
    from: Type.Object(
      {
        name: Type.String({
          minLength: 1,
          description:
            'Node the data leaves, optionally with an output port (<node>.output.true, <module>.<port>).',
          examples: ['severity-check.output.true'],
        }),
        schema: Type.Optional(
          Type.Object(
            {
              serializationFormat: Type.Optional(
                StringEnum(GRAPH_CONNECTION_SERIALIZATION_FORMATS, {
                  description: 'Encoding on this connection.',
                  default: 'Json',
                  examples: ['Json'],
                }),
              ),
              schemaRef: Type.Optional(SchemaRef),
            },
            { additionalProperties: false, description: 'Schema of the data on this connection.' },
          ),
        ),
      },
      { additionalProperties: false, description: 'Where the connection starts.' },
    ),
    to: Type.Object(
      {
        name: Type.String({
          minLength: 1,
          description: 'Node the data enters.',
          examples: ['alert-transform'],
        }),
      },
      { additionalProperties: false, description: 'Where the connection ends.' },
    ),
  },
  { additionalProperties: false, description: 'A connection between two nodes.' },
);

export const DataflowGraphSpec = Type.Object(
  {
    profileRef: NameRef('Dataflow profile the graph runs in.', 'default'),
    mode: Type.Optional(OperationalMode('Disabled keeps the graph deployed but stopped.', 'Enabled')),
    requestDiskPersistence: Type.Optional(
      OperationalMode('Ask the local broker to persist this graph’s subscriber queue to disk.', 'Disabled'),
    ),
    nodes: Type.Array(GraphNode, {
      minItems: 1,
      description: 'Sources, processing modules and destinations.',
    }),
    nodeConnections: Type.Array(GraphConnection, { description: 'How data moves between the nodes.' }),
  },
  {
    additionalProperties: false,
    description: 'A dataflow graph: any number of modules between sources and destinations.',
  },
);

export const DataflowGraph = Envelope(
  'DataflowGraph',
  'dataflow graph',
  DataflowGraphSpec,
  'Moves messages from sources through a graph of WebAssembly modules to destinations.',
);

export type DataflowGraph = Static<typeof DataflowGraph>;
export type DataflowGraphSpec = Static<typeof DataflowGraphSpec>;
