import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { expect, test, type BrowserContext } from '@playwright/test';

import { GitRepos, startGitServer, type GitServer } from '../test/support/git-server';
import { DashboardPage } from './support/pages/dashboard.page';
import { DetailPage } from './support/pages/detail.page';
import { ListPage } from './support/pages/list.page';
import { freePortSync } from './support/ports';
import { startAppProcess, startClusterProcess, type AppProcess, type ClusterProcess } from './support/processes';

/**
 * A wrong password for real: this file's own embedded cluster runs Fleet's controllers, which
 * clone from a git server on 127.0.0.1 that wants basic auth. Nothing is seeded: the error the
 * page shows is the one git printed.
 */
test.describe('a Git repo behind a password, with the wrong password', () => {
  test.describe.configure({ mode: 'serial' });

  const ws = 'fleet-default';
  let dir: string;
  let cluster: ClusterProcess | undefined;
  let app: AppProcess | undefined;
  let repos: GitRepos | undefined;
  let gitServer: GitServer | undefined;
  let context: BrowserContext | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dir = mkdtempSync(join(tmpdir(), 'fleet-deck-ui-auth-'));
    const kubeconfig = join(dir, 'kubeconfig');
    repos = new GitRepos(join(dir, 'git'));
    repos.create('app', { 'web/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  greeting: hello\n' });
    gitServer = await startGitServer(repos, { auth: { username: 'fleet', password: 's3cret' } });
    cluster = await startClusterProcess({ port: freePortSync(), dataDir: join(dir, 'data'), kubeconfig });
    app = await startAppProcess({ port: freePortSync(), kubeconfig });
    await expect.poll(async () => (await fetch(`${app!.baseURL}/api/readyz`)).status, { timeout: 60_000 }).toBe(200);

    // What a user does with kubectl: a basic-auth Secret with a typo in the password, and a GitRepo using it.
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    await kc.makeApiClient(CoreV1Api).createNamespacedSecret({
      namespace: ws,
      body: {
        metadata: { name: 'git-auth', namespace: ws },
        type: 'kubernetes.io/basic-auth',
        data: { username: Buffer.from('fleet').toString('base64'), password: Buffer.from('s3cert').toString('base64') },
      },
    });
    await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'fleet.cattle.io',
      version: 'v1alpha1',
      plural: 'gitrepos',
      namespace: ws,
      body: {
        apiVersion: 'fleet.cattle.io/v1alpha1',
        kind: 'GitRepo',
        metadata: { name: 'private-app', namespace: ws },
        spec: { repo: gitServer.url('app'), branch: 'master', paths: ['web'], clientSecretName: 'git-auth', pollingInterval: '15s' },
      },
    });
  });

  test.afterAll(async () => {
    await context?.close();
    await Promise.all([app?.stop(), cluster?.stop(), gitServer?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('shows git’s own error on the repo’s row, its page and the dashboard', async ({ browser }) => {
    test.setTimeout(90_000);
    // Git's words, exactly as `git ls-remote` prints them for a rejected password.
    const gitError = `fatal: Authentication failed for '${gitServer!.url('app')}/'`;
    context = await browser.newContext({ baseURL: app!.baseURL });
    const page = await context.newPage();

    const list = new ListPage(page, 'gitrepos');
    await list.goto(ws, '', { axe: false });
    const row = list.row('private-app');
    // The controllers poll right after the GitRepo appears; the list follows without a reload.
    await expect(row.getByTestId('state-message')).toContainText(gitError, { timeout: 30_000 });
    await expect(row.locator('[data-bucket]').first()).toHaveAttribute('data-bucket', 'error');
    await list.expectAccessible();

    const detail = new DetailPage(page);
    await detail.goto(ws, 'gitrepos', 'private-app');
    await expect(detail.reason).toContainText(gitError);
    await expect(detail.reason.locator('[data-hint="auth-failed"]')).toContainText('Git refused the credentials');
    await expect(detail.card('git-error')).toContainText(gitError);

    const dashboard = new DashboardPage(page);
    await dashboard.goto(ws);
    const item = dashboard.attentionItem('private-app');
    await expect(item).toContainText(gitError);
    await expect(item.locator('[data-hint="auth-failed"]')).toBeVisible();
  });
});
