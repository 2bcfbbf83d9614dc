import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { DashboardPage } from './support/pages/dashboard.page';
import { freePortSync } from './support/ports';
import { startAppProcess, startClusterProcess, type AppProcess, type ClusterProcess } from './support/processes';

/**
 * The stream banner against an app and embedded cluster of this file's own, which it stops and
 * starts: the banner appears when the BFF loses the cluster and clears by itself when it is back.
 */
test.describe('when the cluster connection drops', () => {
  test.describe.configure({ mode: 'serial' });

  let dir: string;
  let kubeconfig: string;
  let dataDir: string;
  let clusterPort: number;
  let cluster: ClusterProcess | undefined;
  let app: AppProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dir = mkdtempSync(join(tmpdir(), 'fleet-deck-ui-recovery-'));
    dataDir = join(dir, 'data');
    kubeconfig = join(dir, 'kubeconfig');
    clusterPort = freePortSync();
    cluster = await startClusterProcess({ port: clusterPort, dataDir, kubeconfig });
    app = await startAppProcess({ port: freePortSync(), kubeconfig });
    await expect.poll(async () => (await fetch(`${app!.baseURL}/api/readyz`)).status, { timeout: 60_000 }).toBe(200);
  });

  test.afterAll(async () => {
    await Promise.all([app?.stop(), cluster?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('shows the banner while the cluster is away and clears it when it is back', async ({ page }) => {
    test.setTimeout(150_000);
    const dashboard = new DashboardPage(page);
    await page.goto(`${app!.baseURL}/w/fleet-local`);
    await dashboard.waitForDashboard('fleet-local');
    await expect(dashboard.liveIndicator).toHaveText('Live');
    await expect(dashboard.connectionBanner).toHaveCount(0);

    await cluster!.stop();
    cluster = undefined;
    await expect(dashboard.connectionBanner).toBeVisible({ timeout: 15_000 });
    await expect(dashboard.connectionBanner).toHaveText("Lost connection to the cluster — changes will appear when it's back.");
    await expect(page.getByRole('status').filter({ hasText: 'Lost connection to the cluster' })).toBeVisible();
    await expect(dashboard.liveIndicator).toHaveText('Reconnecting…');
    // The page keeps showing what it had.
    await expect(dashboard.heading).toHaveText('fleet-local');
    await dashboard.expectAccessible();

    cluster = await startClusterProcess({ port: clusterPort, dataDir, kubeconfig });
    await expect(dashboard.connectionBanner).toHaveCount(0, { timeout: 60_000 });
    await expect(dashboard.liveIndicator).toHaveText('Live');
  });
});
