import type { Resource } from '@flowplane/model';
import { request, segment, type QueryValue } from './request.ts';

/** The URL segment of each kind under /instances/{instance}/. */
export type ResourceSegment = 'endpoints' | 'profiles' | 'dataflows';

export interface ResourceList<R extends Resource> {
  kind: string;
  items: R[];
  nextCursor: string | null;
}

export function resourcePath(instance: string, kind: ResourceSegment, name?: string): string {
  const base = `/instances/${segment(instance)}/${kind}`;
  return name === undefined ? base : `${base}/${segment(name)}`;
}

function ifMatchHeader(ifMatch: string | undefined): Record<string, string> {
  return ifMatch === undefined ? {} : { 'if-match': ifMatch };
}

export function listResources<R extends Resource>(
  instance: string,
  kind: ResourceSegment,
  query: Record<string, QueryValue> = {},
  signal?: AbortSignal,
) {
  return request<ResourceList<R>>(resourcePath(instance, kind), { query, signal });
}

export function getResource<R extends Resource>(
  instance: string,
  kind: ResourceSegment,
  name: string,
  signal?: AbortSignal,
) {
  return request<R>(resourcePath(instance, kind, name), { signal });
}

/** Dataflows and graphs only: store it even when it breaks rules, marked invalid, never deployed. */
export interface WriteOptions {
  draft?: boolean;
}

const writeQuery = (options: WriteOptions) => ({ draft: options.draft === true ? true : undefined });

export function createResource<R extends Resource>(
  instance: string,
  kind: ResourceSegment,
  resource: R,
  options: WriteOptions = {},
) {
  return request<R>(resourcePath(instance, kind), {
    method: 'POST',
    body: resource,
    query: writeQuery(options),
  });
}

/**
 * Replaces a resource only if it is still the version that was read: If-Match defaults to the body's
 * resourceVersion, so a stale edit gets 412 instead of overwriting someone else's change.
 */
export function replaceResource<R extends Resource>(
  instance: string,
  kind: ResourceSegment,
  resource: R,
  ifMatch = resource.metadata.resourceVersion,
  options: WriteOptions = {},
) {
  return request<R>(resourcePath(instance, kind, resource.metadata.name), {
    method: 'PUT',
    body: resource,
    headers: ifMatchHeader(ifMatch),
    query: writeQuery(options),
  });
}

export function deleteResource(instance: string, kind: ResourceSegment, name: string, ifMatch?: string) {
  return request<undefined>(resourcePath(instance, kind, name), {
    method: 'DELETE',
    headers: ifMatchHeader(ifMatch),
  });
}
