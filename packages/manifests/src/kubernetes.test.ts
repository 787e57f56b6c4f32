import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { defaultEndpoint, defaultProfile, type DataflowEndpoint, type Resource } from '@flowplane/model';
import { importKubernetesYaml, toKubernetesYaml } from './index.ts';

const V1 = 'connectivity.iotoperations.azure.com/v1';
const profileYaml = (name: string) =>
  `apiVersion: ${V1}\nkind: DataflowProfile\nmetadata:\n  name: ${name}\nspec:\n  instanceCount: 1\n`;

describe('importKubernetesYaml', () => {
  it('reads every document of a multi-document file, skipping empty ones, numbering entries in order', () => {
    const text = `---\n${profileYaml('first')}---\n# only a comment\n---\n\n---\n${profileYaml('second')}`;
    const result = importKubernetesYaml(text);
    expect(result.issues).toEqual([]);
    expect(result.documents.map((d) => [d.index, d.origin, (d.resource as Resource).metadata.name])).toEqual([
      [0, 'kubernetes', 'first'],
      [1, 'kubernetes', 'second'],
    ]);
  });

  it('expands a List: each item is an entry, and issue positions point into the list', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      `  - apiVersion: ${V1}`,
      '    kind: DataflowProfile',
      '    metadata: {name: first}',
      '    spec: {}',
      `  - apiVersion: ${V1}`,
      '    kind: DataflowEndpoint',
      '    metadata: {name: second}',
      '    spec:',
      '      endpointType: localStorage',
      '      localStorageSettings: {persistentVolumeClaimRef: pvc}',
      '---',
      profileYaml('third'),
    ].join('\n');
    const result = importKubernetesYaml(text);
    expect(result.documents.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'manifest.enum.case',
        path: '/spec/endpointType',
        document: 1,
        line: 12,
        column: 7,
      }),
    ]);
  });

  it('reports malformed YAML with the document, line and column, and goes on with the next document', () => {
    const text = `${profileYaml('first')}---\napiVersion: ${V1}\nkind: DataflowProfile\nmetadata:\n  name: [broken\n---\n${profileYaml('third')}`;
    const result = importKubernetesYaml(text);
    expect(result.documents.map((d) => d.index)).toEqual([0, 2]);
    expect(result.issues).toHaveLength(1);
    // The parser notices the unclosed flow sequence where the document ends.
    expect(result.issues[0]).toMatchObject({
      code: 'manifest.syntax',
      severity: 'error',
      document: 1,
      path: '',
      line: 12,
      column: 1,
      message: 'Flow sequence in block collection must be sufficiently indented and end with a ]',
    });
  });

  it('reports a duplicate key as a syntax error at the key', () => {
    const result = importKubernetesYaml(`${profileYaml('first')}metadata:\n  name: again\n`);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'manifest.syntax',
        document: 0,
        line: 7,
        column: 1,
        message: 'Map keys must be unique',
      }),
    ]);
  });

  it('reports an unresolvable alias as a syntax error', () => {
    const result = importKubernetesYaml(`apiVersion: ${V1}\nkind: DataflowProfile\nmetadata: *nothing\n`);
    expect(result.documents).toEqual([]);
    expect(result.issues[0]).toMatchObject({ code: 'manifest.syntax', document: 0 });
  });

  it.each([
    [
      'a fragment',
      'spec:\n  endpointType: mqtt\n',
      '',
      'Not a Kubernetes resource: the document has neither apiVersion nor kind (a fragment of a manifest?).',
    ],
    [
      'another kind of this API group',
      `apiVersion: ${V1}\nkind: Broker\n`,
      '/kind',
      'kind Broker is not one Flowplane reads (DataflowEndpoint, DataflowProfile, Dataflow, DataflowGraph).',
    ],
    [
      'another version',
      'apiVersion: connectivity.iotoperations.azure.com/v2\nkind: Dataflow\n',
      '/apiVersion',
      'apiVersion "connectivity.iotoperations.azure.com/v2" is not supported; Flowplane reads connectivity.iotoperations.azure.com/v1 and the older connectivity.iotoperations.azure.com/v1beta1.',
    ],
    ['a scalar', 'just text\n', '', 'A manifest document must be an object; this one is a string.'],
    ['a list', '- a\n- b\n', '', 'A manifest document must be an object; this one is a list.'],
  ])('%s is manifest.unsupported, and the next document is still read', (_, doc, path, message) => {
    const result = importKubernetesYaml(`${doc}---\n${profileYaml('next')}`);
    expect(result.issues).toEqual([
      {
        code: 'manifest.unsupported',
        severity: 'error',
        document: 0,
        path,
        message,
        line: expect.any(Number),
        column: expect.any(Number),
      },
    ]);
    expect(result.documents).toEqual([expect.objectContaining({ index: 1 })]);
  });

  it('normalizes the case of kind', () => {
    const result = importKubernetesYaml(
      `apiVersion: ${V1}\nkind: dataflowProfile\nmetadata: {name: p-1}\nspec: {}\n`,
    );
    expect(result.documents[0]!.resource).toMatchObject({ kind: 'DataflowProfile' });
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'manifest.enum.case', path: '/kind', line: 2, column: 1 }),
    ]);
  });

  it('reads what kubectl get -o yaml prints: status and server metadata are dropped', () => {
    const text = [
      `apiVersion: ${V1}`,
      'kind: DataflowProfile',
      'metadata:',
      '  name: default',
      '  namespace: azure-iot-operations',
      '  uid: 0b5f',
      '  resourceVersion: "1234"',
      '  generation: 2',
      '  creationTimestamp: "2026-01-01T00:00:00Z"',
      '  managedFields:',
      '    - manager: kubectl',
      'spec:',
      '  instanceCount: 1',
      'status:',
      '  provisioningStatus:',
      '    status: Succeeded',
    ].join('\n');
    const result = importKubernetesYaml(text);
    expect(result.issues).toEqual([]);
    expect(result.documents[0]!.resource).toEqual({
      apiVersion: V1,
      kind: 'DataflowProfile',
      metadata: {
        name: 'default',
        namespace: 'azure-iot-operations',
        uid: '0b5f',
        resourceVersion: '1234',
        generation: 2,
        creationTimestamp: '2026-01-01T00:00:00Z',
      },
      spec: { instanceCount: 1 },
    });
  });

  it('never shares objects between documents (YAML aliases are copied)', () => {
    const text = `kind: List\nitems:\n  - {apiVersion: ${V1}, kind: DataflowProfile, metadata: &m {name: p-1}, spec: {}}\n  - {apiVersion: ${V1}, kind: DataflowProfile, metadata: *m, spec: {}}\n`;
    const [a, b] = importKubernetesYaml(text).documents;
    expect((a!.resource as Resource).metadata).not.toBe((b!.resource as Resource).metadata);
  });
});

const anonymousMqtt: DataflowEndpoint = {
  apiVersion: V1,
  kind: 'DataflowEndpoint',
  metadata: {
    name: 'anonymous',
    uid: 'x',
    resourceVersion: '1',
    generation: 1,
    creationTimestamp: '2026-01-01T00:00:00Z',
  },
  spec: {
    mqttSettings: { authentication: { method: 'Anonymous' }, host: 'broker:1883', tls: { mode: 'Disabled' } },
    endpointType: 'Mqtt',
  },
  status: { health: 'ok' },
};

describe('toKubernetesYaml', () => {
  it('writes one document per resource with keys in schema order', () => {
    const text = toKubernetesYaml([defaultProfile(), anonymousMqtt]);
    expect(text).toBe(
      [
        'apiVersion: connectivity.iotoperations.azure.com/v1',
        'kind: DataflowProfile',
        'metadata:',
        '  name: default',
        '  namespace: azure-iot-operations',
        'spec:',
        '  instanceCount: 1',
        '---',
        'apiVersion: connectivity.iotoperations.azure.com/v1',
        'kind: DataflowEndpoint',
        'metadata:',
        '  name: anonymous',
        'spec:',
        '  endpointType: Mqtt',
        '  mqttSettings:',
        '    host: broker:1883',
        '    authentication:',
        '      method: Anonymous',
        '      anonymousSettings: {}',
        '    tls:',
        '      mode: Disabled',
        '',
      ].join('\n'),
    );
  });

  it('overrides the namespace and applies minimal', () => {
    const text = toKubernetesYaml([defaultEndpoint(), defaultProfile()], {
      namespace: 'plant-3',
      minimal: true,
    });
    const docs = parseAllDocuments(text).map((d) => d.toJS() as Resource);
    expect(docs.map((d) => d.metadata)).toEqual([
      { name: 'default', namespace: 'plant-3' },
      { name: 'default', namespace: 'plant-3' },
    ]);
    expect(docs[0]!.spec).toEqual({
      endpointType: 'Mqtt',
      mqttSettings: {
        host: 'aio-broker:18883',
        authentication: {
          method: 'ServiceAccountToken',
          serviceAccountTokenSettings: { audience: 'aio-internal' },
        },
        tls: { trustedCaCertificateConfigMapRef: 'azure-iot-operations-aio-ca-trust-bundle' },
      },
    });
    expect(docs[1]!.spec).toEqual({});
  });

  it('quotes strings that YAML 1.1 (kubectl) or 1.2 would read as something else', () => {
    const labels = {
      a: 'yes',
      b: 'on',
      c: '0o17',
      d: '012',
      e: 'null',
      f: '1_000',
      g: '1:20',
      h: '2001-12-14',
      i: 'plain',
      j: 'y2k',
    };
    const text = toKubernetesYaml([{ ...defaultProfile(), metadata: { name: 'p-1', labels } }]);
    expect(text).toContain(
      'a: "yes"\n    b: "on"\n    c: "0o17"\n    d: "012"\n    e: "null"\n    f: "1_000"\n    g: "1:20"\n    h: "2001-12-14"\n    i: plain\n    j: y2k\n',
    );
  });

  it('reads back to the same resources, less what only a server writes', () => {
    const result = importKubernetesYaml(toKubernetesYaml([defaultEndpoint(), anonymousMqtt]));
    expect(result.issues).toEqual([]);
    const { status: _status, ...withoutStatus } = anonymousMqtt;
    expect(result.documents.map((d) => d.resource)).toEqual([
      defaultEndpoint(),
      { ...withoutStatus, metadata: { name: 'anonymous' } },
    ]);
  });

  it('writes nothing for no resources', () => {
    expect(toKubernetesYaml([])).toBe('');
  });
});

describe('resources of other API groups in a bundle', () => {
  it('are skipped with a warning, and ours are read', () => {
    const bundle = `apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\n---\napiVersion: ${V1}\nkind: DataflowProfile\nmetadata: {name: p-1}\nspec: {}\n`;
    const result = importKubernetesYaml(bundle);
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'manifest.ignored', severity: 'warning', document: 0, path: '/kind' }),
    ]);
    expect(result.documents.map((d) => d.index)).toEqual([1]);
  });
});
