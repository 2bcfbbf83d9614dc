import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { expect, test } from '@playwright/test';

import { createObject, createWorkspace, FLEET, kube, unique } from './support/kube';
import { DetailPage } from './support/pages/detail.page';

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** Detail pages follow the cluster: changes made with client-node show within 2 s, deletion too. */
test.describe('live detail pages', () => {
  let ws: string;

  test.beforeAll(async ({ request }) => {
    ws = await createWorkspace(request, 'e2e-live');
  });

  test('a Git Repo page shows a change made on the cluster within 2 seconds', async ({ page }) => {
    const name = unique('live');
    await createObject('gitrepos', ws, { name }, { repo: 'https://127.0.0.1:9/rancher/fleet-examples', branch: 'main', pollingInterval: '15s' });
    const detail = new DetailPage(page);
    await detail.goto(ws, 'gitrepos', name, { a11y: false });
    await detail.waitForLive();

    await kube.custom().patchNamespacedCustomObject({ ...FLEET, plural: 'gitrepos', namespace: ws, name, body: { spec: { pollingInterval: '45s' } } }, MERGE_PATCH);
    await expect(detail.card('source').getByTestId('polling')).toContainText('45s', { timeout: 2_000 });

    // Status written by Fleet would show as fast; spec changes are used here because the embedded
    // controllers (when they run) rewrite any status a test writes.
    await kube.custom().patchNamespacedCustomObject({ ...FLEET, plural: 'gitrepos', namespace: ws, name, body: { spec: { paused: true } } }, MERGE_PATCH);
    await expect(detail.detailHeader.getByText('Paused', { exact: true })).toBeVisible({ timeout: 2_000 });
    await expect(detail.detailHeader.getByRole('button', { name: 'Unpause' })).toBeVisible({ timeout: 2_000 });
  });

  test('deleting the object while its page is open shows the not-found panel', async ({ page }) => {
    const name = unique('doomed');
    await createObject('gitrepos', ws, { name }, { repo: 'https://127.0.0.1:9/rancher/fleet-examples' });
    const detail = new DetailPage(page);
    await detail.goto(ws, 'gitrepos', name, { a11y: false });
    await detail.waitForLive();

    await kube.custom().deleteNamespacedCustomObject({ ...FLEET, plural: 'gitrepos', namespace: ws, name });
    await expect(detail.notFound).toContainText(`GitRepo ${name} no longer exists in ${ws}`, { timeout: 15_000 });
    await expect(detail.notFound.getByRole('link', { name: `Back to git repos in ${ws}` })).toBeVisible();
    await detail.expectAccessible();
  });

  test('a Cluster page follows label changes and its deletion', async ({ page }) => {
    const name = unique('edge');
    await createObject('clusters', ws, { name, labels: { env: 'dev' } }, {});
    const detail = new DetailPage(page);
    await detail.goto(ws, 'clusters', name, { a11y: false });
    await detail.waitForLive();
    await expect(detail.card('labels')).toContainText('env=dev');

    await kube.custom().patchNamespacedCustomObject({ ...FLEET, plural: 'clusters', namespace: ws, name, body: { metadata: { labels: { env: 'prod' } } } }, MERGE_PATCH);
    await expect(detail.card('labels')).toContainText('env=prod', { timeout: 2_000 });

    await kube.custom().deleteNamespacedCustomObject({ ...FLEET, plural: 'clusters', namespace: ws, name });
    await expect(detail.notFound).toContainText(`Cluster ${name} no longer exists in ${ws}`, { timeout: 15_000 });
  });
});
