import { queryOptions } from '@tanstack/react-query';
import type { Resource } from '@flowplane/model';
import { request, segment } from './request.ts';

/** The URL segment of each kind whose history the API keeps. */
export type HistorySegment = 'endpoints' | 'profiles' | 'dataflows';

export interface RevisionSummary {
  revision: number;
  operation: 'create' | 'update' | 'delete' | 'restore' | 'import';
  actor?: string;
  timestamp: string;
  resourceVersion?: string;
}

export interface Revision<R extends Resource = Resource> extends RevisionSummary {
  resource: R;
}

function base(instance: string, kind: HistorySegment, name: string) {
  return `/instances/${segment(instance)}/${kind}/${segment(name)}/revisions`;
}

export function listRevisions(instance: string, kind: HistorySegment, name: string, signal?: AbortSignal) {
  return request<{ items: RevisionSummary[] }>(base(instance, kind, name), { signal });
}

export function getRevision<R extends Resource>(
  instance: string,
  kind: HistorySegment,
  name: string,
  revision: number,
  signal?: AbortSignal,
) {
  return request<Revision<R>>(`${base(instance, kind, name)}/${revision}`, { signal });
}

/** Writes a revision as the current version; If-Match guards against restoring over a newer change. */
export function restoreRevision<R extends Resource>(
  instance: string,
  kind: HistorySegment,
  name: string,
  revision: number,
  ifMatch: string | undefined,
) {
  return request<R>(`${base(instance, kind, name)}/${revision}/restore`, {
    method: 'POST',
    headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
  });
}

export const revisionKeys = {
  all: (instance: string, kind: HistorySegment, name: string) => ['revisions', instance, kind, name] as const,
  one: (instance: string, kind: HistorySegment, name: string, revision: number) =>
    [...revisionKeys.all(instance, kind, name), revision] as const,
};

export const revisionQueries = {
  list: (instance: string, kind: HistorySegment, name: string) =>
    queryOptions({
      queryKey: revisionKeys.all(instance, kind, name),
      queryFn: ({ signal }) => listRevisions(instance, kind, name, signal),
    }),
  one: <R extends Resource>(instance: string, kind: HistorySegment, name: string, revision: number) =>
    queryOptions({
      queryKey: revisionKeys.one(instance, kind, name, revision),
      queryFn: ({ signal }) => getRevision<R>(instance, kind, name, revision, signal),
      staleTime: Infinity,
    }),
};
