/**
 * Bundle → BundleDeployments (contract §3, §4.3): for every Cluster a Bundle targets — in the
 * bundle's namespace and in namespaces a BundleNamespaceMapping adds — one BundleDeployment named
 * like the bundle in the cluster's `status.namespace`, with Fleet's labels, the options of the
 * chosen target/customization, and the deployment ID (`<manifest id>:<options hash>`) whose
 * manifest half names the cluster-scoped Content holding the bundle's resources. New IDs are
 * always staged; they are promoted unless the bundle or the cluster is paused (then the BD shows
 * OutOfSync). BDs of clusters that no longer match are deleted, and deleting a Bundle deletes its
 * BDs before its finalizer is released.
 */
import { gzipSync } from 'node:zlib';
import { canonicalJson } from '../apiserver/registry';
import { sha256Hex } from '../../lib/fleet/digest';
import { BUNDLE_DEPLOYMENT_FINALIZER, BUNDLE_FINALIZER } from '../../lib/fleet/labels';
import { deploymentIdFromManifestId, manifestId, manifestJson } from '../../lib/fleet/names';
import {
  aggregateRestrictions,
  bundleDeploymentLabels,
  clusterGroupsForCluster,
  createBundleMatcher,
  namespacesForBundle,
  type BundleMatcher,
} from '../../lib/fleet/targeting';
import type {
  Bundle,
  BundleDeployment,
  BundleDeploymentOptions,
  BundleDeploymentSpec,
  Cluster,
  ClusterGroup,
  GitRepoRestriction,
  LabelSelector,
} from '../../lib/fleet/types';
import type { KubeObject } from '../../lib/k8s/object';
import { ApiError } from '../apiserver/errors';
import type { ControllerClient } from './client';
import { BundleRoutes } from './bundle-routes';
import { KeyDebouncer, yieldToEventLoop } from './debounce';
import { BUNDLE_TARGETS_SIGNAL, FleetContext, type BundleTargetEntry } from './fleet-context';
import { bundleKeyOfDeployment, clusterKeyOfDeployment, keyOf } from './fleet-index';
import type { Controller, ReconcileResult } from './runtime';
import { inWriteBatch } from './write-batch';

export const BUNDLE_CONTROLLER = 'fleet-bundle';
export const BUNDLE_DEPLOYMENT_CONTROLLER = 'fleet-bundledeployment';

export interface BundleControllerOptions {
  context?: FleetContext;
  /** Coalescing delay for retargeting after Cluster/ClusterGroup changes. Default 50 ms. */
  debounceMs?: number;
  /** Writes per event-loop turn while creating BundleDeployments. Default 250. */
  writesPerTurn?: number;
  log?: (line: string) => void;
}

interface DesiredDeployment {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  spec: BundleDeploymentSpec;
}

/** The BundleDeployment spec for one target (pure). */
export function deploymentSpec(
  bundle: Bundle,
  options: BundleDeploymentOptions,
  deploymentID: string,
  paused: boolean,
  existing: BundleDeployment | undefined,
): BundleDeploymentSpec {
  const spec: BundleDeploymentSpec = {};
  if (paused) {
    spec.paused = true;
    if (existing?.spec?.options) spec.options = existing.spec.options;
    if (existing?.spec?.deploymentID) spec.deploymentID = existing.spec.deploymentID;
  } else {
    spec.options = options;
    spec.deploymentID = deploymentID;
  }
  spec.stagedOptions = options;
  spec.stagedDeploymentID = deploymentID;
  if (bundle.spec?.dependsOn && bundle.spec.dependsOn.length > 0) spec.dependsOn = bundle.spec.dependsOn;
  if (options.correctDrift) spec.correctDrift = options.correctDrift;
  if (bundle.spec?.helmOpOptions) spec.helmChartOptions = bundle.spec.helmOpOptions;
  if (bundle.spec?.valuesHash) spec.valuesHash = bundle.spec.valuesHash;
  return spec;
}

/** The Content object for a manifest: gzip'd JSON (base64 in the API) and its sha256. */
export function contentObject(id: string, manifest: string): { metadata: { name: string }; content: string; sha256sum: string } {
  return {
    metadata: { name: id },
    content: gzipSync(Buffer.from(manifest, 'utf8')).toString('base64'),
    sha256sum: sha256Hex(manifest),
  };
}

function isPaused(bundle: Bundle, cluster: Cluster): boolean {
  return bundle.spec?.paused === true || cluster.spec?.paused === true;
}

export function createBundleController(client: ControllerClient, options: BundleControllerOptions = {}): Controller & { routes: BundleRoutes } {
  const context = options.context ?? new FleetContext(client);
  const { index } = context;
  const routes = new BundleRoutes(index);
  const debouncer = new KeyDebouncer(options.debounceMs ?? 50);
  const writesPerTurn = options.writesPerTurn ?? 250;
  const log = options.log ?? (() => {});
  /** Per bundle: the manifest id of its resources, by uid and generation (spec changes). */
  const manifests = new Map<string, { version: string; id: string; manifest: string }>();
  /**
   * Per bundle: what to look at on the next reconcile — every candidate cluster (`all`: the
   * bundle, its groups or mappings changed) or only the clusters that changed.
   */
  const pending = new Map<string, Set<string> | 'all'>();

  const markAll = (keys: Iterable<string>): string[] => {
    const out: string[] = [];
    for (const key of keys) {
      pending.set(key, 'all');
      if (debouncer.touch(key)) out.push(key);
    }
    return out;
  };

  const markCluster = (keys: Iterable<string>, clusterKey: string): string[] => {
    const out: string[] = [];
    for (const key of keys) {
      const work = pending.get(key);
      if (work === undefined) pending.set(key, new Set([clusterKey]));
      else if (work !== 'all') work.add(clusterKey);
      if (debouncer.touch(key)) out.push(key);
    }
    return out;
  };

  /** Writes the Content of the bundle's resources if it is missing; returns its name. */
  const ensureContent = (bundle: Bundle): string => {
    const key = keyOf(bundle);
    const version = `${bundle.metadata.uid ?? ''}/${bundle.metadata.generation ?? 0}`;
    let cached = manifests.get(key);
    if (!cached || cached.version !== version) {
      const manifest = manifestJson(bundle.spec?.resources ?? []);
      cached = { version, id: manifestId(manifest), manifest };
      manifests.set(key, cached);
    }
    if (!client.get('contents', undefined, cached.id)) {
      try {
        client.create('contents', contentObject(cached.id, cached.manifest));
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 409)) throw error;
      }
    }
    return cached.id;
  };

  /** Deletes a BD and releases our finalizer on it. */
  const deleteDeployment = (deploymentKey: string): void => {
    const slash = deploymentKey.indexOf('/');
    const namespace = deploymentKey.slice(0, slash);
    const name = deploymentKey.slice(slash + 1);
    if (!client.get<BundleDeployment>('bundledeployments', namespace, name)) return;
    client.delete('bundledeployments', namespace, name);
    const marked = client.get<BundleDeployment>('bundledeployments', namespace, name);
    if (marked) client.removeFinalizer('bundledeployments', marked, BUNDLE_DEPLOYMENT_FINALIZER);
  };

  /** Runs writes in batches, yielding between batches; returns how many failed. */
  const writeAll = async <T>(items: readonly T[], write: (item: T) => boolean, describe: (item: T) => string): Promise<number> => {
    let failures = 0;
    for (let i = 0; i < items.length; ) {
      const end = Math.min(items.length, i + writesPerTurn);
      let wrote = false;
      inWriteBatch(client, () => {
        for (; i < end; i++) {
          try {
            if (write(items[i]!)) wrote = true;
          } catch (error) {
            failures++;
            log(`${BUNDLE_CONTROLLER}: ${describe(items[i]!)}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      });
      if (wrote && i < items.length) await yieldToEventLoop();
    }
    return failures;
  };

  const deleteDeployments = (keys: readonly string[]) =>
    writeAll(keys, (key) => (deleteDeployment(key), true), (key) => `deleting ${key}`);

  /** The clusters a bundle could target (narrowed by cluster name when every target names one). */
  const candidates = (bundleKey: string, namespaces: readonly string[]): Cluster[] => {
    const names = routes.shapeOf(bundleKey)?.names;
    const out: Cluster[] = [];
    for (const namespace of namespaces) {
      if (names) {
        const seen = new Set<Cluster>();
        for (const name of names) for (const cluster of index.clustersNamed(namespace, name)) seen.add(cluster);
        out.push(...seen);
      } else {
        out.push(...index.clustersIn(namespace));
      }
    }
    return out;
  };

  const targetNamespaceSelector = (namespace: string): LabelSelector | undefined => {
    const restrictions = client.list<GitRepoRestriction>('gitreporestrictions', namespace);
    if (restrictions.length === 0) return undefined;
    return aggregateRestrictions(restrictions).allowedTargetNamespaceSelector;
  };

  const reconcile = async (key: string): Promise<ReconcileResult | void> => {
    const wait = debouncer.wait(key);
    if (wait !== undefined) return { requeueAfterMs: wait };
    const work = pending.get(key) ?? 'all';
    pending.delete(key);
    const slash = key.indexOf('/');
    const bundle = client.get<Bundle>('bundles', key.slice(0, slash), key.slice(slash + 1));
    if (!bundle || bundle.metadata.deletionTimestamp) {
      await deleteDeployments([...index.deploymentKeysOfBundle(key)]);
      context.targets.delete(key);
      context.bundleErrors.delete(key);
      context.emit(BUNDLE_TARGETS_SIGNAL, key);
      if (!bundle) {
        manifests.delete(key);
        return;
      }
      if (index.deploymentKeysOfBundle(key).size > 0) return { requeueAfterMs: 200 };
      client.removeFinalizer('bundles', bundle, BUNDLE_FINALIZER);
      manifests.delete(key);
      return;
    }
    client.addFinalizer('bundles', bundle, BUNDLE_FINALIZER);

    let matcher: BundleMatcher;
    try {
      matcher = createBundleMatcher(bundle.spec ?? {});
    } catch (error) {
      // Fleet fails the bundle (Ready=False with the error) and leaves its BDs alone.
      context.bundleErrors.set(key, error instanceof Error ? error.message : String(error));
      if (!context.targets.has(key)) context.targets.set(key, new Map());
      context.emit(BUNDLE_TARGETS_SIGNAL, key);
      return;
    }
    context.bundleErrors.delete(key);
    const contentId = ensureContent(bundle);
    const namespace = bundle.metadata.namespace ?? '';
    const mappings = index.mappingsIn(namespace);
    const namespaces = mappings.length === 0 ? [namespace] : namespacesForBundle(bundle, mappings, [...index.namespaces.values()]);
    const allowedTargetNamespaceSelector = targetNamespaceSelector(namespace);
    const matchOptions = allowedTargetNamespaceSelector ? { allowedTargetNamespaceSelector } : {};
    const groupsByNamespace = new Map<string, ClusterGroup[]>();
    const ids = new Map<string, string>();

    let targets = context.targets.get(key);
    if (!targets || work === 'all') targets = new Map();
    const clusters =
      work === 'all'
        ? candidates(key, namespaces)
        : [...work].map((clusterKey) => index.clusters.get(clusterKey) ?? clusterKey);
    const desired: DesiredDeployment[] = [];
    const doomed: string[] = [];

    for (const item of clusters) {
      const clusterKey = typeof item === 'string' ? item : keyOf(item);
      const previous = targets.get(clusterKey);
      targets.delete(clusterKey);
      const cluster = typeof item === 'string' ? undefined : item;
      const entry = cluster ? targetCluster(cluster) : undefined;
      if (entry) targets.set(clusterKey, entry);
      if (previous?.deploymentKey && previous.deploymentKey !== entry?.deploymentKey) doomed.push(previous.deploymentKey);
    }

    function targetCluster(cluster: Cluster): BundleTargetEntry | undefined {
      if (cluster.metadata.deletionTimestamp) return undefined;
      const clusterNamespace = cluster.metadata.namespace ?? '';
      if (!namespaces.includes(clusterNamespace)) return undefined;
      let groups = groupsByNamespace.get(clusterNamespace);
      if (!groups) groupsByNamespace.set(clusterNamespace, (groups = index.groupsIn(clusterNamespace)));
      const match = matcher.match(cluster, clusterGroupsForCluster(cluster, groups), matchOptions);
      if (!match || match.doNotDeploy) return undefined;
      const entry: BundleTargetEntry = { clusterKey: keyOf(cluster) };
      const bdNamespace = cluster.status?.namespace;
      if (!bdNamespace || !index.namespaces.has(bdNamespace)) return entry;
      entry.deploymentKey = `${bdNamespace}/${bundle!.metadata.name}`;
      const optionsJson = JSON.stringify(match.options);
      let deploymentID = ids.get(optionsJson);
      if (!deploymentID) ids.set(optionsJson, (deploymentID = deploymentIdFromManifestId(contentId, match.options)));
      desired.push({
        namespace: bdNamespace,
        name: bundle!.metadata.name,
        labels: bundleDeploymentLabels(bundle!, clusterNamespace, cluster.metadata.name),
        spec: deploymentSpec(bundle!, match.options, deploymentID, isPaused(bundle!, cluster), index.deployments.get(entry.deploymentKey)),
      });
      return entry;
    }

    context.targets.set(key, targets);
    context.emit(BUNDLE_TARGETS_SIGNAL, key);

    if (work === 'all') {
      const keep = new Set(desired.map((d) => `${d.namespace}/${d.name}`));
      for (const bdKey of index.deploymentKeysOfBundle(key)) if (!keep.has(bdKey)) doomed.push(bdKey);
    }
    const ours = [...new Set(doomed)].filter((bdKey) => {
      const bd = index.deployments.get(bdKey);
      return bd !== undefined && bundleKeyOfDeployment(bd) === key;
    });
    let failures = await deleteDeployments(ours);
    failures += await writeAll(
      desired,
      (item) => applyDeployment(client, index.deployments.get(`${item.namespace}/${item.name}`), item),
      (item) => `${key} → ${item.namespace}`,
    );
    if (failures > 0) {
      markAll([key]);
      return { requeueAfterMs: 1000 };
    }
  };

  return {
    name: BUNDLE_CONTROLLER,
    routes,
    watches: {
      bundles: (event) => {
        const bundle = event.current.object as Bundle;
        const key = keyOf(bundle);
        if (event.type === 'DELETED') routes.remove(key);
        else routes.update(bundle);
        const previous = event.previous?.object as Bundle | undefined;
        if (event.type === 'MODIFIED' && previous && !bundleChanged(previous, bundle)) return [];
        return markAll([key]);
      },
      clusters: (event) => {
        const cluster = event.current.object as Cluster;
        const previous = event.previous?.object as Cluster | undefined;
        if (event.type === 'MODIFIED' && previous && !clusterTargetingChanged(previous, cluster)) return [];
        return markCluster(routes.bundlesForCluster(cluster, previous), keyOf(cluster));
      },
      clustergroups: (event) => {
        const group = event.current.object as ClusterGroup;
        const previous = event.previous?.object as ClusterGroup | undefined;
        if (event.type === 'MODIFIED' && previous && canonicalJson([previous.spec, previous.metadata.labels]) === canonicalJson([group.spec, group.metadata.labels])) return [];
        return markAll(routes.bundlesForGroup(group.metadata.namespace ?? ''));
      },
      bundlenamespacemappings: (event) => {
        const namespace = event.current.object.metadata.namespace ?? '';
        routes.mappingsChanged(namespace);
        return markAll(index.bundlesIn(namespace).map(keyOf));
      },
      namespaces: (event) => {
        // Only label changes of namespaces holding clusters can change what a mapping selects.
        const name = event.current.object.metadata.name;
        if (index.mappingNamespaces().length === 0 || index.clustersIn(name).length === 0) return [];
        if (event.type === 'MODIFIED' && canonicalJson(event.previous?.object.metadata.labels ?? {}) === canonicalJson(event.current.object.metadata.labels ?? {})) return [];
        return markAll(routes.mappedBundles());
      },
      bundledeployments: (event) => {
        // Someone else deleted or changed one of our BDs: put it back.
        if (event.type === 'ADDED') return [];
        const bd = event.current.object;
        const previous = event.previous?.object;
        if (event.type === 'MODIFIED' && previous && previous.metadata.generation === bd.metadata.generation && sameLabels(previous.metadata.labels, bd.metadata.labels ?? {})) return [];
        const key = bundleKeyOfDeployment(bd);
        const clusterKey = clusterKeyOfDeployment(bd);
        if (!key || !clusterKey || !index.bundles.has(key)) return [];
        return markCluster([key], clusterKey);
      },
      gitreporestrictions: (event) => markAll(index.bundlesIn(event.current.object.metadata.namespace ?? '').map(keyOf)),
    },
    initialKeys: () => index.bundles.keys(),
    reconcile,
  };
}

/** Creates or updates one BundleDeployment; true when something was written. */
function applyDeployment(client: ControllerClient, existing: BundleDeployment | undefined, desired: DesiredDeployment): boolean {
  if (!existing) {
    client.create('bundledeployments', {
      metadata: {
        name: desired.name,
        namespace: desired.namespace,
        labels: desired.labels,
        finalizers: [BUNDLE_DEPLOYMENT_FINALIZER],
      },
      spec: desired.spec,
    });
    return true;
  }
  if (existing.metadata.deletionTimestamp) return false;
  if (canonicalJson(existing.spec ?? {}) === canonicalJson(desired.spec) && sameLabels(existing.metadata.labels, desired.labels)) {
    return false;
  }
  client.mutate<BundleDeployment>('bundledeployments', desired.namespace, desired.name, (current) => ({
    ...current,
    metadata: { ...current.metadata, labels: desired.labels },
    spec: desired.spec,
  }));
  return true;
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  const left = a ?? {};
  const keys = Object.keys(b);
  if (Object.keys(left).length !== keys.length) return false;
  return keys.every((key) => left[key] === b[key]);
}

function bundleChanged(previous: Bundle, current: Bundle): boolean {
  return (
    previous.metadata.generation !== current.metadata.generation ||
    previous.metadata.deletionTimestamp !== current.metadata.deletionTimestamp ||
    canonicalJson(previous.metadata.labels ?? {}) !== canonicalJson(current.metadata.labels ?? {}) ||
    (previous.metadata.finalizers ?? []).length !== (current.metadata.finalizers ?? []).length
  );
}

/** Whether a Cluster change can change which bundles target it or how. */
export function clusterTargetingChanged(previous: Cluster, current: Cluster): boolean {
  return (
    previous.status?.namespace !== current.status?.namespace ||
    (previous.spec?.paused ?? false) !== (current.spec?.paused ?? false) ||
    previous.metadata.deletionTimestamp !== current.metadata.deletionTimestamp ||
    canonicalJson(previous.metadata.labels ?? {}) !== canonicalJson(current.metadata.labels ?? {})
  );
}

/**
 * Releases `fleet.cattle.io/bundle-deployment-finalizer` from BundleDeployments being deleted by
 * anyone (a user, the namespace controller when a cluster goes): Fleet's controller-side cleanup.
 */
export function createBundleDeploymentController(client: ControllerClient): Controller {
  return {
    name: BUNDLE_DEPLOYMENT_CONTROLLER,
    watches: {
      bundledeployments: (event) =>
        event.type !== 'DELETED' && event.current.object.metadata.deletionTimestamp ? [keyOf(event.current.object)] : [],
    },
    initialKeys: () =>
      client
        .list('bundledeployments')
        .filter((bd) => bd.metadata.deletionTimestamp)
        .map(keyOf),
    reconcile(key) {
      const slash = key.indexOf('/');
      const bd = client.get<KubeObject>('bundledeployments', key.slice(0, slash), key.slice(slash + 1));
      if (!bd?.metadata.deletionTimestamp) return;
      client.removeFinalizer('bundledeployments', bd, BUNDLE_DEPLOYMENT_FINALIZER);
    },
  };
}
