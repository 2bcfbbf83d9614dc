import { expect, test } from '@playwright/test';

import { COMMIT, FAILURE, seedDetailFixture, type DetailFixture } from './support/detail-seed';
import { createWorkspace } from './support/kube';
import { DetailPage } from './support/pages/detail.page';

/**
 * The four detail pages on one seeded workspace: what each shows about the object and its
 * relations, and that each passes an axe scan (in the page object's goto).
 */
test.describe('detail pages', () => {
  let f: DetailFixture;

  test.beforeAll(async ({ request }) => {
    f = await seedDetailFixture(await createWorkspace(request, 'e2e-detail'));
  });

  test('a Git Repo shows its state and why, its source, targets, bundles, clusters, resources and conditions', async ({ page }) => {
    const detail = new DetailPage(page);
    await detail.goto(f.ws, 'gitrepos', f.repo);

    await expect(detail.stateBadge).toHaveAttribute('data-state', 'ErrApplied');
    await expect(detail.reason).toContainText(FAILURE);
    const source = detail.card('source');
    await expect(source).toContainText('https://github.com/rancher/fleet-examples');
    await expect(source).toContainText('main');
    await expect(source.getByTestId('commit')).toHaveText(COMMIT.slice(0, 8));
    await expect(source.getByTestId('polling')).toContainText('15s');
    const targets = detail.card('targets-card');
    await expect(targets).toContainText('cluster group prod');
    await expect(targets).toContainText('clusters with env=staging');

    await expect(detail.row('bundles', f.bundles.backend)).toContainText('Err Applied');
    await expect(detail.row('bundles', f.bundles.frontend)).toContainText('Ready');
    // Per-cluster state, worst first, naming the failing bundle and why.
    const perCluster = detail.card('per-cluster');
    await expect(perCluster.locator('tr[data-row]').first()).toHaveAttribute('data-row', f.clusters.prod);
    await expect(detail.row('per-cluster', f.clusters.prod)).toContainText(f.bundles.backend);
    await expect(detail.row('per-cluster', f.clusters.prod)).toContainText('image "redis:nope" not found');
    await expect(detail.row('per-cluster', f.clusters.staging)).toContainText('2/2');

    await expect(detail.card('resources')).toContainText('default/backend');
    await expect(detail.card('resources')).toContainText('1 missing');
    await expect(detail.card('conditions').locator('tr[data-condition="Ready"]')).toContainText('False');

    // Links lead to the related objects' pages.
    await detail.row('per-cluster', f.clusters.prod).getByRole('link', { name: f.clusters.prod }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${f.ws}/clusters/${f.clusters.prod}$`));
  });

  test('a Cluster shows its labels, agent, groups, Git repos and bundles with their state there', async ({ page }) => {
    const detail = new DetailPage(page);
    await detail.goto(f.ws, 'clusters', f.clusters.prod);

    await expect(detail.stateBadge).toHaveAttribute('data-state', 'ErrApplied');
    await expect(detail.card('labels')).toContainText('env=prod');
    await expect(detail.card('labels')).toContainText('region=eu-west-1');
    await expect(detail.card('agent')).toContainText('cattle-fleet-system');
    await expect(detail.card('groups').getByRole('link', { name: f.group })).toBeVisible();
    await expect(detail.row('cluster-repos', f.repo)).toContainText('Err Applied');
    await expect(detail.row('cluster-repos', f.repo)).toContainText(f.bundles.backend);
    await expect(detail.row('cluster-bundles', f.bundles.backend)).toContainText('Err Applied');
    await expect(detail.row('cluster-bundles', f.bundles.frontend)).toContainText('Ready');
    await expect(detail.card('conditions').locator('tr[data-condition="Ready"]')).toContainText(f.bundles.backend);
    for (const action of ['Edit labels…', 'Pause', 'Force update…', 'Move…']) {
      await expect(detail.detailHeader.getByRole('button', { name: action })).toBeVisible();
    }
  });

  test('a Cluster Group shows its selector, members and the Git repos that target it', async ({ page }) => {
    const detail = new DetailPage(page);
    await detail.goto(f.ws, 'clustergroups', f.group);

    await expect(detail.stateBadge).toHaveAttribute('data-state', 'ErrApplied');
    await expect(detail.card('selector')).toContainText('env=prod');
    await expect(detail.row('members', f.clusters.prod)).toContainText('Err Applied');
    await expect(detail.card('members').locator('tr[data-row]')).toHaveCount(1);
    await expect(detail.row('targeting-repos', f.repo)).toContainText('names this group');

    // Delete asks first and names what targets the group.
    await detail.detailHeader.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(f.repo);
    await detail.expectAccessible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  });

  test('a Bundle shows its deployments per cluster, targets, files and owning Git repo', async ({ page }) => {
    const detail = new DetailPage(page);
    await detail.goto(f.ws, 'bundles', f.bundles.backend);

    await expect(detail.stateBadge).toHaveAttribute('data-state', 'ErrApplied');
    await expect(detail.row('deployments', f.clusters.prod)).toContainText('Err Applied');
    await expect(detail.row('deployments', f.clusters.prod)).toContainText('image "redis:nope" not found');
    await expect(detail.row('deployments', f.clusters.staging)).toContainText('Ready');
    await expect(detail.card('targets-card')).toContainText('cluster group prod');
    await expect(detail.card('bundle-files')).toContainText(`${f.bundles.backend}.yaml`);
    await detail.card('origin').getByRole('link', { name: f.repo }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${f.ws}/gitrepos/${f.repo}$`));
  });

  test('a Git Repo page offers its actions, and force update explains itself before it runs', async ({ page }) => {
    const detail = new DetailPage(page);
    await detail.goto(f.ws, 'gitrepos', f.repo, { a11y: false });
    for (const action of ['Pause', 'Disable polling', 'Force update…', 'Delete…']) {
      await expect(detail.detailHeader.getByRole('button', { name: action })).toBeVisible();
    }
    await expect(detail.detailHeader.getByRole('link', { name: 'Edit' })).toHaveAttribute('href', `/w/${f.ws}/gitrepos/new?edit=${f.repo}`);
    await detail.detailHeader.getByRole('button', { name: 'Force update…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('does not fetch newer commits');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  test('an object that does not exist gets a not-found panel with a way back', async ({ page }) => {
    const detail = new DetailPage(page);
    await page.goto(`/w/${f.ws}/gitrepos/no-such-repo`);
    await expect(detail.notFound).toContainText(`GitRepo no-such-repo no longer exists in ${f.ws}`);
    await expect(detail.notFound.getByRole('link', { name: `Back to git repos in ${f.ws}` })).toHaveAttribute('href', `/w/${f.ws}/gitrepos`);
    await detail.expectAccessible();
  });
});
