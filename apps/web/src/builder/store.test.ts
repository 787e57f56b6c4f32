import { describe, expect, it, vi } from 'vitest';
import {
  copiedStageOf,
  newDataflow,
  withEndpoint,
  withStageSettings,
  withTransformation,
  withoutTransformation,
} from './operations.ts';
import { createBuilderStore } from './store.ts';

describe('builder store', () => {
  it('undoes and redoes edits, merging quick edits of one field into one step', () => {
    vi.useFakeTimers();
    const store = createBuilderStore(newDataflow());
    const { set } = store.getState();
    set(['metadata', 'name'], 'a');
    set(['metadata', 'name'], 'ab');
    vi.advanceTimersByTime(2000);
    set(['spec', 'mode'], 'Disabled');
    expect(store.getState().past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().doc.spec.mode).toBe('Enabled');
    expect(store.getState().doc.metadata.name).toBe('ab');
    store.getState().undo();
    expect(store.getState().doc.metadata.name).toBe('');
    store.getState().redo();
    expect(store.getState().doc.metadata.name).toBe('ab');
    vi.useRealTimers();
  });
});

describe('operations', () => {
  it('keeps source, transformation and destination in order whatever is added first', () => {
    let doc = newDataflow();
    doc = { ...doc, spec: { ...doc.spec, operations: [] } };
    doc = withEndpoint(doc, 'Destination', 'lake');
    doc = withTransformation(doc);
    doc = withEndpoint(doc, 'Source', 'broker');
    expect(doc.spec.operations.map((op) => op.operationType)).toEqual([
      'Source',
      'BuiltInTransformation',
      'Destination',
    ]);
    expect(doc.spec.operations[2]?.destinationSettings?.endpointRef).toBe('lake');
    expect(withoutTransformation(doc).spec.operations).toHaveLength(2);
  });

  it('changes the endpoint of an existing stage and keeps its other settings', () => {
    const doc = withEndpoint(newDataflow(), 'Source', 'kafka-in');
    expect(doc.spec.operations[0]?.sourceSettings).toEqual({ endpointRef: 'kafka-in', dataSources: [''] });
  });

  it('pastes a copied stage into a dataflow, adding the stage where it belongs', () => {
    const settings = { filter: [{ inputs: ['a'], expression: '$1 > 1' }] };
    const copied = copiedStageOf(JSON.stringify({ flowplaneStage: 'BuiltInTransformation', settings }));
    expect(copied).toEqual({ flowplaneStage: 'BuiltInTransformation', settings });
    const pasted = withStageSettings(newDataflow(), copied!);
    expect(pasted.spec.operations.map((op) => op.operationType)).toEqual([
      'Source',
      'BuiltInTransformation',
      'Destination',
    ]);
    expect(pasted.spec.operations[1]?.builtInTransformationSettings).toEqual(settings);
    expect(copiedStageOf('{"flowplaneStage":"Nope","settings":{}}')).toBeUndefined();
    expect(copiedStageOf('not json')).toBeUndefined();
  });
});
