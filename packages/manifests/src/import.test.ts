import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { importArm, importManifests, toKubernetesYaml } from './index.ts';
import { arbitraryResource } from './test-support/arbitrary.ts';
import { profile } from './test-support/resources.ts';

const armProfile = {
  type: 'Microsoft.IoTOperations/instances/dataflowProfiles',
  name: 'i/arm-profile',
  properties: { instanceCount: 2 },
};

describe('importManifests: detection', () => {
  it('reads YAML whose documents are Kubernetes resources and ARM bodies alike', () => {
    const result = importManifests(`${toKubernetesYaml([profile])}---\n${stringify(armProfile)}`);
    expect(result.issues).toEqual([]);
    expect(
      result.documents.map((d) => [
        d.index,
        d.origin,
        (d.resource as { metadata: { name: string } }).metadata.name,
      ]),
    ).toEqual([
      [0, 'kubernetes', 'fast'],
      [1, 'arm', 'arm-profile'],
    ]);
  });

  it('reads a JSON array mixing Kubernetes resources and ARM bodies, with positions into the array', () => {
    const text = JSON.stringify(
      [
        profile,
        { ...armProfile, properties: { instanceCount: 2, diagnostics: { logs: {} } }, type: armProfile.type },
        { kind: 'Nope' },
      ],
      null,
      2,
    );
    const result = importManifests(text);
    expect(result.documents.map((d) => d.origin)).toEqual(['kubernetes', 'arm']);
    const line = text.split('\n').findIndex((l) => l.includes('"Nope"')) + 1;
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'manifest.unsupported', document: 2, path: '/kind', line, column: 5 }),
    ]);
  });

  it('reads JSON with a byte order mark and tab indentation', () => {
    const result = importManifests(`\uFEFF${JSON.stringify(armProfile, null, '\t')}`, {
      filename: 'profile.json',
    });
    expect(result.issues).toEqual([]);
    expect(result.documents).toHaveLength(1);
  });

  it('refuses Bicep files: they have to be compiled to ARM first', () => {
    expect(importManifests("resource x 'y@1' = {}", { filename: 'main.bicep' })).toEqual({
      documents: [],
      issues: [
        expect.objectContaining({
          code: 'manifest.unsupported',
          document: 0,
          message: 'Bicep files cannot be imported; compile them to an ARM template (az bicep build) first.',
        }),
      ],
    });
  });

  it('reads nothing from empty input', () => {
    for (const text of ['', '   \n', '---\n---\n', '# just a comment\n']) {
      expect(importManifests(text)).toEqual({ documents: [], issues: [] });
    }
  });

  it('reports documents nested too deeply instead of overflowing the stack', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const result = importManifests(deep);
    expect(result.documents).toEqual([]);
    expect(result.issues[0]).toMatchObject({ code: 'manifest.syntax', document: 0 });
  });
});

describe('importManifests never throws (fuzzed)', () => {
  const check = (text: string) => {
    const result = importManifests(text);
    const entries =
      result.documents.length +
      new Set(
        result.issues
          .filter((i) => i.severity === 'error' || i.code === 'manifest.ignored')
          .map((i) => i.document),
      ).size;
    for (const i of result.issues) {
      expect(i.document).toBeGreaterThanOrEqual(0);
      expect(i.document).toBeLessThan(Math.max(entries, 1) + result.documents.length);
      if (i.line !== undefined) expect(i.line).toBeGreaterThanOrEqual(1);
    }
  };

  it('on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), check), { numRuns: 300 });
  });

  it('on any JSON value, as JSON and as YAML', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        check(JSON.stringify(value));
        check(stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('on documents shaped like resources, with anything inside', () => {
    const kinds = fc.constantFrom(
      'DataflowEndpoint',
      'DataflowProfile',
      'Dataflow',
      'DataflowGraph',
      'List',
      'Other',
    );
    const versions = fc.constantFrom(
      'connectivity.iotoperations.azure.com/v1',
      'connectivity.iotoperations.azure.com/v1beta1',
      'v1',
      42,
    );
    const doc = fc.record(
      {
        apiVersion: versions,
        kind: kinds,
        metadata: fc.jsonValue({ maxDepth: 2 }),
        spec: fc.jsonValue({ maxDepth: 4 }),
        items: fc.jsonValue({ maxDepth: 3 }),
      },
      { requiredKeys: ['kind'] },
    );
    const arm = fc.record({
      type: fc.string(),
      name: fc.string(),
      properties: fc.jsonValue({ maxDepth: 4 }),
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(doc, arm), { maxLength: 4 }), (docs) => {
        check(docs.map((d) => stringify(d)).join('---\n'));
        check(JSON.stringify(docs));
        check(JSON.stringify({ $schema: 'x', resources: docs }));
      }),
      { numRuns: 200 },
    );
  });

  it('on exported manifests with random edits', () => {
    const edited = fc
      .tuple(
        arbitraryResource,
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3 })), { maxLength: 5 }),
      )
      .map(([resource, edits]) =>
        edits.reduce(
          (text, [at, remove, insert]) => {
            const i = at % (text.length + 1);
            return text.slice(0, i) + insert + text.slice(i + remove);
          },
          toKubernetesYaml([resource]),
        ),
      );
    fc.assert(fc.property(edited, check), { numRuns: 200 });
  });

  it('importArm on any value', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(() => importArm(value)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
