import { createObject, getObject, patchStatus } from './kube';

/**
 * Objects for UI journeys and screenshots whose state does not depend on who writes their
 * status. Statuses are written through the status subresource with client-node, as Fleet's
 * controllers would; when the embedded cluster runs its own controllers they rewrite them, and
 * the states below are what those controllers arrive at too:
 *
 * - a GitRepo whose repository host does not resolve is in Error, with git's message;
 * - a Cluster annotated `fleet-deck.dev/simulate-offline` never checks in: WaitCheckIn (Warning);
 * - other Clusters check in and are Ready (Active);
 * - a GitRepo on the first-start demo's local Git repository (when the cluster has the demo)
 *   builds bundles that the agents deploy; otherwise it is seeded as deployed and Ready.
 *
 * Tests assert what the BFF reports rather than these exact messages.
 */

const now = () => new Date().toISOString();

async function create(plural: 'gitrepos' | 'clusters' | 'clustergroups', ws: string, metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }, spec: Record<string, unknown>, status?: Record<string, unknown>) {
  await createObject(plural, ws, metadata, spec).catch((error: any) => {
    if (error?.code !== 409) throw error;
  });
  if (status) await patchStatus(plural, ws, metadata.name, status);
}

/** A GitRepo whose repository cannot be cloned: state Error with git's message. */
export async function seedFailingGitRepo(ws: string, name: string): Promise<void> {
  const message = `failed to clone https://git.example.invalid/${name}.git: Could not resolve host: git.example.invalid`;
  await create(
    'gitrepos',
    ws,
    { name },
    { repo: `https://127.0.0.1:9/${name}.git`, branch: 'main', paths: ['deploy'] },
    {
      gitJobStatus: 'Failed',
      conditions: [
        { type: 'Stalled', status: 'True', message, reason: 'Stalled', lastUpdateTime: now() },
        { type: 'Ready', status: 'False', message, lastUpdateTime: now() },
        { type: 'Accepted', status: 'True', lastUpdateTime: now() },
      ],
    },
  );
}

/** A GitRepo that Fleet reports as deployed and Ready everywhere it targets. */
export async function seedHealthyGitRepo(ws: string, name: string, targets: Record<string, unknown>[]): Promise<void> {
  await create(
    'gitrepos',
    ws,
    { name },
    { repo: `https://127.0.0.1:9/${name}.git`, branch: 'main', paths: ['guestbook-manifests'], targets },
    {
      gitJobStatus: 'Current',
      commit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      readyClusters: 2,
      desiredReadyClusters: 2,
      summary: { ready: 2, desiredReady: 2 },
      display: { readyBundleDeployments: '2/2', state: '', message: '', error: false },
      conditions: [
        { type: 'Ready', status: 'True', lastUpdateTime: now() },
        { type: 'Accepted', status: 'True', lastUpdateTime: now() },
        { type: 'Stalled', status: 'False', lastUpdateTime: now() },
      ],
    },
  );
}

/** A Cluster whose agent never checks in: WaitCheckIn, in the Warning bucket. */
export async function seedOfflineCluster(ws: string, name: string, labels: Record<string, string> = {}): Promise<void> {
  await create('clusters', ws, { name, labels, annotations: { 'fleet-deck.dev/simulate-offline': 'true' } }, {});
}

/** A Cluster that checks in (Ready when the embedded agents run). */
export async function seedCluster(ws: string, name: string, labels: Record<string, string> = {}): Promise<void> {
  await create('clusters', ws, { name, labels }, {}, { agent: { lastSeen: now(), namespace: 'cattle-fleet-system' }, display: { state: '', readyBundles: '0/0' }, conditions: [{ type: 'Ready', status: 'True', lastUpdateTime: now() }] });
}

/** The local Git repository of the embedded cluster's first-start demo, if it has one. */
async function demoRepoUrl(): Promise<string | undefined> {
  try {
    return (await getObject('gitrepos', 'fleet-local', 'guestbook'))?.spec?.repo;
  } catch {
    return undefined;
  }
}

async function createBundle(ws: string, name: string, targets: Record<string, unknown>[]): Promise<void> {
  await createObject('bundles', ws, { name }, {
    resources: [{ name: `${name}.yaml`, content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  owner: fleet-deck-e2e\n` }],
    targets,
  }).catch((error: any) => {
    if (error?.code !== 409) throw error;
  });
}

/**
 * In `ws`: 3 Git Repos (2 failing, `guestbook` on the demo repository), 3 Clusters (one
 * offline), 2 Cluster Groups and 2 Bundles of their own (plus what `guestbook` builds). Names
 * get `suffix` so that seeds in several workspaces differ.
 */
export async function seedWorkspaceDemo(ws: string, { suffix = '' }: { suffix?: string } = {}): Promise<void> {
  const n = (name: string) => `${name}${suffix}`;
  await seedCluster(ws, n('prod-euw1-0001'), { env: 'prod', region: 'eu-west-1' });
  await seedCluster(ws, n('prod-use1-0002'), { env: 'prod', region: 'us-east-1' });
  await seedOfflineCluster(ws, n('edge-0003'), { env: 'edge' });
  await create('clustergroups', ws, { name: n('prod') }, { selector: { matchLabels: { env: 'prod' } } });
  await create('clustergroups', ws, { name: n('edge') }, { selector: { matchLabels: { env: 'edge' } } });
  await seedFailingGitRepo(ws, n('payments'));
  await seedFailingGitRepo(ws, n('monitoring'));
  const repo = await demoRepoUrl();
  if (repo) await create('gitrepos', ws, { name: n('guestbook') }, { repo, branch: 'main', paths: ['guestbook-manifests'], targets: [{ clusterSelector: { matchLabels: { env: 'prod' } } }] });
  else await seedHealthyGitRepo(ws, n('guestbook'), [{ clusterSelector: { matchLabels: { env: 'prod' } } }]);
  await createBundle(ws, n('settings'), [{ clusterGroup: n('prod') }]);
  await createBundle(ws, n('edge-settings'), [{ clusterSelector: { matchLabels: { env: 'edge' } } }]);
}

/** The totals {@link seedWorkspaceDemo} creates (bundles: at least). */
export const DEMO_TOTALS = { gitrepos: 3, clusters: 3, clustergroups: 2, bundles: 2 } as const;
