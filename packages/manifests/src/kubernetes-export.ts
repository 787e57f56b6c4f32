import { Document, Scalar, parse, visit } from 'yaml';
import { isResourceKind, minimal, type Resource } from '@flowplane/model';
import { isRecord, removeKey, type JsonObject } from './json.ts';
import { ANONYMOUS_SETTINGS_OPTIONAL_IN, READ_ONLY_METADATA } from './normalize.ts';
import { orderKeys, resourceSchema } from './schema-walk.ts';
import type { ExportOptions } from './types.ts';

/**
 * Multi-document YAML of custom resources for `kubectl apply`, in input order: keys in schema order
 * (apiVersion, kind, metadata, spec), no status or server-set metadata, `anonymousSettings: {}` for
 * Anonymous MQTT and Kafka authentication as Microsoft's samples write it.
 */
export function toKubernetesYaml(resources: readonly Resource[], options: ExportOptions = {}): string {
  return resources.map((resource) => yamlDocument(kubernetesForm(resource, options))).join('---\n');
}

function kubernetesForm(resource: Resource, options: ExportOptions): unknown {
  const doc: JsonObject = structuredClone({
    ...(options.minimal && isResourceKind(resource.kind) ? minimal(resource) : resource),
  });
  delete doc.status;
  if (isRecord(doc.metadata)) {
    for (const key of READ_ONLY_METADATA) removeKey(doc.metadata, key);
    if (options.namespace !== undefined) doc.metadata.namespace = options.namespace;
  }
  if (isRecord(doc.spec) && doc.kind === 'DataflowEndpoint') addAnonymousSettings(doc.spec);
  const kind = doc.kind;
  return orderKeys(resourceSchema(isResourceKind(kind) ? kind : 'DataflowProfile'), doc);
}

function addAnonymousSettings(spec: JsonObject): void {
  for (const key of ANONYMOUS_SETTINGS_OPTIONAL_IN) {
    const settings = spec[key];
    const auth = isRecord(settings) ? settings.authentication : undefined;
    if (isRecord(auth) && auth.method === 'Anonymous' && auth.anonymousSettings === undefined) {
      auth.anonymousSettings = {};
    }
  }
}

function yamlDocument(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && readsDifferently(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

/** What YAML 1.1 may read as a boolean, null, number or timestamp: these start so, or are one of the words. */
const MAYBE_YAML_1_1_SCALAR = /^[-+0-9.~]|^(y|n|yes|no|on|off|true|false|null)$/i;

/**
 * Whether kubectl, which reads YAML 1.1, would not read this plain scalar back as the same string
 * (`yes`, `on`, `0777`, `1:20`, `2001-12-14`). The yaml library already quotes what YAML 1.2 would misread.
 */
function readsDifferently(value: string): boolean {
  if (!MAYBE_YAML_1_1_SCALAR.test(value)) return false;
  try {
    return parse(value, { version: '1.1', logLevel: 'silent' }) !== value;
  } catch {
    return true;
  }
}
