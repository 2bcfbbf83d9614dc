import 'server-only';

import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';

import type { ListKind } from '@/lib/api/schemas';
import type { KubeList, KubeObject } from '@/lib/k8s/object';

/**
 * Typed, thin calls to the Fleet kinds through client-node. Every BFF write goes through here, so
 * patches are always JSON merge patches (CRDs refuse strategic merge) and dry runs are spelled
 * the one way the API server understands (`dryRun=All`).
 */

const FLEET = { group: 'fleet.cattle.io', version: 'v1alpha1' } as const;

export type FleetPlural = ListKind | 'bundledeployments';

export const FLEET_KINDS: Record<FleetPlural, { kind: string; apiVersion: string }> = {
  gitrepos: { kind: 'GitRepo', apiVersion: 'fleet.cattle.io/v1alpha1' },
  clusters: { kind: 'Cluster', apiVersion: 'fleet.cattle.io/v1alpha1' },
  clustergroups: { kind: 'ClusterGroup', apiVersion: 'fleet.cattle.io/v1alpha1' },
  bundles: { kind: 'Bundle', apiVersion: 'fleet.cattle.io/v1alpha1' },
  bundledeployments: { kind: 'BundleDeployment', apiVersion: 'fleet.cattle.io/v1alpha1' },
};

export const FLEET_WORKSPACES = { group: 'management.cattle.io', version: 'v3', plural: 'fleetworkspaces' } as const;

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

export interface WriteOptions {
  dryRun?: boolean;
}

const dryRunParam = (options: WriteOptions | undefined) => (options?.dryRun ? 'All' : undefined);

export class FleetApi {
  readonly custom: CustomObjectsApi;
  readonly core: CoreV1Api;

  constructor(kc: KubeConfig) {
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.core = kc.makeApiClient(CoreV1Api);
  }

  async get<T extends KubeObject = KubeObject>(plural: FleetPlural, namespace: string, name: string): Promise<T> {
    return (await this.custom.getNamespacedCustomObject({ ...FLEET, plural, namespace, name })) as T;
  }

  async create<T extends KubeObject = KubeObject>(plural: FleetPlural, namespace: string, body: object, options?: WriteOptions): Promise<T> {
    const object = { apiVersion: FLEET_KINDS[plural].apiVersion, kind: FLEET_KINDS[plural].kind, ...body };
    return (await this.custom.createNamespacedCustomObject({ ...FLEET, plural, namespace, body: object, dryRun: dryRunParam(options) })) as T;
  }

  /** PUT: the body's `metadata.resourceVersion` makes it conditional (409 when stale). */
  async replace<T extends KubeObject = KubeObject>(plural: FleetPlural, namespace: string, name: string, body: KubeObject, options?: WriteOptions): Promise<T> {
    return (await this.custom.replaceNamespacedCustomObject({ ...FLEET, plural, namespace, name, body, dryRun: dryRunParam(options) })) as T;
  }

  /** JSON merge patch; a `metadata.resourceVersion` in the patch makes it conditional. */
  async mergePatch<T extends KubeObject = KubeObject>(plural: FleetPlural, namespace: string, name: string, patch: object, options?: WriteOptions): Promise<T> {
    return (await this.custom.patchNamespacedCustomObject(
      { ...FLEET, plural, namespace, name, body: patch, dryRun: dryRunParam(options) },
      MERGE_PATCH,
    )) as T;
  }

  async delete(plural: FleetPlural, namespace: string, name: string, preconditions?: { uid?: string; resourceVersion?: string }): Promise<void> {
    await this.custom.deleteNamespacedCustomObject({
      ...FLEET,
      plural,
      namespace,
      name,
      ...(preconditions ? { body: { preconditions } } : {}),
    });
  }

  /** One page of a list, across namespaces when `namespace` is undefined. */
  async listPage<T extends KubeObject = KubeObject>(
    plural: FleetPlural,
    options: { namespace?: string; labelSelector?: string; limit: number; continueToken?: string },
  ): Promise<KubeList<T>> {
    const common = { ...FLEET, plural, labelSelector: options.labelSelector, limit: options.limit, _continue: options.continueToken };
    const list = options.namespace
      ? await this.custom.listNamespacedCustomObject({ ...common, namespace: options.namespace })
      : await this.custom.listClusterCustomObject(common);
    return list as KubeList<T>;
  }
}

