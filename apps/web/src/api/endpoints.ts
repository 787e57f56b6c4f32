import { queryOptions } from '@tanstack/react-query';
import type { DataflowEndpoint, EndpointType } from '@flowplane/model';
import { request, segment } from './request.ts';

export interface EndpointList {
  kind: 'DataflowEndpointList';
  items: DataflowEndpoint[];
  nextCursor: string | null;
}

export interface EndpointListParams {
  type?: EndpointType;
  q?: string;
  limit?: number;
  cursor?: string;
}

function base(instance: string) {
  return `/instances/${segment(instance)}/endpoints`;
}

function ifMatchHeader(ifMatch: string | undefined): Record<string, string> {
  return ifMatch === undefined ? {} : { 'if-match': ifMatch };
}

export function listEndpoints(instance: string, params: EndpointListParams = {}, signal?: AbortSignal) {
  return request<EndpointList>(base(instance), { query: { ...params }, signal });
}

export function getEndpoint(instance: string, name: string, signal?: AbortSignal) {
  return request<DataflowEndpoint>(`${base(instance)}/${segment(name)}`, { signal });
}

export function createEndpoint(instance: string, endpoint: DataflowEndpoint) {
  return request<DataflowEndpoint>(base(instance), { method: 'POST', body: endpoint });
}

/**
 * Replaces an endpoint only if it is still the version that was read: If-Match defaults to the body's
 * resourceVersion, so a stale edit gets 412 instead of overwriting someone else's change.
 */
export function replaceEndpoint(
  instance: string,
  endpoint: DataflowEndpoint,
  ifMatch = endpoint.metadata.resourceVersion,
) {
  return request<DataflowEndpoint>(`${base(instance)}/${segment(endpoint.metadata.name)}`, {
    method: 'PUT',
    body: endpoint,
    headers: ifMatchHeader(ifMatch),
  });
}

export function deleteEndpoint(instance: string, name: string, ifMatch?: string) {
  return request<undefined>(`${base(instance)}/${segment(name)}`, {
    method: 'DELETE',
    headers: ifMatchHeader(ifMatch),
  });
}

/** Keys per instance, so ['endpoints', instance] invalidates every endpoint query of one instance. */
export const endpointKeys = {
  all: (instance: string) => ['endpoints', instance] as const,
  list: (instance: string, params: EndpointListParams = {}) =>
    [...endpointKeys.all(instance), 'list', params] as const,
  detail: (instance: string, name: string) => [...endpointKeys.all(instance), 'detail', name] as const,
};

export const endpointQueries = {
  list: (instance: string, params: EndpointListParams = {}) =>
    queryOptions({
      queryKey: endpointKeys.list(instance, params),
      queryFn: ({ signal }) => listEndpoints(instance, params, signal),
    }),
  detail: (instance: string, name: string) =>
    queryOptions({
      queryKey: endpointKeys.detail(instance, name),
      queryFn: ({ signal }) => getEndpoint(instance, name, signal),
    }),
};
