/**
 * The failure views of the BFF over the embedded cluster with its controllers and simulated
 * agents: failures are injected through the agents' annotations (offline, apply error, drift, not
 * ready) and git (a repository behind a password), and the BFF must name them — rows with
 * reasons, the per-cluster matrix, drift rows, events and hints.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { SIMULATE_ANNOTATIONS } from '../../embedded/agents/annotations';
import { ControllerClient } from '../../embedded/controllers/client';
import { registerFleetControllers } from '../../embedded/controllers/fleet';
import { createGitJobController } from '../../embedded/controllers/gitjob/gitjob-controller';
import { ControllerManager } from '../../embedded/controllers/runtime';
import type { MatrixQuery } from '../../lib/api/schemas';
import { troubleshootingHints } from '../../lib/fleet/hints';
import type { Cluster, GitRepo } from '../../lib/fleet/types';
import type { Bff } from '../../server/bff';
import { FleetCache } from '../../server/cache/fleet-cache';
import { kubeListWatchSource } from '../../server/cache/kube-source';
import type { ActiveKubeConfig } from '../../server/kube/config';
import { objectDetail } from '../../server/views/details';
import { clusterDrift, clusterGroupMatrix, gitRepoDrift, gitRepoMatrix } from '../../server/views/failures';
import { objectEvents } from '../../server/views/object-events';
import { startTestCluster, type InProcessCluster } from '../support/embedded-cluster';
import { GitRepos, startGitServer, type GitServer } from '../support/git-server';
import { waitFor } from './helpers';

const WS = 'failures';
const APPLY_ERROR = 'image "registry.invalid/web:nope" not found';
const MANIFEST = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  replicas: 1',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: settings',
  'data:',
  '  level: info',
  '',
].join('\n');
const TIMEOUT = 40_000;

let cluster: InProcessCluster;
let client: ControllerClient;
let manager: ControllerManager;
let repos: GitRepos;
let server: GitServer;
let authServer: GitServer;
let cache: FleetCache;
let bff: Bff;

const CLUSTERS: Record<string, Record<string, string>> = {
  'ok-1': {},
  'drift-1': { [SIMULATE_ANNOTATIONS.drift]: 'deployment/web' },
  'err-1': { [SIMULATE_ANNOTATIONS.applyError]: APPLY_ERROR },
  'slow-1': { [SIMULATE_ANNOTATIONS.notReady]: 'deployment/web' },
  'offline-1': { [SIMULATE_ANNOTATIONS.offline]: 'true' },
};

const ALL: MatrixQuery = { page: 1, limit: 50 };

beforeAll(async () => {
  cluster = await startTestCluster();
  client = new ControllerClient(cluster.registry);
  repos = new GitRepos();
  repos.create('app', { 'web/deploy.yaml': MANIFEST });
  server = await startGitServer(repos);
  authServer = await startGitServer(repos, { auth: { username: 'fleet', password: 's3cret' } });
  manager = new ControllerManager(client, () => undefined);
  registerFleetControllers(manager, {
    bundle: { debounceMs: 5 },
    status: { debounceMs: { bundle: 20, cluster: 20, clusterGroup: 20, gitRepo: 20 } },
    agents: { firstCheckInDelayMs: 20, tickMs: 25, retryIntervalMs: 300 },
    registration: { apiServerURL: cluster.url, apiServerCA: cluster.caPem },
  });
  manager.register(createGitJobController(client, { dataDir: cluster.dataDir, pollJitter: 0, log: () => undefined }));
  manager.start();

  client.create('fleetworkspaces', { metadata: { name: WS } });
  if (!client.get('namespaces', undefined, WS)) client.create('namespaces', { metadata: { name: WS } });
  for (const [name, annotations] of Object.entries(CLUSTERS)) {
    client.create<Cluster>('clusters', { metadata: { name, namespace: WS, labels: { env: 'test' }, annotations }, spec: {} });
  }
  client.create('clustergroups', { metadata: { name: 'test', namespace: WS }, spec: { selector: { matchLabels: { env: 'test' } } } });
  const target = [{ clusterSelector: { matchLabels: { env: 'test' } } }];
  client.create<GitRepo>('gitrepos', { metadata: { name: 'app', namespace: WS }, spec: { repo: server.url('app'), paths: ['web'], pollingInterval: '1h', targets: target } });
  client.create<GitRepo>('gitrepos', { metadata: { name: 'locked', namespace: WS }, spec: { repo: authServer.url('app'), paths: ['web'], pollingInterval: '1h', targets: target } });
  client.create<GitRepo>('gitrepos', { metadata: { name: 'nowhere', namespace: WS }, spec: { repo: server.url('app'), paths: ['web'], pollingInterval: '1h', targets: [{ clusterSelector: { matchLabels: { env: 'none' } } }] } });

  cache = new FleetCache((ref) => kubeListWatchSource(cluster.kubeConfig, ref));
  cache.start();
  bff = { kube: { kc: cluster.kubeConfig } as unknown as ActiveKubeConfig, cache };
  expect(await cache.waitForSync(20_000)).toBe(true);
}, 90_000);

afterAll(async () => {
  cache?.stop();
  manager?.stop();
  await server?.close();
  await authServer?.close();
  repos?.dispose();
  await cluster?.dispose();
});

/** The matrix once every cluster shows its injected failure. */
async function settledMatrix() {
  return waitFor(
    async () => {
      const matrix = await gitRepoMatrix(cache, WS, 'app', ALL);
      const c = matrix.counts;
      return c.Ready === 1 && c.Modified === 1 && c.ErrApplied === 1 && c.NotReady === 1 && c.WaitApplied === 1 ? matrix : undefined;
    },
    'the matrix to show one cluster per injected failure',
    TIMEOUT,
    200,
  );
}

describe('per-cluster status matrix', () => {
  it('has one row per cluster, worst first, each cell the BundleDeployment state with its message', async () => {
    const matrix = await settledMatrix();
    expect(matrix.bundles).toEqual(['app-web']);
    expect(matrix.total).toBe(5);
    expect(matrix.rows.map((row) => [row.cluster, row.state])).toEqual([
      ['err-1', 'ErrApplied'],
      ['offline-1', 'WaitApplied'],
      ['drift-1', 'Modified'],
      ['slow-1', 'NotReady'],
      ['ok-1', 'Ready'],
    ]);
    expect(matrix.rows[0]!.cells['app-web']).toMatchObject({ state: 'ErrApplied', bucket: 'error', message: expect.stringContaining(APPLY_ERROR) });
    expect(matrix.rows[4]!.cells['app-web']).toEqual({ state: 'Ready', bucket: 'active', message: '' });
  });

  it('filters by state and pages', async () => {
    await settledMatrix();
    const ready = await gitRepoMatrix(cache, WS, 'app', { ...ALL, state: 'Ready' });
    expect(ready.rows.map((row) => row.cluster)).toEqual(['ok-1']);
    expect(ready.total).toBe(1);
    const second = await gitRepoMatrix(cache, WS, 'app', { page: 2, limit: 2 });
    expect(second.rows.map((row) => row.cluster)).toEqual(['drift-1', 'slow-1']);
    expect(second.total).toBe(5);
  });

  it('works for a cluster group, without the agent bundles as columns', async () => {
    await settledMatrix();
    const matrix = await clusterGroupMatrix(cache, WS, 'test', { ...ALL, state: 'ErrApplied' });
    expect(matrix.rows.map((row) => row.cluster)).toEqual(['err-1']);
    expect(matrix.bundles).toEqual(['app-web']);
    expect(Object.values((await clusterGroupMatrix(cache, WS, 'test', ALL)).counts).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('answers 404 for an unknown repo', async () => {
    await expect(gitRepoMatrix(cache, WS, 'nope', ALL)).rejects.toMatchObject({ code: 'not_found', field: 'name' });
  });
});

describe('reasons on rows and details', () => {
  it('names the failing bundle and clusters of the repo, and the failing bundle of a cluster', async () => {
    await settledMatrix();
    const detail = await waitFor(
      async () => {
        const found = await objectDetail(bff, 'gitrepos', WS, 'app', { offset: 0, limit: 50 });
        return found.kind === 'gitrepos' && found.row.bucket === 'error' && found.row.failing?.clusters?.count === 4 ? found : undefined;
      },
      'the repo to report its failing clusters',
      TIMEOUT,
      200,
    );
    expect(detail.row.message).toContain(APPLY_ERROR);
    expect(detail.row.failing?.bundles).toEqual({ count: 1, names: ['app-web'] });
    expect(detail.row.failing?.clusters?.names).toEqual(['drift-1', 'err-1', 'offline-1', 'slow-1']);

    const errRow = await waitFor(() => {
      const row = cache.row('clusters', WS, 'err-1');
      return row?.state === 'ErrApplied' && row.failing?.bundles ? row : undefined;
    }, 'err-1 row with reasons', TIMEOUT, 100);
    expect(errRow.failing?.bundles?.names).toContain('app-web');
    expect(errRow.message).toContain(APPLY_ERROR);
  });

  it('shows an offline cluster as WaitCheckIn with the cluster-offline hint', async () => {
    const row = await waitFor(() => cache.row('clusters', WS, 'offline-1'), 'offline row', TIMEOUT, 100);
    expect(row.state).toBe('WaitCheckIn');
    expect(troubleshootingHints({ kind: 'clusters', state: row.state, messages: [row.message] }).map((hint) => hint.id)).toEqual(['cluster-offline']);
  });

  it('puts git’s authentication error on the row of a repo behind a password, with the auth hint and a Warning event', async () => {
    const row = await waitFor(() => {
      const found = cache.row('gitrepos', WS, 'locked');
      return found?.state === 'Error' ? found : undefined;
    }, 'locked to fail', TIMEOUT, 100);
    expect(row.bucket).toBe('error');
    expect(row.message).toMatch(/Authentication failed|could not read Username|401/i);
    expect(row.failing?.condition?.type).toBe('Stalled');
    expect(troubleshootingHints({ kind: 'gitrepos', state: row.state, messages: [row.message] }).map((hint) => hint.id)).toContain('auth-failed');

    const events = await waitFor(async () => {
      const list = await objectEvents(bff, 'gitrepos', WS, 'locked', 50);
      return list.items.some((event) => event.type === 'Warning') ? list : undefined;
    }, 'a Warning event about locked', TIMEOUT, 200);
    const warning = events.items.find((event) => event.type === 'Warning')!;
    expect(warning.message).toBe(row.message);
    // Only events about this repo: the successful clone of "app" is not among them.
    expect(events.items.every((event) => !event.message.includes('BundleCreated'))).toBe(true);
    const appEvents = await objectEvents(bff, 'gitrepos', WS, 'app', 50);
    expect(appEvents.items.map((event) => event.reason)).toContain('Cloned');
    expect(appEvents.items.every((event) => event.type === 'Normal')).toBe(true);
  });

  it('never shows a repo that targets no cluster as plain Ready', async () => {
    const row = await waitFor(() => {
      const found = cache.row('gitrepos', WS, 'nowhere');
      return found?.state === 'NoTargets' ? found : undefined;
    }, 'nowhere to say NoTargets', TIMEOUT, 100);
    expect(row.bucket).toBe('warning');
    expect(troubleshootingHints({ kind: 'gitrepos', state: row.state, messages: [row.message] }).map((hint) => hint.id)).toEqual(['no-matching-clusters']);
  });
});

describe('drift', () => {
  it('lists the drifted resource of the repo with the changed field, on the drifted cluster only', async () => {
    await settledMatrix();
    const drift = await gitRepoDrift(cache, WS, 'app', { page: 1, limit: 50 });
    expect(drift.clusters).toBe(1);
    expect(drift.items).toEqual([
      expect.objectContaining({ cluster: 'drift-1', bundle: 'app-web', repo: 'app', kind: 'Deployment', name: 'web', change: 'patched', fields: [{ path: 'spec.replicas', desired: '5' }] }),
    ]);
    const onCluster = await clusterDrift(cache, WS, 'drift-1', { page: 1, limit: 50 });
    expect(onCluster.items.map((row) => `${row.kind}/${row.name}`)).toEqual(['Deployment/web']);
    expect((await clusterDrift(cache, WS, 'ok-1', { page: 1, limit: 50 })).total).toBe(0);
  });

  it('shows a resource deleted on the cluster as missing', async () => {
    await settledMatrix();
    client.mutate<Cluster>('clusters', WS, 'ok-1', (c) => ({ ...c, metadata: { ...c.metadata, annotations: { ...c.metadata.annotations, [SIMULATE_ANNOTATIONS.missing]: 'configmap/settings' } } }));
    const drift = await waitFor(async () => {
      const page = await clusterDrift(cache, WS, 'ok-1', { page: 1, limit: 50 });
      return page.total > 0 ? page : undefined;
    }, 'ok-1 to report the missing ConfigMap', TIMEOUT, 200);
    expect(drift.items[0]).toMatchObject({ kind: 'ConfigMap', name: 'settings', change: 'missing', summary: expect.stringMatching(/^missing on cluster/) });
  });
});
