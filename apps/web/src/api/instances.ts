import { queryOptions } from '@tanstack/react-query';
import { request, segment } from './request.ts';

/** An Azure IoT Operations instance (the API's InstanceSchema). */
export interface Instance {
  name: string;
  namespace: string;
  description?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  /** The runtime that serves the instance, or null when none does (older APIs leave it out). */
  runtime?: { url: string; embedded: boolean } | null;
}

export interface InstanceInput {
  name: string;
  namespace?: string;
  description?: string;
}

export interface InstanceList {
  kind: 'InstanceList';
  items: Instance[];
  nextCursor: string | null;
}

export interface InstanceListParams {
  q?: string;
  limit?: number;
  cursor?: string;
}

export function listInstances(params: InstanceListParams = {}, signal?: AbortSignal) {
  return request<InstanceList>('/instances', { query: { ...params }, signal });
}

export function getInstance(name: string, signal?: AbortSignal) {
  return request<Instance>(`/instances/${segment(name)}`, { signal });
}

export function createInstance(input: InstanceInput) {
  return request<Instance>('/instances', { method: 'POST', body: input });
}

export function replaceInstance(input: InstanceInput, ifMatch?: string) {
  return request<Instance>(`/instances/${segment(input.name)}`, {
    method: 'PUT',
    body: input,
    headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
  });
}

export function deleteInstance(name: string, options: { cascade?: boolean; ifMatch?: string } = {}) {
  return request<undefined>(`/instances/${segment(name)}`, {
    method: 'DELETE',
    query: { cascade: options.cascade },
    headers: options.ifMatch === undefined ? {} : { 'if-match': options.ifMatch },
  });
}

/** Hierarchical keys: invalidating ['instances'] refreshes every instance query. */
export const instanceKeys = {
  all: ['instances'] as const,
  list: (params: InstanceListParams = {}) => [...instanceKeys.all, 'list', params] as const,
  detail: (name: string) => [...instanceKeys.all, 'detail', name] as const,
};

export const instanceQueries = {
  list: (params: InstanceListParams = {}) =>
    queryOptions({
      queryKey: instanceKeys.list(params),
      queryFn: ({ signal }) => listInstances(params, signal),
    }),
  detail: (name: string) =>
    queryOptions({
      queryKey: instanceKeys.detail(name),
      queryFn: ({ signal }) => getInstance(name, signal),
    }),
};
