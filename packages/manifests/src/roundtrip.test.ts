import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { withDefaults, type Resource } from '@flowplane/model';
import {
  importKubernetesYaml,
  importManifests,
  normalizeResource,
  toArmTemplate,
  toBicep,
  toKubernetesYaml,
} from './index.ts';
import { arbitraryResource, isSchemaValidResource } from './test-support/arbitrary.ts';
import { readBicep } from './test-support/bicep-reader.ts';
import { isRecord } from './json.ts';

const resourcesArbitrary = fc.array(arbitraryResource, { minLength: 1, maxLength: 4 });
const READ_ONLY_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp'];

/** What import gives back for a resource: no status or server metadata, import normalizations applied. */
function canonical(resource: Resource): Resource {
  const copy: Record<string, unknown> = structuredClone({ ...resource });
  delete copy.status;
  if (isRecord(copy.metadata))
    for (const key of READ_ONLY_METADATA) Reflect.deleteProperty(copy.metadata, key);
  const { resource: normalized } = normalizeResource(copy);
  if (!isSchemaValidResource(normalized)) throw new Error('normalization broke a valid resource');
  return normalized;
}

/** ARM carries only the name of the metadata. */
function canonicalArm(resource: Resource): Resource {
  return { ...canonical(resource), metadata: { name: resource.metadata.name } };
}

/** The ARM properties export writes: the spec less profileRef, less `anonymousSettings` on Anonymous MQTT/Kafka. */
function armProperties(resource: Resource): Record<string, unknown> {
  const properties: Record<string, unknown> = structuredClone({ ...resource.spec });
  delete properties.profileRef;
  for (const key of ['mqttSettings', 'kafkaSettings']) {
    const auth = isRecord(properties[key]) ? properties[key].authentication : undefined;
    if (isRecord(auth) && auth.method === 'Anonymous') delete auth.anonymousSettings;
  }
  return properties;
}

// Property tests export and re-import up to 400 resources each; slow machines need more than 5 s.
const PROPERTY_TIMEOUT = 60_000;

const errors = <T extends { severity: string }>(issues: T[]) => issues.filter((i) => i.severity === 'error');

describe('round trip of generated resources (property tests)', () => {
  it(
    'Kubernetes YAML: import(export(x)) equals x',
    () => {
      fc.assert(
        fc.property(resourcesArbitrary, (resources) => {
          const back = importKubernetesYaml(toKubernetesYaml(resources));
          expect(errors(back.issues)).toEqual([]);
          expect(back.documents.map((d) => d.resource)).toEqual(resources.map(canonical));
        }),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'Kubernetes YAML with minimal: the same resources once the defaults are filled in again',
    () => {
      fc.assert(
        fc.property(resourcesArbitrary, (resources) => {
          const back = importKubernetesYaml(toKubernetesYaml(resources, { minimal: true }));
          expect(back.documents.map((d) => withDefaults(d.resource as Resource))).toEqual(
            resources.map((r) => withDefaults(canonical(r))),
          );
        }),
        { numRuns: 50 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'ARM template: import(export(x)) equals x (what ARM can carry); only unnameable parents are refused',
    () => {
      fc.assert(
        fc.property(resourcesArbitrary, (resources) => {
          const { template, issues } = toArmTemplate(resources);
          for (const i of errors(issues))
            expect([i.code, i.path]).toEqual(['schema.pattern', '/spec/profileRef']);
          const refused = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.document));
          const back = importManifests(JSON.stringify(template));
          expect(errors(back.issues)).toEqual([]);
          expect(back.documents.map((d) => d.resource)).toEqual(
            resources.filter((_, i) => !refused.has(i)).map(canonicalArm),
          );
        }),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'Bicep: every resource is declared with its name and parent, and its properties read back',
    () => {
      fc.assert(
        fc.property(resourcesArbitrary, (resources) => {
          const { text, issues } = toBicep(resources);
          const refused = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.document));
          const exported = resources.filter((_, i) => !refused.has(i));
          const file = readBicep(text);
          const declared = file.resources.filter((r) => !r.existing);
          expect(declared.map((d) => d.body.name)).toEqual(exported.map((r) => r.metadata.name));
          expect(declared.map((d) => d.body.properties)).toEqual(exported.map(armProperties));
          declared.forEach((declaration, i) => {
            const resource = exported[i]!;
            const parent = declaration.body.parent as { $ref: string };
            if (resource.kind !== 'Dataflow' && resource.kind !== 'DataflowGraph') {
              return expect(parent).toEqual({ $ref: 'instance' });
            }
            const profile = file.resources.find((r) => r.symbol === parent.$ref);
            expect(profile).toMatchObject({
              type: 'Microsoft.IoTOperations/instances/dataflowProfiles',
              body: { name: resource.spec.profileRef },
            });
          });
        }),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
