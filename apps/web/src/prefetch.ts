import type { QueryClient } from '@tanstack/react-query';
import { ALL_DATAFLOWS, dataflowQueries } from './api/dataflows.ts';
import { ALL_ENDPOINTS, endpointQueries } from './api/endpoints.ts';
import { locate } from './shell/sections.ts';

/**
 * Starts a page's main query when the address changes, beside the download of the page's lazy chunk
 * instead of after it: on a cold load of the endpoint list that is the difference between one round trip
 * and two in a row.
 */
export function prefetchRoute(queryClient: QueryClient, pathname: string): void {
  const location = locate(pathname);
  if (location === undefined || location.name !== undefined) return;
  // The dataflow list shows its ends with their endpoints' types, so it needs both lists.
  if (location.section.segment === 'endpoints' || location.section.segment === 'dataflows') {
    void queryClient.prefetchQuery(endpointQueries.list(location.instance, ALL_ENDPOINTS));
  }
  if (location.section.segment === 'dataflows') {
    void queryClient.prefetchQuery(dataflowQueries.list(location.instance, ALL_DATAFLOWS));
  }
}
