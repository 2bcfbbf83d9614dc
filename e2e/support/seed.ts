import { createObject, patchStatus } from './kube';

/**
 * Demo objects with Fleet-written statuses, for UI journeys and screenshots: every state bucket
 * appears, with the reasons Fleet gives. Statuses are written through the status subresource
 * with client-node (as Fleet's controllers would); when the embedded controllers run, they may
 * later rewrite them with their own (equally real) states.
 */

const now = () => new Date().toISOString();
const ready = (message = '') => ({ type: 'Ready', status: 'True', message, lastUpdateTime: now() });
const notReady = (message: string) => ({ type: 'Ready', status: 'False', message, lastUpdateTime: now() });

export interface SeedOptions {
  /** Added to every name so that tests do not collide; '' for the screenshot demo. */
  suffix?: string;
}

async function create(plural: 'gitrepos' | 'clusters' | 'clustergroups' | 'bundles', ws: string, name: string, spec: Record<string, unknown>, status?: Record<string, unknown>, labels: Record<string, string> = {}) {
  await createObject(plural, ws, { name, labels }, spec).catch((error: any) => {
    if (error?.code !== 409) throw error;
  });
  if (status) await patchStatus(plural, ws, name, status);
}

/** A GitRepo whose repository cannot be cloned: state Error with git's message. */
export async function seedFailingGitRepo(ws: string, name: string, message = `failed to clone https://git.example.invalid/${name}.git: dial tcp: lookup git.example.invalid: no such host`): Promise<string> {
  await create(
    'gitrepos',
    ws,
    name,
    { repo: `https://git.example.invalid/${name}.git`, branch: 'main', paths: ['deploy'] },
    {
      gitJobStatus: 'Failed',
      conditions: [
        { type: 'Stalled', status: 'True', message, reason: 'Stalled', lastUpdateTime: now() },
        notReady(message),
        { type: 'Accepted', status: 'True', lastUpdateTime: now() },
      ],
      display: { state: 'GitUpdating', message: '', error: true },
    },
  );
  return message;
}

/** A few of everything in `ws`, in every state bucket. */
export async function seedWorkspaceDemo(ws: string, { suffix = '' }: SeedOptions = {}): Promise<void> {
  const n = (name: string) => `${name}${suffix}`;
  const commit = 'a41c0b9e8f2d7c6b5a4f3e2d1c0b9a8f7e6d5c4b';

  // Git Repos ---------------------------------------------------------------------------------
  await create(
    'gitrepos',
    ws,
    n('guestbook'),
    { repo: 'https://github.com/rancher/fleet-examples', branch: 'main', paths: ['simple'], targets: [{ clusterSelector: { matchLabels: { env: 'prod' } } }] },
    { commit, gitJobStatus: 'Current', readyClusters: 2, desiredReadyClusters: 2, summary: { ready: 2, desiredReady: 2 }, resourceCounts: { ready: 6, desiredReady: 6 }, display: { state: '', readyBundleDeployments: '2/2' }, conditions: [ready(), { type: 'Accepted', status: 'True', lastUpdateTime: now() }] },
  );
  await seedFailingGitRepo(ws, n('payments'));
  await create(
    'gitrepos',
    ws,
    n('monitoring'),
    { repo: 'https://github.com/example/monitoring', branch: 'main', paths: ['charts/prometheus'] },
    {
      commit,
      gitJobStatus: 'Current',
      readyClusters: 1,
      desiredReadyClusters: 2,
      summary: { ready: 1, desiredReady: 2, modified: 1 },
      resourceCounts: { ready: 11, desiredReady: 12, modified: 1 },
      display: { state: 'Modified', message: 'Modified(1) [Cluster fleet-default/prod-use1-0002]; deployment.apps monitoring/prometheus modified {"spec":{"replicas":3}}', readyBundleDeployments: '1/2' },
      conditions: [notReady('Modified(1) [Cluster prod-use1-0002]; deployment.apps monitoring/prometheus modified'), { type: 'Accepted', status: 'True', lastUpdateTime: now() }],
    },
  );
  await create('gitrepos', ws, n('edge-config'), { repo: 'https://github.com/example/edge-config', branch: 'release' }, { gitJobStatus: 'InProgress', display: { state: 'GitUpdating' }, conditions: [{ type: 'Accepted', status: 'True', lastUpdateTime: now() }] });

  // Clusters ----------------------------------------------------------------------------------
  const agent = { lastSeen: now(), namespace: 'cattle-fleet-system' };
  await create('clusters', ws, n('prod-euw1-0001'), {}, { agent, readyGitRepos: 2, desiredReadyGitRepos: 2, summary: { ready: 3, desiredReady: 3 }, display: { state: '', readyBundles: '3/3' }, conditions: [ready()] }, { env: 'prod', region: 'eu-west-1' });
  await create(
    'clusters',
    ws,
    n('prod-use1-0002'),
    {},
    {
      agent,
      readyGitRepos: 1,
      desiredReadyGitRepos: 2,
      summary: { ready: 2, desiredReady: 3, errApplied: 1 },
      display: { state: 'ErrApplied', readyBundles: '2/3' },
      conditions: [notReady(`${n('payments')}-app: error validating data: unknown field "replica" in io.k8s.api.apps.v1.DeploymentSpec`)],
    },
    { env: 'prod', region: 'us-east-1' },
  );
  await create('clusters', ws, n('staging-0003'), {}, undefined, { env: 'staging' });

  // Cluster groups ----------------------------------------------------------------------------
  await create('clustergroups', ws, n('prod'), { selector: { matchLabels: { env: 'prod' } } }, { clusterCount: 2, nonReadyClusterCount: 1, nonReadyClusters: [n('prod-use1-0002')], summary: { ready: 5, desiredReady: 6 }, display: { state: 'ErrApplied', readyClusters: `1/2 (${n('prod-use1-0002')})` }, conditions: [notReady(`Cluster ${n('prod-use1-0002')}: ErrApplied`)] });
  await create('clustergroups', ws, n('staging'), { selector: { matchLabels: { env: 'staging' } } }, { clusterCount: 1, nonReadyClusterCount: 0, display: { state: '', readyClusters: '1/1' }, conditions: [ready()] });

  // Bundles -----------------------------------------------------------------------------------
  await create('bundles', ws, n('guestbook-simple'), { resources: [{ name: 'frontend.yaml', content: 'kind: Deployment' }] }, { summary: { ready: 2, desiredReady: 2 }, display: { state: '', readyClusters: '2/2' }, conditions: [ready()] }, { 'fleet.cattle.io/repo-name': n('guestbook'), 'fleet.cattle.io/commit': commit });
  await create(
    'bundles',
    ws,
    n('payments-app'),
    { resources: [{ name: 'deployment.yaml', content: 'kind: Deployment' }] },
    { summary: { ready: 1, desiredReady: 2, errApplied: 1 }, display: { state: 'ErrApplied', readyClusters: '1/2' }, conditions: [notReady(`ErrApplied(1) [Cluster ${ws}/${n('prod-use1-0002')}: error validating data: unknown field "replica"]`)] },
    { 'fleet.cattle.io/repo-name': n('payments') },
  );
}
