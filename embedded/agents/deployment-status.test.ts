import { describe, expect, it } from 'vitest';
import { bundleDeploymentState } from '../../lib/fleet/state';
import type { BundleDeployment } from '../../lib/fleet/types';
import { NO_SIMULATION, simulationOf, SIMULATE_ANNOTATIONS } from './annotations';
import { agentStatus, idleStatus, monitorRelease, selectObjects, type Release } from './deployment-status';

const NOW = '2026-01-02T03:04:05Z';
const ID = 's-abc:def';

function bd(overrides: Partial<BundleDeployment> = {}): BundleDeployment {
  return {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'BundleDeployment',
    metadata: { name: 'app', namespace: 'cluster-ns' },
    spec: { deploymentID: ID, stagedDeploymentID: ID, options: { defaultNamespace: 'web' } },
    ...overrides,
  };
}

const release: Release = {
  deploymentID: ID,
  name: 'web/app',
  revision: 1,
  createdAt: NOW,
  objects: [
    { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'web', name: 'frontend' },
    { apiVersion: 'v1', kind: 'Service', namespace: 'web', name: 'frontend' },
    { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'web', name: 'settings' },
  ],
};

const outcome = (annotations: Record<string, string> = {}) => ({
  release,
  simulation: simulationOf(annotations),
  bundleName: 'app',
  isAgentBundle: false,
  now: NOW,
});

describe('agentStatus', () => {
  it('reports a deployed, ready release the way Fleet’s agent does', () => {
    const status = agentStatus(bd(), outcome());
    expect(status.appliedDeploymentID).toBe(ID);
    expect(status.release).toBe('web/app:1');
    expect(status.ready).toBe(true);
    expect(status.nonModified).toBe(true);
    expect(status.nonReadyStatus).toBeUndefined();
    expect(status.modifiedStatus).toBeUndefined();
    expect(status.display).toEqual({ deployed: 'True', monitored: 'True', state: 'Ready' });
    expect(status.conditions?.map((c) => [c.type, c.status])).toEqual([
      ['Installed', 'True'],
      ['Deployed', 'True'],
      ['Monitored', 'True'],
      ['Ready', 'True'],
    ]);
    expect(status.resources).toEqual(release.objects.map((o) => ({ ...o, createdAt: NOW })));
    expect(status.resourceCounts).toEqual({ ready: 3, desiredReady: 3, waitApplied: 0, modified: 0, orphaned: 0, missing: 0, unknown: 0, notReady: 0 });
    expect(bundleDeploymentState({ spec: bd().spec, status })).toBe('Ready');
  });

  it('keeps the old deployment and fails Deployed on an apply error (ErrApplied)', () => {
    const previous = agentStatus(bd(), outcome());
    const next = bd({ spec: { ...bd().spec, deploymentID: 's-new:1', stagedDeploymentID: 's-new:1' }, status: previous });
    const status = agentStatus(next, { ...outcome(), release: undefined, deployError: 'helm: quota exceeded' });
    expect(status.appliedDeploymentID).toBe(ID);
    expect(status.display).toEqual({ deployed: 'Error: helm: quota exceeded', monitored: 'True', state: 'ErrApplied' });
    const deployed = status.conditions?.find((c) => c.type === 'Deployed');
    expect(deployed).toMatchObject({ status: 'False', reason: 'Error', message: 'helm: quota exceeded' });
  });

  it('shows ErrApplied for a brand-new deployment that fails', () => {
    const status = agentStatus(bd(), { ...outcome(), release: undefined, deployError: 'boom' });
    expect(status.appliedDeploymentID).toBeUndefined();
    expect(status.display?.state).toBe('ErrApplied');
  });

  it('reports drift with a patch (Modified)', () => {
    const status = agentStatus(bd(), outcome({ [SIMULATE_ANNOTATIONS.drift]: 'deployment/frontend' }));
    expect(status.nonModified).toBe(false);
    expect(status.modifiedStatus).toEqual([
      { kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'web', name: 'frontend', patch: '{"spec":{"replicas":5}}' },
    ]);
    expect(status.display?.state).toBe('Modified');
    expect(status.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      message: 'deployment.apps web/frontend modified {"spec":{"replicas":5}}',
    });
    expect(status.resourceCounts).toMatchObject({ ready: 2, desiredReady: 3, modified: 1 });
  });

  it('reports non-ready objects with a kstatus-like summary (NotReady)', () => {
    const status = agentStatus(bd(), outcome({ [SIMULATE_ANNOTATIONS.notReady]: 'deployment/frontend' }));
    expect(status.ready).toBe(false);
    expect(status.nonReadyStatus?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'frontend',
      summary: { state: 'updating', transitioning: true, message: ['Deployment does not have minimum availability.', 'Available: 0/1'] },
    });
    expect(status.display?.state).toBe('NotReady');
    expect(status.conditions?.find((c) => c.type === 'Ready')?.message).toBe(
      'deployment.apps web/frontend [progressing] Deployment does not have minimum availability., Available: 0/1',
    );
    expect(status.resourceCounts).toMatchObject({ ready: 2, notReady: 1 });
  });

  it('reports missing and extra objects', () => {
    const status = agentStatus(
      bd(),
      outcome({ [SIMULATE_ANNOTATIONS.missing]: 'configmap/settings', [SIMULATE_ANNOTATIONS.extra]: 'secret/old-token' }),
    );
    expect(status.modifiedStatus).toEqual([
      { kind: 'ConfigMap', apiVersion: 'v1', namespace: 'web', name: 'settings', missing: true },
      { kind: 'Secret', apiVersion: 'v1', namespace: 'web', name: 'old-token', delete: true },
    ]);
    expect(status.resources?.map((r) => r.name)).toEqual(['frontend', 'frontend']);
    expect(status.resourceCounts).toMatchObject({ desiredReady: 3, ready: 2, missing: 1, orphaned: 1 });
  });

  it('only bumps condition times when something changed', () => {
    const first = agentStatus(bd(), outcome());
    const again = agentStatus(bd({ status: first }), { ...outcome(), now: '2030-01-01T00:00:00Z' });
    expect(again).toEqual(first);
  });
});

describe('idleStatus', () => {
  it('shows a paused, never-promoted deployment as OutOfSync', () => {
    const paused = bd({ spec: { stagedDeploymentID: ID, paused: true } });
    expect(idleStatus(paused, NOW).display?.state).toBe('OutOfSync');
  });
});

describe('selectObjects', () => {
  it('picks the first object for a wildcard, but never on the agent bundle', () => {
    const refs = simulationOf({ [SIMULATE_ANNOTATIONS.drift]: '*' }).drift;
    expect(selectObjects(refs, release.objects, 'app', false)).toEqual([release.objects[0]]);
    expect(selectObjects(refs, release.objects, 'fleet-agent-x', true)).toEqual([]);
  });

  it('honours bundle prefixes', () => {
    const refs = simulationOf({ [SIMULATE_ANNOTATIONS.drift]: 'other:deployment/frontend' }).drift;
    expect(selectObjects(refs, release.objects, 'app', false)).toEqual([]);
    expect(selectObjects(refs, release.objects, 'other', false)).toEqual([release.objects[0]]);
  });
});

describe('monitorRelease', () => {
  it('counts everything ready without a simulation', () => {
    expect(monitorRelease(release, NO_SIMULATION, 'app', false).resourceCounts.ready).toBe(3);
  });
});
