import { queryOptions } from '@tanstack/react-query';
import type { Dataflow } from '@flowplane/model';
import {
  createResource,
  deleteResource,
  getResource,
  listResources,
  replaceResource,
  type ResourceList,
  type WriteOptions,
} from './resources.ts';

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

/** The list page fetches every dataflow once (up to the API's page maximum): search and sort are instant. */
export const ALL_DATAFLOWS = { limit: 1000 } as const;

export function createDataflow(instance: string, dataflow: Dataflow, options: WriteOptions = {}) {
  return createResource(instance, 'dataflows', dataflow, options);
}

/** A draft written back without `draft` would have to pass every rule (or get 422). */
export function replaceDataflow(
  instance: string,
  dataflow: Dataflow,
  options: WriteOptions & { ifMatch?: string } = {},
) {
  return replaceResource(instance, 'dataflows', dataflow, options.ifMatch, { draft: options.draft });
}

export function deleteDataflow(instance: string, name: string, ifMatch?: string) {
  return deleteResource(instance, 'dataflows', name, ifMatch);
}
