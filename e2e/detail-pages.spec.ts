import { expect, test, type APIRequestContext } from '@playwright/test';

import { seedDetailFixture, type DetailFixture } from './support/detail-seed';
import { createWorkspace } from './support/kube';
import { DetailPage, type DetailKind } from './support/pages/detail.page';

/**
 * The four detail pages on one seeded workspace: what each shows about the object and its
 * relations, and that each passes an axe scan (in the page object's goto). States come from
 * whoever writes them (the seed, or the embedded Fleet controllers when they run), so the page is
 * compared with the BFF's answer for the same object.
 */

async function bffDetail(request: APIRequestContext, kind: DetailKind, ws: string, name: string): Promise<any> {
  const response = await request.get(`/api/v1/workspaces/${ws}/${kind}/${name}`);
  expect(response.status()).toBe(200);
  return response.json();
}

/** The header shows the BFF's state and reason (retried: the page and the BFF follow the cluster). */
async function expectHeaderMatchesBff(detail: DetailPage, kind: DetailKind, ws: string, name: string): Promise<any> {
  let body: any;
  await expect(async () => {
    body = await bffDetail(detail.page.request, kind, ws, name);
    await expect(detail.stateBadge).toHaveAttribute('data-state', body.row.state, { timeout: 1_000 });
    if (body.row.message) await expect(detail.reason).toContainText(body.row.message.split('\n')[0].slice(0, 80), { timeout: 1_000 });
    else await expect(detail.reason).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  return body;
}

/** Every item of a relation page appears as a row with its state, in the BFF's order (worst first). */
async function expectRows(detail: DetailPage, card: string, items: { name: string; state: string }[]): Promise<void> {
  await expect(detail.card(card).locator('tr[data-row]')).toHaveCount(items.length);
  for (const [index, item] of items.entries()) {
    const row = detail.card(card).locator('tr[data-row]').nth(index);
    await expect(row).toHaveAttribute('data-row', item.name);
    await expect(row.locator('[data-state]').first()).toHaveAttribute('data-state', item.state);
  }
}

test.describe('detail pages', () => {
  let f: DetailFixture;

  test.beforeAll(async ({ request }) => {
    f = await seedDetailFixture(await createWorkspace(request, 'e2e-detail'));
  });

  test('a Git Repo shows its state and why, its source, targets, bundles, clusters, resources and conditions', async ({ page }) => {
    const detail = new DetailPage(page);
    await detail.goto(f.ws, 'gitrepos', f.repo);
    await expectHeaderMatchesBff(detail, 'gitrepos', f.ws, f.repo);

    const source = detail.card('source');
    await expect(source).toContainText('https://127.0.0.1:9/rancher/fleet-examples');
    await expect(source).toContainText('main');
    await expect(source.getByTestId('polling')).toContainText('15s');
    const targets = detail.card('targets-card');
    await expect(targets).toContainText('production');
    await expect(targets).toContainText('cluster group prod');
    await expect(targets).toContainText('clusters with env=staging');

    await expect(async () => {
      const body = await bffDetail(page.request, 'gitrepos', f.ws, f.repo);
      if (body.row.commit) await expect(source.getByTestId('commit')).toHaveText(body.row.commit.slice(0, 8), { timeout: 1_000 });
      await expectRows(detail, 'bundles', body.relations.bundles.items);
      await expectRows(detail, 'per-cluster', body.relations.clusters.items);
      const first = body.relations.clusters.items[0];
      if (first && first.state !== 'Ready') {
        // The failing bundle and Fleet's message, split into their columns.
        const [bundle, ...message] = first.message.split(': ');
        await expect(detail.row('per-cluster', first.name)).toContainText(bundle, { timeout: 1_000 });
        await expect(detail.row('per-cluster', first.name)).toContainText(message.join(': ').slice(0, 60), { timeout: 1_000 });
      }
      const resources = body.object.status?.resources ?? [];
      if (resources.length > 0) await expect(detail.card('resources')).toContainText(resources[0].id, { timeout: 1_000 });
      else await expect(detail.card('resources')).toContainText('No deployed resources', { timeout: 1_000 });
      for (const condition of body.conditions) {
        await expect(detail.card('conditions').locator(`tr[data-condition="${condition.type}"]`)).toContainText(condition.status, { timeout: 1_000 });
      }
    }).toPass({ timeout: 20_000 });
    expect(await detail.card('bundles').locator('tr[data-row]').count()).toBe(2);

    // Links lead to the related objects' pages.
    await detail.row('bundles', f.bundles.backend).getByRole('link', { name: f.bundles.backend }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${f.ws}/bundles/${f.bundles.backend}$`));
  });

  test('a Cluster shows its labels, agent, groups, Git repos and bundles with their state there', async ({ page }) => {
    const detail = new DetailPage(page);
    await detail.goto(f.ws, 'clusters', f.clusters.prod);
    await expectHeaderMatchesBff(detail, 'clusters', f.ws, f.clusters.prod);

    await expect(detail.card('labels')).toContainText('env=prod');
    await expect(detail.card('labels')).toContainText('region=eu-west-1');
    await expect(detail.card('agent')).toContainText('Last seen');
    await expect(detail.card('groups').getByRole('link', { name: f.group })).toBeVisible();
    await expect(async () => {
      const body = await bffDetail(page.request, 'clusters', f.ws, f.clusters.prod);
      expect(body.relations.repos.items.map((r: any) => r.name)).toContain(f.repo);
      await expectRows(detail, 'cluster-repos', body.relations.repos.items);
      await expectRows(detail, 'cluster-bundles', body.relations.bundles.items);
    }).toPass({ timeout: 20_000 });
    for (const action of ['Edit labels…', 'Pause', 'Force update…', 'Move…']) {
      await expect(detail.detailHeader.getByRole('button', { name: action })).toBeVisible();
    }
  });

  test('a Cluster Group shows its selector, members and the Git repos that target it', async ({ page }) => {
    const detail = new DetailPage(page);
    await detail.goto(f.ws, 'clustergroups', f.group);
    await expectHeaderMatchesBff(detail, 'clustergroups', f.ws, f.group);

    await expect(detail.card('selector')).toContainText('env=prod');
    await expect(detail.card('members').locator('tr[data-row]')).toHaveCount(1);
    await expect(detail.row('members', f.clusters.prod)).toBeVisible();
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
    await expectHeaderMatchesBff(detail, 'bundles', f.ws, f.bundles.backend);

    await expect(async () => {
      const body = await bffDetail(page.request, 'bundles', f.ws, f.bundles.backend);
      expect(body.relations.deployments.total).toBeGreaterThan(0);
      await expectRows(detail, 'deployments', body.relations.deployments.items);
    }).toPass({ timeout: 20_000 });
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
    await expect(detail.detailHeader.getByRole('link', { name: 'Edit' })).toHaveAttribute('href', `/w/${f.ws}/gitrepos/${f.repo}/edit`);
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
