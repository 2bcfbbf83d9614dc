import 'server-only';

import type { KubeList, KubeObject } from '@/lib/k8s/object';

/** One page of a list call; `continue` is set while more pages remain. */
export type ListPage<T extends KubeObject> = KubeList<T>;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** How an informer talks to the API server; kept abstract so the retry logic is testable alone. */
export interface ListWatchSource<T extends KubeObject> {
  readonly description: string;
  listPage(continueToken: string | undefined, limit: number): Promise<ListPage<T>>;
  /** Starts a watch; resolves with a function that aborts it. `done` fires exactly once. */
  watch(
    resourceVersion: string,
    onEvent: (type: WatchEventType, object: T | StatusObject) => void,
    done: (error: unknown) => void,
  ): Promise<() => void>;
}

export interface StatusObject {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
  metadata?: { resourceVersion?: string };
}

export interface InformerHandlers<T extends KubeObject> {
  upsert(object: T, previous: T | undefined): void;
  remove(object: T): void;
}

export interface InformerOptions {
  pageSize?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  /**
   * Called when the server does not serve the resource at all (404 on list), e.g. Rancher's
   * FleetWorkspace on a plain Fleet install. The informer then counts as synced and empty.
   */
  onMissingResource?: () => void;
}

export function objectKey(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** A watch or list answered 410: our resourceVersion is older than the server keeps. */
function isGone(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: number } | undefined;
  return e?.statusCode === 410 || e?.code === 410;
}

function isNotFound(error: unknown): boolean {
  const e = error as { statusCode?: number; code?: number } | undefined;
  return e?.statusCode === 404 || e?.code === 404;
}

class ExpiredError extends Error {
  readonly code = 410;
}

/**
 * List + watch for one resource, like client-go's reflector: a paged initial list, a watch from
 * the list's resourceVersion, a relist when the server answers 410, and reconnects with
 * exponential backoff and full jitter after any other failure, so a restarting API server is
 * not stampeded. Objects are kept in a map that the handlers mirror into indexes.
 */
export class Informer<T extends KubeObject> {
  readonly objects = new Map<string, T>();
  private resourceVersion = '';
  private abortWatch?: () => void;
  private retryTimer?: NodeJS.Timeout;
  private failures = 0;
  private stopped = true;
  private syncedOnce = false;
  private readonly syncWaiters: (() => void)[] = [];
  /** Times the watch had to be re-established (for metrics). */
  restarts = 0;
  relists = 0;
  lastError?: string;

  constructor(
    private readonly source: ListWatchSource<T>,
    private readonly handlers: InformerHandlers<T>,
    private readonly options: InformerOptions = {},
  ) {}

  get synced(): boolean {
    return this.syncedOnce;
  }

  /** True while the watch is established; false between a failure and the next success. */
  get healthy(): boolean {
    return this.syncedOnce && this.failures === 0;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.abortWatch?.();
    this.abortWatch = undefined;
  }

  waitForSync(): Promise<void> {
    if (this.syncedOnce) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  private async run(): Promise<void> {
    try {
      if (!this.resourceVersion) {
        try {
          await this.relist();
        } catch (error) {
          if (isNotFound(error) && this.options.onMissingResource) {
            this.options.onMissingResource();
            this.stopped = true;
            this.markSynced();
            return;
          }
          throw error;
        }
      }
      if (this.stopped) return;
      this.abortWatch = await this.source.watch(
        this.resourceVersion,
        (type, object) => this.onEvent(type, object),
        (error) => this.onWatchEnded(error),
      );
    } catch (error) {
      this.onWatchEnded(error);
    }
  }

  private async relist(): Promise<void> {
    const seen = new Map<string, T>();
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.source.listPage(continueToken, this.options.pageSize ?? 500);
      for (const item of page.items) seen.set(objectKey(item), item);
      continueToken = page.metadata.continue || undefined;
      resourceVersion = page.metadata.resourceVersion ?? '';
    } while (continueToken && !this.stopped);
    if (this.stopped) return;
    for (const [key, previous] of this.objects) {
      if (!seen.has(key)) {
        this.objects.delete(key);
        this.handlers.remove(previous);
      }
    }
    for (const [key, object] of seen) {
      const previous = this.objects.get(key);
      if (previous?.metadata.resourceVersion === object.metadata.resourceVersion) continue;
      this.objects.set(key, object);
      this.handlers.upsert(object, previous);
    }
    this.resourceVersion = resourceVersion;
    this.markSynced();
  }

  private markSynced(): void {
    this.failures = 0;
    this.lastError = undefined;
    if (this.syncedOnce) return;
    this.syncedOnce = true;
    for (const resolve of this.syncWaiters.splice(0)) resolve();
  }

  private onEvent(type: WatchEventType, object: T | StatusObject): void {
    if (type === 'ERROR') {
      const status = object as StatusObject;
      if (status.code === 410) this.resourceVersion = '';
      return;
    }
    const rv = object.metadata?.resourceVersion;
    if (type === 'BOOKMARK') {
      if (rv) this.resourceVersion = rv;
      return;
    }
    const item = object as T;
    const key = objectKey(item);
    if (type === 'DELETED') {
      const previous = this.objects.get(key);
      this.objects.delete(key);
      this.handlers.remove(previous ?? item);
    } else {
      const previous = this.objects.get(key);
      this.objects.set(key, item);
      this.handlers.upsert(item, previous);
    }
    if (rv) this.resourceVersion = rv;
    // Events flowing means the connection is good again.
    this.failures = 0;
  }

  private onWatchEnded(error: unknown): void {
    this.abortWatch = undefined;
    if (this.stopped) return;
    this.restarts++;
    if (isGone(error) || error instanceof ExpiredError) {
      this.resourceVersion = '';
      void this.run();
      return;
    }
    if (!error) {
      // A normal end (server timeout): resume right away from where we were.
      void this.run();
      return;
    }
    this.failures++;
    this.lastError = error instanceof Error ? error.message : String(error);
    const min = this.options.minBackoffMs ?? 250;
    const max = this.options.maxBackoffMs ?? 30_000;
    const ceiling = Math.min(max, min * 2 ** Math.min(this.failures, 16));
    const delay = Math.round((this.options.random ?? Math.random)() * ceiling) + min;
    this.retryTimer = setTimeout(() => void this.run(), delay);
    this.retryTimer.unref?.();
  }
}
