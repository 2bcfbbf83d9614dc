import { expect, test } from '@playwright/test';

import { startAppWithUnreachableCluster, type AppServer } from './support/app-server';
import { DashboardPage } from './support/pages/dashboard.page';
import { HomePage } from './support/pages/home.page';

test.describe('home page', () => {
  test('redirects to fleet-local the first time', async ({ page }) => {
    await new HomePage(page).goto();
    await expect(page).toHaveURL(/\/w\/fleet-local$/);
    const dashboard = new DashboardPage(page);
    await dashboard.waitForDashboard('fleet-local');
    await expect(dashboard.heading).toHaveText('fleet-local');
    await dashboard.expectAccessible();
  });

  test('redirects to the last workspace visited', async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.goto('fleet-default');
    await new HomePage(page).goto();
    await expect(page).toHaveURL(/\/w\/fleet-default$/);
    await dashboard.goto('_all');
    await new HomePage(page).goto();
    await expect(page).toHaveURL(/\/w\/_all$/);
  });

  test('skips a remembered workspace that no longer exists', async ({ page }) => {
    await page.addInitScript(() => {
      localStorage.setItem('fleet-deck.preferences', JSON.stringify({ state: { theme: 'system', density: 'comfortable', lastWorkspace: 'gone-long-ago' }, version: 1 }));
    });
    await new HomePage(page).goto();
    await expect(page).toHaveURL(/\/w\/fleet-local$/);
  });
});

test.describe('home page when the cluster is down', () => {
  // One extra server for the whole group: keep its tests on one worker.
  test.describe.configure({ mode: 'default' });
  let app: AppServer;

  test.beforeAll(async () => {
    app = await startAppWithUnreachableCluster();
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test('shows an error panel instead of a stack trace', async ({ page }) => {
    const home = new HomePage(page);
    await home.goto(app.baseURL);

    await expect(home.errorPanel).toBeVisible();
    await expect(home.errorPanel).toContainText('Cannot reach the management cluster');
    await expect(home.errorPanel).toContainText('ClusterUnreachable');
    await expect(page).toHaveURL(`${app.baseURL}/`);
    await expect(page.locator('body')).not.toContainText(/at \S+ \(.*:\d+:\d+\)/);

    await home.expectAccessible();
  });

  test('a workspace page says the cluster cannot be reached', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(`${app.baseURL}/w/fleet-local`);
    const alert = page.getByTestId('error-state').first();
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('body')).not.toContainText(/at \S+ \(.*:\d+:\d+\)/);
    await new HomePage(page).expectAccessible();
  });
});
