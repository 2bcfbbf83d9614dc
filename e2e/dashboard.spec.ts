import { expect, test } from '@playwright/test';

import { createWorkspace, eventually } from './support/kube';
import { DashboardPage } from './support/pages/dashboard.page';
import { seedFailingGitRepo, seedOfflineCluster, seedWorkspaceDemo } from './support/seed';

test.describe('dashboard', () => {
  test('"Needs attention" names a failing Git Repo with its message and links to it', async ({ page, request }) => {
    const ws = await createWorkspace(request, 'dash');
    const name = 'unreachable-repo';
    await seedFailingGitRepo(ws, name);
    // Whoever wrote the status last (this test or a running gitjob controller), the dashboard shows the BFF's row.
    await eventually(request, `/api/v1/workspaces/${ws}/gitrepos?state=error`, (b: any) => b.items.some((r: any) => r.name === name && r.message));

    const dashboard = new DashboardPage(page);
    await dashboard.goto(ws);
    const item = dashboard.attentionItem(name);
    await expect(item).toBeVisible();
    await expect(item).toContainText('Git Repo');
    // The message the BFF has right now (the git controller may reword it while we look).
    await expect(async () => {
      const row = (await (await request.get(`/api/v1/workspaces/${ws}/gitrepos?q=${name}`)).json()).items[0];
      expect(row.message).toMatch(/git\.example\.invalid/);
      await expect(item).toContainText(row.message, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(item.locator('[data-bucket="error"]')).toBeVisible();
    await expect(item.getByRole('link', { name })).toHaveAttribute('href', `/w/${ws}/gitrepos/${name}`);
    await expect(dashboard.overview(ws).getByRole('link', { name: 'Git Repos: 1 Error' })).toHaveAttribute('href', `/w/${ws}/gitrepos?state=error`);

    // On the all-workspaces dashboard it says where it lives.
    await dashboard.goto('_all');
    await expect(dashboard.attentionItem(name).first()).toBeVisible();
  });

  test('lists errors before warnings, caps the list with "and N more", and links counts to filtered lists', async ({ page, request }) => {
    const ws = await createWorkspace(request, 'dash');
    for (let i = 0; i < 10; i++) await seedFailingGitRepo(ws, `broken-${i}`);
    await seedOfflineCluster(ws, 'edge-offline');
    await eventually(request, `/api/v1/workspaces/${ws}/gitrepos?state=error`, (b: any) => b.total === 10);
    await eventually(request, `/api/v1/workspaces/${ws}/clusters?state=warning`, (b: any) => b.total === 1);

    const dashboard = new DashboardPage(page);
    await dashboard.goto(ws);
    // 10 Git Repos in Error and 1 Cluster in Warning: the first 8 errors are named.
    await expect(dashboard.attentionItems).toHaveCount(8);
    for (const item of await dashboard.attentionItems.all()) await expect(item).toHaveAttribute('data-kind', 'gitrepos');
    await expect(dashboard.attentionItems.first()).toHaveAttribute('data-name', 'broken-0');
    await expect(dashboard.needsAttention.getByTestId('attention-more')).toHaveText('and 3 more');
    await expect(dashboard.needsAttention.getByRole('link', { name: 'Git Repos in Error: 10' })).toHaveAttribute('href', `/w/${ws}/gitrepos?state=error`);
    await expect(dashboard.needsAttention.getByRole('link', { name: 'Clusters in Warning: 1' })).toHaveAttribute('href', `/w/${ws}/clusters?state=warning`);

    const overview = dashboard.overview(ws);
    await expect(overview.getByTestId('buckets-gitrepos')).toContainText('10 total');
    await expect(overview.getByRole('link', { name: 'Git Repos: 10 Error' })).toHaveAttribute('href', `/w/${ws}/gitrepos?state=error`);
    await expect(overview.getByRole('link', { name: 'Clusters: 1 Warning' })).toHaveAttribute('href', `/w/${ws}/clusters?state=warning`);
    await expect(overview.getByRole('link', { name: 'Cluster Groups: 0 Active' })).toHaveAttribute('href', `/w/${ws}/clustergroups?state=active`);
    await expect(dashboard.addGitRepo).toHaveAttribute('href', `/w/${ws}/gitrepos/new`);

    // A warning is named once the errors are fewer.
    for (const name of ['broken-9', 'broken-8', 'broken-7']) {
      const res = await request.delete(`/api/v1/workspaces/${ws}/gitrepos/${name}`, { headers: { 'content-type': 'application/json' } });
      expect(res.status(), await res.text()).toBeLessThan(300);
    }
    await expect(dashboard.attentionItems).toHaveCount(8);
    await expect(dashboard.attentionItems.last()).toHaveAttribute('data-name', 'edge-offline');
    await expect(dashboard.attentionItems.last()).toContainText('Wait Check-In');
    await expect(dashboard.needsAttention.getByTestId('attention-more')).toHaveCount(0);
  });

  test('an empty workspace says so and offers to add a Git Repo', async ({ page, request }) => {
    const ws = await createWorkspace(request, 'dash');
    const dashboard = new DashboardPage(page);
    await dashboard.goto(ws);
    await expect(dashboard.overview(ws)).toContainText(`Nothing in ${ws} yet`);
    await expect(dashboard.overview(ws).getByRole('link', { name: 'Add Git Repo' })).toHaveAttribute('href', `/w/${ws}/gitrepos/new`);
    await expect(dashboard.needsAttention).toContainText('Nothing needs attention');
  });

  test('updates live when an object fails', async ({ page, request }) => {
    const ws = await createWorkspace(request, 'dash');
    const dashboard = new DashboardPage(page);
    await dashboard.goto(ws);
    await expect(dashboard.liveIndicator).toHaveText('Live');
    await seedFailingGitRepo(ws, 'late-failure');
    await expect(dashboard.attentionItem('late-failure')).toBeVisible();
    await expect(dashboard.overview(ws).getByRole('link', { name: 'Git Repos: 1 Error' })).toBeVisible();
  });
});

test.describe('dashboard in the dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('is accessible', async ({ page, request }) => {
    const ws = await createWorkspace(request, 'dash');
    await seedWorkspaceDemo(ws);
    const dashboard = new DashboardPage(page);
    await dashboard.goto(ws);
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await expect(dashboard.attentionItems.first()).toBeVisible();
    await dashboard.expectAccessible();
    await dashboard.goto('_all');
  });
});
