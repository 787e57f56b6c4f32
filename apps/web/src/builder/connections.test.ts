import { API_VERSION, flavourById, type DataflowEndpoint, type FlavourId } from '@flowplane/model';
import { describe, expect, it } from 'vitest';
import { dropVerdict } from './connections.ts';
import { newDataflow, withEndpoint } from './operations.ts';

const endpoint = (name: string, flavour: FlavourId): DataflowEndpoint => ({
  apiVersion: API_VERSION,
  kind: 'DataflowEndpoint',
  metadata: { name },
  spec: flavourById(flavour).template(),
});
const list = [
  endpoint('default', 'local-broker'),
  endpoint('lake', 'data-lake'),
  endpoint('hub', 'event-hubs'),
  endpoint('grid', 'event-grid'),
];
const byName = new Map(list.map((e) => [e.metadata.name, e]));

describe('dropVerdict', () => {
  it('refuses storage as a source, with the rule’s reason', () => {
    const verdict = dropVerdict(newDataflow(), 'Source', byName.get('lake'), byName);
    expect(verdict).toMatchObject({ ok: false });
    expect(!verdict.ok && verdict.reason).toMatch(/only be a destination/);
  });

  it('refuses a dataflow where neither end is the local broker', () => {
    const doc = withEndpoint(newDataflow(), 'Source', 'hub');
    const verdict = dropVerdict(doc, 'Destination', byName.get('grid'), byName);
    expect(verdict.ok).toBe(false);
  });

  it('accepts the local broker to storage, and nothing on the transformation', () => {
    expect(dropVerdict(newDataflow(), 'Destination', byName.get('lake'), byName)).toEqual({ ok: true });
    expect(dropVerdict(newDataflow(), 'BuiltInTransformation', byName.get('lake'), byName).ok).toBe(false);
  });
});
