import { API_VERSION, flavourById, type DataflowEndpoint } from '@flowplane/model';
import { describe, expect, it } from 'vitest';
import { flowOf } from './graph.ts';
import { newDataflow, withEndpoint, withTransformation } from './operations.ts';

const broker: DataflowEndpoint = {
  apiVersion: API_VERSION,
  kind: 'DataflowEndpoint',
  metadata: { name: 'default' },
  spec: flavourById('local-broker').template(),
};
const endpoints = new Map([['default', broker]]);

describe('flowOf', () => {
  it('draws the stages left to right, chained, without a transformation when there is none', () => {
    const { nodes, edges } = flowOf(newDataflow(), endpoints, [], undefined);
    expect(nodes.map((n) => n.id)).toEqual(['Source', 'Destination']);
    expect(edges.map((e) => e.id)).toEqual(['Source->Destination']);
    expect(nodes[0]!.data.endpoint).toEqual({ name: 'default', type: 'Mqtt' });
    expect(nodes[1]!.data.endpoint).toBeUndefined();
  });

  it('puts each issue on its stage and summarises the transformation', () => {
    const doc = withTransformation(withEndpoint(newDataflow(), 'Destination', 'gone'));
    const issues = [
      {
        path: '/spec/operations/2/destinationSettings/endpointRef',
        code: 'ref.endpoint.notFound',
        message: 'x',
        severity: 'error',
      },
      {
        path: '/spec/operations/1/builtInTransformationSettings/map/0',
        code: 'schema.invalid',
        message: 'y',
        severity: 'warning',
      },
      { path: '/metadata/name', code: 'schema.minLength', message: 'z', severity: 'error' },
    ] as const;
    const { nodes } = flowOf(doc, endpoints, issues, 'BuiltInTransformation');
    const byId = Object.fromEntries(nodes.map((n) => [n.id, n.data]));
    expect(byId.Destination).toMatchObject({
      errors: 1,
      warnings: 0,
      endpoint: { name: 'gone', type: undefined },
    });
    expect(byId.BuiltInTransformation).toMatchObject({
      errors: 0,
      warnings: 1,
      selected: true,
      lines: ['1 map rule'],
    });
    expect(byId.Source).toMatchObject({ errors: 0 });
  });

  it('shows the runtime counters on the stages and moving edges while the dataflow runs', () => {
    const live = {
      state: 'running',
      counters: { received: 120, emitted: 100, droppedByFilter: 20, deadLettered: 0 },
      rates: { receivedPerSecond: 12, emittedPerSecond: 10 },
    };
    const doc = withTransformation(withEndpoint(newDataflow(), 'Destination', 'default'));
    const { nodes, edges } = flowOf(doc, endpoints, [], undefined, live);
    expect(nodes.map((n) => n.data.live)).toEqual([
      '120 received · 12/s',
      '20 dropped · 0 dead-lettered',
      '100 sent · 10/s',
    ]);
    expect(edges.every((e) => e.animated)).toBe(true);
    expect(flowOf(doc, endpoints, [], undefined).nodes.every((n) => n.data.live === undefined)).toBe(true);
  });
});
