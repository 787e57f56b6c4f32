import type { Issue } from '@flowplane/model';
import type { ImportedDocument, ImportOrigin, ImportResult } from './types.ts';
import { placed, type SourceFrame } from './source-map.ts';

/** Collects the entries of one import in input order, numbering them as it goes. */
export interface ImportSink {
  readonly result: ImportResult;
  next: number;
}

export function createSink(): ImportSink {
  return { result: { documents: [], issues: [] }, next: 0 };
}

/** An entry that became a resource, with what was rewritten on the way. */
export function addDocument(
  sink: ImportSink,
  resource: unknown,
  origin: ImportOrigin,
  issues: readonly Issue[],
  source: SourceFrame,
): void {
  const index = sink.next++;
  sink.result.documents.push({ index, resource, origin } satisfies ImportedDocument);
  sink.result.issues.push(...issues.map((i) => placed(i, index, source)));
}

/** An entry that could not be read as a resource. */
export function addFailure(sink: ImportSink, issues: readonly Issue[], source: SourceFrame): void {
  const index = sink.next++;
  sink.result.issues.push(...issues.map((i) => placed(i, index, source)));
}
