import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Cluster, GitRepo } from '../../lib/fleet/types';
import { startTestCluster, type InProcessCluster } from '../support/embedded-cluster';

/**
 * The first-start demo, as `npm start` runs it: controllers, simulated agents and the seeded
 * Git repositories must converge to something true on every page within seconds.
 */
describe('first-start demo', () => {
  let cluster: InProcessCluster;

  beforeAll(async () => {
    cluster = await startTestCluster({ controllers: true, demo: true });
  }, 60_000);

  afterAll(async () => {
    await cluster?.dispose();
  });

  const gitRepo = (namespace: string, name: string) => cluster.store.get('fleet.cattle.io/gitrepos', namespace, name)?.object as GitRepo | undefined;
  const clusters = () => cluster.store.list('fleet.cattle.io/clusters', 'fleet-default').map((s) => s.object as Cluster);

  async function eventually<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 45_000): Promise<T> {
    const started = Date.now();
    for (;;) {
      const value = read();
      if (done(value)) return value;
      if (Date.now() - started > timeoutMs) return value;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('seeds about 50 clusters with labels and three groups', () => {
    const seeded = clusters();
    expect(seeded).toHaveLength(48);
    expect(new Set(seeded.map((c) => c.metadata.labels?.env))).toEqual(new Set(['dev', 'staging', 'prod']));
    expect(cluster.store.list('fleet.cattle.io/clustergroups', 'fleet-default').map((s) => s.object.metadata.name).sort()).toEqual(['edge', 'production', 'staging']);
  });

  it('deploys the guestbook to the local cluster of fleet-local', async () => {
    const repo = await eventually(() => gitRepo('fleet-local', 'guestbook'), (r) => r?.status?.display?.readyBundleDeployments === '1/1');
    expect(repo?.status?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(repo?.status?.display?.readyBundleDeployments).toBe('1/1');
  });

  it('shows the failing cluster by name and message, and the drifting one as Modified', async () => {
    const podinfo = await eventually(
      () => gitRepo('fleet-default', 'podinfo'),
      (r) => (r?.status?.summary?.errApplied ?? 0) === 1 && (r?.status?.summary?.modified ?? 0) === 1,
    );
    expect(podinfo?.status?.summary).toMatchObject({ desiredReady: 48, ready: 46, errApplied: 1, modified: 1 });
    const ready = podinfo?.status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready?.status).toBe('False');
    expect(ready?.message).toContain('image tag "latest" is not allowed');
    const failingName = clusters().find((c) => c.metadata.annotations?.['fleet-deck.dev/simulate-apply-error'])?.metadata.name;
    // Cluster rollups are debounced after the GitRepo's, so wait for them too.
    const failing = await eventually(
      () => clusters().find((c) => c.metadata.name === failingName),
      (c) => c?.status?.display?.state === 'ErrApplied',
    );
    expect(failing?.status?.display?.state).toBe('ErrApplied');
  });

  it('seeds only once per data directory', async () => {
    const { seedDemo } = await import('../../embedded/demo/seed');
    await seedDemo(cluster.controllers!.client, { dataDir: cluster.dataDir });
    expect(clusters()).toHaveLength(48);
  });
});
