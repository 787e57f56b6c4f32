import { describe, expect, it } from 'vitest';
import { ARM, cli } from './test-support.ts';

describe('flowplane convert', () => {
  it('converts ARM examples to Kubernetes YAML that validates the same', async () => {
    const converted = await cli([
      'convert',
      '-f',
      `${ARM}/endpoints/DataflowEndpoint_CreateOrUpdate_Kafka.json`,
      '--to',
      'kubernetes',
      '--namespace',
      'plant-3',
    ]);
    expect(converted.code).toBe(0);
    expect(converted.stdout).toContain('apiVersion: connectivity.iotoperations.azure.com/v1');
    expect(converted.stdout).toContain('kind: DataflowEndpoint');
    expect(converted.stdout).toContain('namespace: plant-3');
    const again = await cli(['validate', '-f', '-'], converted.stdout);
    expect(again.code).toBe(0);
  });

  it('round-trips Kubernetes → ARM → Kubernetes', async () => {
    const arm = await cli(['convert', '-f', 'test-fixtures/instance.yaml', '--to', 'arm']);
    expect(arm.code).toBe(0);
    const template = JSON.parse(arm.stdout) as { resources: { type: string }[] };
    expect(template.resources.map((r) => r.type)).toEqual([
      'Microsoft.IoTOperations/instances/dataflowEndpoints',
      'Microsoft.IoTOperations/instances/dataflowProfiles',
      'Microsoft.IoTOperations/instances/dataflowEndpoints',
      'Microsoft.IoTOperations/instances/dataflowProfiles/dataflows',
    ]);
    const back = await cli(['convert', '-f', '-', '--to', 'kubernetes'], arm.stdout);
    expect(back.code).toBe(0);
    const original = await cli(['convert', '-f', 'test-fixtures/instance.yaml', '--to', 'kubernetes']);
    expect(back.stdout).toBe(original.stdout);
  });

  it('prints Bicep with the chosen API version', async () => {
    const bicep = await cli([
      'convert',
      '-f',
      'test-fixtures/instance.yaml',
      '--to',
      'bicep',
      '--api-version',
      '2025-10-01',
    ]);
    expect(bicep.code).toBe(0);
    expect(bicep.stdout).toContain("'Microsoft.IoTOperations/instances/dataflowEndpoints@2025-10-01'");
  });

  it('refuses what the API version cannot express', async () => {
    const otel = [
      'apiVersion: connectivity.iotoperations.azure.com/v1',
      'kind: DataflowEndpoint',
      'metadata: {name: otel}',
      'spec: {endpointType: OpenTelemetry, openTelemetrySettings: {host: "collector:4317", authentication: {method: Anonymous, anonymousSettings: {}}}}',
    ].join('\n');
    const result = await cli(['convert', '-f', '-', '--to', 'arm', '--api-version', '2025-04-01'], otel);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('apiVersion.feature.unsupported');
  });

  it('rejects an unknown target format with help', async () => {
    const result = await cli(['convert', '-f', 'test-fixtures/instance.yaml', '--to', 'helm']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--to is one of kubernetes, arm, bicep');
  });

  it('reports schema errors instead of converting', async () => {
    const result = await cli(
      ['convert', '-f', '-', '--to', 'arm'],
      'apiVersion: connectivity.iotoperations.azure.com/v1\nkind: DataflowProfile\nmetadata: {name: P}\nspec: {}\n',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/metadata/name');
  });
});
