import type { Issue, ResourceIssue } from '../issues.ts';
import { issue } from '../issues.ts';
import { resourceKeyOf, isRecord } from '../resource.ts';
import { endpointRules } from '../rules/endpoint.ts';
import { dataflowRules } from '../rules/dataflow.ts';
import { graphRules } from '../rules/graph.ts';
import { instanceRules, type InstanceDoc } from '../rules/instance.ts';
import { validateSchema } from './schema.ts';

/**
 * Rules run on documents that may be schema-invalid; a bug in one must never take validation
 * (or the API, or the runtime) down, so it is reported as an issue instead.
 */
function guarded(rule: () => Issue[]): Issue[] {
  try {
    return rule();
  } catch (error) {
    return [internalIssue(error)];
  }
}

function internalIssue(error: unknown): Issue {
  return issue(
    'schema.invalid',
    '',
    `Validation could not finish: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** Layers 1 and 2: schema and per-resource rules of one document. */
export function validateResource(doc: unknown): Issue[] {
  const issues = validateSchema(doc);
  if (!isRecord(doc)) return issues;
  switch (doc.kind) {
    case 'DataflowEndpoint':
      return [...issues, ...guarded(() => endpointRules(doc))];
    case 'Dataflow':
      return [...issues, ...guarded(() => dataflowRules(doc))];
    case 'DataflowGraph':
      return [...issues, ...guarded(() => graphRules(doc))];
    default:
      return issues;
  }
}

/**
 * All three layers over a set of resources that form one instance (what `flowplane validate` and the
 * API's validate route check). Issues come back in document order, each with its resource.
 */
export function validateInstance(docs: readonly unknown[]): ResourceIssue[] {
  const perDoc = docs.map((doc) => validateResource(doc));
  const instanceDocs: InstanceDoc[] = [];
  const indexOf: number[] = [];
  docs.forEach((doc, index) => {
    if (!isRecord(doc)) return;
    const key = resourceKeyOf(doc);
    instanceDocs.push({ kind: key.kind, name: key.name, doc });
    indexOf.push(index);
  });
  let cross: Map<number, Issue[]>;
  try {
    cross = instanceRules(instanceDocs);
  } catch (error) {
    cross = new Map([[0, [internalIssue(error)]]]);
  }
  for (const [i, issues] of cross) perDoc[indexOf[i] ?? 0]!.push(...issues);
  return perDoc.flatMap((issues, index) => {
    const resource = resourceKeyOf(docs[index]);
    return issues.map((i) => ({ ...i, resource, index }));
  });
}
