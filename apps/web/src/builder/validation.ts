import { transformationIssues } from '@flowplane/mapping';
import {
  decodePointer,
  validateInstance,
  type Dataflow,
  type DataflowEndpoint,
  type DataflowProfile,
  type Issue,
} from '@flowplane/model';
import type { StageType } from './operations.ts';

/**
 * Everything the API would say about this dataflow in this instance: schema, resource and instance rules
 * against the stored endpoints and profiles, and the transformation compiler. Same functions, same paths.
 */
export function dataflowIssues(
  doc: Dataflow,
  endpoints: readonly DataflowEndpoint[],
  profiles: readonly DataflowProfile[],
): Issue[] {
  const own = validateInstance([doc, ...endpoints, ...profiles])
    .filter((i) => i.index === 0)
    .map(({ path, code, message, severity }) => ({ path, code, message, severity }));
  const seen = new Set(own.map((i) => `${i.path} ${i.message}`));
  return [...own, ...transformationIssues(doc).filter((i) => !seen.has(`${i.path} ${i.message}`))];
}

/** The stage an issue belongs to (its operation), or undefined for the dataflow as a whole. */
export function stageOfIssue(doc: Dataflow, pointer: string): StageType | undefined {
  const [spec, operations, index] = decodePointer(pointer);
  if (spec !== 'spec' || operations !== 'operations' || index === undefined) return undefined;
  return doc.spec.operations[Number(index)]?.operationType;
}
