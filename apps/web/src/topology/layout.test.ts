import {
  API_VERSION,
  flavourById,
  type Dataflow,
  type DataflowEndpoint,
  type FlavourId,
} from '@flowplane/model';
import { describe, expect, it } from 'vitest';
import { topologyOf } from './layout.ts';

const endpoint = (name: string, flavour: FlavourId): DataflowEndpoint => ({
  apiVersion: API_VERSION,
  kind: 'DataflowEndpoint',
  metadata: { name },
  spec: flavourById(flavour).template(),
});
const flow = (name: string, from: string, to: string): Dataflow => ({
  apiVersion: API_VERSION,
  kind: 'Dataflow',
  metadata: { name },
  spec: {
    profileRef: 'default',
    operations: [
      { operationType: 'Source', sourceSettings: { endpointRef: from, dataSources: ['a/#'] } },
      { operationType: 'Destination', destinationSettings: { endpointRef: to, dataDestination: 'b' } },
    ],
  },
});

describe('topologyOf', () => {
  it('shares endpoint nodes between dataflows and places senders, relays and receivers in columns', () => {
    const { nodes, edges } = topologyOf(
      [flow('in', 'hub', 'default'), flow('out', 'default', 'lake'), flow('archive', 'default', 'lake')],
      [endpoint('default', 'local-broker'), endpoint('hub', 'event-hubs'), endpoint('lake', 'data-lake')],
    );
    expect(nodes.map((n) => [n.data.name, n.position.x, n.data.flows])).toEqual([
      ['default', 420, 3],
      ['hub', 0, 1],
      ['lake', 840, 2],
    ]);
    expect(edges.map((e) => `${e.source}->${e.target}`)).toEqual([
      'endpoint:hub->endpoint:default',
      'endpoint:default->endpoint:lake',
      'endpoint:default->endpoint:lake',
    ]);
  });
});
