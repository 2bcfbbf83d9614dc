import { describe, expect, it } from 'vitest';
import { BUNDLE_LABEL, BUNDLE_NAMESPACE_LABEL } from '../../lib/fleet/labels';
import type { BundleDeployment } from '../../lib/fleet/types';
import { dependencyProblem } from './dependencies';

function bd(name: string, ready: boolean, extra: Partial<BundleDeployment> = {}, labels: Record<string, string> = {}): BundleDeployment {
  return {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'BundleDeployment',
    metadata: { name, namespace: 'cluster-x', labels: { [BUNDLE_LABEL]: name, [BUNDLE_NAMESPACE_LABEL]: 'fleet-default', ...labels } },
    spec: { deploymentID: 'd', stagedDeploymentID: 'd' },
    status: { appliedDeploymentID: 'd', ready, nonModified: true },
    ...extra,
  };
}

describe('dependencyProblem', () => {
  it('is undefined without dependsOn', () => {
    expect(dependencyProblem(bd('app', true), [])).toBeUndefined();
  });

  it('waits for a dependency named by bundle name', () => {
    const app = bd('app', true, { spec: { deploymentID: 'd', dependsOn: [{ name: 'db' }] } });
    expect(dependencyProblem(app, [app, bd('db', false)])).toBe('dependent bundle(s) are not ready: [db]');
    expect(dependencyProblem(app, [app, bd('db', true)])).toBeUndefined();
  });

  it('reports a dependency that does not exist', () => {
    const app = bd('app', true, { spec: { deploymentID: 'd', dependsOn: [{ name: 'db' }] } });
    expect(dependencyProblem(app, [app])).toBe(
      'list bundledeployments: no bundles matching labels fleet.cattle.io/bundle-name=db,fleet.cattle.io/bundle-namespace=fleet-default in namespace cluster-x',
    );
  });

  it('matches dependencies by selector and honours acceptedStates', () => {
    const app = bd('app', true, {
      spec: { deploymentID: 'd', dependsOn: [{ selector: { matchLabels: { tier: 'data' } }, acceptedStates: ['Ready', 'NotReady'] }] },
    });
    const db = bd('db', false, {}, { tier: 'data' });
    const cache = bd('cache', true, { status: { appliedDeploymentID: 'old', ready: true } }, { tier: 'data' });
    expect(dependencyProblem(app, [app, db, cache])).toBe('dependent bundle(s) are not ready: [cache]');
  });
});
