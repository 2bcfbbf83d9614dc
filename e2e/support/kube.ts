import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { CoreV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';

import { BUNDLE_LABEL, BUNDLE_NAMESPACE_LABEL, CLUSTER_LABEL, CLUSTER_NAMESPACE_LABEL, REPO_LABEL } from '../../lib/fleet/labels';
import { clusterNamespaceName } from '../../lib/fleet/names';

/**
 * Direct access to the cluster the app under test uses, for seeding objects and checking what
 * the BFF wrote — through client-node, an independent path from the BFF's own code.
 *
 * The kubeconfig is the one `npm start` writes next to the embedded cluster's data directory
 * (see playwright.config.ts: FLEET_DECK_DATA_DIR = $FLEET_DECK_E2E_DIR/data), or
 * FLEET_DECK_E2E_KUBECONFIG when the tests run against an app started elsewhere.
 */
export function kubeconfigPath(): string {
  const explicit = process.env.FLEET_DECK_E2E_KUBECONFIG;
  if (explicit) return explicit;
  const dir = process.env.FLEET_DECK_E2E_DIR;
  if (!dir) throw new Error('FLEET_DECK_E2E_DIR is not set: run the tests through playwright.config.ts');
  return join(dir, 'kubeconfig');
}

let config: KubeConfig | undefined;

function kubeConfig(): KubeConfig {
  if (!config) {
    config = new KubeConfig();
    config.loadFromFile(kubeconfigPath());
  }
  return config;
}

export const FLEET = { group: 'fleet.cattle.io', version: 'v1alpha1' } as const;
const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

export const kube = {
  custom: () => kubeConfig().makeApiClient(CustomObjectsApi),
  core: () => kubeConfig().makeApiClient(CoreV1Api),
};

/** A name no other test uses: `<prefix>-<8 hex>`. */
export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

type Plural = 'gitrepos' | 'clusters' | 'clustergroups' | 'bundles' | 'bundledeployments';
const KINDS: Record<Plural, string> = {
  gitrepos: 'GitRepo',
  clusters: 'Cluster',
  clustergroups: 'ClusterGroup',
  bundles: 'Bundle',
  bundledeployments: 'BundleDeployment',
};

export async function getObject(plural: Plural, namespace: string, name: string): Promise<any> {
  return kube.custom().getNamespacedCustomObject({ ...FLEET, plural, namespace, name });
}

export async function createObject(plural: Plural, namespace: string, metadata: Record<string, unknown>, spec: Record<string, unknown>): Promise<any> {
  return kube.custom().createNamespacedCustomObject({
    ...FLEET,
    plural,
    namespace,
    body: { apiVersion: 'fleet.cattle.io/v1alpha1', kind: KINDS[plural], metadata: { ...metadata, namespace }, spec },
  });
}

export async function patchStatus(plural: Plural, namespace: string, name: string, status: Record<string, unknown>): Promise<any> {
  return kube.custom().patchNamespacedCustomObjectStatus({ ...FLEET, plural, namespace, name, body: { status } }, MERGE_PATCH);
}

export async function listObjects(plural: Plural, namespace: string, labelSelector?: string): Promise<any[]> {
  const list: any = await kube.custom().listNamespacedCustomObject({ ...FLEET, plural, namespace, labelSelector });
  return list.items;
}

/** A Cluster with labels; returns its name. */
export async function seedCluster(workspace: string, name: string, labels: Record<string, string> = {}, spec: Record<string, unknown> = {}): Promise<string> {
  await createObject('clusters', workspace, { name, labels }, spec);
  return name;
}

/**
 * A cluster's BundleDeployment namespace, recorded in its status as Fleet's cluster controller
 * does (same name it would pick, so a running controller agrees).
 */
export async function seedClusterNamespace(workspace: string, cluster: string): Promise<string> {
  const namespace = clusterNamespaceName(workspace, cluster);
  await kube
    .core()
    .createNamespace({ body: { metadata: { name: namespace, labels: { 'fleet.cattle.io/managed': 'true' } } } })
    .catch((error: any) => {
      if (error?.code !== 409) throw error;
    });
  await patchStatus('clusters', workspace, cluster, { namespace });
  return namespace;
}

/** A BundleDeployment of `bundle` (from `repo`) on `cluster`, labelled as Fleet labels them, with a state. */
export async function seedBundleDeployment(options: {
  workspace: string;
  cluster: string;
  clusterNamespace: string;
  bundle: string;
  repo?: string;
  state: 'Ready' | 'ErrApplied' | 'NotReady' | 'Modified';
  message?: string;
}): Promise<void> {
  const labels: Record<string, string> = {
    [BUNDLE_LABEL]: options.bundle,
    [BUNDLE_NAMESPACE_LABEL]: options.workspace,
    [CLUSTER_LABEL]: options.cluster,
    [CLUSTER_NAMESPACE_LABEL]: options.workspace,
    ...(options.repo ? { [REPO_LABEL]: options.repo } : {}),
  };
  await createObject('bundledeployments', options.clusterNamespace, { name: options.bundle, labels }, { deploymentID: 's-1:abc', stagedDeploymentID: 's-1:abc' });
  const ready = options.state === 'Ready';
  await patchStatus('bundledeployments', options.clusterNamespace, options.bundle, {
    appliedDeploymentID: 's-1:abc',
    ready,
    nonModified: options.state !== 'Modified',
    display: { state: options.state, deployed: 'True', monitored: ready ? 'True' : 'False' },
    conditions: [
      { type: 'Deployed', status: options.state === 'ErrApplied' ? 'False' : 'True', ...(options.state === 'ErrApplied' ? { message: options.message ?? 'failed' } : {}) },
      { type: 'Ready', status: ready ? 'True' : 'False', ...(ready ? {} : { message: options.message ?? options.state }) },
    ],
  });
}

// ---- calling the BFF ----------------------------------------------------------------------------

/** A new workspace for one test file or test, created through the BFF. */
export async function createWorkspace(request: APIRequestContext, prefix = 'e2e'): Promise<string> {
  const name = unique(prefix);
  const res = await request.post('/api/v1/workspaces', { data: { name } });
  expect(res.status(), await res.text()).toBe(201);
  return name;
}

/** Asserts the BFF's one error shape. */
export async function expectError(res: APIResponse, status: number, code: string, field?: string): Promise<{ code: string; message: string; field?: string }> {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  const body = JSON.parse(text);
  expect(body.error.code, text).toBe(code);
  expect(typeof body.error.message).toBe('string');
  if (field !== undefined) expect(body.error.field, text).toBe(field);
  return body.error;
}

/** GETs a BFF URL until `accept` holds (the cache follows the cluster within moments). */
export async function eventually<T = any>(request: APIRequestContext, url: string, accept: (body: T, status: number) => boolean, timeout = 10_000): Promise<T> {
  let last: { status: number; body: any } | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(url);
        last = { status: res.status(), body: await res.json() };
        return accept(last.body as T, last.status);
      },
      { timeout, intervals: [100, 200, 400] },
    )
    .toBe(true);
  return last!.body as T;
}
