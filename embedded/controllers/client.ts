import type { KubeObject, ObjectMeta } from '../../lib/k8s/object';
import { ApiError } from '../apiserver/errors';
import { ListFilter } from '../apiserver/list-filter';
import type { Registry } from '../apiserver/registry';
import { findResourceType, storageKey, type ResourceType } from '../apiserver/resource-types';

/** The resources controllers work with, by plural. */
export type ControlledResource =
  | 'namespaces'
  | 'secrets'
  | 'configmaps'
  | 'events'
  | 'gitrepos'
  | 'bundles'
  | 'bundledeployments'
  | 'clusters'
  | 'clustergroups'
  | 'clusterregistrations'
  | 'clusterregistrationtokens'
  | 'gitreporestrictions'
  | 'bundlenamespacemappings'
  | 'contents'
  | 'fleetworkspaces';

const CORE = new Set(['namespaces', 'secrets', 'configmaps', 'events']);

export function resourceType(resource: ControlledResource): ResourceType {
  const type = CORE.has(resource)
    ? findResourceType('', 'v1', resource)
    : resource === 'fleetworkspaces'
      ? findResourceType('management.cattle.io', 'v3', resource)
      : findResourceType('fleet.cattle.io', 'v1alpha1', resource);
  if (!type) throw new Error(`unknown resource ${resource}`);
  return type;
}

export function storageKeyOf(resource: ControlledResource): string {
  return storageKey(resourceType(resource));
}

const MAX_CONFLICT_RETRIES = 5;

/** An object to write; apiVersion and kind follow from the resource. */
export interface NewObject {
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/**
 * What controllers use to read and write objects: the same registry the API server uses, so
 * validation, resourceVersion, generation and finalizers apply to controllers as to any client.
 * Reads return the stored (frozen) objects; writers copy before changing.
 */
export class ControllerClient {
  constructor(readonly registry: Registry) {}

  get<T extends KubeObject = KubeObject>(resource: ControlledResource, namespace: string | undefined, name: string): T | undefined {
    return this.registry.store.get(storageKeyOf(resource), namespace, name)?.object as T | undefined;
  }

  list<T extends KubeObject = KubeObject>(resource: ControlledResource, namespace?: string, labelSelector?: string): T[] {
    const type = resourceType(resource);
    const items = this.registry.store.list(storageKey(type), type.namespaced ? namespace : undefined);
    if (!labelSelector) return items.map((s) => s.object as T);
    const filter = new ListFilter(type, labelSelector);
    return items.filter((s) => filter.matches(s.object)).map((s) => s.object as T);
  }

  create<T extends KubeObject = KubeObject>(resource: ControlledResource, object: NewObject): T {
    const type = resourceType(resource);
    return this.registry.create(type, object.metadata.namespace, object) as T;
  }

  /** Creates the object, or replaces its spec-side fields when it exists. */
  apply<T extends KubeObject = KubeObject>(resource: ControlledResource, desired: NewObject): T {
    const { namespace, name } = desired.metadata;
    const existing = this.get(resource, namespace, name);
    if (!existing) return this.create<T>(resource, desired);
    return this.mutate<T>(resource, namespace, name, (current) => ({
      ...current,
      ...desired,
      metadata: {
        ...current.metadata,
        labels: desired.metadata.labels ?? current.metadata.labels,
        annotations: desired.metadata.annotations ?? current.metadata.annotations,
        ownerReferences: desired.metadata.ownerReferences ?? current.metadata.ownerReferences,
        finalizers: desired.metadata.finalizers ?? current.metadata.finalizers,
      },
      status: current.status,
    })) as T;
  }

  /**
   * Read-modify-write with retries on conflict. `change` gets a private copy; returning
   * `undefined` means "nothing to do". With `status`, only the status subresource is written.
   */
  mutate<T extends KubeObject = KubeObject>(
    resource: ControlledResource,
    namespace: string | undefined,
    name: string,
    change: (object: T) => T | undefined,
    options: { status?: boolean } = {},
  ): T | undefined {
    const type = resourceType(resource);
    for (let attempt = 0; ; attempt++) {
      const current = this.get<T>(resource, namespace, name);
      if (!current) return undefined;
      const next = change(structuredClone(current));
      if (!next) return current;
      try {
        return this.registry.update(type, namespace, name, next, { subresource: options.status ? 'status' : undefined }) as T;
      } catch (error) {
        if (error instanceof ApiError && error.code === 409 && attempt < MAX_CONFLICT_RETRIES) continue;
        throw error;
      }
    }
  }

  updateStatus<T extends KubeObject = KubeObject>(resource: ControlledResource, namespace: string | undefined, name: string, status: unknown): T | undefined {
    return this.mutate<T>(resource, namespace, name, (object) => ({ ...object, status }), { status: true });
  }

  /** Deletes the object if it exists; returns false when it was already gone. */
  delete(resource: ControlledResource, namespace: string | undefined, name: string): boolean {
    try {
      this.registry.delete(resourceType(resource), namespace, name);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return false;
      throw error;
    }
  }

  addFinalizer(resource: ControlledResource, object: KubeObject, finalizer: string): void {
    if (object.metadata.finalizers?.includes(finalizer) || object.metadata.deletionTimestamp) return;
    this.mutate(resource, object.metadata.namespace, object.metadata.name, (current) => {
      if (current.metadata.finalizers?.includes(finalizer)) return undefined;
      current.metadata.finalizers = [...(current.metadata.finalizers ?? []), finalizer];
      return current;
    });
  }

  removeFinalizer(resource: ControlledResource, object: KubeObject, finalizer: string): void {
    this.mutate(resource, object.metadata.namespace, object.metadata.name, (current) => {
      if (!current.metadata.finalizers?.includes(finalizer)) return undefined;
      current.metadata.finalizers = current.metadata.finalizers.filter((f) => f !== finalizer);
      return current;
    });
  }
}
