import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/fleet/digest';
import type { Bundle, BundleDeployment, Cluster } from '../../lib/fleet/types';
import { clusterTargetingChanged, contentObject, deploymentSpec } from './bundle-controller';
import { targetShape } from './bundle-routes';

const bundle = (spec: Bundle['spec'] = {}): Bundle => ({ apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'Bundle', metadata: { name: 'app', namespace: 'ws' }, spec });

describe('deploymentSpec', () => {
  it('stages and promotes the new deployment', () => {
    const spec = deploymentSpec(bundle({ dependsOn: [{ name: 'db' }] }), { defaultNamespace: 'web' }, 's-1:a', false, undefined);
    expect(spec).toEqual({
      options: { defaultNamespace: 'web' },
      deploymentID: 's-1:a',
      stagedOptions: { defaultNamespace: 'web' },
      stagedDeploymentID: 's-1:a',
      dependsOn: [{ name: 'db' }],
    });
  });

  it('only stages while paused, keeping what was promoted before', () => {
    const existing = { spec: { options: { defaultNamespace: 'old' }, deploymentID: 's-0:a' } } as BundleDeployment;
    expect(deploymentSpec(bundle({ paused: true }), { defaultNamespace: 'web' }, 's-1:a', true, existing)).toEqual({
      paused: true,
      options: { defaultNamespace: 'old' },
      deploymentID: 's-0:a',
      stagedOptions: { defaultNamespace: 'web' },
      stagedDeploymentID: 's-1:a',
    });
    expect(deploymentSpec(bundle(), {}, 's-1:a', true, undefined)).toEqual({ paused: true, stagedOptions: {}, stagedDeploymentID: 's-1:a' });
  });

  it('carries correctDrift from the options', () => {
    expect(deploymentSpec(bundle(), { correctDrift: { enabled: true } }, 'x', false, undefined).correctDrift).toEqual({ enabled: true });
  });
});

describe('contentObject', () => {
  it('stores the manifest gzip’d with its sha256', () => {
    const content = contentObject('s-abc', '{"resources":[]}\n');
    expect(gunzipSync(Buffer.from(content.content, 'base64')).toString()).toBe('{"resources":[]}\n');
    expect(content.sha256sum).toBe(sha256Hex('{"resources":[]}\n'));
    expect(content.metadata.name).toBe('s-abc');
  });
});

describe('targetShape', () => {
  it('routes by name only when every target names a cluster', () => {
    expect(targetShape({ targets: [{ clusterName: 'a' }, { clusterName: 'b', clusterSelector: {} }] })).toEqual({ names: ['a', 'b'], usesGroups: false });
    expect(targetShape({ targets: [{ clusterName: 'a' }, { clusterSelector: {} }] })).toEqual({ usesGroups: false });
    expect(targetShape({ targets: [{ clusterGroup: 'default' }] })).toEqual({ usesGroups: true });
    expect(targetShape({ targets: [{ clusterSelector: {} }], targetRestrictions: [{ clusterGroupSelector: {} }] }).usesGroups).toBe(true);
    expect(targetShape({})).toEqual({ names: [], usesGroups: false });
  });
});

describe('clusterTargetingChanged', () => {
  const cluster = (labels: Record<string, string>, extra: Partial<Cluster> = {}): Cluster => ({
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'c', namespace: 'ws', labels },
    ...extra,
  });
  it('ignores status-only changes such as heartbeats', () => {
    const a = cluster({ env: 'dev' }, { status: { namespace: 'n', agent: { lastSeen: '1' } } });
    const b = cluster({ env: 'dev' }, { status: { namespace: 'n', agent: { lastSeen: '2' } } });
    expect(clusterTargetingChanged(a, b)).toBe(false);
    expect(clusterTargetingChanged(a, cluster({ env: 'prod' }, { status: { namespace: 'n' } }))).toBe(true);
    expect(clusterTargetingChanged(a, cluster({ env: 'dev' }, { status: { namespace: 'n' }, spec: { paused: true } }))).toBe(true);
    expect(clusterTargetingChanged(a, cluster({ env: 'dev' }, { status: { namespace: 'other' } }))).toBe(true);
  });
});

describe('referencedContents', () => {
  it('keeps the contents of promoted and staged deployments', async () => {
    const { referencedContents } = await import('./content-gc');
    expect([...referencedContents([{ spec: { deploymentID: 's-a:1', stagedDeploymentID: 's-b:2' } }, { spec: {} }])].sort()).toEqual(['s-a', 's-b']);
  });
});
