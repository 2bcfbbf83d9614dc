import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '../../lib/k8s/object';

/** One stored object: the parsed value (never mutated) and its JSON text, serialised once. */
export interface StoredObject {
  readonly object: KubeObject;
  readonly json: string;
  readonly resourceVersion: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A committed change, in the order of resourceVersion. `previous` lets watchers filter on the old state. */
export interface ChangeEvent {
  readonly type: WatchEventType;
  readonly resource: string;
  readonly resourceVersion: number;
  readonly current: StoredObject;
  readonly previous?: StoredObject;
}

/** A key that sorts the way etcd keys do: by namespace, then name. */
export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/**
 * Objects of one resource kept sorted by key. Inserts and deletes are applied lazily: lists are rare
 * next to writes while controllers run, and a full re-sort of 100,000 keys costs less than splicing
 * each insert into place.
 */
class ResourceBucket {
  readonly byKey = new Map<string, StoredObject>();
  private sortedKeys: string[] = [];
  private pendingInserts: string[] = [];
  private removedSinceSort = 0;

  set(key: string, stored: StoredObject): void {
    if (!this.byKey.has(key)) this.pendingInserts.push(key);
    this.byKey.set(key, stored);
  }

  delete(key: string): void {
    if (this.byKey.delete(key)) this.removedSinceSort++;
  }

  /** Keys in order; the array is shared, so callers must not modify it. */
  keys(): readonly string[] {
    if (this.pendingInserts.length > 0 || this.removedSinceSort > 0) {
      if (this.pendingInserts.length < 256 && this.removedSinceSort === 0) {
        for (const key of this.pendingInserts) {
          if (this.byKey.has(key)) this.sortedKeys.splice(lowerBound(this.sortedKeys, key), 0, key);
        }
      } else {
        this.sortedKeys = [...this.byKey.keys()].sort(compareKeys);
      }
      this.pendingInserts = [];
      this.removedSinceSort = 0;
    }
    return this.sortedKeys;
  }

  /** Current objects with keys in [from, to), in key order. */
  range(from?: string, to?: string): StoredObject[] {
    const keys = this.keys();
    const start = from === undefined ? 0 : lowerBound(keys, from);
    const end = to === undefined ? keys.length : lowerBound(keys, to);
    const out: StoredObject[] = [];
    for (let i = start; i < end; i++) {
      const stored = this.byKey.get(keys[i]!);
      if (stored) out.push(stored);
    }
    return out;
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface ObjectStoreOptions {
  dataDir: string;
  /** How many recent changes are kept for watch resumption; older versions answer 410 Gone. */
  watchHistorySize?: number;
}

/**
 * Durable object storage with Kubernetes' resourceVersion ordering. SQLite (WAL) is the source of
 * truth on disk; every write is one transaction, committed before the caller is answered, so a
 * `kill -9` loses nothing that was acknowledged. All objects are also held in memory so that lists
 * and watches never touch the disk.
 */
export class ObjectStore {
  private readonly db: Database.Database;
  private readonly buckets = new Map<string, ResourceBucket>();
  private readonly history: ChangeEvent[] = [];
  private readonly historySize: number;
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private revision: number;
  /** The newest resourceVersion whose change is no longer in `history`. */
  private compactedRevision: number;

  private readonly statements: {
    upsert: Database.Statement;
    remove: Database.Statement;
    setMeta: Database.Statement;
  };

  constructor(options: ObjectStoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.db = new Database(path.join(options.dataDir, 'objects.db'));
    this.db.pragma('journal_mode = WAL');
    // NORMAL is durable against process crashes (the WAL is in the OS page cache after commit);
    // only a power loss could drop the last transactions, which a kill -9 is not.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS objects (
        resource TEXT NOT NULL,
        key TEXT NOT NULL,
        resource_version INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (resource, key)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `);
    this.statements = {
      upsert: this.db.prepare(
        'INSERT INTO objects (resource, key, resource_version, body) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (resource, key) DO UPDATE SET resource_version = excluded.resource_version, body = excluded.body',
      ),
      remove: this.db.prepare('DELETE FROM objects WHERE resource = ? AND key = ?'),
      setMeta: this.db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
    this.historySize = options.watchHistorySize ?? 50_000;
    this.revision = Number(this.getMeta('revision') ?? '0');
    this.load();
    this.compactedRevision = this.revision;
  }

  private load(): void {
    const rows = this.db
      .prepare('SELECT resource, key, resource_version AS rv, body FROM objects')
      .raw()
      .iterate() as Iterable<[string, string, number, string]>;
    for (const [resource, key, rv, body] of rows) {
      this.bucket(resource).set(key, { object: deepFreeze(JSON.parse(body) as KubeObject), json: body, resourceVersion: rv });
      if (rv > this.revision) this.revision = rv;
    }
  }

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.statements.setMeta.run(key, value);
  }

  get currentRevision(): number {
    return this.revision;
  }

  /** Whether changes after `resourceVersion` can still be replayed to a watcher. */
  canResumeFrom(resourceVersion: number): boolean {
    return resourceVersion >= this.compactedRevision && resourceVersion <= this.revision;
  }

  private bucket(resource: string): ResourceBucket {
    let bucket = this.buckets.get(resource);
    if (!bucket) {
      bucket = new ResourceBucket();
      this.buckets.set(resource, bucket);
    }
    return bucket;
  }

  get(resource: string, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.buckets.get(resource)?.byKey.get(objectKey(namespace, name));
  }

  /** Objects of a resource in key order, optionally only one namespace's. */
  list(resource: string, namespace?: string): StoredObject[] {
    const bucket = this.buckets.get(resource);
    if (!bucket) return [];
    // Keys are "<namespace>/<name>" and '0' sorts right after '/', so this is exactly one namespace.
    return namespace === undefined ? bucket.range() : bucket.range(`${namespace}/`, `${namespace}0`);
  }

  count(resource: string): number {
    return this.buckets.get(resource)?.byKey.size ?? 0;
  }

  resources(): string[] {
    return [...this.buckets.keys()];
  }

  /** Writes an object under the next resourceVersion, which this method sets in its metadata. */
  put(resource: string, object: KubeObject): StoredObject {
    const { namespace, name } = object.metadata;
    const key = objectKey(namespace, name);
    const bucket = this.bucket(resource);
    const previous = bucket.byKey.get(key);
    const resourceVersion = this.revision + 1;
    const stamped: KubeObject = { ...object, metadata: { ...object.metadata, resourceVersion: String(resourceVersion) } };
    const json = JSON.stringify(stamped);
    // Frozen before the commit: if anything here throws, nothing has been written to disk either.
    const stored: StoredObject = { object: deepFreeze(stamped), json, resourceVersion };
    this.commit(() => this.statements.upsert.run(resource, key, resourceVersion, json), resourceVersion);
    bucket.set(key, stored);
    this.publish({ type: previous ? 'MODIFIED' : 'ADDED', resource, resourceVersion, current: stored, previous });
    return stored;
  }

  remove(resource: string, namespace: string | undefined, name: string): StoredObject | undefined {
    const key = objectKey(namespace, name);
    const bucket = this.buckets.get(resource);
    const previous = bucket?.byKey.get(key);
    if (!bucket || !previous) return undefined;
    const resourceVersion = this.revision + 1;
    this.commit(() => this.statements.remove.run(resource, key), resourceVersion);
    bucket.delete(key);
    // A deleted object is reported with the version of its deletion, as kube-apiserver does.
    const tombstone = { ...previous.object, metadata: { ...previous.object.metadata, resourceVersion: String(resourceVersion) } };
    const current: StoredObject = { object: deepFreeze(tombstone), json: JSON.stringify(tombstone), resourceVersion };
    this.publish({ type: 'DELETED', resource, resourceVersion, current, previous });
    return current;
  }

  private commit(write: () => void, resourceVersion: number): void {
    this.db.transaction(() => {
      write();
      this.statements.setMeta.run('revision', String(resourceVersion));
    })();
    this.revision = resourceVersion;
  }

  private publish(event: ChangeEvent): void {
    this.history.push(event);
    if (this.history.length > this.historySize) {
      const dropped = this.history.splice(0, this.history.length - this.historySize);
      this.compactedRevision = dropped[dropped.length - 1]!.resourceVersion;
    }
    for (const listener of this.listeners) listener(event);
  }

  /** Changes after `resourceVersion` still in history, oldest first. Check `canResumeFrom` first. */
  changesSince(resourceVersion: number): ChangeEvent[] {
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.history[mid]!.resourceVersion <= resourceVersion) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  /** Forgets the watch history, as etcd compaction would; used to test clients' 410 handling. */
  compactHistory(): void {
    this.history.length = 0;
    this.compactedRevision = this.revision;
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
    if (this.db.open) this.db.close();
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
