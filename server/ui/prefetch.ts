import 'server-only';

import { dehydrate, type DehydratedState, type QueryClient } from '@tanstack/react-query';

import { makeQueryClient } from '@/lib/api/query-client';
import type { ErrorCode } from '@/lib/api/schemas';
import { currentBff, pageBff, type Bff } from '@/server/bff';
import { BffError, fromKubeError } from '@/server/http/errors';

/**
 * Server prefetch for pages (the openstatus pattern): a server component reads what the page
 * shows straight from the BFF's in-memory cache, puts it in a fresh QueryClient under the same
 * keys the browser uses, and hands the dehydrated state to `<HydrationBoundary>`. The client
 * component then renders from the cache at once and the SSE stream keeps it fresh.
 *
 *   const prefetch = await startPrefetch();
 *   prefetch.set(workspaceSummariesKey(), (bff) => bff.cache.workspaceSummaries());
 *   return <HydrationBoundary state={prefetch.dehydrate()}><Client /></HydrationBoundary>;
 *
 * A failure (cluster still loading or away) never fails the page: the key is left out and the
 * browser fetches it itself, showing the BFF's error where the data would be.
 */

/** How long a page render waits for the cache's first sync before leaving it to the browser. */
const FIRST_SYNC_WAIT_MS = 4_000;

export interface PrefetchFailure {
  code: ErrorCode;
  message: string;
}

export interface Prefetch {
  /** The BFF, or why there is none right now. */
  bff?: Bff;
  failure?: PrefetchFailure;
  queryClient: QueryClient;
  /** Reads `read(bff)` into `key`; returns the value, or undefined when it failed. */
  set<T>(key: readonly unknown[], read: (bff: Bff) => T): T | undefined;
  dehydrate(): DehydratedState;
}

function toFailure(error: unknown): PrefetchFailure {
  const failure = error instanceof BffError ? error : fromKubeError(error);
  return { code: failure.code, message: failure.message };
}

export async function startPrefetch(): Promise<Prefetch> {
  const queryClient = makeQueryClient();
  let bff: Bff | undefined;
  let failure: PrefetchFailure | undefined;
  try {
    bff = currentBff();
    if (!bff.cache.synced && !(await bff.cache.waitForSync(FIRST_SYNC_WAIT_MS))) {
      failure = { code: 'not_ready', message: `Fleet Deck is still loading objects from the cluster at ${bff.kube.server}` };
      bff = undefined;
    }
    // In team mode, only what the page's signed-in person may read.
    if (bff) bff = await pageBff(bff);
  } catch (error) {
    failure = toFailure(error);
    bff = undefined;
  }
  return {
    bff,
    failure,
    queryClient,
    set(key, read) {
      if (!bff) return undefined;
      try {
        // Through JSON, as the API would send it: no undefined fields, plain objects only.
        const value = JSON.parse(JSON.stringify(read(bff))) as ReturnType<typeof read>;
        queryClient.setQueryData(key, value);
        return value;
      } catch {
        return undefined;
      }
    },
    dehydrate: () => dehydrate(queryClient),
  };
}
