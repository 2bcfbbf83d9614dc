import { describe, expect, it } from 'vitest';
import { CLUSTER_LABEL, CLUSTER_NAMESPACE_LABEL } from '../../../lib/fleet/labels';
import type { BundleDeployment, BundleDeploymentStatus } from '../../../lib/fleet/types';
import { aggregateResources, resourceId, resourceType } from './resources';

function bd(cluster: string, status: BundleDeploymentStatus, deploymentID = 'd'): BundleDeployment {
  return {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'BundleDeployment',
    metadata: { name: 'app', namespace: `cluster-${cluster}`, labels: { [CLUSTER_NAMESPACE_LABEL]: 'fleet-default', [CLUSTER_LABEL]: cluster } },
    spec: { deploymentID, stagedDeploymentID: 'd' },
    status,
  };
}

const deployment = { kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'web', name: 'frontend' };
const configMap = { kind: 'ConfigMap', apiVersion: 'v1', namespace: 'web', name: 'settings' };
const ready: BundleDeploymentStatus = { appliedDeploymentID: 'd', ready: true, nonModified: true, resources: [deployment, configMap] };

describe('resourceType / resourceId', () => {
  it('prefixes the API group, leaving core kinds bare', () => {
    expect(resourceType('Deployment', 'apps/v1')).toBe('apps.deployment');
    expect(resourceType('ConfigMap', 'v1')).toBe('configmap');
    expect(resourceId('web', 'x')).toBe('web/x');
    expect(resourceId('', 'cluster-role')).toBe('cluster-role');
  });
});

describe('aggregateResources', () => {
  it('lists each object once with its clusters per state, sorted by type/id', () => {
    const resources = aggregateResources([
      bd('b', {
        ...ready,
        ready: false,
        nonReadyStatus: [{ ...deployment, summary: { state: 'updating', transitioning: true, message: ['not available', 'Available: 0/1'] } }],
      }),
      bd('a', ready),
      bd('c', { ...ready, nonModified: false, modifiedStatus: [{ ...configMap, patch: '{"data":{}}' }] }),
      bd('d', { appliedDeploymentID: 'old', ready: true, resources: [deployment] }),
    ]);
    expect(resources.map((r) => `${r.type}/${r.id}`)).toEqual(['apps.deployment/web/frontend', 'configmap/web/settings']);
    const [dep, cm] = resources;
    expect(dep).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      state: 'updating',
      transitioning: true,
      message: 'not available; Available: 0/1',
      perClusterState: { ready: ['fleet-default/a', 'fleet-default/c'], notReady: ['fleet-default/b'], waitApplied: ['fleet-default/d'] },
    });
    expect(cm).toMatchObject({
      state: 'Modified',
      perClusterState: { ready: ['fleet-default/a', 'fleet-default/b'], modified: ['fleet-default/c'] },
    });
  });

  it('marks missing and extra objects', () => {
    const [extra, missing] = aggregateResources([
      bd('a', {
        appliedDeploymentID: 'd',
        ready: true,
        nonModified: false,
        resources: [],
        modifiedStatus: [
          { ...configMap, missing: true },
          { kind: 'Secret', apiVersion: 'v1', namespace: 'web', name: 'old', delete: true },
        ],
      }),
    ]).reverse();
    expect(missing).toMatchObject({ name: 'settings', state: 'Missing', perClusterState: { missing: ['fleet-default/a'] } });
    expect(extra).toMatchObject({ name: 'old', state: 'Orphaned', perClusterState: { orphaned: ['fleet-default/a'] } });
  });

  it('is Ready when every cluster is', () => {
    expect(aggregateResources([bd('a', ready)])[0]).toMatchObject({ state: 'Ready', perClusterState: { ready: ['fleet-default/a'] } });
  });
});
