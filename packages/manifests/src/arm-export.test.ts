import { describe, expect, it } from 'vitest';
import { defaultProfile, type Resource } from '@flowplane/model';
import { exportManifests, importManifests, toArmTemplate } from './index.ts';
import { dataflow, kafkaEndpoint, otelEndpoint, profile } from './test-support/resources.ts';

describe('toArmTemplate', () => {
  const { template, issues } = toArmTemplate([kafkaEndpoint, profile, dataflow]);

  it('is a 2019-04-01 deployment template with the instance and custom location as parameters', () => {
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(template.$schema).toBe(
      'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    );
    expect(template.contentVersion).toBe('1.0.0.0');
    expect(Object.keys(template.parameters)).toEqual(['instanceName', 'customLocationName']);
    expect(Object.values(template.parameters).map((p) => p.type)).toEqual(['string', 'string']);
  });

  it('writes type, api version, name expression and extendedLocation for every resource', () => {
    expect(template.resources.map(({ type, apiVersion, name }) => ({ type, apiVersion, name }))).toEqual([
      {
        type: 'Microsoft.IoTOperations/instances/dataflowEndpoints',
        apiVersion: '2026-10-01',
        name: "[format('{0}/{1}', parameters('instanceName'), 'event-hub')]",
      },
      {
        type: 'Microsoft.IoTOperations/instances/dataflowProfiles',
        apiVersion: '2026-10-01',
        name: "[format('{0}/{1}', parameters('instanceName'), 'fast')]",
      },
      {
        type: 'Microsoft.IoTOperations/instances/dataflowProfiles/dataflows',
        apiVersion: '2026-10-01',
        name: "[format('{0}/{1}/{2}', parameters('instanceName'), 'fast', 'to-hub')]",
      },
    ]);
    for (const r of template.resources) {
      expect(r.extendedLocation).toEqual({
        name: "[resourceId('Microsoft.ExtendedLocation/customLocations', parameters('customLocationName'))]",
        type: 'CustomLocation',
      });
    }
  });

  it('makes a dataflow depend on its profile and the endpoints of the same template', () => {
    expect(template.resources.map((r) => r.dependsOn)).toEqual([
      undefined,
      undefined,
      [
        "[resourceId('Microsoft.IoTOperations/instances/dataflowProfiles', parameters('instanceName'), 'fast')]",
        "[resourceId('Microsoft.IoTOperations/instances/dataflowEndpoints', parameters('instanceName'), 'event-hub')]",
      ],
    ]);
  });

  it('writes spec as properties: no profileRef, no anonymousSettings for Kafka, [ strings escaped', () => {
    expect(template.resources[0]!.properties).toEqual({
      endpointType: 'Kafka',
      kafkaSettings: {
        host: 'example.servicebus.windows.net:9093',
        authentication: { method: 'Anonymous' },
        consumerGroupId: 'dataflows',
        tls: { mode: 'Enabled' },
      },
    });
    const properties = template.resources[2]!.properties;
    expect(properties).not.toHaveProperty('profileRef');
    expect(JSON.stringify(properties)).toContain('"description":"[[draft] it\'s');
  });

  it('keeps anonymousSettings where ARM requires it (OpenTelemetry)', () => {
    const { template } = toArmTemplate([otelEndpoint]);
    expect(template.resources[0]!.properties).toMatchObject({
      openTelemetrySettings: { authentication: { method: 'Anonymous', anonymousSettings: {} } },
    });
  });

  it('applies minimal', () => {
    const { template } = toArmTemplate([defaultProfile()], { minimal: true });
    expect(template.resources[0]!.properties).toEqual({});
  });

  it('reads back (through importManifests) to the same resources, less what ARM cannot carry', () => {
    const result = importManifests(JSON.stringify(template));
    expect(result.issues).toEqual([]);
    expect(result.documents.map((d) => [d.origin, d.resource])).toEqual([
      [
        'arm',
        {
          ...kafkaEndpoint,
          metadata: { name: 'event-hub' },
          spec: {
            ...kafkaEndpoint.spec,
            kafkaSettings: { ...kafkaEndpoint.spec.kafkaSettings!, authentication: { method: 'Anonymous' } },
          },
        },
      ],
      ['arm', profile],
      ['arm', dataflow],
    ]);
  });
});

describe('toArmTemplate: API versions', () => {
  it('writes the requested version', () => {
    const { template } = toArmTemplate([profile], { apiVersion: '2025-04-01' });
    expect(template.resources[0]!.apiVersion).toBe('2025-04-01');
  });

  it('refuses an unknown version', () => {
    const { template, issues } = toArmTemplate([profile], { apiVersion: '2023-01-01' });
    expect(template.resources).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'apiVersion.unknown', severity: 'error', document: 0, path: '' }),
    ]);
  });

  it.each([
    ['OpenTelemetry before 2025-07-01-preview', otelEndpoint, '2025-04-01', '/spec/endpointType'],
    [
      'hostType before 2025-07-01-preview',
      { ...kafkaEndpoint, spec: { ...kafkaEndpoint.spec, hostType: 'Eventhub' } },
      '2024-11-01',
      '/spec/hostType',
    ],
    [
      'requestDiskPersistence before 2025-10-01',
      { ...dataflow, spec: { ...dataflow.spec, requestDiskPersistence: 'Enabled' } },
      '2025-07-01-preview',
      '/spec/requestDiskPersistence',
    ],
    [
      'a US Government host before 2026-10-01',
      {
        ...kafkaEndpoint,
        spec: {
          endpointType: 'DataLakeStorage',
          dataLakeStorageSettings: {
            host: 'https://account.blob.core.usgovcloudapi.net',
            authentication: { method: 'SystemAssignedManagedIdentity' },
          },
        },
      },
      '2026-07-01',
      '/spec/dataLakeStorageSettings/host',
    ],
  ] as [string, Resource, string, string][])(
    '%s is an error and the resource is left out',
    (_, resource, apiVersion, path) => {
      const { template, issues } = toArmTemplate([profile, resource], { apiVersion });
      expect(issues).toEqual([
        expect.objectContaining({
          code: 'apiVersion.feature.unsupported',
          severity: 'error',
          document: 1,
          path,
        }),
      ]);
      expect(template.resources.map((r) => r.type)).toEqual([
        'Microsoft.IoTOperations/instances/dataflowProfiles',
      ]);
    },
  );

  it('refuses a dataflow whose profileRef cannot be an ARM name segment', () => {
    const { template, issues } = toArmTemplate([
      { ...dataflow, spec: { ...dataflow.spec, profileRef: 'a/b' } },
    ]);
    expect(template.resources).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'schema.pattern', path: '/spec/profileRef', document: 0 }),
    ]);
  });
});

describe('exportManifests', () => {
  it('writes ARM as indented JSON', () => {
    const { text, issues } = exportManifests([profile], 'arm');
    expect(issues).toEqual([]);
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(toArmTemplate([profile]).template);
  });

  it('writes Kubernetes YAML without issues', () => {
    expect(exportManifests([profile], 'kubernetes')).toEqual({
      text: 'apiVersion: connectivity.iotoperations.azure.com/v1\nkind: DataflowProfile\nmetadata:\n  name: fast\nspec:\n  instanceCount: 3\n',
      issues: [],
    });
  });

  it('passes the API version check on to Bicep', () => {
    expect(exportManifests([otelEndpoint], 'bicep', { apiVersion: '2024-11-01' }).issues).toEqual([
      expect.objectContaining({ code: 'apiVersion.feature.unsupported', document: 0 }),
    ]);
  });
});

describe('metadata ARM cannot carry', () => {
  it('labels and annotations are left out with a warning', () => {
    const labelled = {
      apiVersion: 'connectivity.iotoperations.azure.com/v1',
      kind: 'DataflowProfile',
      metadata: { name: 'p-1', labels: { team: 'a' }, annotations: { note: 'b' } },
      spec: {},
    } as const;
    const { template, issues } = toArmTemplate([labelled]);
    expect(template.resources).toHaveLength(1);
    expect(issues.map((i) => [i.code, i.severity, i.path, i.document])).toEqual([
      ['export.field.dropped', 'warning', '/metadata/labels', 0],
      ['export.field.dropped', 'warning', '/metadata/annotations', 0],
    ]);
  });
});
