import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { createWorkspace, eventually } from './support/kube';
import { seedWorkspaceDemo } from './support/seed';
import { ListPage, type ListKind } from './support/pages/list.page';

const OUT = join(import.meta.dirname, '..', 'screenshots');

/** Screenshots of every list page and its dialogs, light and dark, for people to look at (and an axe scan of each). */
for (const theme of ['light', 'dark'] as const) {
  test.describe(`list pages in the ${theme} theme`, () => {
    test.use({ colorScheme: theme, viewport: { width: 1440, height: 900 } });
    let ws: string;

    test.beforeAll(async ({ request }) => {
      mkdirSync(OUT, { recursive: true });
      ws = await createWorkspace(request, `e2e-lists-${theme}`);
      await seedWorkspaceDemo(ws);
      await eventually(request, `/api/v1/workspaces/${ws}/bundles`, (body: any) => body.total >= 2);
    });

    test('tables', async ({ page }) => {
      for (const kind of ['gitrepos', 'clusters', 'clustergroups', 'bundles'] as ListKind[]) {
        const list = new ListPage(page, kind);
        await list.goto(ws);
        await expect(list.rows.first()).toBeVisible();
        await page.screenshot({ path: join(OUT, `list-${kind}-${theme}.png`) });
      }
      // Every workspace at once: a Workspace column, rows linking into their own workspace.
      const all = new ListPage(page, 'gitrepos');
      await all.goto('_all');
      await expect(all.columnHeader('Workspace')).toBeVisible();
      await page.screenshot({ path: join(OUT, `list-gitrepos-all-${theme}.png`) });
    });

    test('selection, menus and dialogs', async ({ page }) => {
      const repos = new ListPage(page, 'gitrepos');
      await repos.goto(ws, '', { axe: false });
      const names = await repos.names();
      await repos.select(names[0]!);
      await repos.select(names[1]!);
      await expect(repos.bulkBar).toBeVisible();
      await page.getByRole('button', { name: `Actions for ${names[2]}`, exact: true }).click();
      await expect(page.getByRole('menu')).toBeVisible();
      await repos.expectAccessible();
      await page.screenshot({ path: join(OUT, `list-gitrepos-menu-${theme}.png`) });
      await page.keyboard.press('Escape');

      await repos.rowAction(names[0]!, /^Delete/);
      await expect(repos.confirmDialog.getByTestId('delete-impact')).toBeVisible();
      await page.screenshot({ path: join(OUT, `list-gitrepos-delete-${theme}.png`) });
      await repos.confirmDialog.getByRole('button', { name: 'Cancel' }).click();

      const clusters = new ListPage(page, 'clusters');
      await clusters.goto(ws, '', { axe: false });
      const first = (await clusters.names())[0]!;
      await clusters.rowAction(first, /^Edit labels/);
      const dialog = clusters.dialog('labels-dialog');
      await dialog.getByRole('button', { name: 'Add label' }).click();
      const keys = dialog.getByRole('textbox', { name: /^Key of label/ });
      await keys.last().fill('Bad Key!');
      await expect(dialog.getByTestId('label-key-error')).toBeVisible();
      await clusters.expectAccessible();
      await page.screenshot({ path: join(OUT, `list-clusters-labels-${theme}.png`) });
      await page.keyboard.press('Escape');

      await clusters.filterLabels('env in (prod');
      await expect(clusters.labelError).toBeVisible();
      await page.screenshot({ path: join(OUT, `list-clusters-bad-selector-${theme}.png`) });
    });
  });
}
