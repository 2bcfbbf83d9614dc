import { describe, expect, it } from 'vitest';

import { gitRepoState, NO_TARGETS } from './presentation';
import { bundleReasons, clusterGroupReasons, clusterReasons, describeNamedCount, failingCondition, gitRepoReasons, MAX_REASON_NAMES } from './reasons';
import type { GitRepo } from './types';

describe('failingCondition', () => {
  it('prefers Stalled over a Ready=False that repeats it, and skips bad conditions without a message', () => {
    expect(
      failingCondition([
        { type: 'Ready', status: 'False', message: 'ErrApplied(1)' },
        { type: 'Accepted', status: 'False' },
        { type: 'Stalled', status: 'True', reason: 'Stalled', message: 'fatal: Authentication failed' },
      ]),
    ).toEqual({ type: 'Stalled', reason: 'Stalled', message: 'fatal: Authentication failed' });
    expect(failingCondition([{ type: 'Ready', status: 'True', message: 'stale' }])).toBeUndefined();
  });
});

describe('gitRepoReasons', () => {
  it('names failing bundles from nonReadyResources and counts failing clusters from ready/desired', () => {
    const reasons = gitRepoReasons({
      metadata: { namespace: 'fleet-default' },
      status: {
        readyClusters: 47,
        desiredReadyClusters: 50,
        summary: { ready: 97, desiredReady: 100, nonReadyResources: [{ name: 'app-backend', bundleState: 'ErrApplied' }, { name: 'app-db', bundleState: 'NotReady' }] },
        perClusterResourceCounts: {
          'fleet-default/prod-2': { ready: 2, desiredReady: 3, notReady: 1 },
          'fleet-default/prod-1': { ready: 1, desiredReady: 3, modified: 2 },
          'fleet-default/prod-3': { ready: 3, desiredReady: 3 },
        },
      },
    });
    expect(reasons.bundles).toEqual({ count: 2, names: ['app-backend', 'app-db'] });
    // Three clusters fail, but only two are named by the resource counts.
    expect(reasons.clusters).toEqual({ count: 3, names: ['prod-1', 'prod-2'] });
  });

  it('says nothing about clusters when all are ready', () => {
    expect(gitRepoReasons({ metadata: {}, status: { readyClusters: 2, desiredReadyClusters: 2 } }).clusters).toBeUndefined();
  });
});

describe('bundle, cluster and group reasons', () => {
  it('strips the workspace from a bundle’s failing cluster ids and counts every non-ready deployment', () => {
    const reasons = bundleReasons({
      metadata: { namespace: 'ws' },
      status: { summary: { ready: 1, desiredReady: 4, errApplied: 2, waitApplied: 1, nonReadyResources: [{ name: 'ws/a' }, { name: 'other/b' }] } },
    });
    expect(reasons.clusters).toEqual({ count: 3, names: ['a', 'other/b'] });
  });

  it('names a cluster’s failing bundles', () => {
    expect(clusterReasons({ status: { summary: { ready: 0, desiredReady: 1, modified: 1, nonReadyResources: [{ name: 'web' }] } } }).bundles).toEqual({ count: 1, names: ['web'] });
  });

  it('cuts the names of a group to the first few', () => {
    const names = Array.from({ length: 10 }, (_, i) => `c-${i}`);
    const reasons = clusterGroupReasons({ status: { nonReadyClusterCount: 12, nonReadyClusters: names } });
    expect(reasons.clusters?.count).toBe(12);
    expect(reasons.clusters?.names).toEqual(names.slice(0, MAX_REASON_NAMES));
    expect(describeNamedCount(reasons.clusters!, 'cluster')).toBe('12 clusters: c-0, c-1, c-2, c-3, c-4 and 7 more');
  });
});

describe('a repo that targets no cluster', () => {
  const repo = (status: GitRepo['status']): GitRepo => ({ apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'GitRepo', metadata: { name: 'r', namespace: 'ws' }, spec: { repo: 'x' }, status });

  it('is a warning, not Ready, once the git job has run', () => {
    const state = gitRepoState(repo({ commit: 'abc', gitJobStatus: 'Current', readyClusters: 0, desiredReadyClusters: 0, summary: { ready: 0, desiredReady: 0 }, display: { state: '' } }));
    expect(state).toMatchObject({ state: NO_TARGETS, bucket: 'warning' });
    expect(state.message).toMatch(/no cluster/);
  });

  it('stays Ready when it deploys somewhere', () => {
    expect(gitRepoState(repo({ commit: 'abc', gitJobStatus: 'Current', readyClusters: 1, desiredReadyClusters: 1, summary: { ready: 1, desiredReady: 1 } })).state).toBe('Ready');
  });
});
