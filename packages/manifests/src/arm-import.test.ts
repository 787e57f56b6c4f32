import { describe, expect, it } from 'vitest';
import { importArm, importManifests } from './index.ts';

const V1 = 'connectivity.iotoperations.azure.com/v1';
const profileType = 'Microsoft.IoTOperations/instances/dataflowProfiles';
const dataflowType = 'Microsoft.IoTOperations/instances/dataflowProfiles/dataflows';
const endpointType = 'Microsoft.IoTOperations/instances/dataflowEndpoints';
const operations = [
  { operationType: 'Source', sourceSettings: { endpointRef: 'default', dataSources: ['a/#'] } },
  { operationType: 'Destination', destinationSettings: { endpointRef: 'default', dataDestination: 'b' } },
];

describe('importArm: request bodies', () => {
  it('reads a PUT body whose name is instance/profile/dataflow, dropping read-only properties', () => {
    const result = importArm({
      type: dataflowType,
      name: 'my-instance/my-profile/my-flow',
      extendedLocation: { name: '/subscriptions/x/customLocations/y', type: 'CustomLocation' },
      properties: {
        mode: 'Enabled',
        operations,
        provisioningState: 'Succeeded',
        healthState: 'Available',
        status: {},
      },
    });
    expect(result).toEqual({
      documents: [
        {
          index: 0,
          origin: 'arm',
          resource: {
            apiVersion: V1,
            kind: 'Dataflow',
            metadata: { name: 'my-flow' },
            spec: { profileRef: 'my-profile', mode: 'Enabled', operations },
          },
        },
      ],
      issues: [],
    });
  });

  it('reads a GET body: the parent comes from the id', () => {
    const result = importArm({
      id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.IoTOperations/instances/i/dataflowProfiles/p-1/dataflows/f-1',
      name: 'f-1',
      type: dataflowType,
      properties: { operations },
    });
    expect(result.documents[0]!.resource).toMatchObject({
      metadata: { name: 'f-1' },
      spec: { profileRef: 'p-1' },
    });
  });

  it('infers the kind from the properties when there is no type', () => {
    const kinds = importArm([
      { name: 'ep-1', properties: { endpointType: 'Mqtt' } },
      { name: 'p-1', properties: { instanceCount: 2 } },
      { name: 'i/p-1/f-1', properties: { operations } },
    ]).documents.map((d) => (d.resource as { kind: string }).kind);
    expect(kinds).toEqual(['DataflowEndpoint', 'DataflowProfile', 'Dataflow']);
  });

  it('says when a dataflow body does not name its profile', () => {
    const result = importArm({ name: 'f-1', type: dataflowType, properties: { operations } });
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'manifest.unsupported', path: '/spec/profileRef', document: 0 }),
    ]);
  });

  it('normalizes enum case as Kubernetes import does (ARM treats enums case-insensitively)', () => {
    const result = importArm({
      name: 'ep-1',
      type: endpointType.toUpperCase(),
      properties: { endpointType: 'localstorage' },
    });
    expect(result.documents[0]!.resource).toMatchObject({
      kind: 'DataflowEndpoint',
      spec: { endpointType: 'LocalStorage' },
    });
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['manifest.enum.case', '/spec/endpointType'],
    ]);
  });

  it('skips other resource types with a warning, reads DataflowGraph, and goes on', () => {
    const result = importArm([
      { type: 'Microsoft.IoTOperations/instances/brokers', name: 'i/b', properties: {} },
      {
        type: 'Microsoft.IoTOperations/instances/dataflowProfiles/dataflowGraphs',
        name: 'i/p/g',
        properties: { nodes: [] },
      },
      { type: profileType, name: 'i/p-1', properties: {} },
    ]);
    expect(result.issues.map((i) => [i.document, i.code, i.severity, i.message])).toEqual([
      [
        0,
        'manifest.ignored',
        'warning',
        'ARM resource type Microsoft.IoTOperations/instances/brokers is not a dataflow endpoint, profile, dataflow or graph; skipped.',
      ],
    ]);
    expect(result.documents.map((d) => d.index)).toEqual([1, 2]);
    expect(result.documents[0]!.resource).toMatchObject({
      kind: 'DataflowGraph',
      metadata: { name: 'g' },
      spec: { profileRef: 'p', nodes: [] },
    });
  });

  it('reads Kubernetes resources given as JSON', () => {
    const resource = { apiVersion: V1, kind: 'DataflowProfile', metadata: { name: 'p-1' }, spec: {} };
    expect(importArm([resource, { kind: 'List', items: [resource] }]).documents).toEqual([
      { index: 0, origin: 'kubernetes', resource },
      { index: 1, origin: 'kubernetes', resource },
    ]);
  });

  it('never throws, whatever it is given', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const input of [
      undefined,
      null,
      42,
      'text',
      [],
      [[]],
      cyclic,
      { properties: 'x' },
      { resources: 'x', $schema: 'y' },
    ]) {
      expect(() => importArm(input)).not.toThrow();
    }
    expect(importArm(cyclic).issues[0]).toMatchObject({ code: 'manifest.syntax' });
  });
});

describe('importArm: deployment templates', () => {
  const template = (resources: unknown, parameters: unknown = {}, variables: unknown = {}) => ({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters,
    variables,
    resources,
  });

  it('resolves names written with format() and parameters() from the parameter defaults', () => {
    const result = importArm(
      template(
        [
          {
            type: dataflowType,
            apiVersion: '2026-10-01',
            name: "[format('{0}/{1}/{2}', parameters('instanceName'), parameters('profileName'), 'my-flow')]",
            properties: { operations },
          },
          {
            type: endpointType,
            apiVersion: '2026-10-01',
            name: "[concat(parameters('instanceName'), '/', variables('endpoint'))]",
            properties: {
              endpointType: 'LocalStorage',
              localStorageSettings: { persistentVolumeClaimRef: 'pvc' },
            },
          },
          { type: 'Microsoft.IoTOperations/instances', apiVersion: '2026-10-01', name: 'i', existing: true },
        ],
        { instanceName: { type: 'string' }, profileName: { type: 'string', defaultValue: 'my-profile' } },
        { endpoint: 'my-endpoint' },
      ),
    );
    expect(result.issues).toEqual([]);
    expect(result.documents.map((d) => d.resource)).toMatchObject([
      { kind: 'Dataflow', metadata: { name: 'my-flow' }, spec: { profileRef: 'my-profile' } },
      { kind: 'DataflowEndpoint', metadata: { name: 'my-endpoint' } },
    ]);
  });

  it('takes the last literal when a name cannot be evaluated at all, and says what stays unknown', () => {
    const result = importArm(
      template([
        {
          type: profileType,
          name: "[if(equals(parameters('env'), 'prod'), 'p-prod', 'p-dev')]",
          properties: {},
        },
        {
          type: profileType,
          name: "[concat(parameters('instanceName'), '/p-', uniqueString('x'))]",
          properties: {},
        },
        {
          type: dataflowType,
          name: "[format('{0}/{1}/{2}', parameters('instanceName'), parameters('profile'), 'my-flow')]",
          properties: { operations },
        },
      ]),
    );
    expect(result.documents.map((d) => d.resource)).toMatchObject([
      { metadata: { name: 'p-dev' } },
      { metadata: {} },
      { metadata: { name: 'my-flow' } },
    ]);
    expect(result.issues.map((i) => [i.document, i.code, i.path, i.message])).toEqual([
      [
        1,
        'manifest.unsupported',
        '/metadata/name',
        "The name [concat(parameters('instanceName'), '/p-', uniqueString('x'))] cannot be resolved offline.",
      ],
      [
        2,
        'manifest.unsupported',
        '/spec/profileRef',
        'The parent dataflow profile is not known: name the dataflow <instance>/<profile>/<dataflow> or give its id.',
      ],
    ]);
  });

  it('unescapes [[ literals and evaluates expressions in properties; what cannot be evaluated stays, with an issue', () => {
    const result = importArm(
      template(
        [
          {
            type: endpointType,
            name: 'i/ep-1',
            properties: {
              endpointType: 'Mqtt',
              mqttSettings: {
                host: "[format('{0}:8883', parameters('broker'))]",
                clientIdPrefix: '[[prefix]',
                authentication: { method: 'Anonymous' },
                tls: { trustedCaCertificateConfigMapRef: "[parameters('caConfigMap')]" },
              },
            },
          },
        ],
        { broker: { type: 'string', defaultValue: 'mqtt.example.com' }, caConfigMap: { type: 'string' } },
      ),
    );
    expect(result.documents[0]!.resource).toMatchObject({
      spec: {
        mqttSettings: {
          host: 'mqtt.example.com:8883',
          clientIdPrefix: '[prefix]',
          tls: { trustedCaCertificateConfigMapRef: "[parameters('caConfigMap')]" },
        },
      },
    });
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'manifest.unsupported',
        path: '/spec/mqttSettings/tls/trustedCaCertificateConfigMapRef',
      }),
    ]);
  });

  it('reads languageVersion 2.0 templates, whose resources are an object', () => {
    const result = importArm(
      template({ profile: { type: profileType, name: 'i/p-1', properties: { instanceCount: 1 } } }),
    );
    expect(result.documents[0]!.resource).toMatchObject({
      kind: 'DataflowProfile',
      metadata: { name: 'p-1' },
    });
  });
});

describe('importManifests: ARM JSON text', () => {
  it('gives the line and column of issues in the JSON text', () => {
    const text = JSON.stringify(
      {
        type: endpointType,
        name: 'i/ep-1',
        properties: { endpointType: 'kafka', kafkaSettings: { host: 'k:9093' } },
      },
      null,
      2,
    );
    const result = importManifests(text);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'manifest.enum.case',
        path: '/spec/endpointType',
        document: 0,
        line: 5,
        column: 5,
      }),
    ]);
  });

  it('gives the line and column of a JSON syntax error', () => {
    const result = importManifests('{\n  "type": "x",\n  "properties": {\n}', { filename: 'broken.json' });
    expect(result.documents).toEqual([]);
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'manifest.syntax', document: 0, line: 4 }),
    ]);
  });
});
