import {
  DEFAULT_ARM_API_VERSION,
  ARM_API_VERSIONS,
  apiVersionIssues,
  isArmApiVersion,
  isResourceKind,
  issue,
  minimal,
  type ArmApiVersion,
  type Issue,
  type ManifestIssue,
  type Resource,
  type ResourceKind,
} from '@flowplane/model';
import { isProfileChild } from './arm-types.ts';
import { isRecord, type JsonObject } from './json.ts';
import { ANONYMOUS_SETTINGS_OPTIONAL_IN } from './normalize.ts';
import { orderKeys, propertySchema, resourceSchema } from './schema-walk.ts';
import type { ExportOptions } from './types.ts';

/** A resource ready for ARM or Bicep: its identity and its `properties`. */
export interface ArmReady {
  kind: ResourceKind;
  name: string;
  /** The parent profile of a dataflow. */
  profile?: string;
  properties: JsonObject;
}

export interface ArmPreparation {
  version: ArmApiVersion;
  ready: ArmReady[];
  issues: ManifestIssue[];
}

/**
 * What ARM and Bicep exports share: the API version check, per-resource gating (a resource the version
 * cannot express is an error and is left out, never altered), and `spec` → `properties`.
 */
export function prepareArmExport(resources: readonly Resource[], options: ExportOptions): ArmPreparation {
  const requested = options.apiVersion ?? DEFAULT_ARM_API_VERSION;
  if (!isArmApiVersion(requested)) {
    const message = `API version ${requested} is not one Flowplane knows (${ARM_API_VERSIONS.join(', ')}); nothing was exported.`;
    return {
      version: DEFAULT_ARM_API_VERSION,
      ready: [],
      issues: [{ ...issue('apiVersion.unknown', '', message), document: 0 }],
    };
  }
  const issues: ManifestIssue[] = [];
  const ready: ArmReady[] = [];
  resources.forEach((resource, index) => {
    const problems = armProblems(resource, requested);
    if (problems.length > 0) {
      issues.push(...problems.map((p) => ({ ...p, document: index })));
      return;
    }
    issues.push(...droppedMetadata(resource).map((p) => ({ ...p, document: index })));
    ready.push(armReady(resource, options));
  });
  return { version: requested, ready, issues };
}

/** ARM resources have no labels, annotations or namespace (the instance decides the namespace). */
function droppedMetadata(resource: Resource): Issue[] {
  const metadata: Record<string, unknown> = resource.metadata;
  return (['labels', 'annotations'] as const)
    .filter((key) => isRecord(metadata[key]) && Object.keys(metadata[key]).length > 0)
    .map((key) =>
      issue(
        'export.field.dropped',
        `/metadata/${key}`,
        `ARM and Bicep resources have no ${key}; they are left out.`,
      ),
    );
}

function armProblems(resource: Resource, version: ArmApiVersion): Issue[] {
  const kind: unknown = resource.kind;
  if (!isResourceKind(kind)) {
    return [
      issue(
        'manifest.unsupported',
        '/kind',
        `kind ${JSON.stringify(kind)} has no ARM resource type; left out.`,
      ),
    ];
  }
  const problems = [
    ...nameProblems(resource.metadata.name, '/metadata/name'),
    ...apiVersionIssues(resource, version),
  ];
  if (resource.kind === 'Dataflow' || resource.kind === 'DataflowGraph') {
    problems.push(...nameProblems(resource.spec.profileRef, '/spec/profileRef'));
  }
  return problems;
}

/** ARM names are path segments: a name with `/` (or none) cannot be written. */
function nameProblems(name: unknown, path: string): Issue[] {
  if (typeof name !== 'string' || name === '') {
    return [
      issue('schema.required', path, 'ARM resources need a name (and dataflows their profile); left out.'),
    ];
  }
  if (name.includes('/')) {
    return [
      issue('schema.pattern', path, `"${name}" contains "/", which an ARM resource name cannot; left out.`),
    ];
  }
  return [];
}

function armReady(resource: Resource, options: ExportOptions): ArmReady {
  const source = options.minimal ? minimal(resource) : resource;
  const properties: JsonObject = structuredClone({ ...source.spec });
  if (isProfileChild(resource.kind)) delete properties.profileRef;
  dropAnonymousSettings(properties);
  const specSchema = propertySchema(resourceSchema(resource.kind), 'spec');
  const ordered = orderKeys(specSchema, properties);
  return {
    kind: resource.kind,
    name: resource.metadata.name,
    ...(resource.kind === 'Dataflow' || resource.kind === 'DataflowGraph'
      ? { profile: resource.spec.profileRef }
      : {}),
    properties: isRecord(ordered) ? ordered : properties,
  };
}

/** ARM defines no `anonymousSettings` for MQTT and Kafka; the method alone says Anonymous. */
function dropAnonymousSettings(properties: JsonObject): void {
  for (const key of ANONYMOUS_SETTINGS_OPTIONAL_IN) {
    const settings = properties[key];
    const auth = isRecord(settings) ? settings.authentication : undefined;
    if (isRecord(auth) && auth.method === 'Anonymous') delete auth.anonymousSettings;
  }
}

/** The endpoints a dataflow reads from and writes to (by name), for `dependsOn`. */
export function endpointRefsOf(properties: JsonObject): string[] {
  // Dataflows list operations, graphs list nodes; both carry source/destination settings.
  const stages = [properties.operations, properties.nodes].flatMap((list) =>
    Array.isArray(list) ? list : [],
  );
  const refs = new Set<string>();
  for (const operation of stages) {
    if (!isRecord(operation)) continue;
    for (const key of ['sourceSettings', 'destinationSettings']) {
      const settings = operation[key];
      if (isRecord(settings) && typeof settings.endpointRef === 'string') refs.add(settings.endpointRef);
    }
  }
  return [...refs];
}
