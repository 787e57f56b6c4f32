import { describe, expect, it } from 'vitest';
import { validateInstance } from './index.ts';
import { edit, fromFlavour } from '../test-support/builders.ts';
import { defaultEndpoint, defaultProfile } from '../factories.ts';
import { API_VERSION } from '../schema/common.ts';

type Expect = [code: string, path: string][];

const graph = (spec: Record<string, unknown>) => ({
  apiVersion: API_VERSION,
  kind: 'DataflowGraph',
  metadata: { name: 'alert-routing' },
  spec: { profileRef: 'default', ...spec },
});

const MAP = { registryEndpointRef: 'default', artifact: 'azureiotoperations/graph-dataflow-map:1.0.0' };
const BRANCH = { registryEndpointRef: 'default', artifact: 'azureiotoperations/graph-dataflow-branch:1.0.0' };
const routing = graph({
  nodes: [
    {
      nodeType: 'Source',
      name: 'sensors',
      sourceSettings: { endpointRef: 'default', dataSources: ['telemetry/sensors'] },
    },
    { nodeType: 'Graph', name: 'severity-check', graphSettings: { ...BRANCH } },
    { nodeType: 'Graph', name: 'alert', graphSettings: { ...MAP } },
    { nodeType: 'Graph', name: 'normal', graphSettings: { ...MAP } },
    {
      nodeType: 'Destination',
      name: 'output',
      destinationSettings: { endpointRef: 'default', dataDestination: 'telemetry/processed' },
    },
  ],
  nodeConnections: [
    { from: { name: 'sensors' }, to: { name: 'severity-check' } },
    { from: { name: 'severity-check.output.true' }, to: { name: 'alert' } },
    { from: { name: 'severity-check.output.false' }, to: { name: 'normal' } },
    { from: { name: 'alert' }, to: { name: 'output' } },
    { from: { name: 'normal' }, to: { name: 'output' } },
  ],
});

const others = [
  defaultEndpoint(),
  defaultProfile(),
  fromFlavour('data-lake', 'lake'),
  fromFlavour('event-hubs', 'hubs'),
  fromFlavour('opentelemetry', 'otel'),
];
const N = '/spec/nodes';
const C = '/spec/nodeConnections';

const cases: { name: string; doc: Record<string, unknown>; errors: Expect; warnings?: Expect }[] = [
  { name: 'branching graph', doc: routing, errors: [] },
  {
    name: 'to OpenTelemetry',
    doc: edit(routing, { [`${N}/4/destinationSettings/endpointRef`]: 'otel' }),
    errors: [],
  },
  {
    name: 'to Event Hubs',
    doc: edit(routing, { [`${N}/4/destinationSettings`]: { endpointRef: 'hubs', dataDestination: 'hub1' } }),
    errors: [],
  },
  {
    name: 'to Data Lake is not supported',
    doc: edit(routing, { [`${N}/4/destinationSettings/endpointRef`]: 'lake' }),
    errors: [['graph.destination.endpointType', `${N}/4/destinationSettings/endpointRef`]],
  },
  {
    name: 'from Data Lake is not supported',
    doc: edit(routing, { [`${N}/0/sourceSettings/endpointRef`]: 'lake' }),
    errors: [['graph.source.endpointType', `${N}/0/sourceSettings/endpointRef`]],
  },
  {
    name: 'unknown endpoint',
    doc: edit(routing, { [`${N}/0/sourceSettings/endpointRef`]: 'nope' }),
    errors: [['ref.endpoint.notFound', `${N}/0/sourceSettings/endpointRef`]],
  },
  {
    name: 'unknown profile',
    doc: edit(routing, { '/spec/profileRef': 'fast' }),
    errors: [['ref.profile.notFound', '/spec/profileRef']],
  },
  {
    name: 'duplicate node name',
    doc: edit(routing, { [`${N}/5`]: { nodeType: 'Graph', name: 'alert', graphSettings: { ...MAP } } }),
    errors: [['graph.node.duplicate', `${N}/5/name`]],
  },
  {
    name: 'node without its settings',
    doc: edit(routing, { [`${N}/2/graphSettings`]: undefined }),
    errors: [['graph.node.settings.missing', `${N}/2/graphSettings`]],
  },
  {
    name: 'node with settings of another type',
    doc: edit(routing, { [`${N}/2/sourceSettings`]: { endpointRef: 'default', dataSources: ['a'] } }),
    errors: [['graph.node.settings.unexpected', `${N}/2/sourceSettings`]],
  },
  {
    name: 'nodeType enum',
    doc: edit(routing, { [`${N}/2/nodeType`]: 'Module' }),
    errors: [['schema.enum', `${N}/2/nodeType`]],
  },
  {
    name: 'artifact required',
    doc: edit(routing, { [`${N}/2/graphSettings/artifact`]: undefined }),
    errors: [['schema.required', `${N}/2/graphSettings/artifact`]],
  },
  {
    name: 'no source',
    doc: edit(routing, {
      [`${N}/0/nodeType`]: 'Graph',
      [`${N}/0/sourceSettings`]: undefined,
      [`${N}/0/graphSettings`]: MAP,
    }),
    errors: [['graph.nodes.source.count', N]],
    warnings: [['graph.node.unconnected', `${N}/0/name`]],
  },
  {
    name: 'no destination',
    doc: edit(routing, {
      [`${N}/4/nodeType`]: 'Graph',
      [`${N}/4/destinationSettings`]: undefined,
      [`${N}/4/graphSettings`]: MAP,
    }),
    errors: [['graph.nodes.destination.count', N]],
  },
  {
    name: 'connection to an unknown node',
    doc: edit(routing, { [`${C}/3/to/name`]: 'outputs' }),
    errors: [['graph.connection.node.notFound', `${C}/3/to/name`]],
  },
  {
    name: 'connection from an unknown port owner',
    doc: edit(routing, { [`${C}/1/from/name`]: 'severity.output.true' }),
    errors: [['graph.connection.node.notFound', `${C}/1/from/name`]],
  },
  {
    name: 'connection into a source',
    doc: edit(routing, { [`${C}/5`]: { from: { name: 'normal' }, to: { name: 'sensors' } } }),
    errors: [
      ['graph.connection.direction', `${C}/5/to/name`],
      ['graph.connection.cycle', `${C}/5`],
    ],
  },
  {
    name: 'connection out of a destination',
    doc: edit(routing, { [`${C}/5`]: { from: { name: 'output' }, to: { name: 'alert' } } }),
    errors: [
      ['graph.connection.direction', `${C}/5/from/name`],
      ['graph.connection.cycle', `${C}/5`],
    ],
  },
  {
    name: 'cycle between modules',
    doc: edit(routing, { [`${C}/5`]: { from: { name: 'alert' }, to: { name: 'severity-check' } } }),
    errors: [['graph.connection.cycle', `${C}/5`]],
  },
  {
    name: 'unconnected destination',
    doc: edit(routing, {
      [`${N}/5`]: {
        nodeType: 'Destination',
        name: 'sink',
        destinationSettings: { endpointRef: 'default', dataDestination: 'x' },
      },
    }),
    errors: [],
    warnings: [['graph.node.unconnected', `${N}/5/name`]],
  },
  {
    name: 'destination topic with wildcard',
    doc: edit(routing, { [`${N}/4/destinationSettings/dataDestination`]: 'out/#' }),
    errors: [['dataflow.destination.topic.invalid', `${N}/4/destinationSettings/dataDestination`]],
  },
  {
    name: 'output schema format enum',
    doc: edit(routing, {
      [`${N}/4/destinationSettings/outputSchemaSettings`]: { serializationFormat: 'Json' },
    }),
    errors: [['schema.enum', `${N}/4/destinationSettings/outputSchemaSettings/serializationFormat`]],
  },
  {
    name: 'connection schema Avro',
    doc: edit(routing, {
      [`${C}/0/from/schema`]: { serializationFormat: 'Avro', schemaRef: 'aio-sr://ns/s:1' },
    }),
    errors: [],
  },
  {
    name: 'nodes required',
    doc: edit(routing, { '/spec/nodes': undefined }),
    errors: [['schema.required', N]],
  },
  {
    name: 'bad endpoint reference name',
    doc: edit(routing, { [`${N}/0/sourceSettings/endpointRef`]: 'Default' }),
    errors: [
      ['schema.pattern', `${N}/0/sourceSettings/endpointRef`],
      ['ref.endpoint.notFound', `${N}/0/sourceSettings/endpointRef`],
    ],
  },
];

describe('dataflow graph validation', () => {
  it.each(cases)('$name', ({ doc, errors, warnings }) => {
    const issues = validateInstance([...others, doc]).filter((i) => i.resource.kind === 'DataflowGraph');
    const pairs = (severity: string) =>
      issues.filter((i) => i.severity === severity).map((i) => [i.code, i.path]);
    expect(pairs('error')).toEqual(expect.arrayContaining(errors));
    expect(pairs('error'), JSON.stringify(pairs('error'))).toHaveLength(errors.length);
    if (warnings) expect(pairs('warning')).toEqual(expect.arrayContaining(warnings));
  });
});
