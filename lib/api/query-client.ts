import { QueryClient } from '@tanstack/react-query';

import { ApiClientError } from './client';

/**
 * The one query-client configuration. Data stays fresh through the SSE stream, which
 * invalidates what changed, so there is no polling and no refetch on focus.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5 * 60_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => {
          // A 4xx will not get better by asking again.
          if (error instanceof ApiClientError && error.status >= 400 && error.status < 500) return false;
          return failures < 2;
        },
      },
    },
  });
}
