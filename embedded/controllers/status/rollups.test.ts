import { describe, expect, it } from 'vitest';
import { BUNDLE_NAMESPACE_LABEL, CLUSTER_LABEL, CLUSTER_NAMESPACE_LABEL, REPO_LABEL } from '../../../lib/fleet/labels';
import type { Bundle, BundleDeployment, Cluster, ClusterGroup, GitRepo } from '../../../lib/fleet/types';
import { bundleStatusFields, bundleSummary } from './bundle-status';
import { clusterStatusFields } from './cluster-status';
import { clusterGroupStatusFields, groupMembers } from './clustergroup-status';
import { failingBundleCondition, gitRepoStatusFields } from './gitrepo-status';

const NOW = new Date('2026-01-02T03:04:05Z');

function bd(name: string, cluster: string, state: 'Ready' | 'WaitApplied' | 'ErrApplied' | 'NotReady', repo?: string): BundleDeployment {
  const status =
    state === 'Ready'
      ? { appliedDeploymentID: 'd', ready: true, nonModified: true, resourceCounts: { ready: 2, desiredReady: 2, waitApplied: 0, modified: 0, orphaned: 0, missing: 0, unknown: 0, notReady: 0 } }
      : state === 'NotReady'
        ? { appliedDeploymentID: 'd', ready: false, nonModified: true }
        : state === 'ErrApplied'
          ? { conditions: [{ type: 'Deployed', status: 'False' as const, reason: 'Error', message: 'boom' }] }
          : undefined;
  return {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'BundleDeployment',
    metadata: {
      name,
      namespace: `cluster-${cluster}`,
      uid: `${cluster}-${name}`,
      labels: {
        [CLUSTER_NAMESPACE_LABEL]: 'ws',
        [CLUSTER_LABEL]: cluster,
        [BUNDLE_NAMESPACE_LABEL]: 'ws',
        ...(repo ? { [REPO_LABEL]: repo } : {}),
      },
    },
    spec: { deploymentID: 'd', stagedDeploymentID: 'd' },
    ...(status ? { status } : {}),
  };
}

const cluster = (name: string, labels: Record<string, string>, extra: Partial<Cluster['status']> = {}): Cluster => ({
  apiVersion: 'fleet.cattle.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name, namespace: 'ws', labels },
  status: { ...extra },
});

describe('Bundle rollup', () => {
  it('counts targets without a BundleDeployment as Pending and names clusters', () => {
    const deployments = new Map([['cluster-a/app', bd('app', 'a', 'Ready')], ['cluster-b/app', bd('app', 'b', 'ErrApplied')]]);
    const summary = bundleSummary(
      [
        { clusterKey: 'ws/c' },
        { clusterKey: 'ws/b', deploymentKey: 'cluster-b/app' },
        { clusterKey: 'ws/a', deploymentKey: 'cluster-a/app' },
      ],
      (key) => deployments.get(key),
    );
    expect(summary).toEqual({
      ready: 1,
      desiredReady: 3,
      errApplied: 1,
      pending: 1,
      nonReadyResources: [
        { name: 'ws/b', bundleState: 'ErrApplied', message: 'boom' },
        { name: 'ws/c', bundleState: 'Pending' },
      ],
    });
    const bundle = { metadata: { name: 'app', namespace: 'ws', generation: 3 } } as Bundle;
    const fields = bundleStatusFields(bundle, summary, undefined, NOW);
    expect(fields.display).toEqual({ readyClusters: '1/3', state: 'ErrApplied' });
    expect(fields.observedGeneration).toBe(3);
    expect(fields.conditions).toEqual([
      {
        type: 'Ready',
        status: 'False',
        lastUpdateTime: '2026-01-02T03:04:05Z',
        message: 'ErrApplied(1) [Cluster ws/b: boom]; Pending(1) [Cluster ws/c]',
      },
    ]);
  });

  it('shows a targeting error as Ready=False', () => {
    const bundle = { metadata: { name: 'app', namespace: 'ws' } } as Bundle;
    const fields = bundleStatusFields(bundle, { ready: 0, desiredReady: 0 }, 'invalid selector', NOW);
    expect(fields.conditions?.[0]).toMatchObject({ type: 'Ready', status: 'False', reason: 'Error', message: 'invalid selector' });
  });
});

describe('Cluster rollup', () => {
  it('sums every BD of the cluster namespace, counts GitRepos and waits for check-in', () => {
    const c = cluster('a', {});
    const deployments = [bd('fleet-agent-a', 'a', 'Ready'), bd('simple', 'a', 'Ready', 'simple'), bd('other', 'a', 'NotReady', 'gone')];
    const fields = clusterStatusFields(c, deployments, (_ns, name) => name !== 'gone', NOW);
    expect(fields.summary).toMatchObject({ ready: 2, desiredReady: 3, notReady: 1 });
    expect(fields.readyGitRepos).toBe(1);
    expect(fields.desiredReadyGitRepos).toBe(1);
    expect(fields.display).toEqual({ readyBundles: '2/3', state: 'WaitCheckIn' });
    expect(fields.resourceCounts?.ready).toBe(4);
    expect(fields.conditions?.map((cond) => [cond.type, cond.status, cond.message ?? ''])).toEqual([
      ['Ready', 'False', 'NotReady(1) [Bundle other]'],
      ['Processed', 'True', ''],
    ]);
    const seen = clusterStatusFields(cluster('a', {}, { agent: { lastSeen: '2026-01-01T00:00:00Z' } }), deployments, () => true, NOW);
    expect(seen.display).toEqual({ readyBundles: '2/3', state: 'NotReady' });
  });
});

describe('ClusterGroup rollup', () => {
  it('selects members (nil selector: none, {}: all) and names non-ready ones', () => {
    const clusters = [
      cluster('b', { env: 'prod' }, { summary: { ready: 1, desiredReady: 2, errApplied: 1, nonReadyResources: [{ name: 'app', bundleState: 'ErrApplied', message: 'boom' }] } }),
      cluster('a', { env: 'prod' }, { summary: { ready: 2, desiredReady: 2 } }),
      cluster('c', { env: 'dev' }, { summary: { ready: 2, desiredReady: 2 } }),
    ];
    const group = (selector?: Record<string, Record<string, string>>): ClusterGroup => ({ apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'ClusterGroup', metadata: { name: 'g', namespace: 'ws' }, spec: selector ? { selector } : {} });
    expect(groupMembers(group(), clusters)).toEqual([]);
    expect(groupMembers(group({}), clusters)).toHaveLength(3);
    const members = groupMembers(group({ matchLabels: { env: 'prod' } }), clusters);
    const fields = clusterGroupStatusFields(group({ matchLabels: { env: 'prod' } }), members, NOW);
    expect(fields).toMatchObject({
      clusterCount: 2,
      nonReadyClusterCount: 1,
      nonReadyClusters: ['b'],
      summary: { ready: 3, desiredReady: 4, errApplied: 1 },
      display: { readyClusters: '1/2 (b)', readyBundles: '3/4', state: 'ErrApplied' },
    });
    expect(fields.conditions?.[0]).toMatchObject({ type: 'Ready', status: 'False', message: 'ErrApplied(1) [Bundle app: boom]' });
    expect(clusterGroupStatusFields(group({ matchLabels: { env: 'dev' } }), [clusters[2]!], NOW).nonReadyClusters).toBeUndefined();
  });
});

describe('GitRepo rollup', () => {
  const repo = (gitJobStatus?: string): GitRepo => ({
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'GitRepo',
    metadata: { name: 'simple', namespace: 'ws' },
    spec: { repo: 'https://example.com/repo' },
    status: {
      readyClusters: 0,
      desiredReadyClusters: 0,
      commit: 'abc',
      ...(gitJobStatus ? { gitJobStatus } : {}),
      conditions: [{ type: 'Accepted', status: 'True' }],
    },
  });

  it('rolls up BDs, clusters and resources, keeping other conditions', () => {
    const deployments = [bd('simple', 'a', 'Ready', 'simple'), bd('simple', 'b', 'WaitApplied', 'simple')];
    const fields = gitRepoStatusFields(repo('Current'), deployments, undefined, NOW);
    expect(fields).toMatchObject({
      readyClusters: 1,
      desiredReadyClusters: 2,
      summary: { ready: 1, desiredReady: 2, waitApplied: 1 },
      display: { readyBundleDeployments: '1/2', state: 'WaitApplied', message: '', error: false },
      resourceCounts: { ready: 2, desiredReady: 2 },
      perClusterResourceCounts: { 'ws/a': { ready: 2 }, 'ws/b': { ready: 0 } },
    });
    expect(fields.conditions?.map((c) => [c.type, c.status])).toEqual([
      ['Accepted', 'True'],
      ['Ready', 'False'],
    ]);
    expect(fields.conditions?.[1]?.message).toBe('WaitApplied(1) [Bundle simple]');
  });

  it('shows GitUpdating until the git job is Current', () => {
    expect(gitRepoStatusFields(repo('InProgress'), [], undefined, NOW).display?.state).toBe('GitUpdating');
    expect(gitRepoStatusFields(repo(), [], undefined, NOW).display?.state).toBe('GitUpdating');
    expect(gitRepoStatusFields(repo('Current'), [], undefined, NOW).display?.state).toBe('');
  });

  it('copies a failing bundle’s Ready condition', () => {
    const failing = failingBundleCondition(
      [
        { metadata: { name: 'b', namespace: 'ws' }, status: { summary: { ready: 0, desiredReady: 1 }, conditions: [{ type: 'Ready', status: 'False', message: 'WaitApplied(1)' }] } } as Bundle,
        { metadata: { name: 'c', namespace: 'ws' }, status: { summary: { ready: 0, desiredReady: 0 }, conditions: [{ type: 'Ready', status: 'False', reason: 'Error', message: 'invalid cluster selector' }] } } as Bundle,
      ],
      new Map(),
    );
    expect(failing?.message).toBe('invalid cluster selector');
    const fields = gitRepoStatusFields(repo('Current'), [], failing, NOW);
    expect(fields.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'Error', message: 'invalid cluster selector' });
  });
});
