import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../../lib/k8s/object';
import { ApiError } from './errors';
import type { ListFilter } from './list-filter';
import type { ChangeEvent, ObjectStore, StoredObject, WatchEventType } from './object-store';
import { apiVersionOf, storageKey, type ResourceType } from './resource-types';
import { toTable, type TableOptions } from './table';

export interface WatchRequest {
  type: ResourceType;
  namespace?: string;
  filter: ListFilter;
  /** Absent or "0": start with ADDED events for what exists now. */
  resourceVersion?: string;
  allowBookmarks: boolean;
  timeoutSeconds?: number;
  table?: TableOptions;
}

/** A watcher that falls this far behind (bytes not yet sent) is disconnected rather than buffered. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

class Watcher {
  private headersSent = false;
  closed = false;

  constructor(
    readonly request: WatchRequest,
    private readonly response: ServerResponse,
    private readonly onClose: (watcher: Watcher) => void,
  ) {}

  inScope(object: KubeObject): boolean {
    const { namespace, filter } = this.request;
    if (namespace !== undefined && object.metadata.namespace !== namespace) return false;
    return filter.matches(object);
  }

  /** Translates a store change into what this watcher sees, as the watch cache does for selectors. */
  deliver(event: ChangeEvent): void {
    const now = event.type !== 'DELETED' && this.inScope(event.current.object);
    const before = event.previous !== undefined && this.inScope(event.previous.object);
    let type: WatchEventType | undefined;
    if (event.type === 'DELETED') type = before ? 'DELETED' : undefined;
    else if (now) type = before ? 'MODIFIED' : 'ADDED';
    else if (before) type = 'DELETED';
    if (type) this.send(type, event.current);
  }

  send(type: WatchEventType, stored: StoredObject): void {
    if (this.request.table) {
      const table = toTable(this.request.type, [stored], { ...this.request.table, noHeaders: this.headersSent });
      this.headersSent = true;
      this.write(`{"type":"${type}","object":${JSON.stringify(table)}}\n`);
    } else {
      this.write(`{"type":"${type}","object":${stored.json}}\n`);
    }
  }

  bookmark(resourceVersion: number): void {
    const { type } = this.request;
    const object = { kind: type.kind, apiVersion: apiVersionOf(type), metadata: { resourceVersion: String(resourceVersion) } };
    this.write(`{"type":"BOOKMARK","object":${JSON.stringify(object)}}\n`);
  }

  error(error: ApiError): void {
    this.write(`{"type":"ERROR","object":${JSON.stringify(error.toStatus())}}\n`);
    this.close();
  }

  private write(line: string): void {
    if (this.closed) return;
    if (this.response.writableLength > MAX_BUFFERED_BYTES) {
      this.close();
      return;
    }
    this.response.write(line);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
    this.response.end();
  }
}

/**
 * Streams changes to watchers. Events are serialised once by the store and written to each
 * interested watcher as they commit, so hundreds of watchers cost one loop per write.
 */
export class WatchHub {
  private readonly watchers = new Map<string, Set<Watcher>>();
  private readonly bookmarkTimer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    bookmarkIntervalMs: number,
    private readonly listCurrent: (request: WatchRequest) => StoredObject[],
  ) {
    this.unsubscribe = store.subscribe((event) => this.dispatch(event));
    this.bookmarkTimer = setInterval(() => this.sendBookmarks(), bookmarkIntervalMs);
    this.bookmarkTimer.unref();
  }

  get size(): number {
    let count = 0;
    for (const set of this.watchers.values()) count += set.size;
    return count;
  }

  open(request: WatchRequest, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    // Clients (client-go, client-node) wait for the headers before they report a watch as open;
    // without this, a watch with nothing to replay would hang until the first event.
    response.flushHeaders();
    const key = storageKey(request.type);
    const watcher = new Watcher(request, response, (w) => this.watchers.get(key)?.delete(w));
    response.on('close', () => watcher.close());

    // Replay and registration happen in one synchronous step: no write can slip in between.
    const rv = request.resourceVersion;
    if (rv === undefined || rv === '' || rv === '0') {
      for (const stored of this.listCurrent(request)) watcher.send('ADDED', stored);
    } else {
      const from = Number(rv);
      if (!this.store.canResumeFrom(from)) {
        watcher.error(new ApiError(410, 'Expired', `too old resource version: ${rv} (${this.store.currentRevision})`));
        return;
      }
      for (const event of this.store.changesSince(from)) if (event.resource === key) watcher.deliver(event);
    }
    let set = this.watchers.get(key);
    if (!set) this.watchers.set(key, (set = new Set()));
    set.add(watcher);
    if (request.timeoutSeconds && request.timeoutSeconds > 0) {
      const timer = setTimeout(() => watcher.close(), request.timeoutSeconds * 1000);
      timer.unref();
      response.on('close', () => clearTimeout(timer));
    }
  }

  private dispatch(event: ChangeEvent): void {
    const set = this.watchers.get(event.resource);
    if (!set) return;
    for (const watcher of set) watcher.deliver(event);
  }

  private sendBookmarks(): void {
    const rv = this.store.currentRevision;
    for (const set of this.watchers.values()) {
      for (const watcher of set) if (watcher.request.allowBookmarks) watcher.bookmark(rv);
    }
  }

  /** Ends every watch, as a server shutting down does; clients reconnect and resume. */
  closeAll(): void {
    clearInterval(this.bookmarkTimer);
    this.unsubscribe();
    for (const set of this.watchers.values()) for (const watcher of [...set]) watcher.close();
    this.watchers.clear();
  }
}
