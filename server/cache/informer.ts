import 'server-only';

import type { KubeList, KubeObject } from '@/lib/k8s/object';

/** One page of a list call; `continue` is set while more pages remain. */
export type ListPage<T extends KubeObject> = KubeList<T>;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** How an informer talks to the API server; kept abstract so the retry logic is testable alone. */
export interface ListWatchSource<T extends KubeObject> {
  readonly description: string;
  listPage(continueToken: string | undefined, limit: number): Promise<ListPage<T>>;
  /**
   * Starts a watch; resolves with a function that aborts it once the server has answered (or the
   * attempt failed). `done` fires exactly once: with an error when the attempt or the stream
   * failed, with nothing when the server ended the stream normally. If `done` has fired before the
   * promise resolves, the watch never started.
   */
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
  /** A list page that takes longer than this counts as failed (a hung connection). */
  listTimeoutMs?: number;
  /** A watch that ends normally sooner than this after it started is retried after a backoff. */
  minWatchMs?: number;
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

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

class WatchStatusError extends Error {
  constructor(readonly code: number | undefined, message: string) {
    super(message);
  }
}

class ListTimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ListTimeoutError(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * List + watch for one resource, like client-go's reflector: a paged initial list, a watch from
 * the list's resourceVersion, a relist when the server answers 410, and reconnects with
 * exponential backoff and full jitter after any other failure (connection refused or reset, TLS,
 * 5xx, a hung list), so a restarting API server is not stampeded. Objects are kept in a map that
 * the handlers mirror into indexes; a relist diffs against it, so objects deleted while the watch
 * was down are removed.
 */
export class Informer<T extends KubeObject> {
  readonly objects = new Map<string, T>();
  private resourceVersion = '';
  private abortWatch?: () => void;
  private retryTimer?: NodeJS.Timeout;
  private failures = 0;
  private stopped = true;
  private syncedOnce = false;
  /** Bumped on start/stop and on every attempt; callbacks of older attempts are ignored. */
  private attempt = 0;
  private readonly syncWaiters: (() => void)[] = [];
  /** Times the watch had to be re-established (for metrics). */
  restarts = 0;
  /** Times the whole collection was listed again after the first sync (410 or restart). */
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

  get description(): string {
    return this.source.description;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.run(++this.attempt);
  }

  stop(): void {
    this.stopped = true;
    this.attempt++;
    clearTimeout(this.retryTimer);
    this.abortWatch?.();
    this.abortWatch = undefined;
  }

  waitForSync(): Promise<void> {
    if (this.syncedOnce) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  private current(attempt: number): boolean {
    return !this.stopped && attempt === this.attempt;
  }

  private async run(attempt: number): Promise<void> {
    try {
      if (!this.resourceVersion) {
        try {
          await this.relist(attempt);
        } catch (error) {
          if (isNotFound(error) && this.options.onMissingResource && this.current(attempt)) {
            this.options.onMissingResource();
            this.stopped = true;
            this.markSynced();
            return;
          }
          throw error;
        }
      }
      if (!this.current(attempt)) return;
      const started = Date.now();
      let ended = false;
      let sawEvents = false;
      let statusError: WatchStatusError | undefined;
      const abort = await this.source.watch(
        this.resourceVersion,
        (type, object) => {
          if (!this.current(attempt)) return;
          sawEvents = true;
          const problem = this.onEvent(type, object);
          if (problem) statusError = problem;
        },
        (error) => {
          if (ended) return;
          ended = true;
          if (!this.current(attempt)) return;
          this.abortWatch = undefined;
          const quick = !error && !sawEvents && Date.now() - started < (this.options.minWatchMs ?? 1_000);
          this.onWatchEnded(error ?? statusError, quick);
        },
      );
      if (!this.current(attempt)) {
        abort();
        return;
      }
      if (!ended) {
        // The server accepted the watch: we are connected again, whether or not anything changes.
        this.abortWatch = abort;
        this.failures = 0;
        this.lastError = undefined;
      }
    } catch (error) {
      if (this.current(attempt)) this.onWatchEnded(error, false);
    }
  }

  private async relist(attempt: number): Promise<void> {
    const seen = new Map<string, T>();
    let continueToken: string | undefined;
    let resourceVersion = '';
    const timeoutMs = this.options.listTimeoutMs ?? 60_000;
    do {
      const page = await withTimeout(this.source.listPage(continueToken, this.options.pageSize ?? 500), timeoutMs, `list ${this.source.description}`);
      if (!this.current(attempt)) return;
      for (const item of page.items) seen.set(objectKey(item), item);
      continueToken = page.metadata.continue || undefined;
      resourceVersion = page.metadata.resourceVersion ?? '';
    } while (continueToken);
    if (this.syncedOnce) this.relists++;
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

  /** Applies one watch event; returns the failure an ERROR event reports, if any. */
  private onEvent(type: WatchEventType, object: T | StatusObject): WatchStatusError | undefined {
    if (type === 'ERROR') {
      const status = object as StatusObject;
      if (status.code === 410) {
        this.resourceVersion = '';
        return undefined;
      }
      return new WatchStatusError(status.code, `watch ${this.source.description}: ${status.message ?? status.reason ?? 'error'}`);
    }
    const rv = object.metadata?.resourceVersion;
    if (type === 'BOOKMARK') {
      if (rv) this.resourceVersion = rv;
      return undefined;
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
    return undefined;
  }

  private onWatchEnded(error: unknown, quick: boolean): void {
    this.abortWatch = undefined;
    if (this.stopped) return;
    this.restarts++;
    const attempt = ++this.attempt;
    if (isGone(error)) {
      this.resourceVersion = '';
      void this.run(attempt);
      return;
    }
    if (!error && !quick) {
      // A normal end (server timeout, or the 410 ERROR event already cleared the version): go on.
      void this.run(attempt);
      return;
    }
    if (error) {
      this.failures++;
      this.lastError = describeError(error);
    }
    const min = this.options.minBackoffMs ?? 250;
    const max = this.options.maxBackoffMs ?? 30_000;
    const ceiling = Math.min(max, min * 2 ** Math.min(Math.max(this.failures, 1), 16));
    const delay = Math.min(max, Math.round((this.options.random ?? Math.random)() * ceiling) + min);
    this.retryTimer = setTimeout(() => {
      if (this.current(attempt)) void this.run(attempt);
    }, delay);
    this.retryTimer.unref?.();
  }
}
