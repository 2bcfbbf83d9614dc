import { describe, expect, it } from 'vitest';
import {
  BUNDLE_STATES,
  MAX_NON_READY_RESOURCES,
  addResourceCounts,
  addSummaries,
  bundleDeploymentDisplay,
  bundleDeploymentMessage,
  bundleDeploymentState,
  bundleDisplay,
  clusterDisplay,
  clusterGroupReadyClusters,
  clusterId,
  conditionDisplay,
  emptyResourceCounts,
  emptySummary,
  formatConditionTime,
  gitRepoDisplay,
  gitRepoDisplayState,
  hasAgentCheckedIn,
  incrementSummary,
  isBundleState,
  isSummaryReady,
  modifiedStatusString,
  nonReadyStatusString,
  objectRefString,
  readyConditionMessage,
  readyFraction,
  resourceSummaryString,
  rollUpBundleDeployments,
  rollUpClusterBundleDeployments,
  rollUpClusterGroup,
  setCondition,
  setErrorCondition,
  setReadyCondition,
  stateBucket,
  stateRank,
  summarize,
  summaryState,
  worstState,
} from './state';
import type { BundleDeployment, BundleSummary, Cluster, Condition, NonReadyStatus, ResourceCounts } from './types';

const NOW = '2025-01-02T03:04:05Z';
const LATER = '2025-01-02T04:00:00Z';

// -------------------------------------------------------------------------------------------------
// Fixtures
// -------------------------------------------------------------------------------------------------

interface BdInput {
  name?: string;
  uid?: string;
  deploymentID?: string;
  stagedDeploymentID?: string;
  appliedDeploymentID?: string;
  ready?: boolean;
  nonModified?: boolean;
  conditions?: Condition[];
  labels?: Record<string, string>;
  resourceCounts?: ResourceCounts;
  nonReadyStatus?: NonReadyStatus[];
}

function bd(input: BdInput = {}): BundleDeployment {
  const id = input.deploymentID ?? 's-1:a';
  return {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'BundleDeployment',
    metadata: { name: input.name ?? 'simple-simple', namespace: 'cluster-ns', uid: input.uid, labels: input.labels },
    spec: { deploymentID: id, stagedDeploymentID: input.stagedDeploymentID ?? id },
    status: {
      appliedDeploymentID: input.appliedDeploymentID ?? id,
      ready: input.ready ?? true,
      nonModified: input.nonModified ?? true,
      conditions: input.conditions,
      resourceCounts: input.resourceCounts,
      nonReadyStatus: input.nonReadyStatus,
    },
  };
}

const cond = (type: string, status: Condition['status'], message?: string, reason?: string): Condition => ({
  type,
  status,
  ...(message ? { message } : {}),
  ...(reason ? { reason } : {}),
});

const frontendNotReady: NonReadyStatus = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  namespace: 'default',
  name: 'frontend',
  summary: {
    state: 'in-progress',
    transitioning: true,
    message: ['Deployment does not have minimum availability.', 'Available: 0/1'],
  },
};

function counts(partial: Partial<ResourceCounts>): ResourceCounts {
  return { ...emptyResourceCounts(), ...partial };
}

// -------------------------------------------------------------------------------------------------
// Ranks
// -------------------------------------------------------------------------------------------------

describe('state ranks', () => {
  it('lists states best to worst', () => {
    expect(BUNDLE_STATES).toEqual(['Ready', 'NotReady', 'Pending', 'OutOfSync', 'Modified', 'WaitApplied', 'ErrApplied']);
    expect(BUNDLE_STATES.map((state) => stateRank(state))).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('ranks "" and unknown states 0', () => {
    expect(stateRank('')).toBe(0);
    expect(stateRank(undefined)).toBe(0);
    expect(stateRank('GitUpdating')).toBe(0);
    expect(stateRank('errapplied')).toBe(0);
    expect(isBundleState('Modified')).toBe(true);
    expect(isBundleState('WaitCheckIn')).toBe(false);
  });

  it('picks the worst state, keeping the first of equals and ignoring unknown states', () => {
    expect(worstState(['OutOfSync', 'Modified', 'Pending'])).toBe('Modified');
    expect(worstState(['WaitApplied', 'Pending'])).toBe('WaitApplied');
    expect(worstState(['ErrApplied', 'NotReady', 'WaitApplied'])).toBe('ErrApplied');
    expect(worstState(['Bogus', undefined])).toBe('');
    expect(worstState([])).toBe('');
    expect(worstState(['Ready'])).toBe('Ready');
  });

  it('summaryState is "" without non-ready resources, whatever the counters say', () => {
    expect(summaryState({ ready: 7, desiredReady: 8, modified: 1, errApplied: 4 })).toBe('');
    expect(summaryState(undefined)).toBe('');
    expect(
      summaryState({
        ready: 0,
        desiredReady: 3,
        nonReadyResources: [
          { name: 'a', bundleState: 'OutOfSync' },
          { name: 'b', bundleState: 'Modified' },
          { name: 'c', bundleState: 'Pending' },
        ],
      }),
    ).toBe('Modified');
  });
});

// -------------------------------------------------------------------------------------------------
// BundleDeployment state and message
// -------------------------------------------------------------------------------------------------

describe('bundleDeploymentState', () => {
  it('is Pending for a target without a BundleDeployment', () => {
    expect(bundleDeploymentState(undefined)).toBe('Pending');
  });

  it('is ErrApplied when the new ID is not applied and Deployed is False', () => {
    expect(bundleDeploymentState(bd({ appliedDeploymentID: 'old', conditions: [cond('Deployed', 'False', 'boom')] }))).toBe(
      'ErrApplied',
    );
  });

  it.each([
    ['no Deployed condition', undefined],
    ['Deployed True', [cond('Deployed', 'True')]],
    ['Deployed Unknown', [cond('Deployed', 'Unknown')]],
  ])('is WaitApplied when the new ID is not applied (%s)', (_label, conditions) => {
    expect(bundleDeploymentState(bd({ appliedDeploymentID: 'old', conditions }))).toBe('WaitApplied');
  });

  it('is WaitApplied for a BD the agent never touched', () => {
    expect(bundleDeploymentState({ spec: { deploymentID: 's-1:a', stagedDeploymentID: 's-1:a' } })).toBe('WaitApplied');
  });

  it('is NotReady when applied but not ready (before OutOfSync and Modified)', () => {
    expect(bundleDeploymentState(bd({ ready: false, stagedDeploymentID: 'newer', nonModified: false }))).toBe('NotReady');
  });

  it('is OutOfSync when a newer ID is staged (before Modified)', () => {
    expect(bundleDeploymentState(bd({ stagedDeploymentID: 'newer', nonModified: false }))).toBe('OutOfSync');
  });

  it('is Modified when drifted', () => {
    expect(bundleDeploymentState(bd({ nonModified: false }))).toBe('Modified');
  });

  it('is Ready otherwise', () => {
    expect(bundleDeploymentState(bd())).toBe('Ready');
  });

  it('treats missing IDs as empty strings like Go', () => {
    expect(bundleDeploymentState({ spec: {}, status: { ready: true, nonModified: true } })).toBe('Ready');
  });
});

describe('bundleDeploymentMessage', () => {
  it('is "" for a missing BD', () => {
    expect(bundleDeploymentMessage(undefined)).toBe('');
  });

  it('prefers the Deployed message', () => {
    expect(
      bundleDeploymentMessage(bd({ conditions: [cond('Installed', 'False', 'install error'), cond('Deployed', 'False', 'deploy error')] })),
    ).toBe('deploy error');
  });

  it('uses Installed while the applied ID is current', () => {
    expect(bundleDeploymentMessage(bd({ conditions: [cond('Installed', 'False', 'install error')] }))).toBe('install error');
  });

  it('suppresses a stale Installed message and falls back to Monitored', () => {
    expect(bundleDeploymentMessage(bd({ appliedDeploymentID: 'old', conditions: [cond('Installed', 'False', 'stale')] }))).toBe('');
    expect(
      bundleDeploymentMessage(
        bd({ appliedDeploymentID: 'old', conditions: [cond('Installed', 'False', 'stale'), cond('Monitored', 'False', 'monitor')] }),
      ),
    ).toBe('monitor');
  });

  it('shows the dependency wait message', () => {
    const message = 'dependent bundle(s) are not ready: [db]';
    const waiting = bd({ appliedDeploymentID: 'old', conditions: [cond('Deployed', 'False', message)] });
    expect(bundleDeploymentState(waiting)).toBe('ErrApplied');
    expect(bundleDeploymentMessage(waiting)).toBe(message);
  });
});

describe('bundleDeploymentDisplay / conditionDisplay', () => {
  it('shows the condition status, or Error: <message> for reason Error', () => {
    const display = bundleDeploymentDisplay(
      bd({ conditions: [cond('Deployed', 'True'), cond('Monitored', 'False', 'watch failed', 'Error')], nonModified: false }),
    );
    expect(display).toEqual({ deployed: 'True', monitored: 'Error: watch failed', state: 'Modified' });
    expect(conditionDisplay([], 'Deployed')).toBe('');
  });
});

// -------------------------------------------------------------------------------------------------
// String forms
// -------------------------------------------------------------------------------------------------

describe('object status strings', () => {
  it('renders object references with group or core version', () => {
    expect(objectRefString({ kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'default', name: 'frontend' })).toBe(
      'deployment.apps default/frontend',
    );
    expect(objectRefString({ kind: 'Service', apiVersion: 'v1', namespace: 'ns', name: 'web' })).toBe('service.v1 ns/web');
    expect(objectRefString({ kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', name: 'admin' })).toBe(
      'clusterrole.rbac.authorization.k8s.io admin',
    );
    expect(objectRefString({ kind: 'ConfigMap', namespace: 'ns', name: 'cm' })).toBe('configmap ns/cm');
    expect(objectRefString({ kind: 'Namespace', name: 'x' })).toBe('namespace x');
  });

  it('renders resource summaries like wrangler', () => {
    expect(resourceSummaryString({ state: 'NotReady', message: ['ignored'] })).toBe('NotReady');
    expect(resourceSummaryString({ transitioning: true, message: ['a', 'b'] })).toBe('[progressing] a, b');
    expect(resourceSummaryString({ transitioning: true, error: true, message: ['x'] })).toBe('[progressing,error] x');
    expect(resourceSummaryString({ error: true, message: ['crash'] })).toBe('error] crash');
    expect(resourceSummaryString({ transitioning: true })).toBe('[progressing]');
    expect(resourceSummaryString(undefined)).toBe('');
  });

  it('renders the contract example of a non-ready object', () => {
    expect(nonReadyStatusString(frontendNotReady)).toBe(
      'deployment.apps default/frontend [progressing] Deployment does not have minimum availability., Available: 0/1',
    );
    expect(nonReadyStatusString({ kind: 'Service', apiVersion: 'v1', namespace: 'ns', name: 'web', summary: { state: 'pending' } })).toBe(
      'service.v1 ns/web pending',
    );
  });

  it('renders modified objects', () => {
    const ref = { kind: 'ConfigMap', apiVersion: 'v1', namespace: 'ns', name: 'cm' };
    expect(modifiedStatusString({ ...ref, missing: true })).toBe('configmap.v1 ns/cm missing');
    expect(modifiedStatusString({ ...ref, missing: true, exist: true })).toBe('configmap.v1 ns/cm is not owned by us');
    expect(modifiedStatusString({ ...ref, delete: true })).toBe('configmap.v1 ns/cm extra');
    expect(modifiedStatusString({ ...ref, patch: '{"data":{"a":"b"}}' })).toBe('configmap.v1 ns/cm modified {"data":{"a":"b"}}');
    expect(modifiedStatusString(ref)).toBe('configmap.v1 ns/cm modified ');
  });
});

// -------------------------------------------------------------------------------------------------
// Summaries
// -------------------------------------------------------------------------------------------------

describe('incrementSummary', () => {
  it('starts from the always-serialised fields only', () => {
    expect(emptySummary()).toEqual({ ready: 0, desiredReady: 0 });
  });

  it('counts each state under its JSON key and lists non-ready items with bundleState', () => {
    let summary = emptySummary();
    for (const state of BUNDLE_STATES) summary = incrementSummary(summary, { name: state.toLowerCase(), state, message: `m-${state}` });
    expect(summary).toMatchObject({
      ready: 1,
      notReady: 1,
      pending: 1,
      outOfSync: 1,
      modified: 1,
      waitApplied: 1,
      errApplied: 1,
      desiredReady: 0,
    });
    expect(summary.nonReadyResources).toHaveLength(6);
    expect(summary.nonReadyResources?.[0]).toEqual({ name: 'notready', bundleState: 'NotReady', message: 'm-NotReady' });
    expect(JSON.stringify(summary.nonReadyResources?.[0])).toContain('"bundleState":"NotReady"');
  });

  it('omits empty message and status lists', () => {
    const summary = incrementSummary(emptySummary(), { name: 'x', state: 'Modified', message: '', modifiedStatus: [], nonReadyStatus: [] });
    expect(summary.nonReadyResources).toEqual([{ name: 'x', bundleState: 'Modified' }]);
  });

  it('keeps status lists', () => {
    const modified = [{ kind: 'ConfigMap', name: 'cm', missing: true }];
    const summary = incrementSummary(emptySummary(), { name: 'x', state: 'Modified', modifiedStatus: modified, nonReadyStatus: [frontendNotReady] });
    expect(summary.nonReadyResources?.[0]).toEqual({
      name: 'x',
      bundleState: 'Modified',
      modifiedStatus: modified,
      nonReadyStatus: [frontendNotReady],
    });
  });

  it('stops listing after 10 entries but keeps counting', () => {
    let summary = emptySummary();
    for (let i = 0; i < 15; i++) summary = incrementSummary(summary, { name: `bd-${i}`, state: 'NotReady' });
    expect(summary.notReady).toBe(15);
    expect(summary.nonReadyResources).toHaveLength(MAX_NON_READY_RESOURCES);
    expect(summary.nonReadyResources?.[9]?.name).toBe('bd-9');
  });

  it('does not list items with an empty name', () => {
    expect(incrementSummary(emptySummary(), { name: '', state: 'ErrApplied' })).toEqual({ ready: 0, desiredReady: 0, errApplied: 1 });
  });

  it('lists but does not count unknown states', () => {
    expect(incrementSummary(emptySummary(), { name: 'x', state: 'Weird' })).toEqual({
      ready: 0,
      desiredReady: 0,
      nonReadyResources: [{ name: 'x', bundleState: 'Weird' }],
    });
  });

  it('does not mutate its input', () => {
    const start: BundleSummary = { ready: 1, desiredReady: 2, nonReadyResources: [{ name: 'a', bundleState: 'Pending' }] };
    const snapshot = structuredClone(start);
    incrementSummary(start, { name: 'b', state: 'Pending' });
    expect(start).toEqual(snapshot);
  });
});

describe('summarize', () => {
  it('adds one desiredReady per item', () => {
    const summary = summarize([
      { name: 'fleet-default/a', state: 'Ready' },
      { name: 'fleet-default/b', state: 'WaitApplied' },
      { name: 'fleet-default/c', state: 'Pending' },
    ]);
    expect(summary).toEqual({
      ready: 1,
      desiredReady: 3,
      waitApplied: 1,
      pending: 1,
      nonReadyResources: [
        { name: 'fleet-default/b', bundleState: 'WaitApplied' },
        { name: 'fleet-default/c', bundleState: 'Pending' },
      ],
    });
    expect(isSummaryReady(summary)).toBe(false);
    expect(readyFraction(summary)).toBe('1/3');
  });

  it('of nothing is ready 0/0', () => {
    expect(isSummaryReady(summarize([]))).toBe(true);
    expect(readyFraction(undefined)).toBe('0/0');
  });
});

describe('addSummaries', () => {
  const listed = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, i) => ({ name: `${prefix}${i}`, bundleState: 'NotReady' as const }));

  it('sums every counter and omits zero optional counters', () => {
    expect(addSummaries({ ready: 1, desiredReady: 2, modified: 1 }, { ready: 2, desiredReady: 2, pending: 0 })).toEqual({
      ready: 3,
      desiredReady: 4,
      modified: 1,
    });
    expect(addSummaries(undefined, undefined)).toEqual({ ready: 0, desiredReady: 0 });
  });

  it('appends the right list whole while the left has fewer than 10', () => {
    const sum = addSummaries({ ready: 0, desiredReady: 9, nonReadyResources: listed(9, 'l') }, {
      ready: 0,
      desiredReady: 5,
      nonReadyResources: listed(5, 'r'),
    });
    expect(sum.nonReadyResources).toHaveLength(14);
    const full = addSummaries({ ready: 0, desiredReady: 10, nonReadyResources: listed(10, 'l') }, {
      ready: 0,
      desiredReady: 1,
      nonReadyResources: listed(1, 'r'),
    });
    expect(full.nonReadyResources).toHaveLength(10);
  });
});

describe('readyConditionMessage', () => {
  it('is empty when nothing is non-ready', () => {
    expect(readyConditionMessage({ ready: 2, desiredReady: 2 }, 'Bundle')).toBe('');
    expect(readyConditionMessage(undefined, 'Bundle')).toBe('');
  });

  it('renders the contract examples', () => {
    expect(
      readyConditionMessage(summarize([{ name: 'fleet-default/downstream4', state: 'WaitApplied' }]), 'Cluster'),
    ).toBe('WaitApplied(1) [Cluster fleet-default/downstream4]');
    expect(
      readyConditionMessage(summarize([{ name: 'simple-simple', state: 'NotReady', nonReadyStatus: [frontendNotReady] }]), 'Bundle'),
    ).toBe(
      'NotReady(1) [Bundle simple-simple]; deployment.apps default/frontend [progressing] Deployment does not have minimum availability., Available: 0/1',
    );
  });

  it('adds the message of the first listed resource of each state', () => {
    const summary = summarize([
      { name: 'a', state: 'ErrApplied', message: 'helm failed' },
      { name: 'b', state: 'ErrApplied', message: 'other' },
    ]);
    expect(readyConditionMessage(summary, 'Bundle')).toBe('ErrApplied(2) [Bundle a: helm failed]');
  });

  it('sorts all fragments and takes up to 4 modified and 4 non-ready objects', () => {
    const modifiedStatus = Array.from({ length: 6 }, (_, i) => ({ kind: 'ConfigMap', apiVersion: 'v1', namespace: 'ns', name: `cm${i}`, missing: true }));
    const nonReadyStatus = Array.from({ length: 6 }, (_, i) => ({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      namespace: 'ns',
      name: `d${i}`,
      summary: { state: 'updating' },
    }));
    const summary = summarize([
      { name: 'z-bd', state: 'Modified', modifiedStatus, nonReadyStatus },
      { name: 'a-bd', state: 'OutOfSync' },
    ]);
    expect(readyConditionMessage(summary, 'Bundle')).toBe(
      [
        'Modified(1) [Bundle z-bd]',
        'OutOfSync(1) [Bundle a-bd]',
        'configmap.v1 ns/cm0 missing',
        'configmap.v1 ns/cm1 missing',
        'configmap.v1 ns/cm2 missing',
        'configmap.v1 ns/cm3 missing',
        'deployment.apps ns/d0 updating',
        'deployment.apps ns/d1 updating',
        'deployment.apps ns/d2 updating',
        'deployment.apps ns/d3 updating',
      ].join('; '),
    );
  });

  it('skips a counted state whose resources were not listed (cap reached)', () => {
    let summary = emptySummary();
    for (let i = 0; i < 10; i++) summary = incrementSummary(summary, { name: `n${i}`, state: 'NotReady' });
    summary = incrementSummary(summary, { name: 'late', state: 'ErrApplied' });
    expect(summary.errApplied).toBe(1);
    expect(readyConditionMessage(summary, 'Bundle')).toBe('NotReady(10) [Bundle n0]');
  });
});

// -------------------------------------------------------------------------------------------------
// Conditions
// -------------------------------------------------------------------------------------------------

describe('setCondition', () => {
  it('formats times as RFC 3339 seconds in UTC', () => {
    expect(formatConditionTime(new Date('2025-01-02T03:04:05.678Z'))).toBe('2025-01-02T03:04:05Z');
    expect(formatConditionTime(Date.UTC(2025, 0, 2, 3, 4, 5))).toBe('2025-01-02T03:04:05Z');
    expect(formatConditionTime(NOW)).toBe(NOW);
  });

  it('appends a new condition and stamps lastUpdateTime because the status changed from Unknown', () => {
    expect(setCondition(undefined, { type: 'Ready', status: 'True' }, NOW)).toEqual([
      { type: 'Ready', status: 'True', lastUpdateTime: NOW },
    ]);
  });

  it('creates an Unknown condition without a timestamp (nothing changed)', () => {
    expect(setCondition([], { type: 'Ready', status: 'Unknown' }, NOW)).toEqual([{ type: 'Ready', status: 'Unknown' }]);
  });

  it('returns the same array when nothing changes', () => {
    const conditions: Condition[] = [{ type: 'Ready', status: 'True', lastUpdateTime: NOW }];
    expect(setCondition(conditions, { type: 'Ready', status: 'True', message: '' }, LATER)).toBe(conditions);
  });

  it('bumps lastUpdateTime on a message change, not on a reason change', () => {
    const conditions: Condition[] = [{ type: 'Ready', status: 'False', message: 'a', lastUpdateTime: NOW }];
    expect(setCondition(conditions, { type: 'Ready', status: 'False', message: 'b' }, LATER)).toEqual([
      { type: 'Ready', status: 'False', message: 'b', lastUpdateTime: LATER },
    ]);
    expect(setCondition(conditions, { type: 'Ready', status: 'False', reason: 'Why' }, LATER)).toEqual([
      { type: 'Ready', status: 'False', message: 'a', reason: 'Why', lastUpdateTime: NOW },
    ]);
  });

  it('keeps other conditions, their order, and does not mutate the input', () => {
    const conditions: Condition[] = [
      { type: 'Accepted', status: 'True', lastUpdateTime: NOW },
      { type: 'Ready', status: 'True', lastUpdateTime: NOW },
    ];
    const snapshot = structuredClone(conditions);
    const next = setCondition(conditions, { type: 'Accepted', status: 'False', message: 'denied' }, LATER);
    expect(next.map((c) => c.type)).toEqual(['Accepted', 'Ready']);
    expect(next[0]).toEqual({ type: 'Accepted', status: 'False', message: 'denied', lastUpdateTime: LATER });
    expect(conditions).toEqual(snapshot);
  });

  it('clears reason and message with empty strings (omitted like omitempty)', () => {
    const conditions: Condition[] = [{ type: 'Ready', status: 'False', reason: 'Error', message: 'x', lastUpdateTime: NOW }];
    expect(setCondition(conditions, { type: 'Ready', status: 'True', reason: '', message: '' }, LATER)).toEqual([
      { type: 'Ready', status: 'True', lastUpdateTime: LATER },
    ]);
  });

  it('only writes lastTransitionTime when asked, and only on status changes', () => {
    const conditions: Condition[] = [{ type: 'Ready', status: 'True', lastUpdateTime: NOW, lastTransitionTime: NOW }];
    expect(setCondition(conditions, { type: 'Ready', status: 'False' }, LATER)[0]?.lastTransitionTime).toBe(NOW);
    expect(setCondition(conditions, { type: 'Ready', status: 'False' }, LATER, { lastTransitionTime: true })[0]?.lastTransitionTime).toBe(
      LATER,
    );
    expect(
      setCondition(conditions, { type: 'Ready', status: 'True', message: 'x' }, LATER, { lastTransitionTime: true })[0]
        ?.lastTransitionTime,
    ).toBe(NOW);
  });
});

describe('setErrorCondition', () => {
  it('sets True with an empty message when there is no error', () => {
    const conditions: Condition[] = [{ type: 'Accepted', status: 'False', reason: 'Error', message: 'x', lastUpdateTime: NOW }];
    expect(setErrorCondition(conditions, 'Accepted', undefined, LATER)).toEqual([
      { type: 'Accepted', status: 'True', lastUpdateTime: LATER },
    ]);
    expect(setErrorCondition([], 'Accepted', null, NOW, 'Ok')).toEqual([
      { type: 'Accepted', status: 'True', reason: 'Ok', lastUpdateTime: NOW },
    ]);
  });

  it('sets False with the error text and reason Error', () => {
    expect(setErrorCondition([], 'Accepted', new Error('disallowed serviceAccount x'), NOW)).toEqual([
      { type: 'Accepted', status: 'False', reason: 'Error', message: 'disallowed serviceAccount x', lastUpdateTime: NOW },
    ]);
    expect(setErrorCondition([], 'Stalled', 'job failed', NOW, 'Stalled')).toEqual([
      { type: 'Stalled', status: 'False', reason: 'Stalled', message: 'job failed', lastUpdateTime: NOW },
    ]);
  });
});

describe('setReadyCondition', () => {
  it('is True with the reason cleared when ready', () => {
    const errored = setErrorCondition([], 'Ready', new Error('some error occurred'), NOW);
    expect(setReadyCondition(errored, { ready: 5, desiredReady: 5 }, 'Cluster', LATER)).toEqual([
      { type: 'Ready', status: 'True', lastUpdateTime: LATER },
    ]);
  });

  it('is False with the summary message otherwise', () => {
    const summary = summarize([{ name: 'fleet-default/downstream4', state: 'WaitApplied' }]);
    expect(setReadyCondition(undefined, summary, 'Cluster', NOW)).toEqual([
      { type: 'Ready', status: 'False', message: 'WaitApplied(1) [Cluster fleet-default/downstream4]', lastUpdateTime: NOW },
    ]);
  });
});

// -------------------------------------------------------------------------------------------------
// Resource counts
// -------------------------------------------------------------------------------------------------

describe('resource counts', () => {
  it('starts with all eight counters at zero', () => {
    expect(emptyResourceCounts()).toEqual({
      ready: 0,
      desiredReady: 0,
      waitApplied: 0,
      modified: 0,
      orphaned: 0,
      missing: 0,
      unknown: 0,
      notReady: 0,
    });
  });

  it('sums field-wise, treating missing fields as 0', () => {
    expect(addResourceCounts(counts({ ready: 1, desiredReady: 2, notReady: 1 }), { ready: 3, missing: 1 })).toEqual(
      counts({ ready: 4, desiredReady: 2, notReady: 1, missing: 1 }),
    );
    expect(addResourceCounts(undefined, undefined)).toEqual(emptyResourceCounts());
  });

  it('builds cluster ids', () => {
    expect(clusterId('fleet-default', 'prod-1')).toBe('fleet-default/prod-1');
  });
});

// -------------------------------------------------------------------------------------------------
// Display roll-ups
// -------------------------------------------------------------------------------------------------

const bdLabels = (clusterNs: string, cluster: string, extra: Record<string, string> = {}) => ({
  'fleet.cattle.io/cluster-namespace': clusterNs,
  'fleet.cattle.io/cluster': cluster,
  'fleet.cattle.io/bundle-namespace': clusterNs,
  ...extra,
});

describe('bundleDisplay', () => {
  it('shows ready/desired clusters and the worst listed state', () => {
    expect(bundleDisplay(summarize([{ name: 'fleet-local/local', state: 'Ready' }]))).toEqual({ readyClusters: '1/1', state: '' });
    expect(
      bundleDisplay(summarize([{ name: 'a/x', state: 'Pending' }, { name: 'a/y', state: 'WaitApplied' }, { name: 'a/z', state: 'Ready' }])),
    ).toEqual({ readyClusters: '1/3', state: 'WaitApplied' });
  });
});

describe('rollUpBundleDeployments (GitRepo / HelmOp)', () => {
  it('matches the steady state of example 1 (simple on fleet-local)', () => {
    const rollup = rollUpBundleDeployments([
      bd({ labels: bdLabels('fleet-local', 'local', { 'fleet.cattle.io/repo-name': 'simple' }), resourceCounts: counts({ ready: 2, desiredReady: 2 }) }),
    ]);
    expect(rollup).toEqual({
      summary: { ready: 1, desiredReady: 1 },
      readyClusters: 1,
      desiredReadyClusters: 1,
      resourceCounts: counts({ ready: 2, desiredReady: 2 }),
      perClusterResourceCounts: { 'fleet-local/local': counts({ ready: 2, desiredReady: 2 }) },
      display: { readyBundleDeployments: '1/1', state: '', message: '', error: false },
    });
  });

  it('reports the worst state and the message of the first BD in it (uid order)', () => {
    const rollup = rollUpBundleDeployments([
      bd({ name: 'b2', uid: 'c', labels: bdLabels('fleet-default', 'c2'), appliedDeploymentID: 'old', conditions: [cond('Deployed', 'False', 'second')] }),
      bd({ name: 'b1', uid: 'a', labels: bdLabels('fleet-default', 'c1') }),
      bd({ name: 'b3', uid: 'b', labels: bdLabels('fleet-default', 'c1'), appliedDeploymentID: 'old', conditions: [cond('Deployed', 'False', 'first')] }),
    ]);
    expect(rollup.display).toEqual({ readyBundleDeployments: '1/3', state: 'ErrApplied', message: 'first', error: true });
    expect(rollup.summary.nonReadyResources?.map((r) => r.name)).toEqual(['b3', 'b2']);
    expect(rollup.desiredReadyClusters).toBe(2);
    expect(rollup.readyClusters).toBe(0);
  });

  it('counts a cluster ready only when all its BDs are Ready', () => {
    const rollup = rollUpBundleDeployments([
      bd({ name: 'a', uid: '1', labels: bdLabels('ns', 'c1') }),
      bd({ name: 'b', uid: '2', labels: bdLabels('ns', 'c1') }),
      bd({ name: 'c', uid: '3', labels: bdLabels('ns', 'c2') }),
      bd({ name: 'd', uid: '4', labels: bdLabels('ns', 'c2'), ready: false, nonReadyStatus: [frontendNotReady] }),
    ]);
    expect(rollup.readyClusters).toBe(1);
    expect(rollup.desiredReadyClusters).toBe(2);
    expect(rollup.display.state).toBe('NotReady');
    expect(rollup.display.error).toBe(false);
  });

  it('of no BDs is 0/0 and empty', () => {
    expect(rollUpBundleDeployments([]).display).toEqual({ readyBundleDeployments: '0/0', state: '', message: '', error: false });
  });
});

describe('GitRepo display', () => {
  it.each([
    ['Current', 'ErrApplied', 'ErrApplied'],
    ['Current', '', ''],
    ['InProgress', '', 'GitUpdating'],
    ['Failed', 'Modified', 'GitUpdating'],
    [undefined, '', 'GitUpdating'],
  ])('gitJobStatus %j turns %j into %j', (jobStatus, state, expected) => {
    expect(gitRepoDisplayState(state, jobStatus)).toBe(expected);
  });

  it('keeps the rest of the display', () => {
    expect(gitRepoDisplay({ readyBundleDeployments: '1/1', state: '', message: '', error: false }, 'InProgress')).toEqual({
      readyBundleDeployments: '1/1',
      state: 'GitUpdating',
      message: '',
      error: false,
    });
  });
});

describe('clusterDisplay', () => {
  it('is WaitCheckIn until the agent has a lastSeen', () => {
    expect(clusterDisplay({ ready: 2, desiredReady: 2 }, undefined)).toEqual({ readyBundles: '2/2', state: 'WaitCheckIn' });
    expect(clusterDisplay({ ready: 0, desiredReady: 0 }, { lastSeen: '' })).toEqual({ readyBundles: '0/0', state: 'WaitCheckIn' });
    expect(hasAgentCheckedIn({ lastSeen: '0001-01-01T00:00:00Z' })).toBe(false);
    expect(hasAgentCheckedIn({ lastSeen: NOW })).toBe(true);
  });

  it('shows the worst BD state after check-in', () => {
    const summary = summarize([
      { name: 'fleet-agent-local', state: 'Ready' },
      { name: 'simple-simple', state: 'Modified' },
    ]);
    expect(clusterDisplay(summary, { lastSeen: NOW })).toEqual({ readyBundles: '1/2', state: 'Modified' });
  });
});

describe('rollUpClusterBundleDeployments', () => {
  it('counts every BD (agent bundle included) and the GitRepos/HelmOps they belong to', () => {
    const rollup = rollUpClusterBundleDeployments(
      [
        bd({ name: 'simple-simple', labels: bdLabels('fleet-local', 'local', { 'fleet.cattle.io/repo-name': 'simple', 'fleet.cattle.io/bundle-namespace': 'fleet-local' }) }),
        bd({ name: 'fleet-agent-local', labels: { 'fleet.cattle.io/bundle-namespace': 'fleet-local' } }),
        bd({ name: 'helm-a', labels: { 'fleet.cattle.io/repo-name': 'helm', 'fleet.cattle.io/bundle-namespace': 'fleet-local' }, ready: false }),
        bd({ name: 'helm-b', labels: { 'fleet.cattle.io/repo-name': 'helm', 'fleet.cattle.io/bundle-namespace': 'fleet-local' } }),
        bd({ name: 'gone', labels: { 'fleet.cattle.io/repo-name': 'deleted', 'fleet.cattle.io/bundle-namespace': 'fleet-local' }, ready: false }),
        bd({ name: 'op', labels: { 'fleet.cattle.io/fleet-helm-name': 'my-op', 'fleet.cattle.io/bundle-namespace': 'fleet-local' }, ready: false }),
      ],
      (_kind, _ns, name) => name !== 'deleted',
    );
    expect(rollup.summary.desiredReady).toBe(6);
    expect(rollup.summary.ready).toBe(3);
    expect(rollup.summary.nonReadyResources?.map((r) => r.name)).toEqual(['gone', 'helm-a', 'op']);
    expect(rollup).toMatchObject({ readyGitRepos: 2, desiredReadyGitRepos: 2, readyHelmOps: 0, desiredReadyHelmOps: 1 });
  });
});

describe('ClusterGroup roll-up', () => {
  const cluster = (name: string, summary?: BundleSummary): Pick<Cluster, 'metadata' | 'status'> => ({
    metadata: { name, namespace: 'fleet-default' },
    status: summary ? { summary, resourceCounts: counts({ ready: summary.ready, desiredReady: summary.desiredReady }) } : undefined,
  });

  it('formats readyClusters with the non-ready names', () => {
    expect(clusterGroupReadyClusters(1, 0)).toBe('1/1');
    expect(clusterGroupReadyClusters(3, 2, ['a', 'b'])).toBe('1/3 (a,b)');
  });

  it('matches the steady state of the fleet-local default group', () => {
    const rollup = rollUpClusterGroup([cluster('local', { ready: 2, desiredReady: 2 })]);
    expect(rollup).toEqual({
      clusterCount: 1,
      nonReadyClusterCount: 0,
      nonReadyClusters: [],
      summary: { ready: 2, desiredReady: 2 },
      resourceCounts: counts({ ready: 2, desiredReady: 2 }),
      display: { readyBundles: '2/2', readyClusters: '1/1', state: '' },
    });
  });

  it('lists up to 10 non-ready clusters in name order and takes the worst state', () => {
    const members = Array.from({ length: 12 }, (_, i) =>
      cluster(`c${String(i).padStart(2, '0')}`, summarize([{ name: 'app', state: i === 5 ? 'ErrApplied' : 'NotReady' }])),
    ).reverse();
    members.push(cluster('ok', { ready: 1, desiredReady: 1 }));
    members.push(cluster('new')); // no status yet: 0/0 is ready
    const rollup = rollUpClusterGroup(members);
    expect(rollup.clusterCount).toBe(14);
    expect(rollup.nonReadyClusterCount).toBe(12);
    expect(rollup.nonReadyClusters).toEqual(['c00', 'c01', 'c02', 'c03', 'c04', 'c05', 'c06', 'c07', 'c08', 'c09']);
    expect(rollup.display.readyClusters).toBe('2/14 (c00,c01,c02,c03,c04,c05,c06,c07,c08,c09)');
    expect(rollup.display.readyBundles).toBe('1/13');
    expect(rollup.display.state).toBe('ErrApplied');
  });
});

// -------------------------------------------------------------------------------------------------
// Buckets
// -------------------------------------------------------------------------------------------------

describe('stateBucket', () => {
  it.each([
    ['ErrApplied', 'error'],
    ['WaitApplied', 'pending'],
    ['Pending', 'pending'],
    ['GitUpdating', 'pending'],
    ['WaitCheckIn', 'warning'],
    ['Modified', 'warning'],
    ['OutOfSync', 'warning'],
    ['NotReady', 'warning'],
    ['Ready', 'active'],
    ['', 'active'],
    [undefined, 'active'],
    ['errapplied', 'error'],
    ['waitcheckin', 'warning'],
    ['SomethingNew', 'warning'],
  ] as const)('%j → %s', (state, bucket) => {
    expect(stateBucket(state)).toBe(bucket);
  });
});
