import {
  API_VERSION,
  LEGACY_API_VERSION,
  RESOURCE_KINDS,
  issue,
  type Issue,
  type ResourceKind,
  API_GROUP,
} from '@flowplane/model';
import { describeJsonType, isRecord, type JsonObject } from './json.ts';
import { normalizeInPlace } from './normalize.ts';
import { matchEnum } from './schema-walk.ts';
import { withMappings, type SourceFrame } from './source-map.ts';
import { addDocument, addFailure, type ImportSink } from './import-sink.ts';
import { translateV1beta1InPlace } from './v1beta1.ts';

/**
 * Imports one Kubernetes document (already plain JSON data, owned by the import): a resource, or a
 * `List` whose items each become an entry.
 */
export function importKubernetesValue(value: unknown, source: SourceFrame, sink: ImportSink): void {
  if (!isRecord(value)) {
    const problem = `A manifest document must be an object; this one is ${describeJsonType(value)}.`;
    return addFailure(sink, [issue('manifest.unsupported', '', problem)], source);
  }
  if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    value.items.forEach((item: unknown, i) => {
      importKubernetesValue(item, { ...source, base: [...source.base, 'items', i] }, sink);
    });
    return;
  }
  const kind = matchEnum(RESOURCE_KINDS, value.kind);
  if (!kind) return addFailure(sink, [kindProblem(value)], source);
  const problem = apiVersionProblem(value);
  if (problem) return addFailure(sink, [problem], source);
  importResource(value, kind, source, sink);
}

function kindProblem(doc: JsonObject): Issue {
  if (doc.apiVersion === undefined && doc.kind === undefined) {
    return issue(
      'manifest.unsupported',
      '',
      'Not a Kubernetes resource: the document has neither apiVersion nor kind (a fragment of a manifest?).',
    );
  }
  const kinds = RESOURCE_KINDS.join(', ');
  // Bundles for kubectl often carry Secrets, ConfigMaps and other operators' resources next to ours.
  if (
    typeof doc.apiVersion === 'string' &&
    !doc.apiVersion.startsWith(`${API_GROUP}/`) &&
    typeof doc.kind === 'string'
  ) {
    return issue(
      'manifest.ignored',
      '/kind',
      `${doc.apiVersion} ${doc.kind} is not a dataflow resource; skipped.`,
    );
  }
  return issue(
    'manifest.unsupported',
    '/kind',
    doc.kind === undefined
      ? `kind is missing; Flowplane reads ${kinds}.`
      : `kind ${typeof doc.kind === 'string' ? doc.kind : JSON.stringify(doc.kind)} is not one Flowplane reads (${kinds}).`,
  );
}

function apiVersionProblem(doc: JsonObject): Issue | undefined {
  if (doc.apiVersion === API_VERSION || doc.apiVersion === LEGACY_API_VERSION) return undefined;
  const written =
    doc.apiVersion === undefined
      ? 'apiVersion is missing'
      : `apiVersion ${JSON.stringify(doc.apiVersion)} is not supported`;
  return issue(
    'manifest.unsupported',
    '/apiVersion',
    `${written}; Flowplane reads ${API_VERSION} and the older ${LEGACY_API_VERSION}.`,
  );
}

function importResource(
  resource: JsonObject,
  kind: ResourceKind,
  source: SourceFrame,
  sink: ImportSink,
): void {
  const issues: Issue[] = [];
  if (resource.kind !== kind) {
    issues.push(
      issue('manifest.enum.case', '/kind', `kind "${String(resource.kind)}" is written ${kind}; normalized.`),
    );
    resource.kind = kind;
  }
  let frame = source;
  const legacy = resource.apiVersion === LEGACY_API_VERSION;
  if (legacy) {
    const translation = translateV1beta1InPlace(resource, kind);
    issues.push(...translation.issues);
    frame = withMappings(source, translation.mappings);
  }
  issues.push(...normalizeInPlace(resource, kind));
  addDocument(sink, resource, legacy ? 'kubernetes-v1beta1' : 'kubernetes', issues, frame);
}
