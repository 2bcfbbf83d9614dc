import type { ObjectStore, StoredObject } from './object-store';

export interface ObjectLocation {
  resource: string;
  namespace: string | undefined;
  name: string;
}

/**
 * Which objects name a given uid as their owner, and which uids exist, kept current from the
 * store's change feed so garbage collection never scans every object.
 */
export class OwnerIndex {
  private readonly dependents = new Map<string, Map<string, ObjectLocation>>();
  private readonly liveUids = new Set<string>();

  constructor(store: ObjectStore, resources: string[]) {
    for (const resource of resources) for (const stored of store.list(resource)) this.add(resource, stored);
    store.subscribe((event) => {
      if (event.previous) this.drop(event.resource, event.previous);
      if (event.type !== 'DELETED') this.add(event.resource, event.current);
    });
  }

  exists(uid: string): boolean {
    return this.liveUids.has(uid);
  }

  dependentsOf(uid: string): ObjectLocation[] {
    return [...(this.dependents.get(uid)?.values() ?? [])];
  }

  private add(resource: string, stored: StoredObject): void {
    const meta = stored.object.metadata;
    if (meta.uid) this.liveUids.add(meta.uid);
    for (const ref of meta.ownerReferences ?? []) {
      let set = this.dependents.get(ref.uid);
      if (!set) this.dependents.set(ref.uid, (set = new Map()));
      set.set(locationKey(resource, meta.namespace, meta.name), { resource, namespace: meta.namespace, name: meta.name });
    }
  }

  private drop(resource: string, stored: StoredObject): void {
    const meta = stored.object.metadata;
    if (meta.uid) this.liveUids.delete(meta.uid);
    for (const ref of meta.ownerReferences ?? []) {
      const set = this.dependents.get(ref.uid);
      set?.delete(locationKey(resource, meta.namespace, meta.name));
      if (set && set.size === 0) this.dependents.delete(ref.uid);
    }
  }
}

function locationKey(resource: string, namespace: string | undefined, name: string): string {
  return `${resource}\u0000${namespace ?? ''}\u0000${name}`;
}
