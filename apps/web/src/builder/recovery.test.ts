import { beforeEach, describe, expect, it } from 'vitest';
import { newDataflow } from './operations.ts';
import { clearRecovery, readRecovery, recoveryKey, writeRecovery } from './recovery.ts';
import { createBuilderStore } from './store.ts';

const key = recoveryKey('plant-3', 'cold-alerts');

beforeEach(() => window.localStorage.clear());

describe('unsaved work kept in the browser', () => {
  it('is written, read back and cleared per instance and dataflow', () => {
    const doc = { ...newDataflow(), metadata: { name: 'cold-alerts', resourceVersion: '7' } };
    writeRecovery(key, { doc, baseVersion: '7', at: '2026-12-04T20:00:00.000Z' });
    expect(readRecovery(key)).toEqual({ doc, baseVersion: '7', at: '2026-12-04T20:00:00.000Z' });
    expect(readRecovery(recoveryKey('plant-3', undefined))).toBeUndefined();
    expect(recoveryKey('plant-3', undefined)).toBe('flowplane.builder.plant-3.(new)');
    clearRecovery(key);
    expect(readRecovery(key)).toBeUndefined();
  });

  it('ignores what is not a kept dataflow (another version of the portal, a hand edit)', () => {
    for (const text of ['not json', '42', '{"at":"x"}', '{"at":"x","doc":{"kind":"DataflowEndpoint"}}']) {
      window.localStorage.setItem(key, text);
      expect(readRecovery(key), text).toBeUndefined();
    }
  });
});

describe('recovering into the editor', () => {
  const loaded = { ...newDataflow(), metadata: { name: 'cold-alerts', resourceVersion: '9' } };
  const kept = { ...loaded, spec: { ...loaded.spec, mode: 'Disabled' as const } };

  it('makes the kept work the document, undoable back to what was loaded', () => {
    const store = createBuilderStore(loaded);
    store.getState().recover(kept, '9');
    expect(store.getState().doc).toBe(kept);
    expect(store.getState().savedDoc).toBe(loaded);
    store.getState().undo();
    expect(store.getState().doc).toBe(loaded);
  });

  it('edits the version the work started from, so a save meets the conflict check if it moved on', () => {
    const store = createBuilderStore(loaded);
    store.getState().recover(kept, '4');
    expect(store.getState().savedDoc.metadata.resourceVersion).toBe('4');
    expect(store.getState().savedDoc.spec).toBe(loaded.spec);
  });
});
