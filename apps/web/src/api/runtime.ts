import { queryOptions } from '@tanstack/react-query';
import { request, segment } from './request.ts';

export const RUNTIME_STATES = ['starting', 'running', 'disabled', 'failed'] as const;
export type RuntimeState = (typeof RUNTIME_STATES)[number];

/** What the runtime reports about one deployed dataflow (the API's RuntimeDataflowSchema, in part). */
export interface RuntimeDataflow {
  name: string;
  profile: string;
  state: RuntimeState;
  source: string;
  destination: string;
  /** RFC 3339 time the state began. */
  since: string;
  inflight: number;
  counters: {
    received: number;
    emitted: number;
    droppedByFilter: number;
    deadLettered: number;
    sinkErrors: number;
    retries: number;
    redelivered: number;
  };
  rates: { receivedPerSecond: number; emittedPerSecond: number };
  lastError?: { at: string; message: string };
}

/** The runtime's status with the deployment it runs (the API's RuntimeStatusSchema, in part). */
export interface RuntimeStatus {
  instance: string;
  target: string;
  embedded: boolean;
  deployment: { id: number; finishedAt: string } | null;
  startedAt: string;
  dataflows: RuntimeDataflow[];
}

/** Rejects with a problem (409) when no runtime serves the instance: for the UI, nothing is deployed. */
export function getRuntimeStatus(instance: string, signal?: AbortSignal) {
  return request<RuntimeStatus>(`/instances/${segment(instance)}/runtime`, { signal });
}

export const runtimeKeys = {
  status: (instance: string) => ['runtime', instance, 'status'] as const,
};

export const runtimeQueries = {
  /** `every`: refresh period in ms while the status is answered. */
  status: (instance: string, every = 15_000) =>
    queryOptions({
      queryKey: runtimeKeys.status(instance),
      queryFn: ({ signal }) => getRuntimeStatus(instance, signal),
      // "No runtime here" is an answer, not a failure to retry; live states refresh on their own.
      retry: false,
      refetchInterval: (query) => (query.state.status === 'success' ? every : false),
    }),
};
