import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectStore } from '../apiserver/object-store';
import { Registry } from '../apiserver/registry';
import { ControllerClient } from './client';
import { FleetIndex } from './fleet-index';

let dir: string;
let store: ObjectStore;
let client: ControllerClient;
let index: FleetIndex;

const bdLabels = (cluster: string, bundle: string, repo?: string) => ({
  'fleet.cattle.io/bundle-name': bundle,
  'fleet.cattle.io/bundle-namespace': 'ws',
  'fleet.cattle.io/cluster': cluster,
  'fleet.cattle.io/cluster-namespace': 'ws',
  ...(repo ? { 'fleet.cattle.io/repo-name': repo } : {}),
});

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fleet-index-'));
  store = new ObjectStore({ dataDir: dir });
  client = new ControllerClient(new Registry(store));
  for (const name of ['ws', 'cluster-a', 'cluster-b']) client.create('namespaces', { metadata: { name } });
  // Objects that exist before the index starts are picked up by its initial list.
  client.create('clusters', { metadata: { name: 'a', namespace: 'ws', labels: { 'management.cattle.io/cluster-display-name': 'Alpha' } } });
  index = new FleetIndex(client);
});

afterEach(() => {
  index.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('FleetIndex', () => {
  it('finds clusters by namespace, name, display name and cluster namespace', () => {
    client.create('clusters', { metadata: { name: 'b', namespace: 'ws' } });
    client.updateStatus('clusters', 'ws', 'a', { namespace: 'cluster-a' });
    expect(index.clustersIn('ws').map((c) => c.metadata.name).sort()).toEqual(['a', 'b']);
    expect(index.clustersNamed('ws', 'Alpha').map((c) => c.metadata.name)).toEqual(['a']);
    expect(index.clustersNamed('ws', 'b').map((c) => c.metadata.name)).toEqual(['b']);
    expect(index.clusterKeyForNamespace('cluster-a')).toBe('ws/a');
    client.delete('clusters', 'ws', 'a');
    expect(index.clusterKeyForNamespace('cluster-a')).toBeUndefined();
    expect(index.clustersNamed('ws', 'Alpha')).toEqual([]);
  });

  it('indexes BundleDeployments by namespace, bundle and repo, following label changes', () => {
    client.create('bundledeployments', { metadata: { name: 'app', namespace: 'cluster-a', labels: bdLabels('a', 'app', 'repo') } });
    client.create('bundledeployments', { metadata: { name: 'app', namespace: 'cluster-b', labels: bdLabels('b', 'app') } });
    expect([...index.deploymentKeysOfBundle('ws/app')].sort()).toEqual(['cluster-a/app', 'cluster-b/app']);
    expect(index.deploymentsOfRepo('ws/repo').map((bd) => bd.metadata.namespace)).toEqual(['cluster-a']);
    expect(index.deploymentCountOfRepo('ws/repo')).toBe(1);
    expect([...index.deploymentKeysIn('cluster-b')]).toEqual(['cluster-b/app']);

    client.mutate('bundledeployments', 'cluster-b', 'app', (bd) => ({ ...bd, metadata: { ...bd.metadata, labels: bdLabels('b', 'app', 'repo') } }));
    expect(index.deploymentCountOfRepo('ws/repo')).toBe(2);
    client.updateStatus('bundledeployments', 'cluster-b', 'app', { ready: true });
    expect(index.deployments.get('cluster-b/app')?.status).toEqual({ ready: true });
    expect(index.deploymentCountOfRepo('ws/repo')).toBe(2);

    client.delete('bundledeployments', 'cluster-a', 'app');
    expect([...index.deploymentKeysOfBundle('ws/app')]).toEqual(['cluster-b/app']);
    expect(index.repoKeysWithDeployments()).toEqual(['ws/repo']);
  });

  it('tells listeners after it has taken a change in', () => {
    const seen: string[] = [];
    index.onChange((resource, event) => seen.push(`${resource} ${event.type} ${index.bundles.has('ws/x')}`));
    client.create('bundles', { metadata: { name: 'x', namespace: 'ws' }, spec: {} });
    expect(seen).toEqual(['bundles ADDED true']);
    expect(index.bundlesIn('ws').map((b) => b.metadata.name)).toEqual(['x']);
  });
});
