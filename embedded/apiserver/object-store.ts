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
 * Objects of one resource kept sorted by key, with the objects in an array parallel to the keys so
 * that listing everything hands out that array instead of doing 100,000 map lookups. Inserts and
 * deletes are applied lazily: lists are rare next to writes while controllers run, and a full
 * re-sort of 100,000 keys costs less than splicing each insert into place. An update in place
 * changes its slot directly. An array handed to a caller is never changed afterwards: the next
 * write copies it first (a memcpy, far cheaper than rebuilding it).
 */
class ResourceBucket {
  readonly byKey = new Map<string, StoredObject>();
  private sortedKeys: string[] = [];
  /** `sortedValues[i]` is `byKey.get(sortedKeys[i])`, except for keys waiting in `pendingRemovals`. */
  private sortedValues: StoredObject[] = [];
  private valuesShared = false;
  private pendingInserts: string[] = [];
  private pendingRemovals: string[] = [];

  set(key: string, stored: StoredObject): void {
    const known = this.byKey.has(key);
    this.byKey.set(key, stored);
    if (!known) {
      this.pendingInserts.push(key);
      return;
    }
    const index = lowerBound(this.sortedKeys, key);
    if (this.sortedKeys[index] === key) this.writableValues()[index] = stored;
  }

  delete(key: string): void {
    if (this.byKey.delete(key)) this.pendingRemovals.push(key);
  }

  /** Current objects with keys in [from, to), in key order. Callers must not modify the array. */
  range(from?: string, to?: string): readonly StoredObject[] {
    this.applyPending();
    const keys = this.sortedKeys;
    const start = from === undefined ? 0 : lowerBound(keys, from);
    const end = to === undefined ? keys.length : lowerBound(keys, to);
    if (start === 0 && end === keys.length) {
      this.valuesShared = true;
      return this.sortedValues;
    }
    return this.sortedValues.slice(start, end);
  }

  private writableValues(): StoredObject[] {
    if (this.valuesShared) {
      this.sortedValues = this.sortedValues.slice();
      this.valuesShared = false;
    }
    return this.sortedValues;
  }

  /**
   * Many changes at once: only the new keys are sorted, then merged into the sorted arrays in one
   * pass. A list during a burst of creates then costs O(n), not a re-sort of every key.
   */
  private mergePending(): void {
    const removed = new Set(this.pendingRemovals.filter((key) => !this.byKey.has(key)));
    const inserts = [...new Set(this.pendingInserts)].filter((key) => this.byKey.has(key)).sort(compareKeys);
    const oldKeys = this.sortedKeys;
    const oldValues = this.sortedValues;
    const keys: string[] = [];
    const values: StoredObject[] = [];
    let i = 0;
    let j = 0;
    while (i < oldKeys.length || j < inserts.length) {
      const oldKey = oldKeys[i];
      const newKey = inserts[j];
      if (newKey === undefined || (oldKey !== undefined && oldKey < newKey)) {
        if (!removed.has(oldKey!)) {
          keys.push(oldKey!);
          values.push(oldValues[i]!);
        }
        i++;
      } else {
        // A new key, or one deleted and created again (its slot holds the old object).
        if (oldKey === newKey) i++;
        keys.push(newKey);
        values.push(this.byKey.get(newKey)!);
        j++;
      }
    }
    this.sortedKeys = keys;
    this.sortedValues = values;
    this.valuesShared = false;
  }

  private applyPending(): void {
    if (this.pendingInserts.length === 0 && this.pendingRemovals.length === 0) return;
    if (this.pendingInserts.length + this.pendingRemovals.length < 256) {
      const keys = this.sortedKeys;
      const values = this.writableValues();
      // Removals first: a key deleted and created again is still in `byKey` and keeps its slot.
      for (const key of this.pendingRemovals) {
        if (this.byKey.has(key)) continue;
        const index = lowerBound(keys, key);
        if (keys[index] === key) {
          keys.splice(index, 1);
          values.splice(index, 1);
        }
      }
      for (const key of this.pendingInserts) {
        const stored = this.byKey.get(key);
        if (!stored) continue;
        const index = lowerBound(keys, key);
        if (keys[index] === key) {
          values[index] = stored;
        } else {
          keys.splice(index, 0, key);
          values.splice(index, 0, stored);
        }
      }
    } else if (this.sortedKeys.length === 0) {
      this.sortedKeys = [...this.byKey.keys()].sort(compareKeys);
      this.sortedValues = this.sortedKeys.map((key) => this.byKey.get(key)!);
      this.valuesShared = false;
    } else {
      this.mergePending();
    }
    this.pendingInserts = [];
    this.pendingRemovals = [];
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
  /** Recent changes from index `historyStart` on; the slots before it were dropped. */
  private history: ChangeEvent[] = [];
  private historyStart = 0;
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
  private readonly removeAndRecordRevision: (resource: string, key: string, resourceVersion: number) => void;

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
    // Made once: building a better-sqlite3 transaction function per write costs as much as the write.
    this.removeAndRecordRevision = this.db.transaction((resource: string, key: string, resourceVersion: number) => {
      this.statements.remove.run(resource, key);
      this.statements.setMeta.run('revision', String(resourceVersion));
    });
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

  /**
   * Objects of a resource in key order, optionally only one namespace's. The array may be shared
   * with other callers (and with continue snapshots), so it must not be modified.
   */
  list(resource: string, namespace?: string): readonly StoredObject[] {
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
    // One statement commits on its own. The revision meta row is not rewritten: the row carries its
    // resourceVersion, and on load the revision is the larger of the meta row and every stored row.
    this.statements.upsert.run(resource, key, resourceVersion, json);
    this.revision = resourceVersion;
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
    // A removed row takes its resourceVersion with it, so the revision is recorded in the same transaction.
    this.removeAndRecordRevision(resource, key, resourceVersion);
    this.revision = resourceVersion;
    bucket.delete(key);
    // A deleted object is reported with the version of its deletion, as kube-apiserver does.
    const tombstone = { ...previous.object, metadata: { ...previous.object.metadata, resourceVersion: String(resourceVersion) } };
    const current: StoredObject = { object: deepFreeze(tombstone), json: JSON.stringify(tombstone), resourceVersion };
    this.publish({ type: 'DELETED', resource, resourceVersion, current, previous });
    return current;
  }

  private publish(event: ChangeEvent): void {
    this.history.push(event);
    if (this.history.length - this.historyStart > this.historySize) {
      this.historyStart = this.history.length - this.historySize;
      this.compactedRevision = this.history[this.historyStart - 1]!.resourceVersion;
      // Dropped slots are cut off in batches: splicing one off the front per write would move the
      // whole history (50,000 entries) on every write.
      if (this.historyStart >= Math.min(this.historySize, 4096)) {
        this.history = this.history.slice(this.historyStart);
        this.historyStart = 0;
      }
    }
    for (const listener of this.listeners) listener(event);
  }

  /** Changes after `resourceVersion` still in history, oldest first. Check `canResumeFrom` first. */
  changesSince(resourceVersion: number): ChangeEvent[] {
    let lo = this.historyStart;
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
    this.history = [];
    this.historyStart = 0;
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
