'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';

import { apiGet } from '@/lib/api/client';
import { fleetKeys } from '@/lib/api/keys';
import type { ListKind } from '@/lib/api/schemas';

/**
 * A failure view of one object (matrix, drift, events). The key sits under the object's detail
 * key, so the live stream's invalidation of the detail refreshes these too — including the
 * notices the BFF sends for a repo or cluster when only one of its BundleDeployments changed.
 */
export function useFailureQuery<T>(
  kind: ListKind,
  ws: string,
  name: string,
  view: 'matrix' | 'drift' | 'events',
  params: Record<string, string | number | undefined>,
  schema: z.ZodType<T>,
  options: { refetchIntervalMs?: number } = {},
) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const url = `/api/v1/workspaces/${encodeURIComponent(ws)}/${kind}/${encodeURIComponent(name)}/${view}${search.size > 0 ? `?${search}` : ''}`;
  return useQuery<T, Error>({
    queryKey: [...fleetKeys.detail(kind, ws, name), view, params],
    queryFn: () => apiGet(url, schema),
    placeholderData: keepPreviousData,
    // React Query pauses the interval while the tab is hidden (refetchIntervalInBackground is off).
    ...(options.refetchIntervalMs ? { refetchInterval: options.refetchIntervalMs } : {}),
  });
}
