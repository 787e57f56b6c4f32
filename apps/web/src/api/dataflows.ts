import { queryOptions } from '@tanstack/react-query';
import type { Dataflow } from '@flowplane/model';
import { getResource, listResources, type ResourceList } from './resources.ts';

export type DataflowList = ResourceList<Dataflow>;

export interface DataflowListParams {
  /** Dataflows that read from or write to this endpoint. */
  endpoint?: string;
  profile?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

export function listDataflows(instance: string, params: DataflowListParams = {}, signal?: AbortSignal) {
  return listResources<Dataflow>(instance, 'dataflows', { ...params }, signal);
}

export const dataflowKeys = {
  all: (instance: string) => ['dataflows', instance] as const,
  list: (instance: string, params: DataflowListParams = {}) =>
    [...dataflowKeys.all(instance), 'list', params] as const,
  detail: (instance: string, name: string) => [...dataflowKeys.all(instance), 'detail', name] as const,
};

export const dataflowQueries = {
  list: (instance: string, params: DataflowListParams = {}) =>
    queryOptions({
      queryKey: dataflowKeys.list(instance, params),
      queryFn: ({ signal }) => listDataflows(instance, params, signal),
    }),
  detail: (instance: string, name: string) =>
    queryOptions({
      queryKey: dataflowKeys.detail(instance, name),
      queryFn: ({ signal }) => getResource<Dataflow>(instance, 'dataflows', name, signal),
    }),
};
