import { expect, test } from '@playwright/test';

import { eventually, unique } from './support/kube';
import { WorkspaceDetailPage, WorkspacesPage } from './support/pages/workspaces.page';
import { seedWorkspaceDemo } from './support/seed';

test('create a workspace, then delete it after typing its name', async ({ page, request }) => {
  // Many steps, and deleting waits until the BFF's cache no longer has the workspace.
  test.setTimeout(90_000);
  const name = unique('team');
  const list = new WorkspacesPage(page);
  await list.goto('fleet-local');
  await expect(list.row('fleet-local')).toContainText('Local');
  await expect(list.row('fleet-default')).toContainText('Default');

  await list.openCreate();
  // Checked as you type.
  await list.nameInput.fill('Team_A');
  await expect(list.createDialog.getByTestId('field-error')).toHaveText('Use lowercase letters only.');
  await expect(list.nameInput).toHaveAttribute('aria-invalid', 'true');
  await expect(list.submit).toBeDisabled();
  await list.nameInput.fill('team a');
  await expect(list.createDialog.getByTestId('field-error')).toHaveText('Only lowercase letters, digits and “-” are allowed, not spaces.');
  await list.nameInput.fill('-team');
  await expect(list.createDialog.getByTestId('field-error')).toHaveText('Start with a lowercase letter or a digit.');
  await list.nameInput.fill('fleet-default');
  await expect(list.createDialog.getByTestId('field-error')).toHaveText('A workspace named “fleet-default” already exists.');
  await list.nameInput.fill('x'.repeat(64));
  await expect(list.createDialog.getByTestId('field-error')).toHaveText('Use at most 63 characters (this name has 64).');
  await list.expectAccessible();

  // The server's refusal is shown at the field: a namespace of that name exists (not a workspace).
  await list.nameInput.fill('cattle-fleet-system');
  await expect(list.createDialog.getByTestId('field-error')).toHaveCount(0);
  await list.submit.click();
  await expect(list.createDialog.getByTestId('field-error')).toContainText('a workspace or namespace named "cattle-fleet-system" already exists');
  await expect(list.nameInput).toHaveAttribute('aria-invalid', 'true');

  await list.nameInput.fill(name);
  await expect(list.createDialog.getByTestId('field-error')).toHaveCount(0);
  await list.submit.click();
  await expect(list.createDialog).toBeHidden();
  await expect(list.created).toContainText(`Workspace ${name} created.`);
  await expect(list.row(name)).toBeVisible();
  await expect(list.createButton).toBeFocused();

  // It is in the combobox too.
  await list.workspaceCombobox.click();
  await expect(list.workspaceOption(name)).toBeVisible();
  await list.workspaceCombobox.press('Escape');

  // Seed something so the impact preview has numbers.
  await seedWorkspaceDemo(name);
  await eventually(request, `/api/v1/workspaces/${name}`, (b: any) => b.deletion?.impact?.clusters === 3 && b.deletion.impact.gitrepos === 3 && b.deletion.impact.bundles >= 2);

  await list.row(name).getByRole('link', { name, exact: true }).click();
  const detail = new WorkspaceDetailPage(page);
  await expect(detail.root).toHaveAttribute('data-workspace', name);
  // What the BFF says would go (bundles come and go as the controllers build them).
  let impact = '';
  await expect(async () => {
    const { deletion } = await (await request.get(`/api/v1/workspaces/${name}`)).json();
    const i = deletion.impact;
    impact = `${i.clusters} clusters, ${i.gitrepos} Git repos, ${i.clustergroups} cluster groups and ${i.bundles} bundles`;
    await expect(detail.impact).toHaveText(impact, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  expect(impact).toMatch(/^3 clusters, 3 Git repos, 2 cluster groups and \d+ bundles$/);
  await detail.expectAccessible();

  await detail.deleteButton.click();
  await expect(detail.confirmDialog).toBeVisible();
  await expect(detail.confirmDialog).toContainText(/3 clusters, 3 Git repos, 2 cluster groups and \d+ bundles will be deleted/);
  const confirm = detail.confirmDialog.getByRole('button', { name: 'Delete workspace' });
  await expect(confirm).toBeDisabled();
  const typed = detail.confirmDialog.getByRole('textbox', { name: `Type ${name} to confirm` });
  await expect(typed).toBeFocused();
  await detail.expectAccessible();
  await typed.fill(name.slice(0, -1));
  await expect(confirm).toBeDisabled();
  // Escape closes without deleting.
  await page.keyboard.press('Escape');
  await expect(detail.confirmDialog).toBeHidden();
  await expect(detail.deleteButton).toBeFocused();

  await detail.deleteButton.click();
  await detail.confirmDialog.getByRole('textbox', { name: `Type ${name} to confirm` }).fill(name);
  await detail.confirmDialog.getByRole('button', { name: 'Delete workspace' }).click();
  await expect(page).toHaveURL(/\/w\/fleet-local\/workspaces$/, { timeout: 30_000 });
  await expect(list.row(name)).toHaveCount(0);
  await expect(list.row('fleet-local')).toBeVisible();
  expect((await request.get(`/api/v1/workspaces/${name}`)).status()).toBe(404);
});

test('fleet-local and fleet-default cannot be deleted, and the page says why', async ({ page }) => {
  const detail = new WorkspaceDetailPage(page);
  for (const name of ['fleet-local', 'fleet-default']) {
    await detail.goto('fleet-local', name);
    await expect(detail.deleteButton).toBeDisabled();
    await expect(detail.refusal).toBeVisible();
    await expect(detail.refusal).toContainText(`Workspace "${name}" belongs to Fleet`);
    await expect(detail.deleteButton).toHaveAccessibleDescription(/belongs to Fleet/);
  }
});

test('a deleted or mistyped workspace name shows a not-found message', async ({ page }) => {
  await page.goto('/w/fleet-local/workspaces/not-a-workspace');
  await expect(page.getByRole('main')).toContainText('There is no workspace named “not-a-workspace”');
  await expect(page.getByRole('main').getByRole('link', { name: 'See all workspaces' })).toHaveAttribute('href', '/w/fleet-local/workspaces');
});

test.describe('in the dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('the workspaces pages are accessible', async ({ page }) => {
    const list = new WorkspacesPage(page);
    await list.goto('fleet-local');
    await list.openCreate();
    await list.nameInput.fill('Bad Name');
    await list.expectAccessible();
    await page.keyboard.press('Escape');
    await new WorkspaceDetailPage(page).goto('fleet-local', 'fleet-default');
  });
});
