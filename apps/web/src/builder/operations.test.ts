import { API_VERSION, flavourById, type DataflowEndpoint, type DataflowProfile } from '@flowplane/model';
import { describe, expect, it } from 'vitest';
import { getAt } from '../forms/pointer.ts';
import {
  RULE_KINDS,
  newDataflow,
  ruleRefusal,
  withDestination,
  withEndpoint,
  withRule,
} from './operations.ts';
import { dataflowIssues } from './validation.ts';

const endpoint = (name: string, flavour: Parameters<typeof flavourById>[0]): DataflowEndpoint => ({
  apiVersion: API_VERSION,
  kind: 'DataflowEndpoint',
  metadata: { name },
  spec: flavourById(flavour).template(),
});
const ENDPOINTS = [endpoint('default', 'local-broker')];
const PROFILES: DataflowProfile[] = [
  { apiVersion: API_VERSION, kind: 'DataflowProfile', metadata: { name: 'default' }, spec: {} },
];

/** A complete broker → broker dataflow without a transformation. */
function relay() {
  const doc = withEndpoint(newDataflow(), 'Destination', 'default');
  doc.metadata.name = 'relay';
  doc.spec.operations[0]!.sourceSettings!.dataSources = ['in/#'];
  doc.spec.operations[1]!.destinationSettings!.dataDestination = 'out';
  return doc;
}

describe('rules added from the palette', () => {
  it('adds the transformation (with its pass-through rule) when missing, and the rule after it', () => {
    const { doc, path } = withRule(relay(), 'compute');
    expect(doc.spec.operations.map((op) => op.operationType)).toEqual([
      'Source',
      'BuiltInTransformation',
      'Destination',
    ]);
    expect(doc.spec.operations[1]!.builtInTransformationSettings!.map).toEqual([
      { inputs: ['*'], output: '*' },
      { type: 'Compute', inputs: [''] },
    ]);
    expect(path).toEqual(['spec', 'operations', '1', 'builtInTransformationSettings', 'map', '1']);
    expect(getAt(doc, path)).toEqual({ type: 'Compute', inputs: [''] });
  });

  it('puts each kind in its list and never shares the template between rules', () => {
    let doc = relay();
    for (const kind of ['filter', 'enrich', 'remove', 'filter'] as const) doc = withRule(doc, kind).doc;
    const settings = doc.spec.operations[1]!.builtInTransformationSettings!;
    expect(settings.filter).toHaveLength(2);
    expect(settings.datasets).toHaveLength(1);
    expect(settings.map?.at(-1)).toEqual({ inputs: [''], output: '' });
    settings.filter![0]!.inputs[0] = 'temperature';
    expect(settings.filter![1]!.inputs).toEqual(['']);
    expect(RULE_KINDS.find((r) => r.kind === 'filter')!.template.inputs).toEqual(['']);
  });

  it('refuses a second dataset, which the platform does not allow', () => {
    const once = withRule(relay(), 'enrich').doc;
    expect(ruleRefusal(relay(), 'enrich')).toBeUndefined();
    expect(ruleRefusal(once, 'enrich')).toBe('A transformation takes at most one dataset.');
    expect(ruleRefusal(once, 'filter')).toBeUndefined();
  });

  it('starts each rule with what is still to fill reported where it belongs, never a silent removal', () => {
    for (const { kind } of RULE_KINDS) {
      const { doc, path } = withRule(relay(), kind);
      const at = `/${path.join('/')}`;
      const errors = dataflowIssues(doc, ENDPOINTS, PROFILES).filter((i) => i.severity === 'error');
      if (kind === 'pass-through') expect(errors, kind).toEqual([]);
      else expect(errors.length, kind).toBeGreaterThan(0);
      for (const error of errors) expect(error.path.startsWith(at), `${kind}: ${error.path}`).toBe(true);
      // Only the Remove rule writes an empty output; the others need theirs filled in.
      if (kind === 'rename' || kind === 'compute' || kind === 'new-property')
        expect(
          errors.map((e) => e.path),
          kind,
        ).toContain(`${at}/output`);
    }
  });
});

describe('a destination chosen', () => {
  const lake = endpoint('lake', 'data-lake');
  const settings = (doc: ReturnType<typeof relay>) =>
    doc.spec.operations.find((op) => op.operationType === 'BuiltInTransformation')
      ?.builtInTransformationSettings;

  it('brings the transformation a storage endpoint needs, writing Parquet, and asks for its schema there', () => {
    const doc = withDestination(relay(), lake);
    expect(doc.spec.operations.map((op) => op.operationType)).toEqual([
      'Source',
      'BuiltInTransformation',
      'Destination',
    ]);
    expect(doc.spec.operations[2]!.destinationSettings!.endpointRef).toBe('lake');
    expect(settings(doc)?.serializationFormat).toBe('Parquet');
    const errors = dataflowIssues(doc, [...ENDPOINTS, lake], PROFILES).filter((i) => i.severity === 'error');
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['dataflow.destination.schema.required', '/spec/operations/1/builtInTransformationSettings/schemaRef'],
    ]);
  });

  it('keeps a format the storage takes, and changes nothing more for a broker', () => {
    const delta = withRule(relay(), 'filter').doc;
    delta.spec.operations[1]!.builtInTransformationSettings!.serializationFormat = 'Delta';
    expect(settings(withDestination(delta, lake))?.serializationFormat).toBe('Delta');
    const broker = withDestination(relay(), endpoint('cloud', 'event-grid'));
    expect(broker.spec.operations.map((op) => op.operationType)).toEqual(['Source', 'Destination']);
  });
});
