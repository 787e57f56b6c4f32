import { API_VERSION, flavourById, type DataflowEndpoint, type DataflowProfile } from '@flowplane/model';
import { describe, expect, it } from 'vitest';
import { newDataflow, withEndpoint, withTransformation } from './operations.ts';
import { dataflowIssues, stageOfIssue } from './validation.ts';

const endpoint = (name: string, flavour: Parameters<typeof flavourById>[0]): DataflowEndpoint => ({
  apiVersion: API_VERSION,
  kind: 'DataflowEndpoint',
  metadata: { name },
  spec: flavourById(flavour).template(),
});
const profile: DataflowProfile = {
  apiVersion: API_VERSION,
  kind: 'DataflowProfile',
  metadata: { name: 'default' },
  spec: {},
};
const ENDPOINTS = [
  endpoint('default', 'local-broker'),
  endpoint('lake', 'data-lake'),
  endpoint('hub', 'event-hubs'),
];

describe('dataflowIssues', () => {
  it('accepts a broker-to-broker dataflow with a topic on each side', () => {
    let doc = withEndpoint(newDataflow(), 'Destination', 'default');
    doc = { ...doc, metadata: { name: 'relay' } };
    doc.spec.operations[0]!.sourceSettings!.dataSources = ['in/#'];
    doc.spec.operations[1]!.destinationSettings!.dataDestination = 'out';
    expect(dataflowIssues(doc, ENDPOINTS, [profile]).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('finds what the API finds across resources, at the stage it concerns', () => {
    let doc = withEndpoint(newDataflow(), 'Source', 'lake');
    doc = withEndpoint(doc, 'Destination', 'nowhere');
    const issues = dataflowIssues({ ...doc, metadata: { name: 'bad' } }, ENDPOINTS, [profile]);
    const codes = issues.map((i) => `${stageOfIssue(doc, i.path) ?? 'dataflow'} ${i.code}`);
    expect(codes).toContain('Source dataflow.source.endpointType');
    expect(codes).toContain('Destination ref.endpoint.notFound');
  });

  it('reports transformation formulas the compiler rejects', () => {
    let doc = withTransformation(withEndpoint(newDataflow(), 'Destination', 'default'));
    doc = { ...doc, metadata: { name: 'calc' } };
    doc.spec.operations[1]!.builtInTransformationSettings!.map = [
      { inputs: ['a'], expression: '$1 +', output: 'b' },
    ];
    const issues = dataflowIssues(doc, ENDPOINTS, [profile]);
    expect(
      issues.some((i) => stageOfIssue(doc, i.path) === 'BuiltInTransformation' && i.severity === 'error'),
    ).toBe(true);
  });
});
