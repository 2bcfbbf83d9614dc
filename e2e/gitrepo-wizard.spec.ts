import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { expect, test } from '@playwright/test';

import { CLUSTER_LABEL, REPO_LABEL } from '../lib/fleet/labels';
import { GitRepos, startGitServer, type GitServer } from '../test/support/git-server';
import { DetailPage } from './support/pages/detail.page';
import { WizardPage } from './support/pages/wizard.page';
import { freePortSync } from './support/ports';
import { startAppProcess, startClusterProcess, type AppProcess, type ClusterProcess } from './support/processes';

/**
 * The Git Repo wizard end to end, against an app and embedded cluster of this file's own with
 * Fleet's controllers and simulated clusters running (the shared app has no controllers), and a
 * Git repository served over HTTP with basic auth on 127.0.0.1.
 */

const WS = 'fleet-default';
const FLEET = { group: 'fleet.cattle.io', version: 'v1alpha1' } as const;
const USER = 'fleet';
const PASSWORD = 'corr3ct-horse';
const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUZmxlZXQtZGVjay1lMmUtY2E=\n-----END CERTIFICATE-----\n';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  app: ${name}\n`;

test.describe('Add Git Repo wizard', () => {
  test.describe.configure({ mode: 'serial' });

  let dir: string;
  let kubeconfig: string;
  let cluster: ClusterProcess | undefined;
  let app: AppProcess | undefined;
  let repos: GitRepos;
  let git: GitServer;
  let custom: CustomObjectsApi;
  let core: CoreV1Api;

  const gitRepo = async (name: string): Promise<any> => custom.getNamespacedCustomObject({ ...FLEET, plural: 'gitrepos', namespace: WS, name });
  const bundlesOf = async (repo: string): Promise<string[]> => {
    const list: any = await custom.listNamespacedCustomObject({ ...FLEET, plural: 'bundles', namespace: WS, labelSelector: `${REPO_LABEL}=${repo}` });
    return list.items.map((bundle: any) => bundle.metadata.name).sort();
  };
  const clustersWithDeployments = async (repo: string): Promise<string[]> => {
    const list: any = await custom.listClusterCustomObject({ ...FLEET, plural: 'bundledeployments', labelSelector: `${REPO_LABEL}=${repo}` });
    return [...new Set<string>(list.items.map((bd: any) => bd.metadata.labels[CLUSTER_LABEL]))].sort();
  };
  const secretNames = async (): Promise<string[]> => (await core.listNamespacedSecret({ namespace: WS })).items.map((secret) => secret.metadata!.name!).sort();

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    repos = new GitRepos();
    const first = repos.create('shop', { 'web/configmap.yaml': configMap('web'), 'api/configmap.yaml': configMap('api') }, 'main');
    repos.branch('shop', 'release', first);
    git = await startGitServer(repos, { auth: { username: USER, password: PASSWORD } });

    dir = mkdtempSync(join(tmpdir(), 'fleet-deck-ui-wizard-'));
    kubeconfig = join(dir, 'kubeconfig');
    cluster = await startClusterProcess({ port: freePortSync(), dataDir: join(dir, 'data'), kubeconfig });
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    custom = kc.makeApiClient(CustomObjectsApi);
    core = kc.makeApiClient(CoreV1Api);

    // Four simulated clusters (the controllers give each an agent) and a group of one of them.
    const clusters: [string, Record<string, string>][] = [
      ['eu-prod', { env: 'prod', region: 'eu' }],
      ['us-prod', { env: 'prod', region: 'us' }],
      ['eu-dev', { env: 'dev', region: 'eu' }],
      ['edge-1', { tier: 'edge' }],
    ];
    for (const [name, labels] of clusters) {
      await custom.createNamespacedCustomObject({ ...FLEET, plural: 'clusters', namespace: WS, body: { apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'Cluster', metadata: { name, labels }, spec: {} } });
    }
    await custom.createNamespacedCustomObject({
      ...FLEET,
      plural: 'clustergroups',
      namespace: WS,
      body: { apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'ClusterGroup', metadata: { name: 'edge' }, spec: { selector: { matchLabels: { tier: 'edge' } } } },
    });

    app = await startAppProcess({ port: freePortSync(), kubeconfig });
    await expect.poll(async () => (await fetch(`${app!.baseURL}/api/readyz`)).status, { timeout: 60_000 }).toBe(200);
  });

  test.afterAll(async () => {
    await Promise.all([app?.stop(), cluster?.stop(), git?.close()]);
    repos?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('creates a repo over basic auth that becomes Ready on exactly the matching clusters', async ({ page }) => {
    test.setTimeout(180_000);
    const wizard = new WizardPage(page, app!.baseURL);
    await wizard.gotoNew(WS);
    await wizard.field('Name').fill('shop');
    await wizard.field('Description (optional)').fill('The shop front');
    await wizard.next('Repository');

    await wizard.field('Repository URL').fill(git.url('shop'));
    await wizard.chooseBasicAuth(USER, 'wrong-password');
    await wizard.testConnection();
    await expect(wizard.connectionError).toContainText(`Authentication failed for '${git.url('shop')}/'`);
    await expect(wizard.connectionError).not.toContainText('wrong-password');

    await wizard.field('Password or personal access token').fill(PASSWORD);
    await wizard.testConnection();
    await expect(wizard.connectionOk).toHaveText('Connected: 2 branches, 0 tags. Pick one below.');
    await expect(wizard.branchPicker.getByRole('button')).toHaveText(['main', 'release']);
    await wizard.branchPicker.getByRole('button', { name: 'main' }).click();
    await expect(wizard.field('Branch')).toHaveValue('main');
    await wizard.addPath('web');
    await wizard.addPath('api');
    await page.screenshot({ path: test.info().outputPath('repository.png'), fullPage: true });
    await wizard.next('Targets');

    // A cluster group plus a label selector: edge-1 through the group, eu-prod through its labels.
    await wizard.chooseTargetMode('Choose targets');
    await wizard.targetRow(0).getByLabel('Cluster group', { exact: true }).selectOption('edge');
    const selectorRow = await wizard.addTarget('Clusters with labels');
    await wizard.addLabelRule(selectorRow, 'env', 'prod');
    await wizard.addLabelRule(selectorRow, 'region', 'eu');
    await expect(wizard.previewSummary).toHaveText('Matches 2 of 4 clusters');
    await page.screenshot({ path: test.info().outputPath('targets.png'), fullPage: true });
    await wizard.next('Advanced');
    await wizard.next('Review');
    await expect(wizard.reviewYaml).toContainText('clusterGroup: edge');
    await expect(page.getByTestId('review-secret-clientSecret')).toContainText('password: ••••••••');
    await expect(page.getByTestId('review-secret-clientSecret')).not.toContainText(PASSWORD);
    await wizard.submitButton.click();

    await expect(page).toHaveURL(`${app!.baseURL}/w/${WS}/gitrepos/shop`);
    const detail = new DetailPage(page);
    const progress = page.getByTestId('gitrepo-progress');
    await expect(progress).toBeVisible();
    await expect(progress.getByRole('progressbar', { name: 'Clusters ready' })).toHaveAttribute('aria-valuetext', '2 of 2 clusters ready', { timeout: 120_000 });
    for (const step of await progress.getByTestId('progress-step').all()) await expect(step).toHaveAttribute('data-state', 'done');
    await expect(progress.getByTestId('progress-step')).toHaveText([/Cloning \(done\)commit [0-9a-f]{7}/, /Bundles created \(done\)2 bundles/, /Clusters ready \(done\)2 of 2/]);
    await detail.expectAccessible();
    await progress.screenshot({ path: test.info().outputPath('progress.png') });

    expect(await clustersWithDeployments('shop')).toEqual(['edge-1', 'eu-prod']);
    expect(await bundlesOf('shop')).toEqual(['shop-api', 'shop-web']);
    const stored = await gitRepo('shop');
    expect(stored.spec.clientSecretName).toMatch(/^auth-/);
    const secret = await core.readNamespacedSecret({ name: stored.spec.clientSecretName, namespace: WS });
    expect(secret.type).toBe('kubernetes.io/basic-auth');
    expect(stored.metadata.annotations['field.cattle.io/description']).toBe('The shop front');
  });

  test('editing its paths changes its bundles', async ({ page }) => {
    test.setTimeout(120_000);
    const wizard = new WizardPage(page, app!.baseURL);
    await wizard.gotoEdit(WS, 'shop');
    await expect(wizard.field('Name')).toBeDisabled();
    await wizard.stepper.getByRole('button', { name: /Repository/ }).click();
    await wizard.expectStep('Repository');
    await expect(wizard.field('Path 2')).toHaveValue('api');
    await wizard.step.getByRole('button', { name: 'Remove path 2' }).click();
    await wizard.stepper.getByRole('button', { name: /Review/ }).click();
    await wizard.expectStep('Review');
    await wizard.submitButton.click();
    await expect(page).toHaveURL(`${app!.baseURL}/w/${WS}/gitrepos/shop`);

    await expect.poll(() => bundlesOf('shop'), { timeout: 90_000 }).toEqual(['shop-web']);
    const stored = await gitRepo('shop');
    expect(stored.spec.paths).toEqual(['web']);
    // Everything else is as it was.
    expect(stored.spec.targets).toHaveLength(2);
    expect(stored.spec.branch).toBe('main');
  });

  test('clones it under a new name', async ({ page }) => {
    test.setTimeout(120_000);
    const wizard = new WizardPage(page, app!.baseURL);
    await wizard.gotoNew(WS, { clone: 'shop' });
    await expect(wizard.field('Name')).toHaveValue('shop-copy');
    await wizard.next('Repository', { axe: false });
    await expect(wizard.field('Repository URL')).toHaveValue(git.url('shop'));
    await wizard.next('Targets', { axe: false });
    await expect(wizard.targetRows).toHaveCount(2);
    await wizard.next('Advanced', { axe: false });
    await wizard.next('Review', { axe: false });
    await wizard.submitButton.click();
    await expect(page).toHaveURL(`${app!.baseURL}/w/${WS}/gitrepos/shop-copy`);

    const [original, copy] = await Promise.all([gitRepo('shop'), gitRepo('shop-copy')]);
    expect(copy.spec).toEqual(original.spec);
    await expect(page.getByTestId('gitrepo-progress').getByRole('progressbar')).toHaveAttribute('aria-valuetext', '2 of 2 clusters ready', { timeout: 90_000 });
  });

  test('an edit keeps paused and the fields the form does not know', async ({ page }) => {
    test.setTimeout(60_000);
    // Paused from outside the wizard (kubectl, another tool), plus a spec field newer than this UI.
    const before = await gitRepo('shop');
    before.spec.paused = true;
    before.spec.futureField = { keep: 'me' };
    await custom.replaceNamespacedCustomObject({ ...FLEET, plural: 'gitrepos', namespace: WS, name: 'shop', body: before });

    const wizard = new WizardPage(page, app!.baseURL);
    await wizard.gotoEdit(WS, 'shop', { axe: false });
    await wizard.field('Description (optional)').fill('The shop front, paused');
    await wizard.stepper.getByRole('button', { name: /Review/ }).click();
    await wizard.expectStep('Review');
    await wizard.submitButton.click();
    await expect(page).toHaveURL(`${app!.baseURL}/w/${WS}/gitrepos/shop`);

    const after = await gitRepo('shop');
    expect(after.metadata.annotations['field.cattle.io/description']).toBe('The shop front, paused');
    expect(after.spec.paused).toBe(true);
    expect(after.spec.futureField).toEqual({ keep: 'me' });
    expect(after.spec.paths).toEqual(before.spec.paths);
  });

  test('stores every Advanced field as typed (checked with kubectl)', async ({ page }) => {
    test.setTimeout(120_000);
    const wizard = new WizardPage(page, app!.baseURL);
    const shopSecret = (await gitRepo('shop')).spec.clientSecretName as string;
    await wizard.gotoNew(WS, { axe: false });
    await wizard.field('Name').fill('full');
    await wizard.next('Repository', { axe: false });
    await wizard.field('Repository URL').fill(git.url('shop'));
    await wizard.field('Git authentication').selectOption('existing');
    await wizard.field('Secret').selectOption(shopSecret);
    await wizard.next('Targets', { axe: false });
    await wizard.chooseTargetMode('No clusters');
    await wizard.field('Service account (optional)').fill('deployer');
    await wizard.field('Target namespace (optional)').fill('shop');
    await wizard.next('Advanced');

    await wizard.field('Helm repository credentials').selectOption('basic-auth');
    await wizard.field('Username').fill('helm-user');
    await wizard.field('Password or personal access token').fill('helm-pass');
    await wizard.field('Helm repos URL regex (optional)').fill('https://charts\\.example\\.com/.*');
    await wizard.field('Per-path Helm credentials Secret (optional)').selectOption(shopSecret);
    await wizard.step.getByRole('radio', { name: 'Trust additional certificates' }).check();
    await wizard.field('CA certificates (PEM)').fill(CA_PEM);
    await wizard.field('Poll the repository for new commits').uncheck();
    await wizard.field('Polling interval (optional)').fill('45s');
    await wizard.field('Webhook secret (optional)').fill('hook-secret');
    await wizard.field('Self-healing: correct drift').check();
    await wizard.field('Force drift correction (replace resources that cannot be patched)').check();
    await wizard.field('Keep failed drift corrections in the Helm history').check();
    await wizard.field('Keep resources when the Git repo or a bundle is deleted').check();
    await wizard.field('Delete the target namespace when the Git repo is deleted').check();
    await wizard.field('Paused').check();
    await wizard.field('OCI registry Secret (optional)').fill('oci-store');
    await wizard.field('Image scan interval (optional)').fill('5m');
    await wizard.field('Commit author name').fill('Fleet Bot');
    await wizard.field('Commit author email').fill('bot@example.com');
    await wizard.field('Commit message template').fill('bump images');
    await wizard.next('Review');
    await page.screenshot({ path: test.info().outputPath('review.png'), fullPage: true });
    // An edit of the YAML is read back into the form and is what gets created.
    await wizard.appendToYamlLine('webhookSecret: hook-secret', '-from-yaml');
    await wizard.submitButton.click();
    await expect(page).toHaveURL(`${app!.baseURL}/w/${WS}/gitrepos/full`);

    let stored: any;
    try {
      stored = JSON.parse(execFileSync('kubectl', ['--kubeconfig', kubeconfig, 'get', 'gitrepos.fleet.cattle.io', '-n', WS, 'full', '-o', 'json'], { encoding: 'utf8' }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') test.skip(true, 'kubectl is not installed: the stored object is not checked');
      throw error;
    }
    expect(stored.spec).toMatchObject({
      repo: git.url('shop'),
      clientSecretName: shopSecret,
      helmSecretName: expect.stringMatching(/^auth-/),
      helmSecretNameForPaths: shopSecret,
      helmRepoURLRegex: 'https://charts\\.example\\.com/.*',
      caBundle: Buffer.from(CA_PEM).toString('base64'),
      disablePolling: true,
      pollingInterval: '45s',
      webhookSecret: 'hook-secret-from-yaml',
      correctDrift: { enabled: true, force: true, keepFailHistory: true },
      keepResources: true,
      deleteNamespace: true,
      paused: true,
      ociRegistrySecret: 'oci-store',
      imageScanInterval: '5m',
      imageScanCommit: { authorName: 'Fleet Bot', authorEmail: 'bot@example.com', messageTemplate: 'bump images' },
      serviceAccount: 'deployer',
      targetNamespace: 'shop',
    });
    expect(stored.spec.targets).toBeUndefined();
    expect(stored.spec.insecureSkipTLSVerify).toBeUndefined();
    const helm = await core.readNamespacedSecret({ name: stored.spec.helmSecretName, namespace: WS });
    expect(helm.type).toBe('kubernetes.io/basic-auth');
    expect(Buffer.from(helm.data!.username!, 'base64').toString()).toBe('helm-user');
  });

  test('bad input at each step shows a message at the field and creates nothing', async ({ page }) => {
    test.setTimeout(120_000);
    const secretsBefore = await secretNames();
    const wizard = new WizardPage(page, app!.baseURL);
    await wizard.gotoNew(WS, { axe: false });

    // Metadata: the name is checked as it is typed; a taken name is caught by the server's dry run.
    const name = wizard.field('Name');
    await name.fill('Bad_Name');
    await wizard.expectFieldError(name, 'RFC 1123');
    await wizard.nextButton.click();
    await wizard.expectStep('Metadata');
    await name.fill('shop');
    await wizard.nextButton.click();
    await wizard.expectFieldError(name, `A Git repo named shop already exists in ${WS}`);
    await wizard.expectStep('Metadata');
    await wizard.expectAccessible();
    await name.fill('never-created');
    await wizard.next('Repository', { axe: false });

    // Repository: a URL git cannot clone, an empty path entry.
    const url = wizard.field('Repository URL');
    await url.fill('ftp://127.0.0.1/shop.git');
    await wizard.step.getByRole('button', { name: 'Add path' }).click();
    await wizard.nextButton.click();
    await wizard.expectStep('Repository');
    await wizard.expectFieldError(url, 'uses ftp://, which Fleet cannot clone');
    await wizard.expectFieldError(wizard.field('Path 1'), 'Enter a path, or remove this entry');
    await wizard.expectAccessible();
    await url.fill(git.url('shop'));
    await wizard.field('Path 1').fill('web');
    await wizard.next('Targets', { axe: false });

    // Targets: an invalid label selector.
    await wizard.chooseTargetMode('Choose targets');
    await wizard.targetRow(0).getByLabel('Target 1', { exact: true }).selectOption({ label: 'Clusters with labels' });
    await wizard.addLabelRule(wizard.targetRow(0), 'bad key!', 'x');
    await wizard.nextButton.click();
    await wizard.expectStep('Targets');
    await expect(wizard.targetRow(0).getByTestId('selector-error')).toContainText('clusterSelector.matchLabels');
    await wizard.expectAccessible();

    await page.goto(`${app!.baseURL}/w/${WS}/gitrepos`);
    await expect(custom.getNamespacedCustomObject({ ...FLEET, plural: 'gitrepos', namespace: WS, name: 'never-created' })).rejects.toMatchObject({ code: 404 });
    expect(await secretNames()).toEqual(secretsBefore);
  });
});
