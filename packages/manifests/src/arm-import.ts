import { API_VERSION, issue, pointer, type Issue, type ResourceKind } from '@flowplane/model';
import { describeJsonType, isRecord, setOwn, toPlainJson, type JsonObject } from './json.ts';
import {
  UNRESOLVED,
  containsUnresolved,
  evaluateArmString,
  isArmExpression,
  lastStringLiteral,
  unescapeArmLiteral,
  type ArmScope,
} from './arm-expressions.ts';
import { isProfileChild, isReadOnlyProperty, kindOfArmType } from './arm-types.ts';
import { normalizeInPlace } from './normalize.ts';
import { withMappings, type Segment, type SourceFrame } from './source-map.ts';
import { addDocument, addFailure, type ImportSink } from './import-sink.ts';

/** Names read from an ARM envelope: the resource's own name and its parent's (the profile of a dataflow). */
interface ArmNames {
  leaf?: string;
  parent?: string;
  /** Set when a name was written as an expression that cannot be evaluated offline. */
  unresolved?: string;
}

/** One ARM resource with everything its envelope says, and where each part is written in the input. */
interface ArmEntry {
  kind: ResourceKind | undefined;
  described: string;
  /** Whether the entry declares an ARM type (so an unknown kind is someone else's resource). */
  typed: boolean;
  names: ArmNames;
  properties: unknown;
  /** Set for deployment templates, whose strings are expressions or `[[`-escaped literals. */
  scope?: ArmScope;
  at: { properties: Segment[]; name: Segment[]; parent: Segment[] };
}

/** A deployment template: each entry of `resources` (a list, or an object in languageVersion 2.0). */
export function importArmTemplate(template: JsonObject, source: SourceFrame, sink: ImportSink): void {
  const scope: ArmScope = {
    parameters: isRecord(template.parameters) ? template.parameters : {},
    variables: isRecord(template.variables) ? template.variables : {},
  };
  const resources = template.resources;
  const entries: [Segment, unknown][] = Array.isArray(resources)
    ? resources.map((r: unknown, i) => [i, r])
    : isRecord(resources)
      ? Object.entries(resources)
      : [];
  for (const [key, resource] of entries) {
    const base = [...source.base, 'resources', key];
    const entrySource = { ...source, base };
    if (!isRecord(resource)) {
      const problem = `A template resource must be an object; this one is ${describeJsonType(resource)}.`;
      addFailure(sink, [issue('manifest.unsupported', '', problem)], entrySource);
      continue;
    }
    // `existing` resources (the instance, the custom location) are references, not definitions.
    if (resource.existing === true) continue;
    importArmEntry(
      {
        kind: kindOf(resource.type, resource.properties),
        typed: typeof resource.type === 'string',
        described:
          typeof resource.type === 'string'
            ? `ARM resource type ${resource.type}`
            : 'A template resource without a type',
        names: armNames(resource.name, resource.id, scope),
        properties: resource.properties,
        scope,
        at: { properties: ['properties'], name: ['name'], parent: ['name'] },
      },
      entrySource,
      sink,
    );
  }
}

const EXAMPLE_NAME_PARAMETERS: readonly [string, ArmEntry['kind']][] = [
  ['dataflowName', 'Dataflow'],
  ['dataflowGraphName', 'DataflowGraph'],
  ['dataflowEndpointName', 'DataflowEndpoint'],
  ['dataflowProfileName', 'DataflowProfile'],
];

/**
 * An example of the REST API specification: `parameters` holds the URL parameters (which name the
 * resource and its parents) and `resource` the PUT body.
 */
export function importArmExample(example: JsonObject, source: SourceFrame, sink: ImportSink): void {
  const parameters = isRecord(example.parameters) ? example.parameters : {};
  const body = isRecord(parameters.resource) ? parameters.resource : {};
  const named = (key: string) => (typeof parameters[key] === 'string' ? parameters[key] : undefined);
  // The most specific URL parameter names the resource: a dataflow's URL also names its profile.
  const nameKey = EXAMPLE_NAME_PARAMETERS.find(([key]) => named(key) !== undefined);
  const kind = nameKey ? nameKey[1] : kindOf(body.type, body.properties);
  const names: ArmNames = nameKey
    ? {
        leaf: named(nameKey[0]),
        ...(kind !== undefined && isProfileChild(kind) ? { parent: named('dataflowProfileName') } : {}),
      }
    : armNames(body.name, body.id);
  importArmEntry(
    {
      kind,
      typed: typeof body.type === 'string',
      described: `The example ${typeof example.operationId === 'string' ? example.operationId : ''}`.trim(),
      names,
      properties: body.properties,
      at: {
        properties: ['parameters', 'resource', 'properties'],
        name: nameKey ? ['parameters', nameKey[0]] : ['parameters', 'resource', 'name'],
        parent: ['parameters', 'dataflowProfileName'],
      },
    },
    source,
    sink,
  );
}

/** A PUT or GET body: `{properties, extendedLocation?, name?, id?, type?}`. */
export function importArmBody(body: JsonObject, source: SourceFrame, sink: ImportSink): void {
  importArmEntry(
    {
      kind: kindOf(body.type, body.properties),
      typed: typeof body.type === 'string',
      described:
        typeof body.type === 'string' ? `ARM resource type ${body.type}` : 'An ARM body without a type',
      names: armNames(body.name, body.id),
      properties: body.properties,
      at: { properties: ['properties'], name: ['name'], parent: ['name'] },
    },
    source,
    sink,
  );
}

function importArmEntry(entry: ArmEntry, source: SourceFrame, sink: ImportSink): void {
  const { kind } = entry;
  if (kind === undefined) {
    const problem = `${entry.described} is not a dataflow endpoint, profile, dataflow or graph; skipped.`;
    // A template that deploys other resources too (the instance, brokers, ...) is normal ARM practice.
    return addFailure(
      sink,
      [issue(entry.typed ? 'manifest.ignored' : 'manifest.unsupported', '', problem)],
      source,
    );
  }
  if (entry.properties !== undefined && !isRecord(entry.properties)) {
    const problem = `properties must be an object; got ${describeJsonType(entry.properties)}.`;
    return addFailure(sink, [issue('manifest.unsupported', '/spec', problem)], source);
  }
  const issues: Issue[] = [];
  const spec: JsonObject = {};
  if (isProfileChild(kind) && entry.names.parent !== undefined) spec.profileRef = entry.names.parent;
  for (const [key, value] of Object.entries(entry.properties ?? {})) {
    // ARM has no profileRef (the parent is in the name); a stray one only counts when the name has none.
    if (isReadOnlyProperty(key) || (key === 'profileRef' && spec.profileRef !== undefined)) continue;
    setOwn(
      spec,
      key,
      entry.scope ? evaluateStrings(value, entry.scope, pointer('spec', key), issues) : value,
    );
  }
  if (entry.names.unresolved !== undefined) {
    issues.push(
      issue(
        'manifest.unsupported',
        '/metadata/name',
        `The name ${entry.names.unresolved} cannot be resolved offline.`,
      ),
    );
  }
  if (isProfileChild(kind) && spec.profileRef === undefined) {
    issues.push(
      issue(
        'manifest.unsupported',
        '/spec/profileRef',
        'The parent dataflow profile is not known: name the dataflow <instance>/<profile>/<dataflow> or give its id.',
      ),
    );
  }
  const resource: JsonObject = {
    apiVersion: API_VERSION,
    kind,
    metadata: entry.names.leaf === undefined ? {} : { name: entry.names.leaf },
    spec,
  };
  issues.push(...normalizeInPlace(resource, kind));
  const frame = withMappings(source, [
    { from: ['spec', 'profileRef'], to: entry.at.parent },
    { from: ['spec'], to: entry.at.properties },
    { from: ['metadata', 'name'], to: entry.at.name },
  ]);
  addDocument(sink, resource, 'arm', issues, frame);
}

function kindOf(type: unknown, properties: unknown): ArmEntry['kind'] {
  if (typeof type === 'string') return kindOfArmType(type);
  if (!isRecord(properties)) return undefined;
  if (Object.hasOwn(properties, 'endpointType')) return 'DataflowEndpoint';
  if (Object.hasOwn(properties, 'operations')) return 'Dataflow';
  if (Object.hasOwn(properties, 'nodes') || Object.hasOwn(properties, 'nodeConnections')) {
    return 'DataflowGraph';
  }
  const profileKeys = ['instanceCount', 'diagnostics'];
  const profileLike = Object.keys(properties).every((k) => profileKeys.includes(k) || isReadOnlyProperty(k));
  return profileLike ? 'DataflowProfile' : undefined;
}

/**
 * Names from an ARM `name` (`instance/profile/dataflow`, possibly a template expression) and `id`
 * (`.../dataflowProfiles/{profile}/dataflows/{dataflow}`); `name` wins where both say something.
 */
function armNames(name: unknown, id: unknown, scope?: ArmScope): ArmNames {
  const fromId = typeof id === 'string' ? namesFromId(id) : {};
  if (typeof name !== 'string') return fromId;
  let value: unknown = scope ? evaluateArmString(name, scope) : name;
  if (typeof value !== 'string') value = UNRESOLVED;
  const segments = String(value).split('/');
  const known = (s: string | undefined) =>
    s === undefined || s.includes(UNRESOLVED) || s === '' ? undefined : s;
  let leaf = known(segments.at(-1));
  const parent = segments.length > 1 ? known(segments.at(-2)) : undefined;
  let unresolved: string | undefined;
  if (leaf === undefined && scope && isArmExpression(name)) {
    // Only a leaf the expression leaves wholly unknown falls back to its last literal: one that is
    // partly known ('flow-' + uniqueString()) would be a wrong name.
    if (segments.at(-1) === UNRESOLVED) leaf = known(lastStringLiteral(name)?.split('/').at(-1));
    if (leaf === undefined) unresolved = name;
  }
  return {
    ...(leaf !== undefined || fromId.leaf !== undefined ? { leaf: leaf ?? fromId.leaf } : {}),
    ...(parent !== undefined || fromId.parent !== undefined ? { parent: parent ?? fromId.parent } : {}),
    ...(unresolved !== undefined ? { unresolved } : {}),
  };
}

function namesFromId(id: string): ArmNames {
  const segments = id.split('/').filter((s) => s !== '');
  const after = (key: string) => {
    const i = segments.findLastIndex((s) => s.toLowerCase() === key.toLowerCase());
    return i >= 0 ? segments[i + 1] : undefined;
  };
  const leaf =
    after('dataflows') ?? after('dataflowGraphs') ?? after('dataflowEndpoints') ?? after('dataflowProfiles');
  const parent =
    after('dataflows') !== undefined || after('dataflowGraphs') !== undefined
      ? after('dataflowProfiles')
      : undefined;
  return { ...(leaf !== undefined ? { leaf } : {}), ...(parent !== undefined ? { parent } : {}) };
}

/** Template strings: `[[` literals lose the escape, expressions are evaluated where possible. */
function evaluateStrings(value: unknown, scope: ArmScope, path: string, issues: Issue[]): unknown {
  if (typeof value === 'string') {
    if (!isArmExpression(value)) return unescapeArmLiteral(value);
    const result = evaluateArmString(value, scope);
    if (result === undefined || containsUnresolved(result)) {
      issues.push(
        issue(
          'manifest.unsupported',
          path,
          `The ARM expression ${value} cannot be evaluated offline; kept as written.`,
        ),
      );
      return value;
    }
    return toPlainJson(result);
  }
  if (Array.isArray(value)) {
    return value.map((v: unknown, i) => evaluateStrings(v, scope, `${path}/${i}`, issues));
  }
  if (isRecord(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      setOwn(out, k, evaluateStrings(v, scope, `${path}${pointer(k)}`, issues));
    }
    return out;
  }
  return value;
}
