/**
 * The Fleet pipeline of the embedded cluster without git: Clusters, ClusterGroups and Bundles are
 * created directly, and the bundle/cluster/status/registration controllers plus the simulated
 * agents must produce the BundleDeployments and every status field the way Fleet does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { startAgents } from '../../embedded/agents/agents';
import { SIMULATE_ANNOTATIONS } from '../../embedded/agents/annotations';
import { ControllerClient } from '../../embedded/controllers/client';
import { registerFleetControllers, type FleetControllers } from '../../embedded/controllers/fleet';
import { ControllerManager } from '../../embedded/controllers/runtime';
import {
  BUNDLE_DEPLOYMENT_FINALIZER,
  BUNDLE_FINALIZER,
  CLUSTER_FINALIZER,
  CLUSTER_REGISTRATION_VALUES_SECRET_TYPE,
  MANAGED_LABEL,
} from '../../lib/fleet/labels';
import { clusterNamespaceName, contentName, registeredClusterName } from '../../lib/fleet/names';
import { bundleDeploymentState, findCondition } from '../../lib/fleet/state';
import type {
  Bundle,
  BundleDeployment,
  BundleSpec,
  Cluster,
  ClusterGroup,
  ClusterRegistration,
  ClusterRegistrationToken,
  GitRepo,
} from '../../lib/fleet/types';
import type { KubeObject } from '../../lib/k8s/object';
import { startTestCluster, type InProcessCluster } from '../support/embedded-cluster';
import { sleep, waitFor } from './helpers';

const MANIFEST = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: settings',
  'data:',
  '  level: info',
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  replicas: 1',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: web',
  '',
].join('\n');

const RESOURCES = [{ name: 'app.yaml', content: MANIFEST }];
// Generous: rollups are debounced harder when the machine is busy (CI shares two cores).
const TIMEOUT = 30_000;

let cluster: InProcessCluster;
let client: ControllerClient;
let manager: ControllerManager;
let fleet: FleetControllers;

beforeAll(async () => {
  cluster = await startTestCluster();
  client = new ControllerClient(cluster.registry);
  manager = new ControllerManager(client, (line) => console.warn(line));
  fleet = registerFleetControllers(manager, {
    bundle: { debounceMs: 5 },
    status: { debounceMs: { bundle: 20, cluster: 20, clusterGroup: 20, gitRepo: 20 } },
    agents: { firstCheckInDelayMs: 20, tickMs: 25, retryIntervalMs: 300 },
    registration: { apiServerURL: cluster.url, apiServerCA: cluster.caPem },
  });
  manager.start();
});

afterAll(async () => {
  manager?.stop();
  fleet?.stop();
  await cluster?.dispose();
});

// ---- helpers ----------------------------------------------------------------------------------

function workspace(name: string, labels?: Record<string, string>): string {
  client.create('namespaces', { metadata: { name, ...(labels ? { labels } : {}) } });
  return name;
}

function createCluster(namespace: string, name: string, labels: Record<string, string> = {}, annotations?: Record<string, string>): void {
  client.create('clusters', { metadata: { name, namespace, labels, ...(annotations ? { annotations } : {}) }, spec: {} });
}

function createBundle(namespace: string, name: string, spec: BundleSpec, labels?: Record<string, string>): void {
  client.create('bundles', { metadata: { name, namespace, ...(labels ? { labels } : {}) }, spec: { resources: RESOURCES, ...spec } });
}

const getCluster = (namespace: string, name: string) => client.get<Cluster>('clusters', namespace, name);
const getBundle = (namespace: string, name: string) => client.get<Bundle>('bundles', namespace, name);
const getGroup = (namespace: string, name: string) => client.get<ClusterGroup>('clustergroups', namespace, name);

/** The BD of `bundle` on a cluster (in the cluster's namespace). */
function deployment(namespace: string, clusterName: string, bundle: string): BundleDeployment | undefined {
  return client.get<BundleDeployment>('bundledeployments', clusterNamespaceName(namespace, clusterName), bundle);
}

/** Names of the clusters that have a BD of `bundle`. */
function deployedOn(bundleNamespace: string, bundle: string): string[] {
  return client
    .list<BundleDeployment>('bundledeployments', undefined, `fleet.cattle.io/bundle-name=${bundle},fleet.cattle.io/bundle-namespace=${bundleNamespace}`)
    .map((bd) => bd.metadata.labels?.['fleet.cattle.io/cluster'] ?? '')
    .sort();
}

function stateOf(namespace: string, clusterName: string, bundle: string): string | undefined {
  const bd = deployment(namespace, clusterName, bundle);
  return bd && bundleDeploymentState(bd);
}

const readyMessage = (object: KubeObject | undefined) =>
  findCondition((object?.status as { conditions?: [] } | undefined)?.conditions, 'Ready')?.message ?? '';

function annotate(namespace: string, name: string, annotations: Record<string, string | null>): void {
  client.mutate<Cluster>('clusters', namespace, name, (current) => {
    const next = { ...(current.metadata.annotations ?? {}) };
    for (const [key, value] of Object.entries(annotations)) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    return { ...current, metadata: { ...current.metadata, annotations: next } };
  });
}

// ---- fleet-local --------------------------------------------------------------------------------

describe('fleet-local bootstrap', () => {
  it('has the local cluster, its default group and the agent bundle', async () => {
    const local = getCluster('fleet-local', 'local')!;
    expect(local.metadata.labels).toEqual({ name: 'local' });
    expect(getGroup('fleet-local', 'default')?.spec?.selector).toEqual({ matchLabels: { name: 'local' } });
    expect(client.get<ClusterGroup>('clustergroups', 'fleet-default', 'default')).toBeUndefined();
    const checkedIn = await waitFor(() => {
      const current = getCluster('fleet-local', 'local');
      return current?.status?.agent?.lastSeen && current.status.display?.readyBundles === '1/1' ? current : undefined;
    }, 'local cluster to check in', TIMEOUT);
    expect(checkedIn.metadata.finalizers).toContain(CLUSTER_FINALIZER);
    expect(checkedIn.status?.namespace).toBe('cluster-fleet-local-local-1a3d67d0a899');
    expect(checkedIn.status?.agent?.namespace).toBe('cattle-fleet-local-system');
    const ns = client.get('namespaces', undefined, 'cluster-fleet-local-local-1a3d67d0a899')!;
    expect(ns.metadata.labels?.[MANAGED_LABEL]).toBe('true');
    expect(ns.metadata.annotations).toMatchObject({ 'fleet.cattle.io/cluster-namespace': 'fleet-local', 'fleet.cattle.io/cluster': 'local' });
    expect(getBundle('fleet-local', 'fleet-agent-local')?.metadata.finalizers).toEqual([BUNDLE_FINALIZER]);
    expect(stateOf('fleet-local', 'local', 'fleet-agent-local')).toBe('Ready');
  });

  it('shows 2/2 bundles on the local cluster with one app, and rolls it up everywhere', async () => {
    client.create('gitrepos', {
      metadata: { name: 'simple', namespace: 'fleet-local' },
      spec: { repo: 'https://github.com/rancher/fleet-examples', paths: ['simple'] },
    });
    // What the git side writes; the rollup must keep it.
    client.updateStatus('gitrepos', 'fleet-local', 'simple', {
      commit: 'abc123',
      gitJobStatus: 'InProgress',
      readyClusters: 0,
      desiredReadyClusters: 0,
      conditions: [{ type: 'Accepted', status: 'True' }],
    });
    createBundle('fleet-local', 'simple-simple', { targets: [{ name: 'default', clusterGroup: 'default' }] }, {
      'fleet.cattle.io/repo-name': 'simple',
      'fleet.cattle.io/commit': 'abc123',
    });

    const local = await waitFor(() => {
      const current = getCluster('fleet-local', 'local');
      return current?.status?.display?.readyBundles === '2/2' ? current : undefined;
    }, 'local cluster 2/2', TIMEOUT);
    expect(local.status).toMatchObject({
      summary: { ready: 2, desiredReady: 2 },
      display: { readyBundles: '2/2', state: '' },
      readyGitRepos: 1,
      desiredReadyGitRepos: 1,
      resourceCounts: { ready: 5, desiredReady: 5, waitApplied: 0, modified: 0, orphaned: 0, missing: 0, unknown: 0, notReady: 0 },
    });
    expect(local.status?.conditions?.map((c) => [c.type, c.status])).toEqual([
      ['Ready', 'True'],
      ['Processed', 'True'],
    ]);

    const bd = deployment('fleet-local', 'local', 'simple-simple')!;
    expect(bd.metadata.namespace).toBe('cluster-fleet-local-local-1a3d67d0a899');
    expect(bd.metadata.labels).toEqual({
      'fleet.cattle.io/repo-name': 'simple',
      'fleet.cattle.io/commit': 'abc123',
      'fleet.cattle.io/bundle-name': 'simple-simple',
      'fleet.cattle.io/bundle-namespace': 'fleet-local',
      'fleet.cattle.io/managed': 'true',
      'fleet.cattle.io/cluster-namespace': 'fleet-local',
      'fleet.cattle.io/cluster': 'local',
    });
    expect(bd.metadata.finalizers).toEqual([BUNDLE_DEPLOYMENT_FINALIZER]);
    expect(bd.spec?.deploymentID).toMatch(/^s-[0-9a-f]{61}:[0-9a-f]{64}$/);
    expect(bd.spec?.stagedDeploymentID).toBe(bd.spec?.deploymentID);
    expect(client.get('contents', undefined, contentName(bd.spec!.deploymentID!))).toBeDefined();
    expect(bd.status).toMatchObject({
      appliedDeploymentID: bd.spec?.deploymentID,
      release: 'default/simple-simple:1',
      ready: true,
      nonModified: true,
      display: { deployed: 'True', monitored: 'True', state: 'Ready' },
      resourceCounts: { ready: 3, desiredReady: 3 },
    });
    expect(bd.status?.resources?.map((r) => `${r.kind}/${r.namespace}/${r.name}`)).toEqual(['ConfigMap/default/settings', 'Deployment/default/web', 'Service/default/web']);
    expect(bd.status?.conditions?.map((c) => c.type).sort()).toEqual(['Deployed', 'Installed', 'Monitored', 'Ready']);

    const bundle = await waitFor(() => {
      const current = getBundle('fleet-local', 'simple-simple');
      return current?.status?.display?.readyClusters === '1/1' ? current : undefined;
    }, 'bundle 1/1', TIMEOUT);
    expect(bundle.status).toMatchObject({ summary: { ready: 1, desiredReady: 1 }, display: { readyClusters: '1/1', state: '' }, observedGeneration: 1 });
    expect(findCondition(bundle.status?.conditions, 'Ready')?.status).toBe('True');

    const group = await waitFor(() => {
      const current = getGroup('fleet-local', 'default');
      return current?.status?.display?.readyBundles === '2/2' ? current : undefined;
    }, 'group 2/2', TIMEOUT);
    expect(group.status).toMatchObject({ clusterCount: 1, nonReadyClusterCount: 0, display: { readyClusters: '1/1', readyBundles: '2/2', state: '' } });

    // GitRepo: GitUpdating while the git job runs, then the full StatusBase.
    const updating = await waitFor(() => {
      const current = client.get<GitRepo>('gitrepos', 'fleet-local', 'simple');
      return current?.status?.display?.readyBundleDeployments === '1/1' ? current : undefined;
    }, 'gitrepo rollup', TIMEOUT);
    expect(updating.status?.display?.state).toBe('GitUpdating');
    client.mutate<GitRepo>('gitrepos', 'fleet-local', 'simple', (current) => ({ ...current, status: { ...current.status!, gitJobStatus: 'Current' } }), { status: true });
    const repo = await waitFor(() => {
      const current = client.get<GitRepo>('gitrepos', 'fleet-local', 'simple');
      return current?.status?.display?.state === '' ? current : undefined;
    }, 'gitrepo Current', TIMEOUT);
    expect(repo.status).toMatchObject({
      commit: 'abc123',
      gitJobStatus: 'Current',
      readyClusters: 1,
      desiredReadyClusters: 1,
      summary: { ready: 1, desiredReady: 1 },
      display: { readyBundleDeployments: '1/1', state: '', message: '', error: false },
      resourceCounts: { ready: 3, desiredReady: 3 },
      perClusterResourceCounts: { 'fleet-local/local': { ready: 3, desiredReady: 3 } },
    });
    expect(repo.status?.resources?.map((r) => [r.type, r.id, r.state, r.perClusterState])).toEqual([
      ['apps.deployment', 'default/web', 'Ready', { ready: ['fleet-local/local'] }],
      ['configmap', 'default/settings', 'Ready', { ready: ['fleet-local/local'] }],
      ['service', 'default/web', 'Ready', { ready: ['fleet-local/local'] }],
    ]);
    expect(repo.status?.conditions?.map((c) => [c.type, c.status])).toEqual([
      ['Accepted', 'True'],
      ['Ready', 'True'],
    ]);
  });
});

// ---- targeting ---------------------------------------------------------------------------------

describe('targeting', () => {
  const ws = 'ws-targets';

  beforeAll(async () => {
    workspace(ws);
    createCluster(ws, 'c1', { env: 'dev', 'management.cattle.io/cluster-display-name': 'dev-one' });
    createCluster(ws, 'c2', { env: 'prod', region: 'eu' });
    createCluster(ws, 'c3', { env: 'prod', region: 'us' });
    client.create('clustergroups', { metadata: { name: 'eu', namespace: ws }, spec: { selector: { matchLabels: { region: 'eu' } } } });
    client.create('clustergroups', { metadata: { name: 'prod', namespace: ws, labels: { tier: 'gold' } }, spec: { selector: { matchLabels: { env: 'prod' } } } });
    await waitFor(() => ['c1', 'c2', 'c3'].every((name) => getCluster(ws, name)?.status?.namespace), 'cluster namespaces', TIMEOUT);
  });

  it('matches every kind of target', async () => {
    createBundle(ws, 'by-name', { targets: [{ clusterName: 'c1' }] });
    createBundle(ws, 'by-display-name', { targets: [{ clusterName: 'dev-one' }] });
    createBundle(ws, 'by-selector', { targets: [{ clusterSelector: { matchLabels: { env: 'prod' } } }] });
    createBundle(ws, 'by-group', { targets: [{ clusterGroup: 'eu' }] });
    createBundle(ws, 'by-group-selector', { targets: [{ clusterGroupSelector: { matchLabels: { tier: 'gold' } } }] });
    createBundle(ws, 'everything', { targets: [{ clusterSelector: {} }] });
    createBundle(ws, 'no-criteria', { targets: [{ name: 'empty' }] });
    const expected: Record<string, string[]> = {
      'by-name': ['c1'],
      'by-display-name': ['c1'],
      'by-selector': ['c2', 'c3'],
      'by-group': ['c2'],
      'by-group-selector': ['c2', 'c3'],
      everything: ['c1', 'c2', 'c3'],
    };
    await waitFor(
      () => Object.entries(expected).every(([bundle, clusters]) => JSON.stringify(deployedOn(ws, bundle)) === JSON.stringify(clusters)),
      'BDs per target kind',
      TIMEOUT,
    );
    for (const [bundle, clusters] of Object.entries(expected)) {
      const status = await waitFor(() => {
        const current = getBundle(ws, bundle);
        return current?.status?.display?.readyClusters === `${clusters.length}/${clusters.length}` ? current : undefined;
      }, `${bundle} ready`, TIMEOUT);
      expect(status.status?.summary).toEqual({ ready: clusters.length, desiredReady: clusters.length });
    }
    expect(deployedOn(ws, 'no-criteria')).toEqual([]);
    const none = await waitFor(() => getBundle(ws, 'no-criteria')?.status?.display, 'no-criteria status', TIMEOUT);
    expect(none).toEqual({ readyClusters: '0/0', state: '' });
  });

  it('uses the default target once a default group exists', async () => {
    createBundle(ws, 'defaulted', { targets: [{ name: 'default', clusterGroup: 'default' }] });
    await waitFor(() => getBundle(ws, 'defaulted')?.status?.display?.readyClusters === '0/0', 'no default group yet', TIMEOUT);
    expect(deployedOn(ws, 'defaulted')).toEqual([]);
    client.create('clustergroups', { metadata: { name: 'default', namespace: ws }, spec: { selector: { matchLabels: { env: 'dev' } } } });
    await waitFor(() => deployedOn(ws, 'defaulted').join() === 'c1', 'default group target', TIMEOUT);
  });

  it('skips doNotDeploy targets and applies targetCustomizations', async () => {
    createBundle(ws, 'customized', {
      defaultNamespace: 'base',
      helm: { values: { replicas: 1, color: 'blue' } },
      targets: [
        { name: 'dev', clusterSelector: { matchLabels: { env: 'dev' } }, defaultNamespace: 'dev-apps', helm: { values: { replicas: 3 } } },
        { name: 'us', clusterSelector: { matchLabels: { region: 'us' } }, doNotDeploy: true },
        { name: 'all', clusterSelector: {} },
      ],
      targetRestrictions: [{ name: 'all', clusterSelector: {} }],
    });
    await waitFor(() => deployedOn(ws, 'customized').join() === 'c1,c2', 'customized BDs', TIMEOUT);
    const dev = deployment(ws, 'c1', 'customized')!;
    const prod = deployment(ws, 'c2', 'customized')!;
    expect(dev.spec?.options).toEqual({ defaultNamespace: 'dev-apps', helm: { values: { replicas: 3, color: 'blue' } } });
    expect(prod.spec?.options).toEqual({ defaultNamespace: 'base', helm: { values: { replicas: 1, color: 'blue' } } });
    expect(contentName(dev.spec!.deploymentID!)).toBe(contentName(prod.spec!.deploymentID!));
    expect(dev.spec?.deploymentID).not.toBe(prod.spec?.deploymentID);
    const applied = await waitFor(() => {
      const current = deployment(ws, 'c1', 'customized');
      return current?.status?.release ? current : undefined;
    }, 'customized applied', TIMEOUT);
    expect(applied.status?.release).toBe('dev-apps/customized:1');
    expect(applied.status?.resources?.every((r) => r.namespace === 'dev-apps')).toBe(true);
  });

  it('removes the BundleDeployment of a cluster that stops matching', async () => {
    await waitFor(() => getBundle(ws, 'by-selector')?.status?.display?.readyClusters === '2/2', 'by-selector 2/2', TIMEOUT);
    client.mutate<Cluster>('clusters', ws, 'c3', (current) => ({ ...current, metadata: { ...current.metadata, labels: { env: 'staging', region: 'us' } } }));
    await waitFor(() => deployedOn(ws, 'by-selector').join() === 'c2', 'c3 BD removed', TIMEOUT);
    expect(deployment(ws, 'c3', 'by-selector')).toBeUndefined();
    await waitFor(() => getBundle(ws, 'by-selector')?.status?.display?.readyClusters === '1/1', 'by-selector 1/1', TIMEOUT);
    await waitFor(() => getCluster(ws, 'c3')?.status?.summary?.desiredReady === 2, 'c3 summary shrinks (agent + everything)', TIMEOUT);
  });

  it('only stages new deployments of a paused bundle or cluster (OutOfSync)', async () => {
    createBundle(ws, 'pausable', { targets: [{ clusterName: 'c2' }] });
    await waitFor(() => stateOf(ws, 'c2', 'pausable') === 'Ready', 'pausable ready', TIMEOUT);
    const before = deployment(ws, 'c2', 'pausable')!.spec!.deploymentID;
    client.mutate<Bundle>('bundles', ws, 'pausable', (current) => ({ ...current, spec: { ...current.spec, paused: true, defaultNamespace: 'moved' } }));
    await waitFor(() => stateOf(ws, 'c2', 'pausable') === 'OutOfSync', 'OutOfSync', TIMEOUT);
    const staged = deployment(ws, 'c2', 'pausable')!;
    expect(staged.spec?.paused).toBe(true);
    expect(staged.spec?.deploymentID).toBe(before);
    expect(staged.spec?.stagedDeploymentID).not.toBe(before);
    expect(staged.spec?.stagedOptions).toEqual({ defaultNamespace: 'moved' });
    const bundle = await waitFor(() => {
      const current = getBundle(ws, 'pausable');
      return current?.status?.display?.state === 'OutOfSync' ? current : undefined;
    }, 'bundle OutOfSync', TIMEOUT);
    expect(bundle.status?.summary).toMatchObject({ outOfSync: 1, ready: 0, desiredReady: 1 });
    expect(readyMessage(bundle)).toBe(`OutOfSync(1) [Cluster ${ws}/c2]`);

    // Unpausing promotes the staged deployment.
    client.mutate<Bundle>('bundles', ws, 'pausable', (current) => ({ ...current, spec: { ...current.spec, paused: false } }));
    await waitFor(() => stateOf(ws, 'c2', 'pausable') === 'Ready' && deployment(ws, 'c2', 'pausable')?.status?.release === 'moved/pausable:2', 'promoted', TIMEOUT);

    // A paused cluster has the same effect.
    client.mutate<Cluster>('clusters', ws, 'c2', (current) => ({ ...current, spec: { ...current.spec, paused: true } }));
    client.mutate<Bundle>('bundles', ws, 'pausable', (current) => ({ ...current, spec: { ...current.spec, defaultNamespace: 'again' } }));
    await waitFor(() => stateOf(ws, 'c2', 'pausable') === 'OutOfSync', 'cluster paused ⇒ OutOfSync', TIMEOUT);
    client.mutate<Cluster>('clusters', ws, 'c2', (current) => ({ ...current, spec: { ...current.spec, paused: false } }));
    await waitFor(() => stateOf(ws, 'c2', 'pausable') === 'Ready', 'cluster unpaused', TIMEOUT);
  });

  it('deletes the BundleDeployments of a deleted bundle before releasing it', async () => {
    createBundle(ws, 'short-lived', { targets: [{ clusterSelector: {} }] });
    await waitFor(() => deployedOn(ws, 'short-lived').length === 3, 'short-lived BDs', TIMEOUT);
    client.delete('bundles', ws, 'short-lived');
    await waitFor(() => !getBundle(ws, 'short-lived') && deployedOn(ws, 'short-lived').length === 0, 'bundle and BDs gone', TIMEOUT);
  });
});

// ---- BundleNamespaceMapping --------------------------------------------------------------------

describe('BundleNamespaceMapping', () => {
  it('targets clusters of the namespaces a mapping selects', async () => {
    const source = workspace('ws-source');
    const mapped = workspace('ws-mapped', { team: 'blue' });
    createCluster(mapped, 'remote', { env: 'dev' });
    createCluster(source, 'home', { env: 'dev' });
    createBundle(source, 'shared', { targets: [{ clusterSelector: {} }] }, { share: 'yes' });
    await waitFor(() => deployedOn(source, 'shared').join() === 'home', 'own namespace only', TIMEOUT);
    client.create('bundlenamespacemappings', {
      metadata: { name: 'share', namespace: source },
      bundleSelector: { matchLabels: { share: 'yes' } },
      namespaceSelector: { matchLabels: { team: 'blue' } },
    });
    await waitFor(() => deployedOn(source, 'shared').join() === 'home,remote', 'mapped namespace too', TIMEOUT);
    const bd = deployment(mapped, 'remote', 'shared')!;
    expect(bd.metadata.labels).toMatchObject({ 'fleet.cattle.io/bundle-namespace': source, 'fleet.cattle.io/cluster-namespace': mapped });
    await waitFor(() => getBundle(source, 'shared')?.status?.display?.readyClusters === '2/2', 'shared 2/2', TIMEOUT);
  });
});

// ---- agent states -------------------------------------------------------------------------------

describe('simulated agents', () => {
  const ws = 'ws-agents';

  beforeAll(async () => {
    workspace(ws);
    createCluster(ws, 'healthy', { env: 'test' });
    createCluster(ws, 'offline', { env: 'test' }, { [SIMULATE_ANNOTATIONS.offline]: 'true' });
    createCluster(ws, 'failing', { env: 'test' }, { [SIMULATE_ANNOTATIONS.applyError]: 'helm: install failed: quota exceeded' });
    createCluster(ws, 'drifted', { env: 'test' }, { [SIMULATE_ANNOTATIONS.drift]: 'deployment/web' });
    createCluster(ws, 'slow', { env: 'test' }, { [SIMULATE_ANNOTATIONS.notReady]: 'deployment/web' });
    client.create('clustergroups', { metadata: { name: 'all', namespace: ws }, spec: { selector: {} } });
    createBundle(ws, 'app', { defaultNamespace: 'shop', targets: [{ clusterSelector: { matchLabels: { env: 'test' } } }] });
    await waitFor(() => deployedOn(ws, 'app').length === 5, 'app BDs', TIMEOUT);
  });

  it('offline: WaitApplied and WaitCheckIn', async () => {
    await waitFor(() => getCluster(ws, 'healthy')?.status?.agent?.lastSeen, 'healthy checks in', TIMEOUT);
    expect(stateOf(ws, 'offline', 'app')).toBe('WaitApplied');
    expect(deployment(ws, 'offline', 'app')?.status).toBeUndefined();
    const offline = await waitFor(() => {
      const current = getCluster(ws, 'offline');
      return current?.status?.display?.readyBundles === '0/2' ? current : undefined;
    }, 'offline cluster status', TIMEOUT);
    expect(offline.status?.agent).toBeUndefined();
    expect(offline.status?.display?.state).toBe('WaitCheckIn');
    expect(offline.status?.summary).toMatchObject({ waitApplied: 2, ready: 0, desiredReady: 2 });
    expect(readyMessage(offline)).toBe('WaitApplied(2) [Bundle app]');
  });

  it('apply error: ErrApplied with the message on the BD, Bundle, Cluster and ClusterGroup', async () => {
    const bd = await waitFor(() => {
      const current = deployment(ws, 'failing', 'app');
      return current && bundleDeploymentState(current) === 'ErrApplied' ? current : undefined;
    }, 'ErrApplied', TIMEOUT);
    expect(bd.status?.display).toEqual({ deployed: 'Error: helm: install failed: quota exceeded', monitored: '', state: 'ErrApplied' });
    expect(findCondition(bd.status?.conditions, 'Deployed')).toMatchObject({ status: 'False', reason: 'Error', message: 'helm: install failed: quota exceeded' });

    const failing = await waitFor(() => {
      const current = getCluster(ws, 'failing');
      return current?.status?.display?.state === 'ErrApplied' && current.status.display.readyBundles === '1/2' ? current : undefined;
    }, 'cluster ErrApplied', TIMEOUT);
    expect(failing.status?.display?.readyBundles).toBe('1/2');
    expect(readyMessage(failing)).toBe('ErrApplied(1) [Bundle app: helm: install failed: quota exceeded]');

    const bundle = await waitFor(() => {
      const current = getBundle(ws, 'app');
      return current?.status?.summary?.errApplied === 1 && current.status.summary.modified === 1 && current.status.summary.notReady === 1 && current.status.summary.waitApplied === 1
        ? current
        : undefined;
    }, 'bundle summary', TIMEOUT);
    expect(bundle.status?.summary).toMatchObject({ ready: 1, desiredReady: 5, errApplied: 1, waitApplied: 1, modified: 1, notReady: 1 });
    expect(bundle.status?.display).toEqual({ readyClusters: '1/5', state: 'ErrApplied' });
    const message = readyMessage(bundle);
    expect(message).toContain(`ErrApplied(1) [Cluster ${ws}/failing: helm: install failed: quota exceeded]`);
    expect(message).toContain(`WaitApplied(1) [Cluster ${ws}/offline]`);
    // A drifted BD has no Deployed/Installed/Monitored message: only its modified objects are listed.
    expect(message).toContain(`Modified(1) [Cluster ${ws}/drifted]`);
    expect(message).toContain('deployment.apps shop/web modified {"spec":{"replicas":5}}');
    expect(message).toContain('deployment.apps shop/web [progressing] Deployment does not have minimum availability., Available: 0/1');
    expect(message.split('; ')).toEqual([...message.split('; ')].sort());

    const group = await waitFor(() => {
      const current = getGroup(ws, 'all');
      // healthy 2/2, offline 0/2 (its agent bundle waits too), failing/drifted/slow 1/2 each.
      return current?.status?.display?.readyBundles === '5/10' ? current : undefined;
    }, 'group status', TIMEOUT);
    expect(group.status).toMatchObject({
      clusterCount: 5,
      nonReadyClusterCount: 4,
      nonReadyClusters: ['drifted', 'failing', 'offline', 'slow'],
      display: { readyClusters: '1/5 (drifted,failing,offline,slow)', readyBundles: '5/10', state: 'ErrApplied' },
    });
    expect(readyMessage(group)).toContain('ErrApplied(1) [Bundle app: helm: install failed: quota exceeded]');
  });

  it('drift: Modified with a patch', async () => {
    const bd = await waitFor(() => {
      const current = deployment(ws, 'drifted', 'app');
      return current && bundleDeploymentState(current) === 'Modified' ? current : undefined;
    }, 'Modified', TIMEOUT);
    expect(bd.status?.modifiedStatus).toEqual([{ kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'shop', name: 'web', patch: '{"spec":{"replicas":5}}' }]);
    expect(bd.status?.nonModified).toBe(false);
    expect(readyMessage(bd)).toBe('deployment.apps shop/web modified {"spec":{"replicas":5}}');
    expect(bd.status?.resourceCounts).toMatchObject({ ready: 2, modified: 1, desiredReady: 3 });
  });

  it('not ready: NotReady with a kstatus-like message', async () => {
    const bd = await waitFor(() => {
      const current = deployment(ws, 'slow', 'app');
      return current && bundleDeploymentState(current) === 'NotReady' ? current : undefined;
    }, 'NotReady', TIMEOUT);
    expect(bd.status?.nonReadyStatus?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', summary: { state: 'updating', transitioning: true } });
    expect(readyMessage(bd)).toBe('deployment.apps shop/web [progressing] Deployment does not have minimum availability., Available: 0/1');
    await waitFor(() => getCluster(ws, 'slow')?.status?.display?.state === 'NotReady', 'cluster NotReady', TIMEOUT);
  });

  it('recovers when the annotations go, and goes stale when a cluster goes offline', async () => {
    for (const [name, key] of [
      ['offline', SIMULATE_ANNOTATIONS.offline],
      ['failing', SIMULATE_ANNOTATIONS.applyError],
      ['drifted', SIMULATE_ANNOTATIONS.drift],
      ['slow', SIMULATE_ANNOTATIONS.notReady],
    ] as const) {
      annotate(ws, name, { [key]: null });
    }
    await waitFor(() => getBundle(ws, 'app')?.status?.display?.readyClusters === '5/5', 'all ready', TIMEOUT);
    await waitFor(() => getGroup(ws, 'all')?.status?.display?.readyClusters === '5/5', 'group ready', TIMEOUT);
    expect(getCluster(ws, 'offline')?.status?.agent?.lastSeen).toBeTruthy();

    annotate(ws, 'healthy', { [SIMULATE_ANNOTATIONS.offline]: 'true' });
    const lastSeen = getCluster(ws, 'healthy')?.status?.agent?.lastSeen;
    client.mutate<Bundle>('bundles', ws, 'app', (current) => ({ ...current, spec: { ...current.spec, defaultNamespace: 'shop-v2' } }));
    await waitFor(() => stateOf(ws, 'drifted', 'app') === 'Ready' && deployment(ws, 'drifted', 'app')?.status?.release === 'shop-v2/app:2', 'others redeploy', TIMEOUT);
    expect(stateOf(ws, 'healthy', 'app')).toBe('WaitApplied');
    expect(getCluster(ws, 'healthy')?.status?.agent?.lastSeen).toBe(lastSeen);
  });

  it('missing and extra objects show as Modified', async () => {
    annotate(ws, 'drifted', { [SIMULATE_ANNOTATIONS.missing]: 'configmap/settings', [SIMULATE_ANNOTATIONS.extra]: 'secret/leftover' });
    const bd = await waitFor(() => {
      const current = deployment(ws, 'drifted', 'app');
      return current && bundleDeploymentState(current) === 'Modified' ? current : undefined;
    }, 'missing/extra', TIMEOUT);
    expect(bd.status?.modifiedStatus).toEqual([
      { kind: 'ConfigMap', apiVersion: 'v1', namespace: 'shop-v2', name: 'settings', missing: true },
      { kind: 'Secret', apiVersion: 'v1', namespace: 'shop-v2', name: 'leftover', delete: true },
    ]);
    expect(readyMessage(bd)).toBe('configmap.v1 shop-v2/settings missing');
  });

  it('waits for dependsOn (ErrApplied until the dependency is Ready)', async () => {
    annotate(ws, 'slow', { [SIMULATE_ANNOTATIONS.notReady]: 'db:deployment/web' });
    createBundle(ws, 'db', { targets: [{ clusterName: 'slow' }] });
    createBundle(ws, 'api', { targets: [{ clusterName: 'slow' }], dependsOn: [{ name: 'db' }] });
    // Until db's BD exists the agent reports that it finds none; then that it is not ready.
    const blocked = await waitFor(() => {
      const current = deployment(ws, 'slow', 'api');
      const message = findCondition(current?.status?.conditions, 'Deployed')?.message;
      return current && message === 'dependent bundle(s) are not ready: [db]' ? current : undefined;
    }, 'api waits for db', TIMEOUT);
    expect(bundleDeploymentState(blocked)).toBe('ErrApplied');
    expect(blocked.status?.display?.deployed).toBe('Error: dependent bundle(s) are not ready: [db]');
    annotate(ws, 'slow', { [SIMULATE_ANNOTATIONS.notReady]: null });
    await waitFor(() => stateOf(ws, 'slow', 'api') === 'Ready', 'api deploys once db is ready', TIMEOUT);
  });
});

// ---- cluster lifecycle ----------------------------------------------------------------------------

describe('cluster deletion', () => {
  it('removes the agent bundle and the cluster namespace, then the cluster', async () => {
    const ws = workspace('ws-delete');
    createCluster(ws, 'gone', {});
    createBundle(ws, 'app', { targets: [{ clusterSelector: {} }] });
    await waitFor(() => stateOf(ws, 'gone', 'app') === 'Ready', 'deployed', TIMEOUT);
    const namespace = getCluster(ws, 'gone')!.status!.namespace!;
    client.delete('clusters', ws, 'gone');
    await waitFor(
      () => !getCluster(ws, 'gone') && !getBundle(ws, 'fleet-agent-gone') && !client.get('namespaces', undefined, namespace),
      'cluster cleaned up',
      TIMEOUT,
    );
    await waitFor(() => getBundle(ws, 'app')?.status?.display?.readyClusters === '0/0', 'bundle has no target left', TIMEOUT);
  });
});

// ---- registration -------------------------------------------------------------------------------

describe('registration', () => {
  const ws = 'ws-register';

  beforeAll(() => {
    workspace(ws);
  });

  it('turns a ClusterRegistrationToken into a values Secret', async () => {
    client.create('clusterregistrationtokens', { metadata: { name: 'new-token', namespace: ws }, spec: { ttl: '240h' } });
    const token = await waitFor(() => {
      const current = client.get<ClusterRegistrationToken>('clusterregistrationtokens', ws, 'new-token');
      return current?.status?.secretName ? current : undefined;
    }, 'token status', TIMEOUT);
    expect(token.status?.secretName).toBe('new-token');
    expect(Date.parse(token.status!.expires!) - Date.parse(token.metadata.creationTimestamp!)).toBe(240 * 3600 * 1000);
    const secret = client.get<KubeObject & { type: string; data: Record<string, string> }>('secrets', ws, 'new-token')!;
    expect(secret.type).toBe(CLUSTER_REGISTRATION_VALUES_SECRET_TYPE);
    expect(secret.metadata.labels?.[MANAGED_LABEL]).toBe('true');
    const values = YAML.parse(Buffer.from(secret.data.values!, 'base64').toString('utf8')) as Record<string, string>;
    expect(values).toMatchObject({
      clusterNamespace: ws,
      apiServerURL: cluster.url,
      apiServerCA: cluster.caPem,
      systemRegistrationNamespace: 'cattle-fleet-clusters-system',
      tokenName: 'new-token',
    });
    expect(values.token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('deletes expired tokens with their Secret', async () => {
    // Long enough that a busy machine cannot create and expire the Secret between two polls.
    client.create('clusterregistrationtokens', { metadata: { name: 'short', namespace: ws }, spec: { ttl: '5s' } });
    await waitFor(() => client.get('secrets', ws, 'short'), 'short-lived secret', TIMEOUT);
    await waitFor(() => !client.get('clusterregistrationtokens', ws, 'short') && !client.get('secrets', ws, 'short'), 'expired token deleted', TIMEOUT);
  });

  it('grants a ClusterRegistration and creates or links its Cluster', async () => {
    client.create('clusterregistrations', {
      metadata: { name: 'agent-1', namespace: ws },
      spec: {
        clientID: 'client-abc',
        clientRandom: 'r1',
        clusterLabels: { env: 'edge', 'fleet.cattle.io/x': 'dropped', 'management.cattle.io/y': 'dropped', 'fleet.cattle.io/created-by-agent-pod': 'pod-1' },
      },
    });
    const name = registeredClusterName('client-abc');
    const registration = await waitFor(() => {
      const current = client.get<ClusterRegistration>('clusterregistrations', ws, 'agent-1');
      return current?.status?.granted ? current : undefined;
    }, 'granted', TIMEOUT);
    expect(registration.status).toEqual({ clusterName: name, granted: true });
    const registered = getCluster(ws, name)!;
    expect(registered.spec?.clientID).toBe('client-abc');
    expect(registered.metadata.labels).toEqual({ env: 'edge', 'fleet.cattle.io/created-by-agent-pod': 'pod-1', 'fleet.cattle.io/cluster': name });
    await waitFor(() => getCluster(ws, name)?.status?.agent?.lastSeen, 'registered cluster checks in', TIMEOUT);

    client.create('clusterregistrations', { metadata: { name: 'agent-1-again', namespace: ws }, spec: { clientID: 'client-abc', clientRandom: 'r2' } });
    await waitFor(() => client.get<ClusterRegistration>('clusterregistrations', ws, 'agent-1-again')?.status?.clusterName === name, 'same cluster', TIMEOUT);

    createCluster(ws, 'pre-made', {});
    client.mutate<Cluster>('clusters', ws, 'pre-made', (current) => ({ ...current, spec: { ...current.spec, clientID: 'client-xyz' } }));
    client.create('clusterregistrations', { metadata: { name: 'agent-2', namespace: ws }, spec: { clientID: 'client-xyz' } });
    await waitFor(() => client.get<ClusterRegistration>('clusterregistrations', ws, 'agent-2')?.status?.clusterName === 'pre-made', 'linked to existing', TIMEOUT);
  });
});

// ---- restart ------------------------------------------------------------------------------------

describe('agent restart', () => {
  it('adopts what the BundleDeployment statuses say is installed, without rewriting them', async () => {
    const before = deployment('fleet-local', 'local', 'simple-simple')!;
    expect(bundleDeploymentState(before)).toBe('Ready');
    fleet.agents?.();
    const restarted = startAgents(client, { index: fleet.context.index, firstCheckInDelayMs: 20, tickMs: 25 });
    try {
      await waitFor(() => restarted.pendingWork() === 0, 'restarted agents idle', TIMEOUT);
      await sleep(200);
      expect(deployment('fleet-local', 'local', 'simple-simple')?.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
      // A change still reaches the restarted agents.
      annotate('fleet-local', 'local', { [SIMULATE_ANNOTATIONS.drift]: 'simple-simple:configmap/settings' });
      await waitFor(() => stateOf('fleet-local', 'local', 'simple-simple') === 'Modified', 'restarted agent reacts', TIMEOUT);
    } finally {
      restarted();
    }
  });
});
