import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { Resource, ResourceKind } from '@flowplane/model';
import { request, segment } from './request.ts';

/** The URL segment of each kind's collection; also the first element of that kind's query keys. */
export const KIND_SEGMENTS = {
  DataflowEndpoint: 'endpoints',
  DataflowProfile: 'profiles',
  Dataflow: 'dataflows',
  DataflowGraph: 'graphs',
} as const satisfies Record<ResourceKind, string>;

/** The API's largest page. */
const PAGE_LIMIT = 1000;

interface ResourcePage {
  items: Resource[];
  nextCursor: string | null;
}

/** Every resource of one kind (drafts included), following the cursor until the last page. */
export async function listAllResources(
  instance: string,
  kind: ResourceKind,
  signal?: AbortSignal,
): Promise<Resource[]> {
  const path = `/instances/${segment(instance)}/${KIND_SEGMENTS[kind]}`;
  const items: Resource[] = [];
  let cursor: string | undefined;
  do {
    const page = await request<ResourcePage>(path, { query: { limit: PAGE_LIMIT, cursor }, signal });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

export type RevisionOperation = 'create' | 'update' | 'delete' | 'restore' | 'import';

/** One write in an instance (the API's InstanceRevisionListSchema item). */
export interface InstanceChange {
  kind: ResourceKind;
  name: string;
  revision: number;
  operation: RevisionOperation;
  actor?: string;
  timestamp: string;
  resourceVersion?: string;
}

export function listRecentChanges(instance: string, limit: number, signal?: AbortSignal) {
  return request<{ items: InstanceChange[] }>(`/instances/${segment(instance)}/revisions`, {
    query: { limit },
    signal,
  });
}

/**
 * Keys start with the kind's segment and the instance, as endpointKeys do, so a write that invalidates
 * ['endpoints', instance] refreshes these lists too.
 */
export const overviewKeys = {
  resources: (instance: string, kind: ResourceKind) =>
    [KIND_SEGMENTS[kind], instance, 'list', 'all'] as const,
  recent: (instance: string, limit: number) => ['revisions', instance, 'recent', { limit }] as const,
};

export const overviewQueries = {
  resources: (instance: string, kind: ResourceKind) =>
    queryOptions({
      queryKey: overviewKeys.resources(instance, kind),
      queryFn: ({ signal }) => listAllResources(instance, kind, signal),
    }),
  recent: (instance: string, limit: number) =>
    queryOptions({
      queryKey: overviewKeys.recent(instance, limit),
      queryFn: ({ signal }) => listRecentChanges(instance, limit, signal),
    }),
};

/** After a write of many resources (an import): every list, history and verdict of the instance is stale. */
export function invalidateInstanceContents(queryClient: QueryClient, instance: string) {
  const prefixes = [...Object.values(KIND_SEGMENTS), 'revisions', 'validation'];
  return Promise.all(
    prefixes.map((prefix) => queryClient.invalidateQueries({ queryKey: [prefix, instance] })),
  );
}
