import type { QueryClient } from '@tanstack/react-query';
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
  if (location.section.segment === 'endpoints') {
    void queryClient.prefetchQuery(endpointQueries.list(location.instance, ALL_ENDPOINTS));
  }
}
