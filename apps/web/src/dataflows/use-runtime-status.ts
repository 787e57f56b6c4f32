import { useQuery } from '@tanstack/react-query';
import { instanceQueries } from '../api/instances.ts';
import { runtimeQueries } from '../api/runtime.ts';

/**
 * The runtime's status for an instance, asked only when the instance's record names a runtime: without
 * one the API answers 409, which browsers log as a failed request. `noRuntime` is true once the record
 * says no runtime serves the instance (an API that does not say is asked anyway). `every`: refresh period
 * in ms while the status is answered (runtimeQueries.status).
 */
export function useRuntimeStatus(instance: string, every?: number) {
  const detail = useQuery(instanceQueries.detail(instance));
  const noRuntime = detail.data?.runtime === null;
  const status = useQuery({
    ...runtimeQueries.status(instance, every),
    enabled: detail.data !== undefined && !noRuntime,
  });
  return { status, noRuntime };
}
