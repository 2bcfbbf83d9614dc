import { expect, test } from '@playwright/test';

import { startAppWithUnreachableCluster, type AppServer } from './support/app-server';
import { HomePage } from './support/pages/home.page';

test.describe('home page', () => {
  test('lists the fleet-local and fleet-default workspaces', async ({ page }) => {
    const home = new HomePage(page);
    await home.goto();

    await expect(page).toHaveTitle('Fleet Deck');
    await expect(home.heading).toBeVisible();
    await expect(home.workspace('fleet-local')).toBeVisible();
    await expect(home.workspace('fleet-default')).toBeVisible();
    // fleet-local is always listed first.
    await expect(home.workspaceCards.first()).toHaveAttribute('data-workspace', 'fleet-local');
    await expect(home.connection).toContainText('Embedded cluster');
    await expect(home.errorPanel).toHaveCount(0);

    await home.expectAccessible();
  });

  test.describe('in the dark theme', () => {
    test.use({ colorScheme: 'dark' });

    test('is accessible', async ({ page }) => {
      const home = new HomePage(page);
      await home.goto();
      await expect(home.workspace('fleet-default')).toBeVisible();
      await home.expectAccessible();
    });
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
    await page.goto(app.baseURL);

    await expect(home.errorPanel).toBeVisible();
    await expect(home.errorPanel).toContainText('Cannot reach the management cluster');
    await expect(home.errorPanel).toContainText('ClusterUnreachable');
    await expect(home.workspaceCards).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(/at \S+ \(.*:\d+:\d+\)/);

    await home.expectAccessible();
  });
});
