import type { QueryClient } from '@tanstack/react-query';
import { ALL_DATAFLOWS, dataflowQueries } from './api/dataflows.ts';
import { ALL_ENDPOINTS, endpointQueries } from './api/endpoints.ts';
import { profileQueries } from './api/profiles.ts';
import { locate } from './shell/sections.ts';

/**
 * Starts a page's queries when the address changes, beside the download of the page's lazy chunk instead
 * of after it: on a cold load that is the difference between one round trip and two in a row.
 */
export function prefetchRoute(queryClient: QueryClient, pathname: string): void {
  const location = locate(pathname);
  if (location === undefined) return;
  const { instance, name } = location;
  switch (location.section.segment) {
    case 'endpoints':
      if (name === undefined) void queryClient.prefetchQuery(endpointQueries.list(instance, ALL_ENDPOINTS));
      return;
    case 'dataflows':
      // The list shows each end's endpoint type; the builder's palette lists them; the topology draws them.
      void queryClient.prefetchQuery(endpointQueries.list(instance, ALL_ENDPOINTS));
      if (name === undefined || name === 'topology')
        void queryClient.prefetchQuery(dataflowQueries.list(instance, ALL_DATAFLOWS));
      else {
        void queryClient.prefetchQuery(profileQueries.list(instance, { limit: 1000 }));
        if (name !== 'new') void queryClient.prefetchQuery(dataflowQueries.detail(instance, name));
      }
      return;
    default:
      return;
  }
}
