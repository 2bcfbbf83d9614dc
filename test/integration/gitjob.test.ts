/**
 * The gitjob controller against real git repositories served over HTTP by `git http-backend`,
 * on an embedded cluster: Bundles and GitRepo status for the supported repository layouts,
 * polling, pause, force-sync, restrictions, failures, and deletion.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMIT_LABEL, GITREPO_FINALIZER, REPO_LABEL } from '../../lib/fleet/labels';
import type { Bundle, Condition, GitRepo } from '../../lib/fleet/types';
import type { KubeObject } from '../../lib/k8s/object';
import { ControllerClient } from '../../embedded/controllers/client';
import type { CoreEvent } from '../../embedded/controllers/events';
import { createGitJobController, type GitJobController } from '../../embedded/controllers/gitjob/gitjob-controller';
import { renderBundleObjects } from '../../embedded/controllers/gitjob/render';
import { createWebhookHandler } from '../../embedded/controllers/gitjob/webhook';
import { ControllerManager } from '../../embedded/controllers/runtime';
import { startTestCluster, type InProcessCluster } from '../support/embedded-cluster';
import { closedPort, GitRepos, startGitServer, type GitServer } from '../support/git-server';
import { kubectlPath } from '../support/kubectl';
import { uniqueName, waitFor } from './helpers';

const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: value\n`;

const EXAMPLES = {
  'manifests/deployments/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n',
  'manifests/services/web.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n',
  'manifests/fleet.yaml': 'namespace: fleet-manifest-example\n',
  'multi/fleet.yaml': [
    'defaultNamespace: multi',
    'targetCustomizations:',
    '- name: dev',
    '  clusterSelector: {matchLabels: {env: dev}}',
    '  yaml: {overlays: [scale3]}',
    '- clusterSelector: {matchLabels: {env: test}}',
    '  doNotDeploy: true',
    '',
  ].join('\n'),
  'multi/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 1\n',
  'multi/overlays/scale3/deploy_patch.yaml': 'spec:\n  replicas: 3\n',
  'helm/fleet.yaml': 'namespace: fleet-helm-example\nhelm:\n  releaseName: guestbook\n  values:\n    replicas: 2\n',
  'helm/Chart.yaml': 'apiVersion: v2\nname: guestbook\nversion: 0.0.1\n',
  'helm/values.yaml': 'replicas: 1\n',
  'helm/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-frontend\nspec:\n  replicas: {{ .Values.replicas }}\n',
  'helm/templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-frontend\n',
  'kustomize/kustomization.yaml': 'resources: [base]\n',
  'kustomize/fleet.yaml': 'kustomize:\n  dir: overlays/dev\n',
  'kustomize/base/kustomization.yaml': 'resources: [cm.yaml]\n',
  'kustomize/base/cm.yaml': CM('settings'),
  'kustomize/overlays/dev/kustomization.yaml': 'resources: [../../base]\nnamePrefix: dev-\nnamespace: kustomize-dev\n',
  'apps/one/cm.yaml': CM('one'),
  'apps/two/cm.yaml': CM('two'),
  'broken/fleet.yaml': 'helm:\n  values: [oops\n',
  'broken/cm.yaml': CM('broken'),
  'empty/README.md': 'nothing to deploy\n',
};

let cluster: InProcessCluster;
let client: ControllerClient;
let manager: ControllerManager;
let controller: GitJobController;
let repos: GitRepos;
let server: GitServer;
let authServer: GitServer;
let namespace: string;
const log: string[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
  client = new ControllerClient(cluster.registry);
  repos = new GitRepos();
  repos.create('examples', EXAMPLES);
  repos.create('private', { 'app/cm.yaml': CM('private') });
  server = await startGitServer(repos);
  authServer = await startGitServer(repos, { auth: { username: 'fleet', password: 's3cret' } });
  controller = createGitJobController(client, { dataDir: cluster.dataDir, pollJitter: 0, log: (line) => log.push(line) });
  manager = new ControllerManager(client, (line) => log.push(line));
  manager.register(controller);
  manager.start();
  namespace = uniqueName('gitjob');
  client.create('namespaces', { metadata: { name: namespace } });
});

afterAll(async () => {
  manager?.stop();
  await server?.close();
  await authServer?.close();
  repos?.dispose();
  await cluster?.dispose();
});

// ------------------------------------------------------------------------------------------------

function createGitRepo(name: string, spec: Record<string, unknown>, labels?: Record<string, string>): GitRepo {
  return client.create<GitRepo>('gitrepos', { metadata: { name, namespace, ...(labels ? { labels } : {}) }, spec });
}

function getGitRepo(name: string): GitRepo | undefined {
  return client.get<GitRepo>('gitrepos', namespace, name);
}

function updateSpec(name: string, change: (spec: Record<string, unknown>) => void): void {
  client.mutate<GitRepo>('gitrepos', namespace, name, (gitRepo) => {
    change(gitRepo.spec as Record<string, unknown>);
    return gitRepo;
  });
}

function bundlesOf(name: string): Bundle[] {
  return client.list<Bundle>('bundles', namespace, `${REPO_LABEL}=${name}`).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

function conditionOf(gitRepo: GitRepo | undefined, type: string): Condition | undefined {
  return gitRepo?.status?.conditions?.find((c) => c.type === type);
}

/** Waits until the GitRepo's status satisfies `check`. */
function waitForRepo(name: string, what: string, check: (gitRepo: GitRepo) => boolean, timeoutMs = 15_000): Promise<GitRepo> {
  return waitFor(
    () => {
      const gitRepo = getGitRepo(name);
      return gitRepo && check(gitRepo) ? gitRepo : undefined;
    },
    `${name}: ${what} (status: ${JSON.stringify(getGitRepo(name)?.status)})`,
    timeoutMs,
  );
}

const current = (commit?: string) => (gitRepo: GitRepo) =>
  gitRepo.status?.gitJobStatus === 'Current' && (commit === undefined || gitRepo.status?.commit === commit) && gitRepo.status.observedGeneration === gitRepo.metadata.generation;

const failed = (text: string | RegExp) => (gitRepo: GitRepo) => {
  const message = conditionOf(gitRepo, 'Stalled')?.message ?? '';
  return gitRepo.status?.gitJobStatus === 'Failed' && (typeof text === 'string' ? message.includes(text) : text.test(message));
};

function eventsFor(name: string): CoreEvent[] {
  return client.list<CoreEvent>('events', namespace).filter((event) => event.involvedObject.name === name && event.involvedObject.kind === 'GitRepo');
}

function setSecret(name: string, type: string, data: Record<string, string>): void {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  const existing = client.get('secrets', namespace, name);
  if (existing) client.mutate<KubeObject>('secrets', namespace, name, (secret) => ({ ...secret, data: encoded }));
  else client.create('secrets', { metadata: { name, namespace }, type, data: encoded });
}

// ------------------------------------------------------------------------------------------------

describe('gitjob: building bundles from a repository', () => {
  it('deploys raw manifests: one bundle, Fleet labels, status and events', async () => {
    const head = repos.head('examples');
    createGitRepo('manifests', { repo: server.url('examples'), paths: ['manifests'] }, { team: 'blue' });
    const gitRepo = await waitForRepo('manifests', 'job Current', current(head));

    expect(gitRepo.metadata.finalizers).toContain(GITREPO_FINALIZER);
    expect(gitRepo.status).toMatchObject({ commit: head, pollingCommit: head, gitJobStatus: 'Current', observedGeneration: 1, updateGeneration: 0 });
    expect(gitRepo.status?.lastPollingTriggered).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    for (const [type, status] of [['Accepted', 'True'], ['GitPolling', 'True'], ['Reconciling', 'False'], ['Stalled', 'False']]) {
      expect(conditionOf(gitRepo, type!)?.status, type).toBe(status);
    }

    const [bundle, ...others] = bundlesOf('manifests');
    expect(others).toEqual([]);
    expect(bundle!.metadata.name).toBe('manifests-manifests');
    expect(bundle!.metadata.labels).toEqual({ team: 'blue', [REPO_LABEL]: 'manifests', [COMMIT_LABEL]: head });
    expect(bundle!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'GitRepo', name: 'manifests', uid: gitRepo.metadata.uid });
    expect(bundle!.spec?.namespace).toBe('fleet-manifest-example');
    expect(bundle!.spec?.resources?.map((r) => r.name)).toEqual(['deployments/web.yaml', 'services/web.yaml']);
    expect(bundle!.spec?.targets).toEqual([{ name: 'default', clusterGroup: 'default' }]);

    const objects = await renderBundleObjects(bundle!.spec!);
    expect(objects.map((o) => `${o.kind} ${o.namespace}/${o.name}`)).toEqual(['Deployment fleet-manifest-example/web', 'Service fleet-manifest-example/web']);

    const reasons = eventsFor('manifests').map((event) => event.reason);
    expect(reasons).toEqual(expect.arrayContaining(['GotNewCommit', 'Cloned', 'BundleCreated']));
    const created = eventsFor('manifests').find((event) => event.reason === 'BundleCreated')!;
    expect(created).toMatchObject({ type: 'Normal', message: 'manifests-manifests', count: 1, involvedObject: { kind: 'GitRepo', namespace, uid: gitRepo.metadata.uid } });
  });

  it('reads fleet.yaml targetCustomizations, Helm charts, kustomize and several paths', async () => {
    createGitRepo('examples', {
      repo: server.url('examples'),
      paths: ['multi', 'helm', 'kustomize', 'apps/*'],
      targets: [{ name: 'all', clusterSelector: {} }],
    });
    await waitForRepo('examples', 'job Current', current());
    const bundles = bundlesOf('examples');
    expect(bundles.map((b) => b.metadata.name)).toEqual(['examples-apps-one', 'examples-apps-two', 'examples-helm', 'examples-kustomize', 'examples-multi']);
    const byName = Object.fromEntries(bundles.map((b) => [b.metadata.name, b]));

    const multi = byName['examples-multi']!.spec!;
    expect(multi.targets).toEqual([
      { name: 'dev', clusterSelector: { matchLabels: { env: 'dev' } }, yaml: { overlays: ['scale3'] } },
      { name: 'target001', clusterSelector: { matchLabels: { env: 'test' } }, doNotDeploy: true },
      { name: 'all', clusterSelector: {} },
    ]);
    expect(multi.targetRestrictions).toEqual([{ name: 'all', clusterSelector: {} }]);
    const scaled = await renderBundleObjects(multi, { ...multi, yaml: { overlays: ['scale3'] } });
    expect(scaled.map((o) => [o.namespace, o.name, (o.object.spec as any).replicas])).toEqual([['multi', 'app', 3]]);

    const helm = byName['examples-helm']!.spec!;
    expect(helm.helm).toEqual({ releaseName: 'guestbook', values: { replicas: 2 } });
    const helmObjects = await renderBundleObjects(helm, undefined, { bundleName: 'examples-helm' });
    expect(helmObjects.map((o) => `${o.kind} ${o.namespace}/${o.name} ${JSON.stringify((o.object.spec as any)?.replicas ?? null)}`)).toEqual([
      'Deployment fleet-helm-example/guestbook-frontend 2',
      'Service fleet-helm-example/guestbook-frontend null',
    ]);

    const kustomize = byName['examples-kustomize']!.spec!;
    expect(kustomize.kustomize).toEqual({ dir: 'overlays/dev' });
    if (kubectlPath !== undefined) {
      const objects = await renderBundleObjects(kustomize);
      expect(objects.map((o) => `${o.kind} ${o.namespace}/${o.name}`)).toEqual(['ConfigMap kustomize-dev/dev-settings']);
    } else {
      console.warn('kubectl not found: skipping the kustomize rendering check');
    }
  });

  it('picks up new commits by polling, updating and pruning bundles', async () => {
    repos.create('polled', { 'a/cm.yaml': CM('a'), 'b/cm.yaml': CM('b') });
    createGitRepo('polled', { repo: server.url('polled'), paths: ['a', 'b'], pollingInterval: '1s' });
    const first = await waitForRepo('polled', 'first commit', current(repos.head('polled')));
    expect(bundlesOf('polled').map((b) => b.metadata.name)).toEqual(['polled-a', 'polled-b']);

    const second = repos.commit('polled', { 'a/cm.yaml': CM('a2'), b: null });
    const gitRepo = await waitForRepo('polled', 'second commit', current(second));
    expect(gitRepo.status?.pollingCommit).toBe(second);
    expect(Date.parse(gitRepo.status!.lastPollingTriggered!)).toBeGreaterThanOrEqual(Date.parse(first.status!.lastPollingTriggered!));
    const bundles = bundlesOf('polled');
    expect(bundles.map((b) => b.metadata.name)).toEqual(['polled-a']);
    expect(bundles[0]!.metadata.labels?.[COMMIT_LABEL]).toBe(second);
    expect(bundles[0]!.spec?.resources?.[0]?.content).toContain('name: a2');
    expect(eventsFor('polled').map((e) => e.reason)).toEqual(expect.arrayContaining(['BundleUpdated', 'BundleDeleted']));
  });

  it('propagates paused and forceSyncGeneration to the bundles', async () => {
    createGitRepo('pausing', { repo: server.url('examples'), paths: ['apps/one'], paused: true });
    await waitForRepo('pausing', 'Current', current());
    expect(bundlesOf('pausing')[0]!.spec?.paused).toBe(true);

    updateSpec('pausing', (spec) => {
      spec.paused = false;
    });
    await waitForRepo('pausing', 'generation 2 handled', (g) => current()(g) && g.status?.observedGeneration === 2);
    expect(bundlesOf('pausing')[0]!.spec?.paused).toBeUndefined();

    updateSpec('pausing', (spec) => {
      spec.forceSyncGeneration = 1;
    });
    const gitRepo = await waitForRepo('pausing', 'force sync handled', (g) => current()(g) && g.status?.updateGeneration === 1);
    expect(gitRepo.status?.observedGeneration).toBe(3);
    expect(bundlesOf('pausing')[0]!.spec?.forceSyncGeneration).toBe(1);
  });

  it('uses the gitcredential secret for private repositories', async () => {
    setSecret('gitcredential', 'kubernetes.io/basic-auth', { username: 'fleet', password: 's3cret' });
    createGitRepo('private', { repo: authServer.url('private'), paths: ['app'] });
    await waitForRepo('private', 'Current', current(repos.head('private')));
    expect(bundlesOf('private').map((b) => b.metadata.name)).toEqual(['private-app']);
    client.delete('secrets', namespace, 'gitcredential');
  });
});

describe('gitjob: restrictions', () => {
  it('rejects a GitRepo that violates a GitRepoRestriction and accepts it once it complies', async () => {
    const restricted = uniqueName('restricted');
    client.create('namespaces', { metadata: { name: restricted } });
    client.create('gitreporestrictions', { metadata: { name: 'only-apps', namespace: restricted }, allowedTargetNamespaces: ['apps'], defaultServiceAccount: 'deployer' });
    client.create('gitrepos', { metadata: { name: 'r', namespace: restricted }, spec: { repo: server.url('examples'), paths: ['apps/one'] } });

    await waitFor(() => conditionOf(client.get<GitRepo>('gitrepos', restricted, 'r'), 'Accepted')?.status === 'False', 'Accepted=False');
    const rejected = client.get<GitRepo>('gitrepos', restricted, 'r')!;
    expect(conditionOf(rejected, 'Accepted')?.message).toBe('empty targetNamespace denied, because allowedTargetNamespaces restriction is present');
    expect(rejected.status?.gitJobStatus).toBeUndefined();
    expect(client.list('bundles', restricted)).toEqual([]);

    client.mutate<GitRepo>('gitrepos', restricted, 'r', (g) => ({ ...g, spec: { ...g.spec!, targetNamespace: 'apps' } }));
    await waitFor(() => client.get<GitRepo>('gitrepos', restricted, 'r')?.status?.gitJobStatus === 'Current', 'accepted GitRepo is Current');
    expect(conditionOf(client.get<GitRepo>('gitrepos', restricted, 'r'), 'Accepted')?.status).toBe('True');
    const [bundle] = client.list<Bundle>('bundles', restricted);
    expect(bundle!.spec).toMatchObject({ namespace: 'apps', serviceAccount: 'deployer' });
    expect(bundle!.spec?.targets?.every((t) => t.namespace === 'apps')).toBe(true);
  });
});

describe('gitjob: failures are visible in status while the controller keeps running', () => {
  it('wrong password: Failed with git\'s error, recovers when the secret is fixed', async () => {
    setSecret('creds', 'kubernetes.io/basic-auth', { username: 'fleet', password: 'wrong' });
    createGitRepo('wrong-password', { repo: authServer.url('private'), clientSecretName: 'creds', pollingInterval: '1s' });
    const gitRepo = await waitForRepo('wrong-password', 'Failed', failed(`fatal: Authentication failed for '${authServer.url('private')}/'`));
    expect(conditionOf(gitRepo, 'Stalled')).toMatchObject({ status: 'True', reason: 'Stalled' });
    expect(conditionOf(gitRepo, 'Ready')).toMatchObject({ status: 'False', message: conditionOf(gitRepo, 'Stalled')!.message });
    expect(conditionOf(gitRepo, 'GitPolling')).toMatchObject({ status: 'False' });
    expect(conditionOf(gitRepo, 'Reconciling')?.status).toBe('False');
    expect(eventsFor('wrong-password').find((e) => e.reason === 'FailedToCheckout')).toMatchObject({ type: 'Warning' });

    setSecret('creds', 'kubernetes.io/basic-auth', { username: 'fleet', password: 's3cret' });
    const fixed = await waitForRepo('wrong-password', 'Current after fixing the secret', current(repos.head('private')));
    expect(conditionOf(fixed, 'Stalled')?.status).toBe('False');
    expect(conditionOf(fixed, 'Ready')).toBeUndefined();
    expect(conditionOf(fixed, 'GitPolling')?.status).toBe('True');
  });

  it('a missing client secret is not Accepted', async () => {
    createGitRepo('no-secret', { repo: authServer.url('private'), clientSecretName: 'does-not-exist' });
    const gitRepo = await waitForRepo('no-secret', 'Accepted=False', (g) => conditionOf(g, 'Accepted')?.status === 'False');
    expect(conditionOf(gitRepo, 'Accepted')?.message).toBe('failed to look up clientSecretName: secrets "does-not-exist" not found');
  });

  it('unreachable host', async () => {
    const port = await closedPort();
    createGitRepo('unreachable', { repo: `http://127.0.0.1:${port}/nothing.git` });
    const gitRepo = await waitForRepo('unreachable', 'Failed', failed(`fatal: unable to access 'http://127.0.0.1:${port}/nothing.git/'`));
    expect(conditionOf(gitRepo, 'Stalled')?.message).toMatch(/Failed to connect to 127\.0\.0\.1 port \d+|Connection refused/);
  });

  it('missing branch', async () => {
    createGitRepo('no-branch', { repo: server.url('examples'), branch: 'nope' });
    await waitForRepo('no-branch', 'Failed', failed('branch "nope" not found: couldn\'t find remote ref refs/heads/nope'));
  });

  it('invalid fleet.yaml, then fixed by a new commit picked up by polling', async () => {
    repos.create('broken', { 'app/fleet.yaml': 'helm: [not, a, map]\n', 'app/cm.yaml': CM('x') });
    createGitRepo('broken-yaml', { repo: server.url('broken'), paths: ['app'], pollingInterval: '1s' });
    const gitRepo = await waitForRepo('broken-yaml', 'Failed', failed('failed to process bundle: reading app/fleet.yaml: helm: Invalid value: "array": helm in body must be of type object'));
    expect(conditionOf(gitRepo, 'GitPolling')?.status).toBe('True');
    expect(gitRepo.status?.pollingCommit).toBe(repos.head('broken'));
    expect(gitRepo.status?.commit).toBeUndefined();
    expect(bundlesOf('broken-yaml')).toEqual([]);

    const fix = repos.commit('broken', { 'app/fleet.yaml': 'defaultNamespace: fixed\n' });
    await waitForRepo('broken-yaml', 'Current after the fix', current(fix));
    expect(bundlesOf('broken-yaml')[0]!.spec?.defaultNamespace).toBe('fixed');
  });

  it('YAML syntax errors in fleet.yaml', async () => {
    createGitRepo('syntax', { repo: server.url('examples'), paths: ['broken'] });
    await waitForRepo('syntax', 'Failed', failed(/^failed to process bundle: reading broken\/fleet\.yaml: .+/));
  });

  it('no resources at a path', async () => {
    createGitRepo('nothing', { repo: server.url('examples'), paths: ['empty', 'missing'] });
    await waitForRepo('nothing', 'Failed', failed('no resource found at the following paths to deploy: [empty missing]'));
  });

  it('keeps serving other GitRepos', async () => {
    createGitRepo('still-fine', { repo: server.url('examples'), paths: ['apps/two'] });
    await waitForRepo('still-fine', 'Current', current());
  });
});

describe('gitjob: deletion', () => {
  it('deletes the bundles, waits for them, then removes the finalizer', async () => {
    createGitRepo('doomed', { repo: server.url('examples'), paths: ['apps/*'] });
    await waitForRepo('doomed', 'Current', current());
    expect(bundlesOf('doomed')).toHaveLength(2);
    // A finalizer held by someone else keeps one bundle (and so the GitRepo) around.
    client.mutate<Bundle>('bundles', namespace, 'doomed-apps-one', (b) => ({ ...b, metadata: { ...b.metadata, finalizers: ['example.com/hold'] } }));

    client.delete('gitrepos', namespace, 'doomed');
    await waitFor(() => bundlesOf('doomed').length === 1, 'unheld bundle deleted');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(getGitRepo('doomed')?.metadata.finalizers).toContain(GITREPO_FINALIZER);

    client.mutate<Bundle>('bundles', namespace, 'doomed-apps-one', (b) => ({ ...b, metadata: { ...b.metadata, finalizers: [] } }));
    await waitFor(() => getGitRepo('doomed') === undefined, 'GitRepo gone');
    expect(bundlesOf('doomed')).toEqual([]);
    expect(log.filter((line) => line.includes('controller gitjob'))).toEqual([]);
  });
});

describe('gitjob: webhooks', () => {
  let hookServer: Server;
  let hookUrl: string;

  beforeAll(async () => {
    hookServer = createServer(createWebhookHandler(client));
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => hookServer?.close(() => resolve()));
  });

  it('a GitHub push to a polling-disabled GitRepo sets webhookCommit and runs the job', async () => {
    repos.create('hooked', { 'app/cm.yaml': CM('v1') });
    createGitRepo('hooked', { repo: server.url('hooked'), paths: ['app'], disablePolling: true, webhookSecret: 'hook-secret' });
    await waitForRepo('hooked', 'first commit', current(repos.head('hooked')));
    setSecret('hook-secret', 'Opaque', { github: 'shh' });

    const next = repos.commit('hooked', { 'app/cm.yaml': CM('v2') });
    const body = JSON.stringify({ ref: 'refs/heads/master', after: next, repository: { clone_url: server.url('hooked') } });
    const post = (signature: string) =>
      fetch(hookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': signature }, body });

    const forged = await post('sha256=0000');
    expect(forged.status).toBe(401);
    expect(getGitRepo('hooked')?.status?.webhookCommit).toBeUndefined();

    const response = await post(`sha256=${createHmac('sha256', 'shh').update(body).digest('hex')}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ message: '1 GitRepo(s) updated', updated: [`${namespace}/hooked`] });
    const gitRepo = await waitForRepo('hooked', 'webhook commit deployed', current(next));
    expect(gitRepo.status?.webhookCommit).toBe(next);
    expect(gitRepo.status?.lastWebhookTime).toMatch(/Z$/);
    expect(gitRepo.spec?.pollingInterval).toBe('1h');
    expect(bundlesOf('hooked')[0]!.spec?.resources?.[0]?.content).toContain('name: v2');
  });
});
