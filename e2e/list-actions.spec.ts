import { expect, test } from '@playwright/test';

import { createObject, createWorkspace, eventually, getObject, seedCluster, unique } from './support/kube';
import { ListPage } from './support/pages/list.page';

/**
 * Row and bulk actions on the list pages: each one changes the row in place (no reload), says
 * what it did, and writes what Fleet expects.
 */

const REPO_LABEL = 'fleet.cattle.io/repo-name';

async function seedGitRepo(ws: string, name: string, spec: Record<string, unknown> = {}): Promise<string> {
  await createObject('gitrepos', ws, { name }, { repo: `https://127.0.0.1:9/${name}.git`, branch: 'main', ...spec });
  return name;
}

test.describe('list actions', () => {
  let ws: string;

  test.beforeEach(async ({ request }) => {
    ws = await createWorkspace(request, 'e2e-actions');
  });

  test('pause, force update and polling of a Git repo change the row without a reload', async ({ page, request }) => {
    const name = await seedGitRepo(ws, unique('repo'));
    await eventually(request, `/api/v1/workspaces/${ws}/gitrepos?q=${name}`, (body: any) => body.total === 1);
    const list = new ListPage(page, 'gitrepos');
    await list.goto(ws);
    await page.evaluate(() => ((window as any).__noReload = true));
    const row = list.row(name);
    await expect(row.locator('[data-flag]')).toHaveCount(0);

    await list.rowAction(name, /^Pause/);
    await expect(row.locator('[data-flag="Paused"]')).toBeVisible();
    await expect(list.toast(`Paused ${name}`)).toBeVisible();
    expect((await getObject('gitrepos', ws, name)).spec.paused).toBe(true);

    // Force update says what it does before doing it.
    await list.rowAction(name, /^Force update/);
    await expect(list.confirmDialog).toBeVisible();
    await expect(list.confirmDialog).toContainText('commit it last fetched');
    await list.expectAccessible();
    await list.confirmDialog.getByRole('button', { name: 'Force update' }).click();
    await expect(list.confirmDialog).toBeHidden();
    await expect(list.toast(`Force update started for ${name}`)).toBeVisible();
    expect((await getObject('gitrepos', ws, name)).spec.forceSyncGeneration).toBe(1);

    await list.rowAction(name, /^Disable polling/);
    await expect(row.locator('[data-flag="Polling off"]')).toBeVisible();
    expect((await getObject('gitrepos', ws, name)).spec.disablePolling).toBe(true);

    await list.rowAction(name, /^Unpause/);
    await list.rowAction(name, /^Enable polling/);
    await expect(row.locator('[data-flag]')).toHaveCount(0);
    expect((await getObject('gitrepos', ws, name)).spec).toMatchObject({ paused: false, disablePolling: false, forceSyncGeneration: 1 });
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  });

  test('bulk pause of selected Git repos', async ({ page, request }) => {
    const names = [await seedGitRepo(ws, 'bulk-a'), await seedGitRepo(ws, 'bulk-b'), await seedGitRepo(ws, 'bulk-c')];
    await eventually(request, `/api/v1/workspaces/${ws}/gitrepos`, (body: any) => body.total === 3);
    const list = new ListPage(page, 'gitrepos');
    await list.goto(ws);
    await list.select(names[0]!);
    await list.select(names[2]!);
    await expect(list.bulkBar).toContainText('2 Git repos selected');
    await list.expectAccessible();
    await list.bulkBar.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(list.toast('Paused 2 Git repos')).toBeVisible();
    await expect(list.row(names[0]!).locator('[data-flag="Paused"]')).toBeVisible();
    await expect(list.row(names[2]!).locator('[data-flag="Paused"]')).toBeVisible();
    await expect(list.row(names[1]!).locator('[data-flag="Paused"]')).toHaveCount(0);
    // Everything selected is paused now: Pause is off, Unpause on.
    await expect(list.bulkBar.getByRole('button', { name: 'Pause', exact: true })).toBeDisabled();
    await expect(list.bulkBar.getByRole('button', { name: 'Unpause', exact: true })).toBeEnabled();
  });

  test('deleting a Git repo names its bundles and the clusters that lose its resources', async ({ page, request }) => {
    const name = await seedGitRepo(ws, unique('doomed'));
    for (const bundle of ['app', 'config']) {
      await createObject('bundles', ws, { name: `${name}-${bundle}`, labels: { [REPO_LABEL]: name } }, { resources: [] });
    }
    await eventually(request, `/api/v1/workspaces/${ws}/gitrepos/${name}`, (body: any) => body.relations?.bundles?.total === 2);
    const list = new ListPage(page, 'gitrepos');
    await list.goto(ws);

    await list.rowAction(name, /^Delete/);
    await expect(list.confirmDialog).toContainText(`Delete GitRepo ${name}?`);
    const impact = list.confirmDialog.getByTestId('delete-impact');
    await expect(impact).toContainText(`Deletes GitRepo ${name} and its 2 bundles`);
    await expect(impact).toContainText(`${name}-app, ${name}-config`);
    await list.expectAccessible();
    await list.confirmDialog.getByRole('button', { name: 'Delete' }).click();
    await expect(list.toast(`Deleted GitRepo ${name}`)).toBeVisible();
    await expect(list.row(name)).toHaveCount(0);
    await expect(list.emptyState).toContainText(`No Git repos in ${ws}`);
    await expect(list.emptyState.getByRole('link', { name: 'Add Git Repo' })).toHaveAttribute('href', `/w/${ws}/gitrepos/new`);
  });

  test('editing cluster labels validates as you type and updates the row', async ({ page, request }) => {
    const name = await seedCluster(ws, unique('c'), { env: 'dev', region: 'eu-west' });
    await eventually(request, `/api/v1/workspaces/${ws}/clusters?q=${name}`, (body: any) => body.total === 1);
    const list = new ListPage(page, 'clusters');
    await list.goto(ws);
    await page.evaluate(() => ((window as any).__noReload = true));

    await list.rowAction(name, /^Edit labels/);
    const dialog = list.dialog('labels-dialog');
    await expect(dialog).toBeVisible();
    const key = (index: number) => dialog.getByRole('textbox', { name: `Key of label ${index}`, exact: true });
    const value = (index: number) => dialog.getByRole('textbox', { name: `Value of label ${index}`, exact: true });
    await expect(key(1)).toHaveValue('env');
    await expect(key(2)).toHaveValue('region');

    // Kubernetes' rules, as you type.
    await value(1).fill('not valid!');
    await expect(dialog.getByTestId('label-value-error')).toContainText('a valid label must be an empty string or consist of alphanumeric characters');
    await expect(value(1)).toHaveAttribute('aria-invalid', 'true');
    await value(1).fill('qa');
    await expect(dialog.getByTestId('label-value-error')).toHaveCount(0);

    await dialog.getByRole('button', { name: 'Add label' }).click();
    await key(3).fill('fleet.cattle.io/owner');
    await expect(dialog.getByTestId('label-key-error')).toContainText('belong to Fleet and Rancher');
    await key(3).fill('example.com/tier');
    await value(3).fill('gold');
    await expect(dialog.getByTestId('label-key-error')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Remove label region' }).click();
    await expect(dialog).toContainText('3 changes');
    await list.expectAccessible();

    await dialog.getByRole('button', { name: 'Save labels' }).click();
    await expect(dialog).toBeHidden();
    await expect(list.toast(`Saved labels of ${name}`)).toBeVisible();
    const row = list.row(name);
    await expect(row).toContainText('env=qa');
    await expect(row).toContainText('example.com/tier=gold');
    await expect(row).not.toContainText('region=');
    expect((await getObject('clusters', ws, name)).metadata.labels).toEqual({ env: 'qa', 'example.com/tier': 'gold' });
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  });

  test('a label the server refuses is reported at its field', async ({ page, request }) => {
    const name = await seedCluster(ws, unique('c'), { env: 'dev' });
    await eventually(request, `/api/v1/workspaces/${ws}/clusters?q=${name}`, (body: any) => body.total === 1);
    const list = new ListPage(page, 'clusters');
    await list.goto(ws, '', { axe: false });
    // Stand in for a rule only the API server knows (an admission webhook, say).
    await page.route(`**/api/v1/workspaces/${ws}/clusters/${name}/labels`, (route) =>
      route.fulfill({ status: 422, json: { error: { code: 'invalid', field: 'set[env]', message: 'set[env]: Invalid value: "prod": env=prod is reserved for the platform team' } } }),
    );
    await list.rowAction(name, /^Edit labels/);
    const dialog = list.dialog('labels-dialog');
    await dialog.getByRole('textbox', { name: 'Value of label 1', exact: true }).fill('prod');
    await dialog.getByRole('button', { name: 'Save labels' }).click();
    await expect(dialog.getByTestId('label-value-error')).toHaveText('Invalid value: "prod": env=prod is reserved for the platform team');
    await expect(dialog).toBeVisible();
  });

  test('moving a cluster to another workspace removes it from this list', async ({ page, request }) => {
    const target = await createWorkspace(request, 'e2e-move-to');
    const name = await seedCluster(ws, unique('c'), { env: 'dev' });
    await eventually(request, `/api/v1/workspaces/${ws}/clusters?q=${name}`, (body: any) => body.total === 1);
    const list = new ListPage(page, 'clusters');
    await list.goto(ws, '', { axe: false });

    await list.rowAction(name, /^Move to workspace/);
    const dialog = list.dialog('move-dialog');
    const select = dialog.getByRole('combobox', { name: 'Target workspace' });
    await expect(select.locator('option', { hasText: 'fleet-local' })).toHaveCount(0);
    await expect(select.locator('option', { hasText: ws })).toHaveCount(0);
    await select.selectOption(target);
    await list.expectAccessible();
    await dialog.getByRole('button', { name: 'Move' }).click();
    await expect(list.toast(`Moved ${name} to ${target}`)).toBeVisible();
    await expect(list.row(name)).toHaveCount(0);
    expect((await getObject('clusters', target, name)).metadata.labels).toEqual({ env: 'dev' });
  });

  test('deleting a cluster group lists the Git repos that target it', async ({ page, request }) => {
    const group = 'prod-group';
    await createObject('clustergroups', ws, { name: group }, { selector: { matchLabels: { env: 'prod' } } });
    const repo = await seedGitRepo(ws, 'targets-prod', { targets: [{ clusterGroup: group }] });
    await eventually(request, `/api/v1/workspaces/${ws}/clustergroups/${group}`, (body: any) => body.relations?.gitRepos?.total === 1);
    const list = new ListPage(page, 'clustergroups');
    await list.goto(ws);

    await list.rowAction(group, /^Delete/);
    const impact = list.confirmDialog.getByTestId('delete-impact');
    await expect(impact).toContainText(`1 Git repo targets ${group}`);
    await expect(impact.getByRole('link', { name: repo })).toHaveAttribute('href', `/w/${ws}/gitrepos/${repo}`);
    await list.expectAccessible();
    await list.confirmDialog.getByRole('button', { name: 'Delete' }).click();
    await expect(list.toast(`Deleted cluster group ${group}`)).toBeVisible();
    await expect(list.row(group)).toHaveCount(0);
  });
});
