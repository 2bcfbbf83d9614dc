import { CLUSTER_DISPLAY_NAME_LABEL } from '../../lib/fleet/labels';
import { bundleMappingMatches } from '../../lib/fleet/targeting';
import type { Bundle, BundleSpec, Cluster } from '../../lib/fleet/types';
import type { FleetIndex } from './fleet-index';
import { keyOf } from './fleet-index';

/** How a bundle's targets select clusters, as far as routing changes to it is concerned. */
export interface TargetShape {
  /** Set when every target names a cluster: only clusters with one of these names can match. */
  names?: string[];
  /** Some target looks at ClusterGroups. */
  usesGroups: boolean;
}

/** The routing-relevant shape of a bundle's targets (and restrictions). */
export function targetShape(spec: BundleSpec | undefined): TargetShape {
  const targets = spec?.targets ?? [];
  const usesGroups = [...targets, ...(spec?.targetRestrictions ?? [])].some(
    (target) => !!target.clusterGroup || (target.clusterGroupSelector !== undefined && target.clusterGroupSelector !== null),
  );
  const names = targets.every((target) => !!target.clusterName) ? targets.map((target) => target.clusterName!) : undefined;
  return names !== undefined ? { names, usesGroups } : { usesGroups };
}

/**
 * Which bundles a change of a Cluster, ClusterGroup or Namespace may retarget, without looking at
 * every bundle: bundles whose targets all name clusters (like the 10,000 `fleet-agent-<cluster>`
 * bundles) are found by cluster name, the others by namespace; bundles widened by a
 * BundleNamespaceMapping are added for every cluster change.
 */
export class BundleRoutes {
  private readonly shapes = new Map<string, TargetShape>();
  /** `<namespace>/<clusterName>` → keys of name-targeted bundles. */
  private readonly byName = new Map<string, Set<string>>();
  /** Namespace → keys of bundles that are not name-targeted. */
  private readonly general = new Map<string, Set<string>>();
  /** Namespace → keys of bundles a mapping widens (cached; dropped on bundle/mapping changes there). */
  private readonly mapped = new Map<string, string[]>();

  constructor(private readonly index: FleetIndex) {
    for (const bundle of index.bundles.values()) this.update(bundle);
  }

  shapeOf(bundleKey: string): TargetShape | undefined {
    return this.shapes.get(bundleKey);
  }

  update(bundle: Bundle): void {
    const key = keyOf(bundle);
    this.remove(key);
    const namespace = bundle.metadata.namespace ?? '';
    const shape = targetShape(bundle.spec);
    this.shapes.set(key, shape);
    if (shape.names) for (const name of shape.names) add(this.byName, `${namespace}/${name}`, key);
    else add(this.general, namespace, key);
    this.mapped.delete(namespace);
  }

  remove(key: string): void {
    const shape = this.shapes.get(key);
    if (!shape) return;
    const namespace = key.slice(0, key.indexOf('/'));
    this.shapes.delete(key);
    if (shape.names) for (const name of shape.names) drop(this.byName, `${namespace}/${name}`, key);
    else drop(this.general, namespace, key);
    this.mapped.delete(namespace);
  }

  /** Forget cached mapping results of a namespace (a mapping there changed). */
  mappingsChanged(namespace: string): void {
    this.mapped.delete(namespace);
  }

  /** Bundles a change of `cluster` (from `previous`) may retarget. */
  bundlesForCluster(cluster: Cluster, previous?: Cluster): Set<string> {
    const namespace = cluster.metadata.namespace ?? '';
    const out = new Set<string>(this.general.get(namespace) ?? []);
    const names = new Set([cluster.metadata.name]);
    for (const labels of [cluster.metadata.labels, previous?.metadata.labels]) {
      const display = labels?.[CLUSTER_DISPLAY_NAME_LABEL];
      if (display) names.add(display);
    }
    for (const name of names) for (const key of this.byName.get(`${namespace}/${name}`) ?? []) out.add(key);
    for (const key of this.mappedBundles()) out.add(key);
    return out;
  }

  /** Bundles a change of a ClusterGroup in `namespace` may retarget. */
  bundlesForGroup(namespace: string): Set<string> {
    const out = new Set<string>(this.general.get(namespace) ?? []);
    for (const bundle of this.index.bundlesIn(namespace)) {
      const key = keyOf(bundle);
      if (this.shapes.get(key)?.usesGroups) out.add(key);
    }
    for (const key of this.mappedBundles()) out.add(key);
    return out;
  }

  /** Bundles that a BundleNamespaceMapping widens to more namespaces. */
  mappedBundles(): string[] {
    const out: string[] = [];
    for (const namespace of this.index.mappingNamespaces()) {
      let keys = this.mapped.get(namespace);
      if (!keys) {
        const mappings = this.index.mappingsIn(namespace);
        keys = this.index
          .bundlesIn(namespace)
          .filter((bundle) => mappings.some((mapping) => bundleMappingMatches(mapping, bundle)))
          .map(keyOf);
        this.mapped.set(namespace, keys);
      }
      out.push(...keys);
    }
    return out;
  }
}

function add(map: Map<string, Set<string>>, group: string, key: string): void {
  let set = map.get(group);
  if (!set) map.set(group, (set = new Set()));
  set.add(key);
}

function drop(map: Map<string, Set<string>>, group: string, key: string): void {
  const set = map.get(group);
  if (!set) return;
  set.delete(key);
  if (set.size === 0) map.delete(group);
}
