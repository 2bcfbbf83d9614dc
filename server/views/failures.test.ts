import { describe, expect, it, vi } from 'vitest';

import type { GitRepoRow, Page } from '@/lib/api/schemas';
import { BUNDLE_LABEL, BUNDLE_NAMESPACE_LABEL, CLUSTER_LABEL, CLUSTER_NAMESPACE_LABEL, REPO_LABEL } from '@/lib/fleet/labels';
import type { BundleDeployment } from '@/lib/fleet/types';
import type { DeploymentEntry, DeploymentIndex } from '@/server/cache/deployment-index';
import type { FleetCache } from '@/server/cache/fleet-cache';
import type { ListWatchSource, WatchEventType } from '@/server/cache/informer';

vi.mock('server-only', () => ({}));

const { withFailingClusterNames, gitRepoMatrix } = await import('./failures');
const { DeploymentIndex: Index } = await import('@/server/cache/deployment-index');

function entry(cluster: string, state: string, clusterWorkspace = 'fleet-default'): DeploymentEntry {
  return { key: `${cluster}/app-web`, bundle: 'app-web', bundleWorkspace: 'fleet-default', repo: 'app', clusterWorkspace, cluster, state, bucket: state === 'Ready' ? 'active' : 'error', message: '' };
}

/** Only what the function reads of the index: is it synced, and a repo's deployments. */
function index(entries: DeploymentEntry[], synced = true): DeploymentIndex {
  return { synced, ofRepo: (ws: string, repo: string) => (ws === 'fleet-default' && repo === 'app' ? entries : []) } as unknown as DeploymentIndex;
}

function row(failing: GitRepoRow['failing'], bucket: GitRepoRow['bucket'] = 'error'): GitRepoRow {
  const none = { ready: 0, desired: 0 };
  return {
    workspace: 'fleet-default',
    name: 'app',
    state: bucket === 'active' ? 'Ready' : 'ErrApplied',
    bucket,
    message: '',
    labels: {},
    failing,
    repo: 'https://127.0.0.1:9/app.git',
    paused: false,
    pollingDisabled: false,
    targets: 'all clusters',
    clustersReady: none,
    bundleDeploymentsReady: none,
    resources: { ready: 0, desiredReady: 0, waitApplied: 0, modified: 0, orphaned: 0, missing: 0, unknown: 0, notReady: 0 },
  };
}

const page = (items: GitRepoRow[]): Page<GitRepoRow> => ({ items, total: items.length, page: 1, pageSize: 50 });

describe('withFailingClusterNames', () => {
  const deployments = [entry('c-3', 'ErrApplied'), entry('c-1', 'Ready'), entry('c-2', 'WaitApplied'), entry('edge', 'ErrApplied', 'other-ws')];

  it('names the clusters Fleet only counted, from the BundleDeployments that are not Ready', () => {
    const cached = row({ clusters: { count: 3, names: [] } });
    const result = withFailingClusterNames('gitrepos', page([cached]), index(deployments));
    expect(result.items[0]!.failing?.clusters).toEqual({ count: 3, names: ['c-2', 'c-3', 'other-ws/edge'] });
    // The cached row is left as it was.
    expect(cached.failing?.clusters?.names).toEqual([]);
  });

  it('leaves rows alone that are Ready, already named, of another kind, or when the index is not loaded', () => {
    const named = row({ clusters: { count: 2, names: ['a', 'b'] } });
    const ready = row(undefined, 'active');
    const input = page([named, ready]);
    expect(withFailingClusterNames('gitrepos', input, index(deployments))).toBe(input);
    const counted = page([row({ clusters: { count: 3, names: [] } })]);
    expect(withFailingClusterNames('gitrepos', counted, index(deployments, false))).toBe(counted);
    expect(withFailingClusterNames('bundles', counted, index(deployments))).toBe(counted);
  });
});

function deployment(cluster: string, bundle: string, state: string, rv: number): BundleDeployment {
  const labels = { [BUNDLE_LABEL]: bundle, [BUNDLE_NAMESPACE_LABEL]: 'fleet-default', [CLUSTER_LABEL]: cluster, [CLUSTER_NAMESPACE_LABEL]: 'fleet-default', [REPO_LABEL]: 'app' };
  return {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'BundleDeployment',
    metadata: { name: bundle, namespace: `cluster-${cluster}`, resourceVersion: String(rv), uid: `${cluster}-${bundle}`, labels },
    spec: {},
    status: { display: { state }, conditions: state === 'Ready' ? [] : [{ type: 'Ready', status: 'False', message: `${bundle} is ${state}` }] },
  } as BundleDeployment;
}

/** A real index over a scripted list and watch, and the few cache methods the matrix reads. */
async function matrixFixture(items: BundleDeployment[]) {
  let emit: (type: WatchEventType, object: BundleDeployment) => void = () => undefined;
  const source: ListWatchSource<BundleDeployment> = {
    description: 'bundledeployments',
    listPage: async () => ({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '100' } }),
    watch: async (_rv, onEvent) => {
      emit = (type, object) => onEvent(type, object);
      return () => undefined;
    },
  };
  const index = new Index(source);
  index.start();
  await index.waitForSync(1_000);
  const cache = { deployments: index, workspaceExists: () => true, object: () => ({}), bundlesOfRepo: () => [] } as unknown as FleetCache;
  const query = (state?: 'Ready' | 'ErrApplied', page = 1) => gitRepoMatrix(cache, 'fleet-default', 'app', { page, limit: 2, ...(state ? { state } : {}) });
  return { index, query, emit: (type: WatchEventType, object: BundleDeployment) => emit(type, object) };
}

describe('gitRepoMatrix', () => {
  it('pages rows worst first, filters by state, and follows changes to the deployments', async () => {
    const fixture = await matrixFixture([
      deployment('c-1', 'app-web', 'Ready', 1),
      deployment('c-2', 'app-web', 'Ready', 2),
      deployment('c-3', 'app-web', 'ErrApplied', 3),
      deployment('c-3', 'app-db', 'Ready', 4),
    ]);
    try {
      const first = await fixture.query();
      expect(first.rows.map((row) => [row.cluster, row.state])).toEqual([['c-3', 'ErrApplied'], ['c-1', 'Ready']]);
      expect(first.total).toBe(3);
      expect(first.counts).toEqual({ ErrApplied: 1, Ready: 2 });
      expect((await fixture.query(undefined, 2)).rows.map((row) => row.cluster)).toEqual(['c-2']);
      expect((await fixture.query('Ready')).rows.map((row) => row.cluster)).toEqual(['c-1', 'c-2']);

      // A deployment that fails, one that goes away: the next request sees both.
      fixture.emit('MODIFIED', deployment('c-2', 'app-web', 'ErrApplied', 5));
      fixture.emit('DELETED', deployment('c-1', 'app-web', 'Ready', 6));
      const after = await fixture.query();
      expect(after.rows.map((row) => [row.cluster, row.state])).toEqual([['c-2', 'ErrApplied'], ['c-3', 'ErrApplied']]);
      expect(after.counts).toEqual({ ErrApplied: 2 });
      expect((await fixture.query('ErrApplied')).rows[0]!.cells['app-web']!.state).toBe('ErrApplied');
    } finally {
      fixture.index.stop();
    }
  });
});
