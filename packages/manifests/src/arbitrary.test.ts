import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ENDPOINT_TYPES, RESOURCE_KINDS, validateSchema, type Resource } from '@flowplane/model';
import { arbitraryFromSchema, arbitraryResource } from './test-support/arbitrary.ts';
import { resourceSchema } from './schema-walk.ts';

describe('the schema-driven arbitrary', () => {
  it.each(RESOURCE_KINDS)(
    'generates %s documents the model schema accepts',
    (kind) => {
      fc.assert(
        fc.property(arbitraryFromSchema(resourceSchema(kind)), (doc) => {
          expect(validateSchema(doc)).toEqual([]);
        }),
        { numRuns: 200 },
      );
    },
    30_000,
  );

  it('covers every kind and every endpoint type', () => {
    const sample: Resource[] = fc.sample(arbitraryResource, { numRuns: 400, seed: 42 });
    expect(new Set(sample.map((r) => r.kind))).toEqual(new Set(RESOURCE_KINDS));
    const endpointTypes = sample.flatMap((r) => (r.kind === 'DataflowEndpoint' ? [r.spec.endpointType] : []));
    expect(new Set(endpointTypes)).toEqual(new Set(ENDPOINT_TYPES));
  }, 30_000);
});
