import {
  isResourceKind,
  issue,
  pointer,
  type Issue,
  type ResourceKind,
  READ_ONLY_METADATA_FIELDS,
} from '@flowplane/model';
import { isRecord, removeKey, setOwn, type JsonObject } from './json.ts';
import {
  caseInsensitiveMatch,
  itemSchema,
  propertySchema,
  resourceSchema,
  stringEnum,
  type JsonSchema,
} from './schema-walk.ts';

/**
 * Metadata that Kubernetes writes on the server and that the model does not define; `kubectl get -o yaml`
 * output carries it, so it is dropped without a warning.
 */
const SERVER_METADATA = [
  'managedFields',
  'selfLink',
  'ownerReferences',
  'finalizers',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
] as const;

/** Server-set metadata: accepted by the model, never exported. */
export const READ_ONLY_METADATA = READ_ONLY_METADATA_FIELDS;

/** The authentication blocks where the Kubernetes samples write `anonymousSettings: {}` and ARM has none. */
export const ANONYMOUS_SETTINGS_OPTIONAL_IN = ['mqttSettings', 'kafkaSettings'] as const;

const USER_PROPERTIES_PREFIX = '$metadata.user_properties.';
const USER_PROPERTY_PREFIX = '$metadata.user_property.';

/**
 * Rewrites an imported v1 resource (in place) to its canonical form: no server metadata or status,
 * enum values in the model's spelling, map/filter inputs without the portal's `@` marker, and no
 * `anonymousSettings: {}` on MQTT/Kafka. Returns the warnings for what a user wrote differently.
 */
export function normalizeInPlace(resource: JsonObject, kind: ResourceKind): Issue[] {
  const issues: Issue[] = [];
  delete resource.status;
  const metadata = resource.metadata;
  if (isRecord(metadata)) for (const key of SERVER_METADATA) removeKey(metadata, key);
  normalizeEnumCase(resourceSchema(kind), resource, '', issues);
  const spec = resource.spec;
  if (isRecord(spec)) {
    if (kind === 'Dataflow') normalizeTransformationPaths(spec, issues);
    if (kind === 'DataflowEndpoint') dropOptionalAnonymousSettings(spec);
  }
  return issues;
}

/**
 * The canonical form of any document of a known kind, with the warnings for what changed; documents of
 * another kind come back unchanged.
 */
export function normalizeResource(doc: unknown): { resource: unknown; issues: Issue[] } {
  if (!isRecord(doc) || !isResourceKind(doc.kind)) return { resource: doc, issues: [] };
  const resource = structuredClone(doc);
  return { resource, issues: normalizeInPlace(resource, doc.kind) };
}

/** Enum values written in another case become the schema's spelling; the schema's `enum` lists decide. */
function normalizeEnumCase(schema: JsonSchema, value: unknown, path: string, issues: Issue[]): unknown {
  if (typeof value === 'string') {
    const allowed = stringEnum(schema);
    const match = allowed ? caseInsensitiveMatch(allowed, value) : undefined;
    if (match === undefined) return value;
    issues.push(issue('manifest.enum.case', path, `"${value}" is written ${match}; normalized.`));
    return match;
  }
  if (Array.isArray(value)) {
    const items = itemSchema(schema);
    if (items) value.forEach((v, i) => (value[i] = normalizeEnumCase(items, v, `${path}/${i}`, issues)));
    return value;
  }
  if (isRecord(value)) {
    for (const key of Object.keys(value)) {
      const sub = propertySchema(schema, key);
      if (!sub) continue;
      const next = normalizeEnumCase(sub, value[key], `${path}${pointer(key)}`, issues);
      if (next !== value[key]) setOwn(value, key, next);
    }
  }
  return value;
}

const RULE_LISTS = ['map', 'filter', 'datasets'] as const;

/**
 * Field paths as the operations experience leaks them: a leading `@` (its datapoint picker marker) and
 * `$metadata.user_properties.` (its helper text; the language says `user_property`).
 */
function normalizeTransformationPaths(spec: JsonObject, issues: Issue[]): void {
  const operations = spec.operations;
  if (!Array.isArray(operations)) return;
  operations.forEach((operation: unknown, o) => {
    const settings = isRecord(operation) ? operation.builtInTransformationSettings : undefined;
    if (!isRecord(settings)) return;
    for (const list of RULE_LISTS) {
      const rules = settings[list];
      if (!Array.isArray(rules)) continue;
      rules.forEach((rule: unknown, r) => {
        if (!isRecord(rule)) return;
        const base = pointer('spec', 'operations', o, 'builtInTransformationSettings', list, r);
        if (Array.isArray(rule.inputs)) {
          rule.inputs.forEach((input: unknown, i, inputs) => {
            if (typeof input === 'string') inputs[i] = canonicalPath(input, `${base}/inputs/${i}`, issues);
          });
        }
        if (
          list === 'map' &&
          typeof rule.output === 'string' &&
          rule.output.startsWith(USER_PROPERTIES_PREFIX)
        ) {
          rule.output = canonicalPath(rule.output, `${base}/output`, issues);
        }
      });
    }
  });
}

function canonicalPath(input: string, path: string, issues: Issue[]): string {
  let out = input;
  if (out.length > 1 && out.startsWith('@')) {
    out = out.slice(1);
    issues.push(
      issue(
        'manifest.value.normalized',
        path,
        `Leading "@" (the datapoint picker's marker) removed from "${input}".`,
      ),
    );
  }
  if (out.startsWith(USER_PROPERTIES_PREFIX)) {
    const fixed = USER_PROPERTY_PREFIX + out.slice(USER_PROPERTIES_PREFIX.length);
    issues.push(
      issue('manifest.value.normalized', path, `"${out}" is written ${fixed} (user_property, singular).`),
    );
    out = fixed;
  }
  return out;
}

function dropOptionalAnonymousSettings(spec: JsonObject): void {
  for (const key of ANONYMOUS_SETTINGS_OPTIONAL_IN) {
    const settings = spec[key];
    const auth = isRecord(settings) ? settings.authentication : undefined;
    if (!isRecord(auth) || auth.method !== 'Anonymous') continue;
    const anonymous = auth.anonymousSettings;
    if (isRecord(anonymous) && Object.keys(anonymous).length === 0) delete auth.anonymousSettings;
  }
}
