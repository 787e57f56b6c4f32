import { API_VERSION, type Dataflow } from '@flowplane/model';
import { describe, expect, it } from 'vitest';
import { copyName, copyOf, dataflowRow, withMode } from './summary.ts';

const flow: Dataflow = {
  apiVersion: API_VERSION,
  kind: 'Dataflow',
  metadata: {
    name: 'to-cloud',
    namespace: 'azure-iot-operations',
    labels: { team: 'plant-3' },
    uid: 'u-1',
    resourceVersion: '12',
    generation: 3,
    creationTimestamp: '2026-11-01T10:00:00.000Z',
  },
  spec: {
    profileRef: 'fast',
    operations: [
      { operationType: 'Source', sourceSettings: { endpointRef: 'default', dataSources: ['factory/#'] } },
      { operationType: 'BuiltInTransformation', builtInTransformationSettings: {} },
      {
        operationType: 'Destination',
        destinationSettings: { endpointRef: 'hub', dataDestination: 'telemetry' },
      },
    ],
  },
  status: {
    updatedAt: '2026-11-03T08:00:00.000Z',
    draft: true,
    valid: false,
    issues: [
      { path: '/spec', code: 'a', message: 'First.', severity: 'error' },
      { path: '/spec', code: 'b', message: 'Just a warning.', severity: 'warning' },
      { path: '/spec', code: 'c', message: 'Second.' },
    ],
  },
};

describe('dataflowRow', () => {
  it('reads profile, mode, ends, draft, errors (not warnings) and last change', () => {
    expect(dataflowRow(flow)).toMatchObject({
      name: 'to-cloud',
      profile: 'fast',
      enabled: true,
      sources: ['default'],
      destinations: ['hub'],
      transformed: true,
      draft: true,
      valid: false,
      problems: ['First.', 'Second.'],
      changed: '2026-11-03T08:00:00.000Z',
    });
  });

  it('treats a missing status as valid and falls back to creation time; Disabled is not enabled', () => {
    const { status: _status, ...bare } = flow;
    const row = dataflowRow({ ...bare, spec: { ...flow.spec, mode: 'Disabled', operations: [] } });
    expect(row).toMatchObject({
      enabled: false,
      sources: [],
      destinations: [],
      transformed: false,
      draft: false,
      valid: true,
      problems: [],
      changed: '2026-11-01T10:00:00.000Z',
    });
  });
});

describe('copyName', () => {
  it.each([
    ['to-cloud', [], 'to-cloud-copy'],
    ['to-cloud', ['to-cloud-copy'], 'to-cloud-copy-2'],
    ['to-cloud', ['to-cloud-copy', 'to-cloud-copy-2', 'to-cloud-copy-3'], 'to-cloud-copy-4'],
    ['to-cloud', ['to-cloud-copy-2'], 'to-cloud-copy'],
  ])('copy of %s beside %j is %s', (name, taken, expected) => {
    expect(copyName(name, new Set(taken))).toBe(expected);
  });

  it('stays within 63 characters and never leaves a dash before the suffix', () => {
    const long = `${'a'.repeat(57)}-bcdef`;
    const copy = copyName(long, new Set());
    expect(copy).toBe(`${'a'.repeat(57)}-copy`);
    expect(copy.length).toBeLessThanOrEqual(63);
    const second = copyName(long, new Set([copy]));
    expect(second).toBe(`${'a'.repeat(56)}-copy-2`);
    expect(second.length).toBeLessThanOrEqual(63);
  });
});

describe('copyOf and withMode', () => {
  it('copies the definition only: new name, labels kept, no server metadata, no status', () => {
    expect(copyOf(flow, 'to-cloud-copy')).toEqual({
      apiVersion: API_VERSION,
      kind: 'Dataflow',
      metadata: { name: 'to-cloud-copy', labels: { team: 'plant-3' } },
      spec: flow.spec,
    });
  });

  it('sets the mode and keeps the version to write back, without the read-only status', () => {
    const disabled = withMode(flow, 'Disabled');
    expect(disabled.spec.mode).toBe('Disabled');
    expect(disabled.metadata.resourceVersion).toBe('12');
    expect(disabled.spec.operations).toBe(flow.spec.operations);
    expect('status' in disabled).toBe(false);
    expect(flow.spec.mode).toBeUndefined();
  });
});
