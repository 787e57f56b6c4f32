import { describe, expect, it } from 'vitest';
import { validateResource, type Resource } from '@flowplane/model';
import { importKubernetesYaml, importManifests, toArmTemplate, toBicep, toKubernetesYaml } from './index.ts';
import { armFixtures } from './test-support/fixtures.ts';
import { readBicep } from './test-support/bicep-reader.ts';

const fixtures = armFixtures();
const request = (text: string) =>
  (JSON.parse(text) as { parameters: { resource: { properties: Record<string, unknown> } } }).parameters
    .resource.properties;

/** Fixtures that are not valid on purpose (generator artefacts of the specification), and the errors they get. */
const INVALID: Record<string, { code: string; path: string }[]> = {
  'endpoints/DataflowEndpoint_CreateOrUpdate_AIO.json': [
    { code: 'schema.enum', path: '/spec/mqttSettings/authentication/method' },
  ],
  'endpoints/DataflowEndpoint_CreateOrUpdate_MaximumSet_Gen.json': [
    { code: 'schema.enum', path: '/spec/mqttSettings/cloudEventAttributes' },
    { code: 'schema.enum', path: '/spec/kafkaSettings/cloudEventAttributes' },
    { code: 'endpoint.settings.unexpected', path: '/spec/mqttSettings' },
    { code: 'endpoint.settings.unexpected', path: '/spec/kafkaSettings' },
    { code: 'endpoint.settings.unexpected', path: '/spec/dataLakeStorageSettings' },
    { code: 'endpoint.settings.unexpected', path: '/spec/fabricOneLakeSettings' },
    { code: 'endpoint.settings.unexpected', path: '/spec/localStorageSettings' },
    {
      code: 'auth.settings.unexpected',
      path: '/spec/dataExplorerSettings/authentication/userAssignedManagedIdentitySettings',
    },
    { code: 'host.invalid', path: '/spec/dataExplorerSettings/host' },
  ],
};

const resources: [string, Resource][] = [];
for (const fixture of fixtures) {
  for (const d of importManifests(fixture.text, { filename: fixture.file }).documents) {
    resources.push([fixture.file, d.resource as Resource]);
  }
}

describe('the ARM examples of the specification (2026-10-01)', () => {
  it('are all there: 10 endpoints, 3 profiles, 6 dataflows and a dataflow graph', () => {
    expect(fixtures.map((f) => f.file.split('/')[0])).toEqual([
      ...Array(10).fill('endpoints'),
      ...Array(3).fill('profiles'),
      ...Array(7).fill('dataflows'),
    ]);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))(
    '%s imports: properties → spec, names from the URL parameters',
    (_, fixture) => {
      const result = importManifests(fixture.text, { filename: fixture.file });
      expect(result.issues).toEqual([]);
      expect(result.documents).toHaveLength(1);
      const { parameters } = JSON.parse(fixture.text) as { parameters: Record<string, string> };
      const resource = result.documents[0]!.resource as Resource;
      expect(resource.apiVersion).toBe('connectivity.iotoperations.azure.com/v1');
      const { provisioningState: _readOnly, ...properties } = request(fixture.text);
      if (resource.kind === 'Dataflow' || resource.kind === 'DataflowGraph') {
        const name = resource.kind === 'Dataflow' ? parameters.dataflowName : parameters.dataflowGraphName;
        expect(resource.metadata).toEqual({ name });
        expect(resource.spec).toEqual({ profileRef: parameters.dataflowProfileName, ...properties });
      } else {
        const name =
          resource.kind === 'DataflowEndpoint'
            ? parameters.dataflowEndpointName
            : parameters.dataflowProfileName;
        expect(resource.metadata).toEqual({ name });
        expect(resource.spec).toEqual(properties);
      }
      const errors = validateResource(resource).filter((i) => i.severity === 'error');
      expect(errors.map(({ code, path }) => ({ code, path }))).toEqual(INVALID[fixture.file] ?? []);
    },
  );

  it('round-trip through Kubernetes YAML', () => {
    const all = resources.map(([, r]) => r);
    const back = importKubernetesYaml(toKubernetesYaml(all));
    expect(back.issues).toEqual([]);
    expect(back.documents.map((d) => d.resource)).toEqual(all);
  });

  it('round-trip through an ARM template', () => {
    const all = resources.map(([, r]) => r);
    const { template, issues } = toArmTemplate(all);
    expect(issues).toEqual([]);
    const back = importManifests(JSON.stringify(template, null, 2));
    expect(back.issues).toEqual([]);
    expect(back.documents.map((d) => d.resource)).toEqual(all);
  });

  it('round-trip through Bicep (properties read back with the test reader)', () => {
    const all = resources.map(([, r]) => r);
    const { text, issues } = toBicep(all);
    expect(issues).toEqual([]);
    const declared = readBicep(text).resources.filter((r) => !r.existing);
    expect(declared).toHaveLength(all.length);
    declared.forEach((declaration, i) => {
      const resource = all[i]!;
      expect(declaration.body.name).toBe(resource.metadata.name);
      const { profileRef: _, ...properties } = resource.spec as Record<string, unknown>;
      expect(declaration.body.properties).toEqual(properties);
    });
  });
});
