import { queryOptions } from '@tanstack/react-query';
import type { DataflowEndpoint, EndpointType } from '@flowplane/model';
import {
  deleteResource,
  getResource,
  listResources,
  replaceResource,
  type ResourceList,
} from './resources.ts';

export type EndpointList = ResourceList<DataflowEndpoint>;

/** The endpoint page fetches the whole list once (up to the API's page maximum): search and sort are instant. */
export const ALL_ENDPOINTS = { limit: 1000 } as const;

export interface EndpointListParams {
  type?: EndpointType;
  q?: string;
  limit?: number;
  cursor?: string;
}

export function listEndpoints(instance: string, params: EndpointListParams = {}, signal?: AbortSignal) {
  return listResources<DataflowEndpoint>(instance, 'endpoints', { ...params }, signal);
}

export function getEndpoint(instance: string, name: string, signal?: AbortSignal) {
  return getResource<DataflowEndpoint>(instance, 'endpoints', name, signal);
}

export function replaceEndpoint(instance: string, endpoint: DataflowEndpoint, ifMatch?: string) {
  return replaceResource(instance, 'endpoints', endpoint, ifMatch);
}

export function deleteEndpoint(instance: string, name: string, ifMatch?: string) {
  return deleteResource(instance, 'endpoints', name, ifMatch);
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
