import { createObject, patchStatus, seedBundleDeployment, seedClusterNamespace } from './kube';

/** Creates, or leaves alone what Fleet's controllers (when they run) already created. */
async function tolerate(create: Promise<unknown>): Promise<void> {
  await create.catch((error: any) => {
    if (error?.code !== 409) throw error;
  });
}

/**
 * One small, complete Fleet setup for the detail pages, as Fleet's controllers would have
 * written it (statuses through the status subresource): two clusters, a group, a GitRepo with
 * two bundles — one failing on one cluster — and the BundleDeployments behind them. When the
 * embedded controllers run, they create BundleDeployments and rewrite statuses themselves (the
 * GitRepo's clone fails without a network), so tests compare the page with what the BFF says
 * rather than with these statuses.
 */

export const COMMIT = 'a41c0b9e8f2d7c6b5a4f3e2d1c0b9a8f7e6d5c4b';
export const FAILURE = 'deployment.apps default/backend: image "redis:nope" not found';

export interface DetailFixture {
  ws: string;
  repo: string;
  bundles: { frontend: string; backend: string };
  clusters: { prod: string; staging: string };
  group: string;
}

const now = () => new Date().toISOString();

export async function seedDetailFixture(ws: string): Promise<DetailFixture> {
  const repo = 'guestbook';
  const bundles = { frontend: `${repo}-frontend`, backend: `${repo}-backend` };
  const clusters = { prod: 'prod-1', staging: 'staging-1' };
  const group = 'prod';
  const id = (cluster: string) => `${ws}/${cluster}`;

  await createObject('clusters', ws, { name: clusters.prod, labels: { env: 'prod', region: 'eu-west-1' } }, {});
  await createObject('clusters', ws, { name: clusters.staging, labels: { env: 'staging' } }, {});
  await createObject('clustergroups', ws, { name: group }, { selector: { matchLabels: { env: 'prod' } } });
  await createObject(
    'gitrepos',
    ws,
    { name: repo },
    {
      repo: 'https://127.0.0.1:9/rancher/fleet-examples',
      branch: 'main',
      paths: ['simple'],
      pollingInterval: '15s',
      targets: [{ name: 'production', clusterGroup: group }, { name: 'staging', clusterSelector: { matchLabels: { env: 'staging' } } }],
    },
  );
  for (const bundle of Object.values(bundles)) {
    await createObject(
      'bundles',
      ws,
      { name: bundle, labels: { 'fleet.cattle.io/repo-name': repo, 'fleet.cattle.io/commit': COMMIT } },
      { resources: [{ name: `${bundle}.yaml`, content: 'apiVersion: apps/v1\nkind: Deployment\n' }], targets: [{ name: 'production', clusterGroup: group }, { name: 'staging', clusterSelector: { matchLabels: { env: 'staging' } } }] },
    );
  }

  const prodNs = await seedClusterNamespace(ws, clusters.prod);
  const stagingNs = await seedClusterNamespace(ws, clusters.staging);
  await tolerate(seedBundleDeployment({ workspace: ws, cluster: clusters.prod, clusterNamespace: prodNs, bundle: bundles.frontend, repo, state: 'Ready' }));
  await tolerate(seedBundleDeployment({ workspace: ws, cluster: clusters.prod, clusterNamespace: prodNs, bundle: bundles.backend, repo, state: 'ErrApplied', message: FAILURE }));
  await tolerate(seedBundleDeployment({ workspace: ws, cluster: clusters.staging, clusterNamespace: stagingNs, bundle: bundles.frontend, repo, state: 'Ready' }));
  await tolerate(seedBundleDeployment({ workspace: ws, cluster: clusters.staging, clusterNamespace: stagingNs, bundle: bundles.backend, repo, state: 'Ready' }));

  const notReady = `ErrApplied(1) [Bundle ${bundles.backend}: ${FAILURE}]`;
  await patchStatus('gitrepos', ws, repo, {
    commit: COMMIT,
    pollingCommit: COMMIT,
    lastPollingTriggered: now(),
    gitJobStatus: 'Current',
    readyClusters: 1,
    desiredReadyClusters: 2,
    summary: { ready: 3, desiredReady: 4, errApplied: 1, nonReadyResources: [{ name: bundles.backend, bundleState: 'ErrApplied', message: FAILURE }] },
    display: { state: 'ErrApplied', message: FAILURE, error: true, readyBundleDeployments: '3/4' },
    resourceCounts: { ready: 3, desiredReady: 4, waitApplied: 0, modified: 0, orphaned: 0, missing: 1, unknown: 0, notReady: 0 },
    resources: [
      { apiVersion: 'apps/v1', kind: 'Deployment', type: 'apps.deployment', id: 'default/frontend', namespace: 'default', name: 'frontend', state: 'Ready', perClusterState: { ready: [id(clusters.prod), id(clusters.staging)] } },
      { apiVersion: 'apps/v1', kind: 'Deployment', type: 'apps.deployment', id: 'default/backend', namespace: 'default', name: 'backend', state: 'Missing', perClusterState: { ready: [id(clusters.staging)], missing: [id(clusters.prod)] } },
    ],
    conditions: [
      { type: 'Ready', status: 'False', message: notReady, lastUpdateTime: now() },
      { type: 'Accepted', status: 'True', lastUpdateTime: now() },
      { type: 'GitPolling', status: 'True', lastUpdateTime: now() },
    ],
  });
  await patchStatus('bundles', ws, bundles.frontend, { summary: { ready: 2, desiredReady: 2 }, display: { state: '', readyClusters: '2/2' }, conditions: [{ type: 'Ready', status: 'True', lastUpdateTime: now() }] });
  await patchStatus('bundles', ws, bundles.backend, {
    summary: { ready: 1, desiredReady: 2, errApplied: 1, nonReadyResources: [{ name: id(clusters.prod), bundleState: 'ErrApplied', message: FAILURE }] },
    display: { state: 'ErrApplied', readyClusters: '1/2' },
    conditions: [{ type: 'Ready', status: 'False', message: `ErrApplied(1) [Cluster ${id(clusters.prod)}: ${FAILURE}]`, lastUpdateTime: now() }],
  });
  const agent = { lastSeen: now(), namespace: 'cattle-fleet-system' };
  await patchStatus('clusters', ws, clusters.prod, {
    agent,
    readyGitRepos: 0,
    desiredReadyGitRepos: 1,
    summary: { ready: 1, desiredReady: 2, errApplied: 1, nonReadyResources: [{ name: bundles.backend, bundleState: 'ErrApplied', message: FAILURE }] },
    resourceCounts: { ready: 1, desiredReady: 2, waitApplied: 0, modified: 0, orphaned: 0, missing: 1, unknown: 0, notReady: 0 },
    display: { state: 'ErrApplied', readyBundles: '1/2' },
    conditions: [{ type: 'Ready', status: 'False', message: `ErrApplied(1) [Bundle ${bundles.backend}: ${FAILURE}]`, lastUpdateTime: now() }, { type: 'Processed', status: 'True', lastUpdateTime: now() }],
  });
  await patchStatus('clusters', ws, clusters.staging, {
    agent,
    readyGitRepos: 1,
    desiredReadyGitRepos: 1,
    summary: { ready: 2, desiredReady: 2 },
    resourceCounts: { ready: 2, desiredReady: 2, waitApplied: 0, modified: 0, orphaned: 0, missing: 0, unknown: 0, notReady: 0 },
    display: { state: '', readyBundles: '2/2' },
    conditions: [{ type: 'Ready', status: 'True', lastUpdateTime: now() }, { type: 'Processed', status: 'True', lastUpdateTime: now() }],
  });
  await patchStatus('clustergroups', ws, group, {
    clusterCount: 1,
    nonReadyClusterCount: 1,
    nonReadyClusters: [clusters.prod],
    summary: { ready: 1, desiredReady: 2, errApplied: 1 },
    display: { state: 'ErrApplied', readyClusters: `0/1 (${clusters.prod})`, readyBundles: '1/2' },
    conditions: [{ type: 'Ready', status: 'False', message: `ErrApplied(1) [Bundle ${bundles.backend}]`, lastUpdateTime: now() }, { type: 'Processed', status: 'True', lastUpdateTime: now() }],
  });
  return { ws, repo, bundles, clusters, group };
}
