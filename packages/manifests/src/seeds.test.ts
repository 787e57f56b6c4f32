import { describe, expect, it } from 'vitest';
import { validateResource, type IssueCode } from '@flowplane/model';
import { importManifests } from './index.ts';
import { seedSamples, type SeedSample } from './test-support/fixtures.ts';

interface Expected {
  reason: string;
  /** The import error the sample gets (document 0), when it cannot be imported at all. */
  importError?: { code: IssueCode; path: string; line?: number; column?: number };
  /** Validation errors of an imported sample that are there on purpose (placeholders, short names). */
  validationErrors?: { code: IssueCode; path: string }[];
}

/** Samples of the seed documents that do not import to valid resources, and why. */
const EXCEPTIONS: Record<string, Expected> = {
  'v1beta1#0': {
    reason:
      'the "all options" sample is a template full of placeholders (<endpoint-name>, <endpointType>, <method>, <mode>)',
    validationErrors: [
      { code: 'schema.pattern', path: '/metadata/name' },
      { code: 'schema.enum', path: '/spec/endpointType' },
      { code: 'schema.enum', path: '/spec/mqttSettings/authentication/method' },
      { code: 'schema.enum', path: '/spec/mqttSettings/tls/mode' },
      { code: 'endpoint.settings.unexpected', path: '/spec/mqttSettings' },
    ],
  },
  'v1beta1#1': {
    reason: 'the name "mq" is valid in Kubernetes but ARM names need 3 to 63 characters',
    validationErrors: [{ code: 'schema.minLength', path: '/metadata/name' }],
  },
  'v1beta1#2': {
    reason: 'malformed YAML: "systemAssignedManagedIdentitySettings:{" mixes block and flow syntax',
    importError: { code: 'manifest.syntax', path: '', line: 9, column: 5 },
  },
  'v1beta1#3': {
    reason: 'a fragment (spec only, "..." placeholder)',
    importError: { code: 'manifest.unsupported', path: '' },
  },
  'v1beta1#4': {
    reason: 'a fragment (authentication only)',
    importError: { code: 'manifest.unsupported', path: '' },
  },
  'v1beta1#5': {
    reason: 'a fragment (authentication only)',
    importError: { code: 'manifest.unsupported', path: '' },
  },
  'v1beta1#6': {
    reason: 'a fragment (authentication only)',
    importError: { code: 'manifest.unsupported', path: '' },
  },
  'v1beta1#7': {
    reason: 'a fragment (authentication only)',
    importError: { code: 'manifest.unsupported', path: '' },
  },
  'v1beta1#8': { reason: 'a fragment (spec only)', importError: { code: 'manifest.unsupported', path: '' } },
  'v1beta1#9': {
    reason: 'malformed YAML: the settings block is indented under the method value',
    importError: { code: 'manifest.syntax', path: '', line: 8, column: 13 },
  },
  'v1beta1#10': {
    reason: 'authentication is the placeholder "..." instead of an object',
    validationErrors: [{ code: 'schema.type', path: '/spec/kafkaSettings/authentication' }],
  },
  'v1beta1#11': {
    reason: 'a fragment listing alternatives under one key: "method" appears four times',
    importError: { code: 'manifest.syntax', path: '', line: 7, column: 3 },
  },
  'v1beta1#12': { reason: 'a fragment (spec only)', importError: { code: 'manifest.unsupported', path: '' } },
  'v1beta1#13': { reason: 'a fragment (spec only)', importError: { code: 'manifest.unsupported', path: '' } },
};

const samples: SeedSample[] = [...seedSamples('v1beta1'), ...seedSamples('v1')];

describe('the YAML samples of the seed documents', () => {
  it('are all found (15 in the v1beta1 page, 2 in the v1 page) and every exception names one', () => {
    expect(seedSamples('v1beta1')).toHaveLength(15);
    expect(seedSamples('v1')).toHaveLength(2);
    const ids = samples.map((s) => s.id);
    for (const id of Object.keys(EXCEPTIONS)) expect(ids).toContain(id);
  });

  const regular = samples.filter((s) => !EXCEPTIONS[s.id]);
  it.each(regular.map((s) => [s.id, s] as const))(
    '%s imports to resources that validate without errors',
    (_, sample) => {
      const result = importManifests(sample.yaml);
      expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(result.documents).toHaveLength(1);
      for (const { resource } of result.documents) {
        expect(validateResource(resource).filter((i) => i.severity === 'error')).toEqual([]);
      }
    },
  );

  const exceptional = samples.flatMap((s) => {
    const expected = EXCEPTIONS[s.id];
    return expected ? [[s.id, expected.reason, s, expected] as const] : [];
  });
  it.each(exceptional)('%s is an exception: %s', (_, _reason, sample, expected) => {
    const result = importManifests(sample.yaml);
    if (expected.importError) {
      expect(result.documents).toEqual([]);
      expect(result.issues).toEqual([
        expect.objectContaining({ ...expected.importError, document: 0, severity: 'error' }),
      ]);
    } else {
      expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(result.documents).toHaveLength(1);
      const errors = validateResource(result.documents[0]!.resource).filter((i) => i.severity === 'error');
      expect(errors.map(({ code, path }) => ({ code, path }))).toEqual(expected.validationErrors);
    }
  });

  it('v1beta1 samples are translated with a warning per field, pointing at the lines of the seed', () => {
    const localStorage = samples.find((s) => s.id === 'v1beta1#14')!;
    const result = importManifests(localStorage.yaml);
    expect(result.documents[0]).toMatchObject({
      origin: 'kubernetes-v1beta1',
      resource: {
        apiVersion: 'connectivity.iotoperations.azure.com/v1',
        spec: {
          endpointType: 'LocalStorage',
          localStorageSettings: { persistentVolumeClaimRef: '<your PVC name>' },
        },
      },
    });
    expect(result.issues.map(({ code, path, line, column }) => ({ code, path, line, column }))).toEqual([
      { code: 'manifest.legacy.translated', path: '/apiVersion', line: 1, column: 1 },
      {
        code: 'manifest.legacy.translated',
        path: '/spec/localStorageSettings/persistentVolumeClaimRef',
        line: 8,
        column: 5,
      },
      { code: 'manifest.enum.case', path: '/spec/endpointType', line: 6, column: 3 },
    ]);
  });
});
