import type { KubeObject } from '../../lib/k8s/object';
import type { ChangeEvent } from '../apiserver/object-store';
import {
  BUNDLE_LABEL,
  BUNDLE_NAMESPACE_LABEL,
  CLUSTER_DISPLAY_NAME_LABEL,
  CLUSTER_LABEL,
  CLUSTER_NAMESPACE_LABEL,
  HELMOP_LABEL,
  REPO_LABEL,
} from '../../lib/fleet/labels';
import type { Bundle, BundleDeployment, BundleNamespaceMapping, Cluster, ClusterGroup, GitRepo } from '../../lib/fleet/types';
import { storageKeyOf, type ControllerClient, type ControlledResource } from './client';

/** `<namespace>/<name>`, the key controllers and indexes use. */
export function keyOf(object: Pick<KubeObject, 'metadata'>): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** A map from a group key to a set of object keys, with empty groups dropped. */
class MultiIndex {
  private readonly groups = new Map<string, Set<string>>();

  add(group: string | undefined, key: string): void {
    if (group === undefined) return;
    let set = this.groups.get(group);
    if (!set) {
      set = new Set();
      this.groups.set(group, set);
    }
    set.add(key);
  }

  remove(group: string | undefined, key: string): void {
    if (group === undefined) return;
    const set = this.groups.get(group);
    if (!set) return;
    set.delete(key);
    if (set.size === 0) this.groups.delete(group);
  }

  get(group: string): ReadonlySet<string> {
    return this.groups.get(group) ?? EMPTY;
  }

  groupKeys(): IterableIterator<string> {
    return this.groups.keys();
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** The BD's Bundle, `<bundleNamespace>/<bundleName>`, from its labels. */
export function bundleKeyOfDeployment(bd: KubeObject): string | undefined {
  const labels = bd.metadata.labels ?? {};
  const name = labels[BUNDLE_LABEL];
  const namespace = labels[BUNDLE_NAMESPACE_LABEL];
  return name && namespace ? `${namespace}/${name}` : undefined;
}

/** The BD's Cluster, `<clusterNamespace>/<clusterName>`, from its labels. */
export function clusterKeyOfDeployment(bd: KubeObject): string | undefined {
  const labels = bd.metadata.labels ?? {};
  const name = labels[CLUSTER_LABEL];
  const namespace = labels[CLUSTER_NAMESPACE_LABEL];
  return name && namespace ? `${namespace}/${name}` : undefined;
}

/** The BD's GitRepo, `<bundleNamespace>/<repoName>`, from its labels. */
export function repoKeyOfDeployment(bd: KubeObject): string | undefined {
  const labels = bd.metadata.labels ?? {};
  const repo = labels[REPO_LABEL];
  const namespace = labels[BUNDLE_NAMESPACE_LABEL];
  return repo && namespace ? `${namespace}/${repo}` : undefined;
}

/** The BD's HelmOp, `<bundleNamespace>/<helmOpName>`, from its labels. */
export function helmOpKeyOfDeployment(bd: KubeObject): string | undefined {
  const labels = bd.metadata.labels ?? {};
  const name = labels[HELMOP_LABEL];
  const namespace = labels[BUNDLE_NAMESPACE_LABEL];
  return name && namespace ? `${namespace}/${name}` : undefined;
}

const INDEX_LABELS = [BUNDLE_LABEL, BUNDLE_NAMESPACE_LABEL, REPO_LABEL, HELMOP_LABEL] as const;

function sameIndexLabels(a: KubeObject, b: KubeObject): boolean {
  const la = a.metadata.labels ?? {};
  const lb = b.metadata.labels ?? {};
  return INDEX_LABELS.every((label) => la[label] === lb[label]);
}

const INDEXED: ControlledResource[] = [
  'namespaces',
  'bundles',
  'bundledeployments',
  'clusters',
  'clustergroups',
  'bundlenamespacemappings',
  'gitrepos',
];

/**
 * An informer-style, in-memory view of the Fleet objects the controllers join on, kept current
 * from the store's change feed. Lookups are by index (BDs of a bundle, of a cluster namespace, of
 * a GitRepo; clusters of a namespace…), so no controller scans every BundleDeployment.
 *
 * Objects are the store's frozen values: read them, never modify them.
 */
export class FleetIndex {
  readonly namespaces = new Map<string, KubeObject>();
  readonly bundles = new Map<string, Bundle>();
  readonly deployments = new Map<string, BundleDeployment>();
  readonly clusters = new Map<string, Cluster>();
  readonly groups = new Map<string, ClusterGroup>();
  readonly mappings = new Map<string, BundleNamespaceMapping>();
  readonly gitRepos = new Map<string, GitRepo>();

  private readonly bundlesByNamespace = new MultiIndex();
  private readonly clustersByNamespace = new MultiIndex();
  private readonly clustersByDisplayName = new MultiIndex();
  private readonly groupsByNamespace = new MultiIndex();
  private readonly mappingsByNamespace = new MultiIndex();
  private readonly deploymentsByNamespace = new MultiIndex();
  private readonly deploymentsByBundle = new MultiIndex();
  private readonly deploymentsByRepo = new MultiIndex();
  private readonly deploymentsByHelmOp = new MultiIndex();
  /** Cluster namespace (`status.namespace`) → cluster key. */
  private readonly clusterByStatusNamespace = new Map<string, string>();

  private readonly resourceOf = new Map<string, ControlledResource>();
  private readonly unsubscribe: () => void;
  private readonly listeners = new Set<(resource: ControlledResource, event: ChangeEvent) => void>();

  constructor(readonly client: ControllerClient) {
    for (const resource of INDEXED) this.resourceOf.set(storageKeyOf(resource), resource);
    for (const resource of INDEXED) for (const object of client.list(resource)) this.put(resource, object);
    this.unsubscribe = client.registry.store.subscribe((event) => {
      const resource = this.resourceOf.get(event.resource);
      if (!resource) return;
      if (event.type === 'DELETED') this.remove(resource, event.current.object);
      else this.put(resource, event.current.object, event.previous?.object);
      for (const listener of this.listeners) listener(resource, event);
    });
  }

  /** Called after the index has taken in a change (for caches built on top of the index). */
  onChange(listener: (resource: ControlledResource, event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  // ---- queries ----------------------------------------------------------------------------

  bundlesIn(namespace: string): Bundle[] {
    return this.resolve(this.bundlesByNamespace.get(namespace), this.bundles);
  }

  clustersIn(namespace: string): Cluster[] {
    return this.resolve(this.clustersByNamespace.get(namespace), this.clusters);
  }

  /** Clusters of a namespace whose name or display-name label equals `name`. */
  clustersNamed(namespace: string, name: string): Cluster[] {
    const out: Cluster[] = [];
    const byName = this.clusters.get(`${namespace}/${name}`);
    if (byName) out.push(byName);
    for (const key of this.clustersByDisplayName.get(`${namespace}/${name}`)) {
      const cluster = this.clusters.get(key);
      if (cluster && cluster !== byName) out.push(cluster);
    }
    return out;
  }

  groupsIn(namespace: string): ClusterGroup[] {
    return this.resolve(this.groupsByNamespace.get(namespace), this.groups);
  }

  mappingsIn(namespace: string): BundleNamespaceMapping[] {
    return this.resolve(this.mappingsByNamespace.get(namespace), this.mappings);
  }

  /** Namespaces that hold BundleNamespaceMappings. */
  mappingNamespaces(): string[] {
    return [...this.mappingsByNamespace.groupKeys()];
  }

  /** Namespaces that hold Bundles. */
  bundleNamespaces(): string[] {
    return [...this.bundlesByNamespace.groupKeys()];
  }

  /** Namespaces that hold Clusters. */
  clusterNamespaces(): string[] {
    return [...this.clustersByNamespace.groupKeys()];
  }

  deploymentKeysIn(namespace: string): ReadonlySet<string> {
    return this.deploymentsByNamespace.get(namespace);
  }

  deploymentsIn(namespace: string): BundleDeployment[] {
    return this.resolve(this.deploymentsByNamespace.get(namespace), this.deployments);
  }

  deploymentKeysOfBundle(bundleKey: string): ReadonlySet<string> {
    return this.deploymentsByBundle.get(bundleKey);
  }

  deploymentsOfBundle(bundleKey: string): BundleDeployment[] {
    return this.resolve(this.deploymentsByBundle.get(bundleKey), this.deployments);
  }

  deploymentsOfRepo(repoKey: string): BundleDeployment[] {
    return this.resolve(this.deploymentsByRepo.get(repoKey), this.deployments);
  }

  deploymentCountOfRepo(repoKey: string): number {
    return this.deploymentsByRepo.get(repoKey).size;
  }

  deploymentsOfHelmOp(helmOpKey: string): BundleDeployment[] {
    return this.resolve(this.deploymentsByHelmOp.get(helmOpKey), this.deployments);
  }

  /** Repo keys (`<ns>/<repo>`) that have BundleDeployments. */
  repoKeysWithDeployments(): string[] {
    return [...this.deploymentsByRepo.groupKeys()];
  }

  /** The cluster whose `status.namespace` is `clusterNamespace`. */
  clusterKeyForNamespace(clusterNamespace: string): string | undefined {
    return this.clusterByStatusNamespace.get(clusterNamespace);
  }

  private resolve<T>(keys: ReadonlySet<string>, from: Map<string, T>): T[] {
    const out: T[] = [];
    for (const key of keys) {
      const object = from.get(key);
      if (object) out.push(object);
    }
    return out;
  }

  // ---- maintenance ------------------------------------------------------------------------

  private put(resource: ControlledResource, object: KubeObject, previous?: KubeObject): void {
    const key = keyOf(object);
    const namespace = object.metadata.namespace ?? '';
    switch (resource) {
      case 'namespaces':
        this.namespaces.set(object.metadata.name, object);
        break;
      case 'bundles':
        this.bundles.set(key, object as Bundle);
        this.bundlesByNamespace.add(namespace, key);
        break;
      case 'clustergroups':
        this.groups.set(key, object as ClusterGroup);
        this.groupsByNamespace.add(namespace, key);
        break;
      case 'bundlenamespacemappings':
        this.mappings.set(key, object as BundleNamespaceMapping);
        this.mappingsByNamespace.add(namespace, key);
        break;
      case 'gitrepos':
        this.gitRepos.set(key, object as GitRepo);
        break;
      case 'clusters': {
        const cluster = object as Cluster;
        const old = previous as Cluster | undefined;
        this.clusters.set(key, cluster);
        this.clustersByNamespace.add(namespace, key);
        const oldDisplay = old?.metadata.labels?.[CLUSTER_DISPLAY_NAME_LABEL];
        const display = cluster.metadata.labels?.[CLUSTER_DISPLAY_NAME_LABEL];
        if (oldDisplay !== display) this.clustersByDisplayName.remove(oldDisplay && `${namespace}/${oldDisplay}`, key);
        if (display) this.clustersByDisplayName.add(`${namespace}/${display}`, key);
        const oldNs = old?.status?.namespace;
        const ns = cluster.status?.namespace;
        if (oldNs && oldNs !== ns && this.clusterByStatusNamespace.get(oldNs) === key) this.clusterByStatusNamespace.delete(oldNs);
        if (ns) this.clusterByStatusNamespace.set(ns, key);
        break;
      }
      case 'bundledeployments': {
        const bd = object as BundleDeployment;
        const old = this.deployments.get(key);
        this.deployments.set(key, bd);
        // Status writes (most events) leave the labels the indexes use alone.
        if (old && sameIndexLabels(old, bd)) break;
        if (old) this.unindexDeployment(old, key);
        this.deploymentsByNamespace.add(namespace, key);
        this.deploymentsByBundle.add(bundleKeyOfDeployment(bd), key);
        this.deploymentsByRepo.add(repoKeyOfDeployment(bd), key);
        this.deploymentsByHelmOp.add(helmOpKeyOfDeployment(bd), key);
        break;
      }
      default:
        break;
    }
  }

  private unindexDeployment(bd: KubeObject, key: string): void {
    this.deploymentsByBundle.remove(bundleKeyOfDeployment(bd), key);
    this.deploymentsByRepo.remove(repoKeyOfDeployment(bd), key);
    this.deploymentsByHelmOp.remove(helmOpKeyOfDeployment(bd), key);
  }

  private remove(resource: ControlledResource, object: KubeObject): void {
    const key = keyOf(object);
    const namespace = object.metadata.namespace ?? '';
    switch (resource) {
      case 'namespaces':
        this.namespaces.delete(object.metadata.name);
        break;
      case 'bundles':
        this.bundles.delete(key);
        this.bundlesByNamespace.remove(namespace, key);
        break;
      case 'clustergroups':
        this.groups.delete(key);
        this.groupsByNamespace.remove(namespace, key);
        break;
      case 'bundlenamespacemappings':
        this.mappings.delete(key);
        this.mappingsByNamespace.remove(namespace, key);
        break;
      case 'gitrepos':
        this.gitRepos.delete(key);
        break;
      case 'clusters': {
        const cluster = this.clusters.get(key) ?? (object as Cluster);
        this.clusters.delete(key);
        this.clustersByNamespace.remove(namespace, key);
        const display = cluster.metadata.labels?.[CLUSTER_DISPLAY_NAME_LABEL];
        if (display) this.clustersByDisplayName.remove(`${namespace}/${display}`, key);
        const ns = cluster.status?.namespace;
        if (ns && this.clusterByStatusNamespace.get(ns) === key) this.clusterByStatusNamespace.delete(ns);
        break;
      }
      case 'bundledeployments': {
        const bd = this.deployments.get(key) ?? object;
        this.deployments.delete(key);
        this.deploymentsByNamespace.remove(namespace, key);
        this.unindexDeployment(bd, key);
        break;
      }
      default:
        break;
    }
  }
}
