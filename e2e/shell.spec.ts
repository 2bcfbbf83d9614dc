import { expect, test } from '@playwright/test';

import { createWorkspace, eventually } from './support/kube';
import { DashboardPage } from './support/pages/dashboard.page';
import { ShellPage } from './support/pages/shell.page';
import { seedWorkspaceDemo } from './support/seed';

/** The shell: workspace combobox, navigation, breadcrumbs, shortcuts, palette, settings. */

let ws: string;

test.beforeAll(async ({ request }) => {
  ws = await createWorkspace(request, 'shell');
  await seedWorkspaceDemo(ws, { suffix: `-${ws.slice(-4)}` });
  await eventually(request, `/api/v1/workspaces/${ws}/gitrepos?state=error`, (body: any) => body.total === 2);
});

test('switching workspace with the combobox changes the dashboard and keeps the section', async ({ page }) => {
  const dashboard = new DashboardPage(page);
  await dashboard.goto('fleet-local');
  await expect(dashboard.heading).toHaveText('fleet-local');
  await expect(dashboard.workspaceCombobox).toHaveValue('fleet-local');

  // Type to filter, Enter to choose.
  await dashboard.chooseWorkspaceByKeyboard(ws);
  await expect(page).toHaveURL(new RegExp(`/w/${ws}$`));
  await dashboard.waitForDashboard(ws);
  await expect(dashboard.heading).toHaveText(ws);
  await expect(dashboard.overview(ws).getByTestId('buckets-gitrepos')).toContainText('3 total');
  await expect(dashboard.workspaceCombobox).toHaveValue(ws);

  // Options carry counts and an error badge.
  await dashboard.workspaceCombobox.click();
  await expect(dashboard.workspaceOption(ws)).toContainText('3 repos · 3 clusters');
  // The two Git Repos that cannot be cloned.
  await expect(dashboard.workspaceOption(ws)).toContainText('2 errors');
  await expect(dashboard.workspaceOption('fleet-local')).toContainText(/\d+ repos? · \d+ clusters?/);
  await expect(dashboard.workspaceOption('_all')).toContainText('All workspaces');
  await dashboard.workspaceCombobox.press('Escape');
  await expect(page.getByRole('listbox', { name: 'Workspace' })).toBeHidden();
  await expect(dashboard.workspaceCombobox).toHaveValue(ws);

  // From a section, the section is kept.
  await dashboard.section('Clusters').click();
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/clusters$`));
  await expect(dashboard.section('Clusters')).toHaveAttribute('aria-current', 'page');
  await dashboard.chooseWorkspaceByMouse('fleet-default');
  await expect(page).toHaveURL(/\/w\/fleet-default\/clusters$/);
  await expect(dashboard.section('Clusters')).toHaveAttribute('aria-current', 'page');
  await expect(dashboard.breadcrumbs).toContainText('fleet-default');
  await expect(dashboard.breadcrumbs).toContainText('Clusters');

  // "All workspaces".
  await dashboard.section('Dashboard').click();
  await dashboard.chooseWorkspaceByMouse('_all');
  await expect(page).toHaveURL(/\/w\/_all$/);
  await dashboard.waitForDashboard('_all');
  await expect(dashboard.heading).toHaveText('All workspaces');
  await expect(dashboard.overview(ws)).toBeVisible();
  await expect(dashboard.overview('fleet-local')).toBeVisible();
  await dashboard.expectAccessible();
});

test('side navigation names every section and marks the current one', async ({ page }) => {
  const shell = new DashboardPage(page);
  await shell.goto(ws);
  const names = ['Dashboard', 'Git Repos', 'Clusters', 'Cluster Groups', 'Bundles', 'Workspaces'];
  await expect(shell.sections.getByRole('link')).toHaveText(names);
  await expect(shell.section('Dashboard')).toHaveAttribute('aria-current', 'page');
  for (const [name, path] of [
    ['Git Repos', 'gitrepos'],
    ['Cluster Groups', 'clustergroups'],
    ['Bundles', 'bundles'],
    ['Workspaces', 'workspaces'],
  ] as const) {
    await expect(shell.section(name)).toHaveAttribute('href', `/w/${ws}/${path}`);
  }
  await shell.section('Workspaces').click();
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/workspaces$`));
  await expect(shell.section('Workspaces')).toHaveAttribute('aria-current', 'page');
  await expect(shell.section('Dashboard')).not.toHaveAttribute('aria-current', 'page');
});

test('the live indicator says Live once the stream is up', async ({ page }) => {
  const shell = new DashboardPage(page);
  await shell.goto(ws);
  await expect(shell.liveIndicator).toHaveText('Live');
  await expect(shell.connectionBanner).toHaveCount(0);
});

test('Ctrl+K finds an object in any workspace and opens it', async ({ page }) => {
  const shell = new DashboardPage(page);
  await shell.goto('fleet-local');
  await shell.openPalette();
  const target = `payments-${ws.slice(-4)}`;
  await shell.paletteInput.fill(target);
  const option = shell.palette.getByRole('option', { name: new RegExp(`^${target}, Git Repo in ${ws}, Error$`) });
  await expect(option).toBeVisible();
  await shell.expectAccessible();
  // Move the active option to it, then Enter.
  for (let i = 0; i < 10 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await shell.paletteInput.press('ArrowDown');
  await shell.paletteInput.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/gitrepos/${target}$`));
  await expect(shell.palette).toBeHidden();
});

test('Ctrl+K goes to a page; Escape closes the palette', async ({ page }) => {
  const shell = new DashboardPage(page);
  await shell.goto(ws);
  await shell.openPalette();
  await expect(shell.paletteInput).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(shell.palette).toBeHidden();
  await shell.openPalette();
  await shell.paletteInput.fill('workspaces');
  await expect(shell.palette.getByRole('option').first()).toHaveAccessibleName('Workspaces, Page');
  await shell.paletteInput.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/w/${ws}/workspaces$`));
});

test('"/" focuses the page\'s search box', async ({ page }) => {
  const shell = new ShellPage(page);
  await page.goto(`/w/${ws}`);
  await shell.waitForShell();
  // A page with a search box: add a stand-in when the list pages are not there.
  await page.evaluate(() => {
    if (document.querySelector('[data-search-input]')) return;
    const input = document.createElement('input');
    input.setAttribute('data-search-input', '');
    input.setAttribute('aria-label', 'Search');
    document.querySelector('main')!.prepend(input);
  });
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  await expect(page.locator('[data-search-input]')).toBeFocused();
  // Typing "/" in a field types it.
  await page.keyboard.type('a/b');
  await expect(page.locator('[data-search-input]')).toHaveValue('a/b');
});

test('an unknown workspace shows a not-found panel linking to the workspaces', async ({ page }) => {
  const shell = new ShellPage(page);
  await page.goto('/w/no-such-workspace');
  await shell.waitForShell();
  const panel = page.getByTestId('workspace-not-found');
  await expect(panel).toContainText('There is no workspace named “no-such-workspace”');
  await expect(shell.heading).toHaveText('There is no workspace named “no-such-workspace”');
  await shell.expectAccessible();
  await panel.getByRole('link', { name: 'See all workspaces' }).click();
  await expect(page).toHaveURL(/\/w\/_all\/workspaces$/);
  await expect(page.getByTestId('workspaces-table')).toBeVisible();
});

test('deep links survive a reload', async ({ page }) => {
  const shell = new DashboardPage(page);
  await page.goto(`/w/${ws}/workspaces/${ws}`);
  await expect(page.getByTestId('workspace-detail')).toHaveAttribute('data-workspace', ws);
  await page.reload();
  await expect(page.getByTestId('workspace-detail')).toHaveAttribute('data-workspace', ws);
  await expect(shell.workspaceCombobox).toHaveValue(ws);
  await expect(shell.section('Workspaces')).toHaveAttribute('aria-current', 'page');
  await expect(shell.breadcrumbs.getByRole('link')).toHaveText([ws, 'Workspaces']);
  await expect(page).toHaveTitle(`Workspace ${ws} · ${ws} · Fleet Deck`);

  await page.goto(`/w/${ws}`);
  await shell.waitForDashboard(ws);
  await page.reload();
  await shell.waitForDashboard(ws);
  await expect(shell.heading).toHaveText(ws);
});

test('theme and density are chosen in the settings menu and kept', async ({ page }) => {
  const shell = new DashboardPage(page);
  await shell.goto(ws);
  await shell.settingsButton.click();
  const panel = page.getByRole('group', { name: 'Display settings' });
  await expect(panel).toBeVisible();
  await panel.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await panel.getByRole('radio', { name: 'Compact' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-density', 'compact');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(shell.settingsButton).toBeFocused();
  await shell.expectAccessible();

  await page.reload();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await shell.settingsButton.click();
  await expect(panel.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await panel.getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
});
