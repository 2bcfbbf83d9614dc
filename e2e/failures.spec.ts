import { expect, test } from '@playwright/test';

import { REPO_LABEL } from '../lib/fleet/labels';
import { createObject, createWorkspace, patchStatus, seedBundleDeployment, seedClusterNamespace } from './support/kube';
import { DashboardPage } from './support/pages/dashboard.page';
import { DetailPage } from './support/pages/detail.page';
import { ListPage } from './support/pages/list.page';

/**
 * Failures a user must not miss. The shared app runs without Fleet's controllers, so statuses are
 * seeded the way the embedded controllers and agents write them (see
 * test/integration/failure-views.test.ts for the same failures produced by the controllers).
 */

const now = () => new Date().toISOString();
const AUTH_ERROR = "fatal: Authentication failed for 'http://127.0.0.1:9/team/app.git/'";

test('a repo with a wrong password shows git’s error on its row, its page and the dashboard', async ({ page, request }) => {
  test.setTimeout(90_000);
  const ws = await createWorkspace(request, 'fail-auth');
  await createObject('gitrepos', ws, { name: 'private-app' }, { repo: 'http://127.0.0.1:9/team/app.git', branch: 'main', clientSecretName: 'git-auth', pollingInterval: '1m' });
  await patchStatus('gitrepos', ws, 'private-app', {
    gitJobStatus: 'Failed',
    lastPollingTriggered: now(),
    conditions: [
      { type: 'GitPolling', status: 'False', reason: 'Error', message: AUTH_ERROR, lastUpdateTime: now() },
      { type: 'Stalled', status: 'True', reason: 'Stalled', message: AUTH_ERROR, lastUpdateTime: now() },
      { type: 'Ready', status: 'False', reason: 'Error', message: AUTH_ERROR, lastUpdateTime: now() },
      { type: 'Accepted', status: 'True', lastUpdateTime: now() },
    ],
  });

  // The row in the list.
  await page.goto(`/w/${ws}/gitrepos`);
  const row = page.getByRole('row').filter({ hasText: 'private-app' });
  await expect(row).toContainText(AUTH_ERROR);
  await expect(row.locator('[data-state]').first()).toHaveAttribute('data-state', 'Error');

  // The page: the reason, git's error verbatim in the sync panel, and a hint pointing at the credentials.
  const detail = new DetailPage(page);
  await detail.goto(ws, 'gitrepos', 'private-app');
  await expect(detail.reason).toContainText(AUTH_ERROR);
  const hint = detail.reason.locator('[data-hint="auth-failed"]');
  await expect(hint).toContainText('Git refused the credentials');
  await expect(hint.getByRole('link', { name: /Edit credentials/ })).toHaveAttribute('href', `/w/${ws}/gitrepos/private-app/edit?field=clientSecretName`);
  await expect(detail.card('git-error')).toContainText(AUTH_ERROR);
  await expect(detail.card('force-update-explanation')).toContainText('re-deploys the last fetched commit');
  await expect(detail.card('force-update-explanation')).toContainText('spec.forceSyncGeneration');
  await page.screenshot({ path: test.info().outputPath('failures-auth-detail.png'), fullPage: true });

  // The dashboard's "Needs attention".
  const dashboard = new DashboardPage(page);
  await dashboard.goto(ws);
  const item = dashboard.attentionItem('private-app');
  await expect(item).toContainText(AUTH_ERROR);
  await expect(item.locator('[data-hint="auth-failed"]')).toBeVisible();
});

test('a drifted cluster shows the diff of each drifted resource', async ({ page, request }) => {
  test.setTimeout(60_000);
  const ws = await createWorkspace(request, 'fail-drift');
  await createObject('clusters', ws, { name: 'edge-7' }, {});
  const ns = await seedClusterNamespace(ws, 'edge-7');
  await seedBundleDeployment({ workspace: ws, cluster: 'edge-7', clusterNamespace: ns, bundle: 'shop-web', repo: 'shop', state: 'Modified', message: 'deployment.apps shop/web modified' });
  await patchStatus('bundledeployments', ns, 'shop-web', {
    modifiedStatus: [
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web', patch: '{"spec":{"replicas":3},"metadata":{"labels":{"edited-by":null}}}' },
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings', missing: true },
      { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'old-web', delete: true },
    ],
  });
  await patchStatus('clusters', ws, 'edge-7', {
    agent: { lastSeen: now(), namespace: 'cattle-fleet-system' },
    summary: { ready: 0, desiredReady: 1, modified: 1, nonReadyResources: [{ name: 'shop-web', bundleState: 'Modified', message: 'deployment.apps shop/web modified' }] },
    display: { state: 'Modified', readyBundles: '0/1' },
    conditions: [{ type: 'Ready', status: 'False', message: 'Modified(1) [Bundle shop-web]', lastUpdateTime: now() }],
  });

  const detail = new DetailPage(page);
  await detail.goto(ws, 'clusters', 'edge-7');
  const drift = detail.card('drift-card');
  await expect(drift).toContainText('3 drifted resources');
  const patched = drift.locator('tr[data-change="patched"]');
  await expect(patched).toContainText('Deployment shop/web');
  await expect(patched.getByTestId('drift-fields')).toContainText('spec.replicas: 3');
  await expect(patched.getByTestId('drift-fields')).toContainText('metadata.labels.edited-by: remove (only on the cluster)');
  await expect(drift.locator('tr[data-change="missing"]')).toContainText('missing on cluster');
  await expect(drift.locator('tr[data-change="extra"]')).toContainText('extra/orphaned');
  await expect(detail.reason.getByTestId('failing-bundles')).toContainText('shop-web');
  await drift.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('failures-drift.png'), fullPage: true });
});

test('one failing cluster out of 50 is named with its message; the matrix shows the other 49 Ready', async ({ page, request }) => {
  test.setTimeout(120_000);
  const ws = await createWorkspace(request, 'fail-50');
  const repo = 'fleet-app';
  const bundle = `${repo}-web`;
  const failing = 'cluster-017';
  const message = 'deployment.apps default/web: image "registry.local/web:2.0" not found';
  const clusters = Array.from({ length: 50 }, (_, i) => `cluster-${String(i).padStart(3, '0')}`);
  await createObject('gitrepos', ws, { name: repo }, { repo: 'http://127.0.0.1:9/fleet-app.git', targets: [{ clusterSelector: {} }] });
  await createObject('bundles', ws, { name: bundle, labels: { [REPO_LABEL]: repo } }, { resources: [] });
  for (let i = 0; i < clusters.length; i += 10) {
    await Promise.all(
      clusters.slice(i, i + 10).map(async (cluster) => {
        await createObject('clusters', ws, { name: cluster }, {});
        const ns = await seedClusterNamespace(ws, cluster);
        await seedBundleDeployment({ workspace: ws, cluster, clusterNamespace: ns, bundle, repo, state: cluster === failing ? 'ErrApplied' : 'Ready', message });
      }),
    );
  }
  await patchStatus('gitrepos', ws, repo, {
    commit: 'a41c0b9e8f2d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
    gitJobStatus: 'Current',
    readyClusters: 49,
    desiredReadyClusters: 50,
    summary: { ready: 49, desiredReady: 50, errApplied: 1, nonReadyResources: [{ name: bundle, bundleState: 'ErrApplied', message }] },
    display: { state: 'ErrApplied', message, error: true, readyBundleDeployments: '49/50' },
    conditions: [{ type: 'Ready', status: 'False', message: `ErrApplied(1) [Bundle ${bundle}: ${message}]`, lastUpdateTime: now() }],
  });

  const detail = new DetailPage(page);
  await detail.goto(ws, 'gitrepos', repo);
  await expect(detail.reason).toContainText(message);
  const named = detail.reason.getByTestId('failing-clusters');
  await expect(named).toContainText('Failing on 1 cluster');
  await expect(named.getByRole('link', { name: failing })).toHaveAttribute('href', `/w/${ws}/clusters/${failing}`);

  const matrix = detail.card('status-matrix');
  await expect(matrix.locator('tr[data-row]').first()).toHaveAttribute('data-row', failing);
  await expect(matrix.locator(`tr[data-row="${failing}"] td[data-bundle="${bundle}"]`)).toContainText(message);
  await matrix.getByLabel('Show').selectOption('Ready');
  await expect(matrix.getByTestId('pager-status')).toHaveText('1–25 of 49 clusters');
  await expect(matrix.locator('tr[data-row]')).toHaveCount(25);
  await expect(matrix.locator('tr[data-state="Ready"]')).toHaveCount(25);
  await expect(matrix.locator(`tr[data-row="${failing}"]`)).toHaveCount(0);
  await matrix.getByRole('button', { name: 'Next' }).click();
  await expect(matrix.getByTestId('pager-status')).toHaveText('26–49 of 49 clusters');
  await expect(matrix.locator('tr[data-state="Ready"]')).toHaveCount(24);
  await matrix.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('failures-matrix.png'), fullPage: true });
  await detail.expectAccessible();

  // The list row names the failing cluster too: Fleet's status only counts it, its BundleDeployment names it.
  const list = new ListPage(page, 'gitrepos');
  await list.goto(ws);
  const failingLine = list.row(repo).getByTestId('row-failing');
  await expect(failingLine).toHaveText(`1 bundle · 1 cluster failing: ${failing}`);
  await expect(failingLine.getByRole('link', { name: failing })).toHaveAttribute('href', `/w/${ws}/clusters/${failing}`);
});

test('list rows name the failing bundles and clusters; a repo that deploys nowhere is a warning', async ({ page, request }) => {
  test.setTimeout(90_000);
  const ws = await createWorkspace(request, 'fail-rows');
  const clusters = ['edge-1', 'edge-2', 'edge-3', 'edge-4', 'edge-5', 'edge-6'];
  const failingClusters = clusters.slice(1);
  const message = 'deployment.apps shop/web: 0/3 replicas available, image "registry.local/web:2.1" not found';
  await createObject('gitrepos', ws, { name: 'shop' }, { repo: 'http://127.0.0.1:9/team/shop.git', branch: 'main', targets: [{ clusterSelector: {} }] });
  await createObject('gitrepos', ws, { name: 'nowhere' }, { repo: 'http://127.0.0.1:9/team/nowhere.git', branch: 'main', targets: [{ clusterSelector: { matchLabels: { env: 'none' } } }] });
  for (const cluster of clusters) await createObject('clusters', ws, { name: cluster }, {});
  const bundles = ['shop-db', 'shop-web'];
  await patchStatus('gitrepos', ws, 'shop', {
    commit: 'b52d1c0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c',
    gitJobStatus: 'Current',
    readyClusters: 1,
    desiredReadyClusters: clusters.length,
    summary: { ready: 2, desiredReady: 12, errApplied: 10, nonReadyResources: bundles.map((name) => ({ name, bundleState: 'ErrApplied', message })) },
    // Fleet names the clusters whose resources are not ready.
    perClusterResourceCounts: Object.fromEntries(clusters.map((c) => [`${ws}/${c}`, { ready: c === 'edge-1' ? 3 : 0, desiredReady: 3, notReady: c === 'edge-1' ? 0 : 3 }])),
    display: { state: 'ErrApplied', message, error: true, readyBundleDeployments: '2/12' },
    conditions: [{ type: 'Ready', status: 'False', message: `ErrApplied(10) [Bundle shop-web: ${message}]`, lastUpdateTime: now() }],
  });
  await patchStatus('gitrepos', ws, 'nowhere', { commit: 'c63e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d', gitJobStatus: 'Current', readyClusters: 0, desiredReadyClusters: 0, summary: { ready: 0, desiredReady: 0 }, display: { state: '' } });
  for (const cluster of failingClusters) {
    await patchStatus('clusters', ws, cluster, {
      agent: { lastSeen: now(), namespace: 'cattle-fleet-system' },
      summary: { ready: 0, desiredReady: 2, errApplied: 2, nonReadyResources: bundles.map((name) => ({ name, bundleState: 'ErrApplied', message })) },
      display: { state: 'ErrApplied', readyBundles: '0/2', message },
      conditions: [{ type: 'Ready', status: 'False', message: `ErrApplied(2) [Bundle shop-db: ${message}]`, lastUpdateTime: now() }],
    });
  }

  const repos = new ListPage(page, 'gitrepos');
  await repos.goto(ws);
  const shop = repos.row('shop');
  await expect(shop.getByTestId('state-message')).toHaveText(message);
  await expect(shop.getByTestId('state-message')).toHaveAttribute('title', message);
  const failingLine = shop.getByTestId('row-failing');
  // Five failing clusters: three named, the rest counted; every name is in the title.
  await expect(failingLine).toHaveText('2 bundles · 5 clusters failing: edge-2, edge-3, edge-4 +2 more');
  await expect(failingLine).toHaveAttribute('title', 'Failing 2 bundles: shop-db, shop-web\nFailing 5 clusters: edge-2, edge-3, edge-4, edge-5, edge-6');
  await expect(failingLine.getByRole('link', { name: 'edge-3' })).toHaveAttribute('href', `/w/${ws}/clusters/edge-3`);

  const nowhere = repos.row('nowhere');
  await expect(nowhere.locator('[data-state]').first()).toHaveAttribute('data-state', 'NoTargets');
  await expect(nowhere.locator('[data-bucket]').first()).toHaveAttribute('data-bucket', 'warning');
  await expect(nowhere).toContainText('No Targets (Warning)');
  await expect(nowhere.getByTestId('state-message')).toContainText('Deploys to no cluster');
  await repos.filterState('Warning');
  await expect(repos.rows).toHaveCount(1);
  await expect(repos.rowLinks).toHaveText(['nowhere']);

  const clusterList = new ListPage(page, 'clusters');
  await clusterList.goto(ws);
  const edge = clusterList.row('edge-2').getByTestId('row-failing');
  await expect(edge).toHaveText('2 bundles failing: shop-db, shop-web');
  await expect(edge.getByRole('link', { name: 'shop-web' })).toHaveAttribute('href', `/w/${ws}/bundles/shop-web`);
  await expect(clusterList.row('edge-1').getByTestId('row-failing')).toHaveCount(0);

  // The dashboard lists the repo that deploys nowhere among the warnings.
  const dashboard = new DashboardPage(page);
  await dashboard.goto(ws);
  const item = dashboard.attentionItem('nowhere');
  await expect(item.locator('[data-bucket]').first()).toHaveAttribute('data-bucket', 'warning');
  await expect(item).toContainText('Deploys to no cluster');

  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const list of [repos, clusterList]) {
      await list.goto(ws, '', { axe: theme === 'dark' });
      await page.screenshot({ path: test.info().outputPath(`failures-rows-${list.kind}-${theme}.png`) });
    }
  }
});
