import { randomUUID } from 'node:crypto';
import type { FieldError } from '../../lib/k8s/field-errors';
import { applyJsonPatch, JsonPatchError } from '../../lib/k8s/json-patch';
import { applyMergePatch } from '../../lib/k8s/merge-patch';
import {
  generateObjectName,
  validateAnnotations,
  validateLabels,
  validateObjectMetaGenerateName,
  validateObjectMetaName,
  validateQualifiedName,
} from '../../lib/k8s/names';
import type { KubeObject, ObjectMeta, OwnerReference } from '../../lib/k8s/object';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  invalid,
  notFound,
  staleResourceVersion,
  unsupportedMediaType,
} from './errors';
import { ListFilter } from './list-filter';
import type { ObjectStore, StoredObject } from './object-store';
import { objectKey } from './object-store';
import { OwnerIndex } from './owner-index';
import { apiVersionOf, NAMESPACES, RESOURCE_TYPES, storageKey, type ResourceType } from './resource-types';
import { SnapshotCache } from './snapshot-cache';

export interface WriteOptions {
  dryRun?: boolean;
  subresource?: 'status';
}

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult {
  object: KubeObject;
  /** False when finalizers keep the object until they are removed. */
  removed: boolean;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continueToken?: string;
}

export interface ListResult {
  /** May be shared with the store and other callers: never modify it. */
  items: readonly StoredObject[];
  resourceVersion: number;
  continueToken?: string;
  remainingItemCount?: number;
}

export type PatchType = 'merge' | 'json' | 'strategic';

const KUBERNETES_FINALIZER = 'kubernetes';
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The Kubernetes semantics on top of the object store: validation, metadata bookkeeping
 * (uid, generation, timestamps), optimistic concurrency, the status subresource, finalizers,
 * owner-reference garbage collection and namespace lifecycle. HTTP handlers and the embedded
 * controllers both write through this class, so the rules hold for every writer.
 */
export class Registry {
  private readonly owners: OwnerIndex;
  private readonly snapshots = new SnapshotCache();
  private readonly terminatingNamespaces = new Set<string>();
  private namespaceSweepScheduled = false;

  constructor(
    readonly store: ObjectStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.owners = new OwnerIndex(store, RESOURCE_TYPES.filter((t) => !t.virtual).map(storageKey));
    for (const stored of store.list(storageKey(NAMESPACES))) {
      if (stored.object.metadata.deletionTimestamp) this.terminatingNamespaces.add(stored.object.metadata.name);
    }
    if (this.terminatingNamespaces.size > 0) this.scheduleNamespaceSweep();
  }

  // ---- reads --------------------------------------------------------------------------------

  get(type: ResourceType, namespace: string | undefined, name: string): StoredObject {
    const stored = this.store.get(storageKey(type), scope(type, namespace), name);
    if (!stored) throw notFound(type, name);
    return stored;
  }

  list(type: ResourceType, options: ListOptions): ListResult {
    if (options.continueToken) {
      const page = this.snapshots.next(options.continueToken, options.limit);
      return page;
    }
    const filter = new ListFilter(type, options.labelSelector, options.fieldSelector);
    const namespace = type.namespaced ? options.namespace : undefined;
    const resourceVersion = this.store.currentRevision;
    const all = this.store.list(storageKey(type), namespace);
    const matching = filter.isEverything ? all : all.filter((stored) => filter.matches(stored.object));
    const limit = options.limit && options.limit > 0 ? options.limit : undefined;
    if (limit === undefined || matching.length <= limit) return { items: matching, resourceVersion };
    return this.snapshots.first(matching, resourceVersion, limit);
  }

  // ---- writes -------------------------------------------------------------------------------

  create(type: ResourceType, namespace: string | undefined, body: unknown, options: WriteOptions = {}): KubeObject {
    const object = this.checkBody(type, namespace, body);
    const meta = object.metadata;
    if (!meta.name && meta.generateName && typeof meta.generateName === 'string') {
      const problems = validateObjectMetaGenerateName(meta.generateName, { namespaceName: type === NAMESPACES });
      if (problems.length > 0) throw invalid(type, meta.generateName, problems);
      meta.name = this.uniqueGeneratedName(type, meta.namespace, meta.generateName);
    }
    this.checkNamespaceAcceptsContent(type, meta.namespace, meta.name);
    const now = this.now();
    const created: KubeObject = {
      ...object,
      metadata: {
        ...stripServerOwnedMeta(meta),
        uid: randomUUID(),
        creationTimestamp: timestamp(now),
        ...(type.tracksGeneration ? { generation: 1 } : {}),
      },
    };
    if (type.statusSubresource && type.group) delete created.status;
    if (type === NAMESPACES) {
      created.spec = { finalizers: [KUBERNETES_FINALIZER] };
      created.status = { phase: 'Active' };
    }
    this.validate(type, created);
    // kube-apiserver labels every namespace with its own name (set after validation: a valid name is a valid label value).
    if (type === NAMESPACES) created.metadata.labels = { ...created.metadata.labels, [NAMESPACE_NAME_LABEL]: created.metadata.name };
    if (this.store.get(storageKey(type), created.metadata.namespace, created.metadata.name)) {
      throw alreadyExists(type, created.metadata.name);
    }
    this.admitCreate(type, created);
    if (options.dryRun) return { ...created, metadata: { ...created.metadata, resourceVersion: String(this.store.currentRevision) } };
    const stored = this.store.put(storageKey(type), created);
    this.afterCreate(type, stored.object);
    return stored.object;
  }

  update(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    options: WriteOptions = {},
  ): KubeObject {
    const incoming = this.checkBody(type, namespace, body);
    if (incoming.metadata.name && incoming.metadata.name !== name) {
      throw badRequest(`the name of the object (${incoming.metadata.name}) does not match the name on the URL (${name})`);
    }
    incoming.metadata.name = name;
    const current = this.get(type, namespace, name);
    const wanted = incoming.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== '' && wanted !== current.object.metadata.resourceVersion) {
      throw staleResourceVersion(type, name);
    }
    return this.replace(type, current, incoming, options);
  }

  patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    patch: unknown,
    options: WriteOptions = {},
  ): KubeObject {
    if (patchType === 'strategic' && type.group !== '') throw unsupportedMediaType('application/strategic-merge-patch+json');
    const current = this.get(type, namespace, name);
    let patched: unknown;
    try {
      if (patchType === 'json') {
        patched = applyJsonPatch(JSON.parse(current.json), patch);
      } else {
        if (!isPlainObject(patch)) throw badRequest('the patch must be a JSON object');
        // Only the strategic directives are dropped: core kinds here have no list merge keys that
        // differ from a plain merge, so the result matches a strategic merge for them.
        patched = applyMergePatch(JSON.parse(current.json), patchType === 'strategic' ? withoutDirectives(patch) : patch);
      }
    } catch (error) {
      if (error instanceof JsonPatchError) throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: ${error.message}`);
      throw error;
    }
    if (!isPlainObject(patched)) throw badRequest('the patched object is not a JSON object');
    const object = this.checkBody(type, namespace, patched);
    if (object.metadata.name !== name) throw badRequest('a patch may not change metadata.name');
    if (object.metadata.resourceVersion !== current.object.metadata.resourceVersion) {
      throw staleResourceVersion(type, name);
    }
    return this.replace(type, current, object, options);
  }

  delete(type: ResourceType, namespace: string | undefined, name: string, options: DeleteOptions = {}): DeleteResult {
    const current = this.get(type, namespace, name);
    const meta = current.object.metadata;
    const { uid, resourceVersion } = options.preconditions ?? {};
    if (uid && uid !== meta.uid) {
      throw conflict(type, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${meta.uid}`);
    }
    if (resourceVersion && resourceVersion !== meta.resourceVersion) {
      throw conflict(type, name, `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion}`);
    }
    if (type === NAMESPACES) return this.beginNamespaceDeletion(current, options);
    const finalizers = meta.finalizers ?? [];
    if (finalizers.length > 0 || options.propagationPolicy === 'Orphan') {
      if (options.propagationPolicy === 'Orphan') this.orphanDependents(current.object, options);
      if (finalizers.length === 0) return this.remove(type, current, options);
      if (meta.deletionTimestamp) return { object: current.object, removed: false };
      const marked = { ...current.object, metadata: { ...meta, deletionTimestamp: timestamp(this.now()), deletionGracePeriodSeconds: 0 } };
      if (options.dryRun) return { object: marked, removed: false };
      return { object: this.store.put(storageKey(type), marked).object, removed: false };
    }
    return this.remove(type, current, options);
  }

  deleteCollection(type: ResourceType, options: ListOptions & DeleteOptions): KubeObject[] {
    const { items } = this.list(type, { ...options, limit: undefined, continueToken: undefined });
    const deleted: KubeObject[] = [];
    for (const stored of items) {
      const { namespace, name } = stored.object.metadata;
      try {
        deleted.push(this.delete(type, namespace, name, options).object);
      } catch (error) {
        // Something else deleted it meanwhile; that is the outcome the caller asked for.
        if (!(error instanceof ApiError && error.code === 404)) throw error;
      }
    }
    return deleted;
  }

  // ---- internals ----------------------------------------------------------------------------

  private replace(type: ResourceType, current: StoredObject, incoming: KubeObject, options: WriteOptions): KubeObject {
    const old = current.object;
    let next: KubeObject;
    if (options.subresource === 'status') {
      // Writes to /status change status only; everything else keeps its stored value.
      next = { ...old, status: incoming.status };
      if (incoming.status === undefined) delete next.status;
    } else {
      next = { ...incoming, metadata: { ...preserveServerOwnedMeta(incoming.metadata, old.metadata) } };
      if (type.statusSubresource) {
        if (old.status === undefined) delete next.status;
        else next.status = old.status;
      }
      if (type === NAMESPACES) {
        next.spec = old.spec;
        next.metadata.labels = { ...next.metadata.labels, [NAMESPACE_NAME_LABEL]: old.metadata.name };
      }
      this.checkFinalizerChange(type, old, next);
      if (type.tracksGeneration && canonicalJson(withoutMetaAndStatus(next)) !== canonicalJson(withoutMetaAndStatus(old))) {
        next.metadata.generation = (old.metadata.generation ?? 0) + 1;
      }
    }
    this.validate(type, next);
    this.admitUpdate(type, old, next);
    if (canonicalJson(withoutVersion(next)) === canonicalJson(withoutVersion(old))) return old;
    if (next.metadata.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0) {
      if (options.dryRun) return next;
      const removed = this.store.remove(storageKey(type), old.metadata.namespace, old.metadata.name);
      if (removed) this.afterRemove(type, removed.object);
      return removed?.object ?? next;
    }
    if (options.dryRun) return next;
    return this.store.put(storageKey(type), next).object;
  }

  private remove(type: ResourceType, current: StoredObject, options: DeleteOptions): DeleteResult {
    if (options.dryRun) return { object: current.object, removed: true };
    const removed = this.store.remove(storageKey(type), current.object.metadata.namespace, current.object.metadata.name);
    if (removed) this.afterRemove(type, removed.object);
    return { object: removed?.object ?? current.object, removed: true };
  }

  /** Parses and checks a request body against the URL it was sent to. */
  private checkBody(type: ResourceType, namespace: string | undefined, body: unknown): KubeObject {
    if (!isPlainObject(body)) throw badRequest('the request body must be a JSON or YAML object');
    const object = structuredClone(body) as Record<string, unknown>;
    const expectedVersion = apiVersionOf(type);
    if (object.apiVersion !== undefined && object.apiVersion !== expectedVersion) {
      throw badRequest(`the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${expectedVersion})`);
    }
    if (object.kind !== undefined && object.kind !== type.kind) {
      throw badRequest(`the kind in the data (${String(object.kind)}) does not match the expected kind (${type.kind})`);
    }
    const meta = object.metadata ?? {};
    if (!isPlainObject(meta)) throw invalid(type, '', [{ type: 'FieldValueTypeInvalid', field: 'metadata', message: 'Invalid value: must be an object' }]);
    if (type.namespaced) {
      if (meta.namespace !== undefined && meta.namespace !== '' && namespace !== undefined && meta.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = namespace ?? meta.namespace;
      if (!meta.namespace) throw badRequest('the request must name a namespace for a namespaced resource');
    } else {
      delete meta.namespace;
    }
    const checked: KubeObject = { ...object, apiVersion: expectedVersion, kind: type.kind, metadata: meta as unknown as ObjectMeta };
    return type.normalize ? type.normalize(checked) : checked;
  }

  private validate(type: ResourceType, object: KubeObject): void {
    const meta = object.metadata;
    const errors: FieldError[] = [
      ...validateObjectMetaName(meta.name, { namespaceName: type === NAMESPACES }),
      ...validateLabels(meta.labels, 'metadata.labels'),
      ...validateAnnotations(meta.annotations, 'metadata.annotations'),
      ...validateFinalizers(meta.finalizers),
      ...validateOwnerReferences(meta.ownerReferences),
    ];
    // kube-apiserver reports metadata and schema errors together, so a client sees every cause at once.
    errors.push(...type.validate(object));
    if (errors.length > 0) throw invalid(type, typeof meta.name === 'string' ? meta.name : '', errors);
  }

  private checkFinalizerChange(type: ResourceType, old: KubeObject, next: KubeObject): void {
    if (!old.metadata.deletionTimestamp) return;
    const before = new Set(old.metadata.finalizers ?? []);
    const added = (next.metadata.finalizers ?? []).filter((f) => !before.has(f));
    if (added.length > 0) {
      throw invalid(type, old.metadata.name, [
        { type: 'FieldValueForbidden', field: 'metadata.finalizers', message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}` },
      ]);
    }
  }

  private checkNamespaceAcceptsContent(type: ResourceType, namespace: string | undefined, name: string): void {
    if (!type.namespaced || namespace === undefined) return;
    const ns = this.store.get(storageKey(NAMESPACES), undefined, namespace);
    if (!ns) throw notFound(NAMESPACES, namespace);
    if (ns.object.metadata.deletionTimestamp) {
      const resource = type.group ? `${type.plural}.${type.group}` : type.plural;
      throw forbidden(`${resource} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  private uniqueGeneratedName(type: ResourceType, namespace: string | undefined, prefix: string): string {
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = generateObjectName(prefix);
      if (!this.store.get(storageKey(type), namespace, name)) return name;
    }
    throw alreadyExists(type, `${prefix}*`);
  }

  /** Rancher's rule: a FleetWorkspace brings its namespace, and may not adopt an existing one. */
  private admitCreate(type: ResourceType, object: KubeObject): void {
    if (type.kind === 'FleetWorkspace' && this.store.get(storageKey(NAMESPACES), undefined, object.metadata.name)) {
      throw alreadyExists(NAMESPACES, object.metadata.name);
    }
  }

  private admitUpdate(type: ResourceType, old: KubeObject, next: KubeObject): void {
    if (old.metadata.uid !== next.metadata.uid) {
      throw invalid(type, old.metadata.name, [{ type: 'FieldValueInvalid', field: 'metadata.uid', message: 'Invalid value: field is immutable' }]);
    }
    const errors = type.validateUpdate?.(old, next) ?? [];
    if (errors.length > 0) throw invalid(type, old.metadata.name, errors);
  }

  private afterCreate(type: ResourceType, object: KubeObject): void {
    if (type.kind === 'FleetWorkspace') {
      const owner: OwnerReference = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, uid: object.metadata.uid! };
      this.create(NAMESPACES, undefined, { metadata: { name: object.metadata.name, ownerReferences: [owner] } });
    }
  }

  private afterRemove(type: ResourceType, object: KubeObject): void {
    const uid = object.metadata.uid;
    if (uid) this.collectDependents(uid);
    const namespace = object.metadata.namespace;
    if (type.namespaced && namespace && this.terminatingNamespaces.has(namespace)) this.scheduleNamespaceSweep();
  }

  /** Background propagation: dependents whose every owner is gone are deleted in turn. */
  private collectDependents(ownerUid: string): void {
    for (const dependent of this.owners.dependentsOf(ownerUid)) {
      const type = RESOURCE_TYPES.find((t) => storageKey(t) === dependent.resource);
      const stored = type && this.store.get(dependent.resource, dependent.namespace, dependent.name);
      if (!type || !stored) continue;
      const liveOwners = (stored.object.metadata.ownerReferences ?? []).filter(
        (ref) => ref.uid !== ownerUid && this.owners.exists(ref.uid),
      );
      try {
        if (liveOwners.length === 0) {
          this.delete(type, dependent.namespace, dependent.name);
        } else {
          this.store.put(dependent.resource, { ...stored.object, metadata: { ...stored.object.metadata, ownerReferences: liveOwners } });
        }
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 404)) throw error;
      }
    }
  }

  private orphanDependents(owner: KubeObject, options: DeleteOptions): void {
    if (options.dryRun || !owner.metadata.uid) return;
    for (const dependent of this.owners.dependentsOf(owner.metadata.uid)) {
      const stored = this.store.get(dependent.resource, dependent.namespace, dependent.name);
      if (!stored) continue;
      const refs = (stored.object.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== owner.metadata.uid);
      this.store.put(dependent.resource, { ...stored.object, metadata: { ...stored.object.metadata, ownerReferences: refs } });
    }
  }

  private beginNamespaceDeletion(current: StoredObject, options: DeleteOptions): DeleteResult {
    const ns = current.object;
    if (ns.metadata.deletionTimestamp) return { object: ns, removed: false };
    const marked: KubeObject = {
      ...ns,
      metadata: { ...ns.metadata, deletionTimestamp: timestamp(this.now()) },
      status: { ...(ns.status as object | undefined), phase: 'Terminating' },
    };
    if (options.dryRun) return { object: marked, removed: false };
    const stored = this.store.put(storageKey(NAMESPACES), marked);
    this.terminatingNamespaces.add(ns.metadata.name);
    this.scheduleNamespaceSweep();
    return { object: stored.object, removed: false };
  }

  /**
   * The namespace controller: deletes everything in terminating namespaces, then the namespace
   * itself once nothing (including objects waiting on finalizers) is left. Runs off the request
   * path so deleting a large namespace does not hold up the caller.
   */
  private scheduleNamespaceSweep(): void {
    if (this.namespaceSweepScheduled) return;
    this.namespaceSweepScheduled = true;
    setImmediate(() => {
      this.namespaceSweepScheduled = false;
      for (const namespace of [...this.terminatingNamespaces]) this.sweepNamespace(namespace);
    });
  }

  private sweepNamespace(namespace: string): void {
    let remaining = 0;
    for (const type of RESOURCE_TYPES) {
      if (!type.namespaced || type.virtual) continue;
      for (const stored of this.store.list(storageKey(type), namespace)) {
        remaining++;
        if (stored.object.metadata.deletionTimestamp) continue;
        try {
          this.delete(type, namespace, stored.object.metadata.name);
        } catch (error) {
          if (!(error instanceof ApiError && error.code === 404)) throw error;
        }
      }
    }
    const stillThere = RESOURCE_TYPES.some(
      (type) => type.namespaced && !type.virtual && this.store.list(storageKey(type), namespace).length > 0,
    );
    if (stillThere) {
      // Objects waiting on finalizers: their removal schedules the next sweep.
      if (remaining === 0) this.scheduleNamespaceSweep();
      return;
    }
    this.terminatingNamespaces.delete(namespace);
    const removed = this.store.remove(storageKey(NAMESPACES), undefined, namespace);
    if (removed) this.afterRemove(NAMESPACES, removed.object);
  }
}

function scope(type: ResourceType, namespace: string | undefined): string | undefined {
  return type.namespaced ? namespace : undefined;
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fields a client may not set on create: the server assigns them. */
function stripServerOwnedMeta(meta: ObjectMeta): ObjectMeta {
  const { uid: _uid, resourceVersion: _rv, creationTimestamp: _created, deletionTimestamp: _deleted, deletionGracePeriodSeconds: _grace, generation: _generation, managedFields: _managed, ...rest } = meta;
  return rest;
}

/** On update the server-owned fields keep their stored values, whatever the client sent. */
function preserveServerOwnedMeta(incoming: ObjectMeta, old: ObjectMeta): ObjectMeta {
  const { managedFields: _managed, ...rest } = incoming;
  const kept: ObjectMeta = {
    ...rest,
    name: old.name,
    uid: old.uid,
    creationTimestamp: old.creationTimestamp,
    resourceVersion: old.resourceVersion,
  };
  if (old.namespace !== undefined) kept.namespace = old.namespace;
  if (old.generation !== undefined) kept.generation = old.generation;
  else delete kept.generation;
  if (old.generateName !== undefined && kept.generateName === undefined) kept.generateName = old.generateName;
  if (old.deletionTimestamp !== undefined) {
    kept.deletionTimestamp = old.deletionTimestamp;
    kept.deletionGracePeriodSeconds = old.deletionGracePeriodSeconds;
  } else {
    delete kept.deletionTimestamp;
    delete kept.deletionGracePeriodSeconds;
  }
  return kept;
}

function withoutMetaAndStatus(object: KubeObject): Record<string, unknown> {
  const { metadata: _metadata, status: _status, ...rest } = object;
  return rest;
}

function withoutVersion(object: KubeObject): KubeObject {
  const { resourceVersion: _rv, ...meta } = object.metadata;
  return { ...object, metadata: meta as ObjectMeta };
}

/** JSON with sorted keys, so that two equal objects compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isPlainObject(inner)
      ? Object.fromEntries(Object.keys(inner).sort().map((key) => [key, inner[key]]))
      : inner,
  );
}

/** Drops strategic-merge directives (`$patch`, `$setElementOrder/…`, `$retainKeys`…). */
function withoutDirectives(patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    out[key] = isPlainObject(value) ? withoutDirectives(value) : value;
  }
  return out;
}

function validateFinalizers(finalizers: unknown): FieldError[] {
  if (finalizers === undefined || finalizers === null) return [];
  if (!Array.isArray(finalizers)) return [{ type: 'FieldValueTypeInvalid', field: 'metadata.finalizers', message: 'Invalid value: must be a list of strings' }];
  return finalizers.flatMap((finalizer: unknown, index): FieldError[] => {
    const field = `metadata.finalizers[${index}]`;
    if (typeof finalizer !== 'string') return [{ type: 'FieldValueTypeInvalid' as const, field, message: 'Invalid value: must be a string' }];
    // The bare name "kubernetes" is the namespace finalizer; everything else must be qualified.
    if (finalizer === KUBERNETES_FINALIZER) return [];
    return validateQualifiedName(finalizer).map((problem) => ({ type: 'FieldValueInvalid' as const, field, message: `Invalid value: ${JSON.stringify(finalizer)}: ${problem}` }));
  });
}

function validateOwnerReferences(refs: unknown): FieldError[] {
  if (refs === undefined || refs === null) return [];
  if (!Array.isArray(refs)) return [{ type: 'FieldValueTypeInvalid', field: 'metadata.ownerReferences', message: 'Invalid value: must be a list' }];
  const errors: FieldError[] = [];
  refs.forEach((ref: unknown, index) => {
    const base = `metadata.ownerReferences[${index}]`;
    if (!isPlainObject(ref)) {
      errors.push({ type: 'FieldValueTypeInvalid', field: base, message: 'Invalid value: must be an object' });
      return;
    }
    for (const field of ['apiVersion', 'kind', 'name', 'uid'] as const) {
      if (typeof ref[field] !== 'string' || ref[field] === '') {
        errors.push({ type: 'FieldValueRequired', field: `${base}.${field}`, message: 'Required value' });
      }
    }
  });
  return errors;
}

export { objectKey };
