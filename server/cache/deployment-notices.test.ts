import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { BUNDLE_LABEL, BUNDLE_NAMESPACE_LABEL, CLUSTER_LABEL, CLUSTER_NAMESPACE_LABEL, REPO_LABEL } from '@/lib/fleet/labels';
import type { BundleDeployment } from '@/lib/fleet/types';
import type { KubeObject } from '@/lib/k8s/object';

import type { ChangeNotice } from './fleet-cache';
import type { WatchEventType } from './informer';

vi.mock('server-only', () => ({}));

const { FleetCache } = await import('./fleet-cache');
const { deploymentEntry, deploymentOwners } = await import('./deployment-index');
const { scopedCache } = await import('@/server/auth/scoped-cache');
const { userAccess, ALL_ALLOWED, NONE_ALLOWED } = await import('@/server/auth/access');

/**
 * A BundleDeployment change alone (the GitRepo and Cluster objects untouched) must reach the live
 * stream as notices for the repo and the cluster whose pages show it — and only for people who
 * may read them.
 */

function bd(options: { ws: string; repo?: string; cluster: string; bundle: string; state?: string; modified?: boolean; resourceVersion?: string }): BundleDeployment {
  const clusterNs = `cluster-${options.ws}-${options.cluster}`;
  return {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'BundleDeployment',
    metadata: {
      name: options.bundle,
      namespace: clusterNs,
      resourceVersion: options.resourceVersion ?? '1',
      labels: {
        [BUNDLE_LABEL]: options.bundle,
        [BUNDLE_NAMESPACE_LABEL]: options.ws,
        [CLUSTER_LABEL]: options.cluster,
        [CLUSTER_NAMESPACE_LABEL]: options.ws,
        ...(options.repo ? { [REPO_LABEL]: options.repo } : {}),
      },
    },
    spec: { deploymentID: 'd1' },
    status: {
      appliedDeploymentID: 'd1',
      ready: options.state !== 'Modified',
      nonModified: !options.modified,
      display: { state: options.state ?? 'Ready' },
      ...(options.modified ? { modifiedStatus: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web', patch: '{"spec":{"replicas":3}}' }] } : {}),
    },
  } as unknown as BundleDeployment;
}

describe('deploymentOwners', () => {
  const ready = deploymentEntry(bd({ ws: 'fleet-default', repo: 'shop', cluster: 'edge-1', bundle: 'shop-web' }))!;
  const modified = deploymentEntry(bd({ ws: 'fleet-default', repo: 'shop', cluster: 'edge-1', bundle: 'shop-web', state: 'Modified', modified: true }))!;

  it('names the repo and the cluster of a deployment whose state or drift changed', () => {
    expect(deploymentOwners(ready, modified)).toEqual([
      { kind: 'gitrepos', workspace: 'fleet-default', name: 'shop' },
      { kind: 'clusters', workspace: 'fleet-default', name: 'edge-1' },
    ]);
  });

  it('names them for an added and a removed deployment too', () => {
    expect(deploymentOwners(undefined, ready)).toHaveLength(2);
    expect(deploymentOwners(modified, undefined)).toHaveLength(2);
  });

  it('names nothing when nothing a page shows changed (a relist, a new resourceVersion)', () => {
    const again = deploymentEntry(bd({ ws: 'fleet-default', repo: 'shop', cluster: 'edge-1', bundle: 'shop-web', resourceVersion: '7' }))!;
    expect(deploymentOwners(ready, again)).toEqual([]);
  });

  it('names only the cluster of a deployment no GitRepo made', () => {
    const manual = deploymentEntry(bd({ ws: 'fleet-default', cluster: 'edge-1', bundle: 'manual' }))!;
    expect(deploymentOwners(undefined, manual)).toEqual([{ kind: 'clusters', workspace: 'fleet-default', name: 'edge-1' }]);
  });

  it('names both repos when a deployment moves from one repo to another', () => {
    const moved = deploymentEntry(bd({ ws: 'fleet-default', repo: 'shop-v2', cluster: 'edge-1', bundle: 'shop-web' }))!;
    expect(deploymentOwners(ready, moved).map((o) => `${o.kind}/${o.name}`)).toEqual(['gitrepos/shop', 'clusters/edge-1', 'gitrepos/shop-v2']);
  });
});

describe('the cache announces the repo and cluster of a changed BundleDeployment', () => {
  const objectsByPlural: Record<string, KubeObject[]> = {
    fleetworkspaces: ['fleet-default', 'team-a'].map((name) => ({ apiVersion: 'management.cattle.io/v3', kind: 'FleetWorkspace', metadata: { name, resourceVersion: '1' } })),
    gitrepos: ['fleet-default', 'team-a'].map((namespace) => ({ apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'GitRepo', metadata: { name: 'shop', namespace, resourceVersion: '1' }, spec: { repo: 'https://127.0.0.1/x.git' } })),
    clusters: ['fleet-default', 'team-a'].map((namespace) => ({ apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'Cluster', metadata: { name: 'edge-1', namespace, resourceVersion: '1' } })),
    bundledeployments: [bd({ ws: 'fleet-default', repo: 'shop', cluster: 'edge-1', bundle: 'shop-web' }), bd({ ws: 'team-a', repo: 'shop', cluster: 'edge-1', bundle: 'shop-web' })],
  };
  let pushDeployment: ((type: WatchEventType, object: KubeObject) => void) | undefined;
  const cache = new FleetCache(((ref: { plural: string }) => ({
    description: ref.plural,
    listPage: async () => ({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '1' }, items: objectsByPlural[ref.plural] ?? [] }),
    watch: async (_rv: string, onEvent: (type: WatchEventType, object: KubeObject) => void) => {
      if (ref.plural === 'bundledeployments') pushDeployment = onEvent;
      return () => undefined;
    },
  })) as never);
  const reader = userAccess(new Map([['fleet-default', ALL_ALLOWED], ['team-a', NONE_ALLOWED]]), { create: false, delete: false });
  const everyone: ChangeNotice[] = [];
  const readers: ChangeNotice[] = [];

  beforeAll(async () => {
    cache.start();
    expect(await cache.waitForSync(5_000)).toBe(true);
    expect(await cache.deployments.waitForSync(5_000)).toBe(true);
    await vi.waitFor(() => expect(pushDeployment).toBeDefined());
    cache.subscribe((notice) => everyone.push(notice));
    scopedCache(cache, () => reader).subscribe((notice) => readers.push(notice));
  });
  afterAll(() => cache.stop());
  beforeEach(() => {
    everyone.length = 0;
    readers.length = 0;
  });

  it('sends upsert notices for the repo and the cluster when one deployment goes Modified', () => {
    pushDeployment!('MODIFIED', bd({ ws: 'fleet-default', repo: 'shop', cluster: 'edge-1', bundle: 'shop-web', state: 'Modified', modified: true, resourceVersion: '2' }));
    const expected = [
      { kind: 'gitrepos', workspace: 'fleet-default', name: 'shop', type: 'upsert' },
      { kind: 'clusters', workspace: 'fleet-default', name: 'edge-1', type: 'upsert' },
    ];
    expect(everyone).toEqual(expected);
    expect(readers).toEqual(expected);
    expect(cache.deployments.ofRepo('fleet-default', 'shop')[0]?.state).toBe('Modified');
  });

  it('keeps them from a person who may not read the workspace', () => {
    pushDeployment!('MODIFIED', bd({ ws: 'team-a', repo: 'shop', cluster: 'edge-1', bundle: 'shop-web', state: 'Modified', modified: true, resourceVersion: '3' }));
    expect(everyone.map((n) => `${n.kind}/${n.workspace}/${n.name}`)).toEqual(['gitrepos/team-a/shop', 'clusters/team-a/edge-1']);
    expect(readers).toEqual([]);
  });

  it('announces only objects the cache holds (a repo already deleted is not upserted again)', () => {
    pushDeployment!('ADDED', bd({ ws: 'fleet-default', repo: 'gone', cluster: 'edge-1', bundle: 'gone-web', resourceVersion: '4' }));
    expect(everyone).toEqual([{ kind: 'clusters', workspace: 'fleet-default', name: 'edge-1', type: 'upsert' }]);
  });

  it('stays quiet when a deployment is written again with nothing shown changed', () => {
    pushDeployment!('MODIFIED', bd({ ws: 'fleet-default', repo: 'shop', cluster: 'edge-1', bundle: 'shop-web', state: 'Modified', modified: true, resourceVersion: '5' }));
    expect(everyone).toEqual([]);
  });
});
