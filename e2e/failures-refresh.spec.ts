import { expect, test } from '@playwright/test';

import { REPO_LABEL } from '../lib/fleet/labels';
import { createObject, createWorkspace, patchStatus, seedBundleDeployment, seedClusterNamespace } from './support/kube';
import { DetailPage } from './support/pages/detail.page';
import { openSse, type SseMessage } from './support/sse';

/**
 * A repo page follows its BundleDeployments, not only its GitRepo: one cluster drifting while the
 * repo's own object stays as it was must show in the matrix and the drift view without a reload.
 * The shared app runs without controllers, so the statuses are written the way Fleet's agent
 * writes them (see e2e/failures.spec.ts).
 */

const now = () => new Date().toISOString();

const mentions = (kind: string, name: string) => (m: SseMessage) =>
  m.event === 'changes' && (m.data as { changes: { kind: string; name?: string }[] }).changes.some((c) => c.kind === kind && c.name === name);

test('one cluster going Modified shows in the repo’s matrix and drift view without a reload', async ({ page, request, baseURL }) => {
  test.setTimeout(90_000);
  const ws = await createWorkspace(request, 'fail-refresh');
  const repo = 'shop';
  const bundle = 'shop-web';
  const clusters = ['edge-1', 'edge-2', 'edge-3'];
  const drifting = 'edge-2';
  await createObject('gitrepos', ws, { name: repo }, { repo: 'http://127.0.0.1:9/team/shop.git', branch: 'main', targets: [{ clusterSelector: {} }] });
  await createObject('bundles', ws, { name: bundle, labels: { [REPO_LABEL]: repo } }, { resources: [] });
  const namespaces: Record<string, string> = {};
  for (const cluster of clusters) {
    await createObject('clusters', ws, { name: cluster }, {});
    namespaces[cluster] = await seedClusterNamespace(ws, cluster);
    await seedBundleDeployment({ workspace: ws, cluster, clusterNamespace: namespaces[cluster]!, bundle, repo, state: 'Ready' });
  }
  await patchStatus('gitrepos', ws, repo, {
    commit: 'd41c0b9e8f2d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
    gitJobStatus: 'Current',
    readyClusters: 3,
    desiredReadyClusters: 3,
    summary: { ready: 3, desiredReady: 3 },
    display: { state: 'Ready', readyBundleDeployments: '3/3' },
    conditions: [{ type: 'Ready', status: 'True', lastUpdateTime: now() }],
  });

  const detail = new DetailPage(page);
  await detail.goto(ws, 'gitrepos', repo);
  await detail.waitForLive();
  const matrix = detail.card('status-matrix');
  const drift = detail.card('drift-card');
  await expect(matrix.locator('tr[data-state="Ready"]')).toHaveCount(3);
  await expect(drift).toContainText('No drift');
  // A reload would drop this; the page must change in place.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  const stream = await openSse(`${baseURL}/api/v1/events?ws=${ws}`);
  try {
    await stream.waitFor((m) => m.event === 'status', 10_000, 'the status message');

    // Only the BundleDeployment changes: the GitRepo (and its rollup) stays as it was.
    await patchStatus('bundledeployments', namespaces[drifting]!, bundle, {
      ready: false,
      nonModified: false,
      display: { state: 'Modified', deployed: 'True', monitored: 'False' },
      conditions: [
        { type: 'Deployed', status: 'True' },
        { type: 'Ready', status: 'False', message: 'deployment.apps shop/web modified' },
      ],
      modifiedStatus: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web', patch: '{"spec":{"replicas":3}}' }],
    });

    // What the browser is told: the repo and the cluster changed.
    await stream.waitFor(mentions('gitrepos', repo), 5_000, 'a notice for the repo');
    await stream.waitFor(mentions('clusters', drifting), 5_000, 'a notice for the cluster');
  } finally {
    stream.close();
  }

  const row = matrix.locator(`tr[data-row="${drifting}"]`);
  await expect(row).toHaveAttribute('data-state', 'Modified', { timeout: 5_000 });
  await expect(row.locator(`td[data-bundle="${bundle}"]`)).toContainText('Modified');
  await expect(matrix.locator('tr[data-row]').first()).toHaveAttribute('data-row', drifting);
  await expect(matrix.locator('tr[data-state="Ready"]')).toHaveCount(2);

  const patched = drift.locator('tr[data-change="patched"]');
  await expect(patched).toHaveCount(1, { timeout: 5_000 });
  await expect(patched).toContainText(drifting);
  await expect(patched).toContainText('Deployment shop/web');
  await expect(patched.getByTestId('drift-fields')).toContainText('spec.replicas: 3');

  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await drift.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('failures-refresh.png'), fullPage: true });
  await detail.expectAccessible();
});
