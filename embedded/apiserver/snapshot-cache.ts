import { randomBytes } from 'node:crypto';
import { expired } from './errors';
import type { StoredObject } from './object-store';

interface Snapshot {
  items: readonly StoredObject[];
  resourceVersion: number;
  expiresAt: number;
}

interface ContinueToken {
  snapshot: string;
  offset: number;
  rv: number;
}

const SNAPSHOT_TTL_MS = 5 * 60_000;
const MAX_SNAPSHOTS = 256;

/**
 * Keeps the result of a paged list so that `continue` pages come from the same point in time, as
 * an etcd revision would give. A snapshot is only an array of references to immutable objects,
 * so holding one costs a few bytes per item; old ones expire like compacted etcd revisions.
 */
export class SnapshotCache {
  private readonly snapshots = new Map<string, Snapshot>();

  first(items: readonly StoredObject[], resourceVersion: number, limit: number) {
    this.evict();
    const id = randomBytes(9).toString('base64url');
    this.snapshots.set(id, { items, resourceVersion, expiresAt: Date.now() + SNAPSHOT_TTL_MS });
    return this.page(id, items, resourceVersion, 0, limit);
  }

  next(token: string, limit: number | undefined) {
    const parsed = decode(token);
    const snapshot = parsed && this.snapshots.get(parsed.snapshot);
    if (!parsed || !snapshot || snapshot.expiresAt < Date.now()) {
      throw expired(
        'The provided continue parameter is too old to display a consistent list result. ' +
          'You can start a new list without the continue parameter.',
      );
    }
    return this.page(parsed.snapshot, snapshot.items, snapshot.resourceVersion, parsed.offset, limit);
  }

  private page(id: string, items: readonly StoredObject[], resourceVersion: number, offset: number, limit: number | undefined) {
    const end = limit && limit > 0 ? Math.min(items.length, offset + limit) : items.length;
    const pageItems = items.slice(offset, end);
    if (end >= items.length) {
      this.snapshots.delete(id);
      return { items: pageItems, resourceVersion };
    }
    return {
      items: pageItems,
      resourceVersion,
      continueToken: encode({ snapshot: id, offset: end, rv: resourceVersion }),
      remainingItemCount: items.length - end,
    };
  }

  private evict(): void {
    const now = Date.now();
    for (const [id, snapshot] of this.snapshots) if (snapshot.expiresAt < now) this.snapshots.delete(id);
    while (this.snapshots.size >= MAX_SNAPSHOTS) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest === undefined) break;
      this.snapshots.delete(oldest);
    }
  }
}

function encode(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decode(token: string): ContinueToken | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<ContinueToken>;
    if (typeof value.snapshot === 'string' && typeof value.offset === 'number' && typeof value.rv === 'number') {
      return value as ContinueToken;
    }
  } catch {
    // fall through: a token we cannot read is treated like an expired one
  }
  return undefined;
}
