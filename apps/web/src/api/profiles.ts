import { queryOptions } from '@tanstack/react-query';
import type { DataflowProfile } from '@flowplane/model';
import { getResource, listResources } from './resources.ts';

export interface ProfileListParams {
  q?: string;
  limit?: number;
  cursor?: string;
}

export const profileKeys = {
  all: (instance: string) => ['profiles', instance] as const,
  list: (instance: string, params: ProfileListParams = {}) =>
    [...profileKeys.all(instance), 'list', params] as const,
  detail: (instance: string, name: string) => [...profileKeys.all(instance), 'detail', name] as const,
};

export const profileQueries = {
  list: (instance: string, params: ProfileListParams = {}) =>
    queryOptions({
      queryKey: profileKeys.list(instance, params),
      queryFn: ({ signal }) => listResources<DataflowProfile>(instance, 'profiles', { ...params }, signal),
    }),
  detail: (instance: string, name: string) =>
    queryOptions({
      queryKey: profileKeys.detail(instance, name),
      queryFn: ({ signal }) => getResource<DataflowProfile>(instance, 'profiles', name, signal),
    }),
};
