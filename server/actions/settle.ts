import 'server-only';

import type { ListKind } from '@/lib/api/schemas';
import type { KubeObject } from '@/lib/k8s/object';
import type { FleetCache } from '@/server/cache/fleet-cache';

/** How long a mutation waits for its own change to reach the cache before answering anyway. */
const SETTLE_TIMEOUT_MS = 3_000;

/**
 * Read-your-writes for the browser: a mutation answers once the informer has seen its change,
 * so the list or detail the page reloads next already shows it. Never fails — after the timeout
 * the answer goes out and the SSE notice catches the page up.
 */
export function settle(cache: FleetCache, done: () => boolean, timeoutMs = SETTLE_TIMEOUT_MS): Promise<boolean> {
  if (done()) return Promise.resolve(true);
  return new Promise((resolve) => {
    let finished = false;
    const finish = (value: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    timer.unref?.();
    const unsubscribe = cache.subscribe(() => {
      if (done()) finish(true);
    });
  });
}

/** The cache holds this write: the written version, or any version other than the one before it. */
export function settleWrite(cache: FleetCache, kind: ListKind, written: KubeObject, before?: string): Promise<boolean> {
  const workspace = written.metadata.namespace ?? '';
  const name = written.metadata.name;
  return settle(cache, () => {
    const version = cache.object(kind, workspace, name)?.metadata.resourceVersion;
    return version !== undefined && (version === written.metadata.resourceVersion || (before !== undefined && version !== before));
  });
}

/** The cache no longer holds the object (or shows it being deleted). */
export function settleDelete(cache: FleetCache, kind: ListKind, workspace: string, name: string): Promise<boolean> {
  return settle(cache, () => {
    const object = cache.object(kind, workspace, name);
    return !object || Boolean(object.metadata.deletionTimestamp);
  });
}
