import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { seedDetailFixture, type DetailFixture } from './support/detail-seed';
import { createObject, createWorkspace, unique } from './support/kube';
import { DetailPage, type DetailKind } from './support/pages/detail.page';

const OUT = join(import.meta.dirname, '..', 'screenshots');

/** Screenshots of every detail page, light and dark, for people to look at (and an axe scan of each). */
for (const theme of ['light', 'dark'] as const) {
  test.describe(`detail pages in the ${theme} theme`, () => {
    test.use({ colorScheme: theme, viewport: { width: 1440, height: 1000 } });
    let f: DetailFixture;

    test.beforeAll(async ({ request }) => {
      mkdirSync(OUT, { recursive: true });
      f = await seedDetailFixture(await createWorkspace(request, `e2e-shot-${theme}`));
    });

    test('overview pages', async ({ page }) => {
      const detail = new DetailPage(page);
      const pages: [DetailKind, string][] = [
        ['gitrepos', f.repo],
        ['clusters', f.clusters.prod],
        ['clustergroups', f.group],
        ['bundles', f.bundles.backend],
      ];
      for (const [kind, name] of pages) {
        await detail.goto(f.ws, kind, name);
        await page.screenshot({ path: join(OUT, `detail-${kind}-${theme}.png`), fullPage: true });
      }
    });

    test('YAML view and an edit refused at its line', async ({ page }) => {
      const name = unique('shot');
      await createObject('gitrepos', f.ws, { name }, { repo: 'https://127.0.0.1:9/rancher/fleet-examples', branch: 'main', pollingInterval: '15s' });
      const detail = new DetailPage(page);
      await detail.goto(f.ws, 'gitrepos', f.repo, { tab: 'yaml' });
      await page.screenshot({ path: join(OUT, `detail-yaml-${theme}.png`), fullPage: true });

      await detail.goto(f.ws, 'gitrepos', name, { tab: 'yaml', a11y: false });
      await detail.startEditing();
      await detail.replaceAtLineEnd('pollingInterval: 15s', 3, '1d');
      await detail.save();
      await expect(detail.errorLines).toHaveCount(1);
      await detail.expectAccessible();
      await page.screenshot({ path: join(OUT, `detail-yaml-error-${theme}.png`), fullPage: true });
    });
  });
}
