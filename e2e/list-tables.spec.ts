import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

import { createWorkspace, eventually, FLEET, kube } from './support/kube';
import { clusterName, seedClusters } from './support/many';
import { ListPage } from './support/pages/list.page';

/**
 * The cluster table over a workspace of 1,200 clusters: paging, sorting, searching and filtering
 * happen in the BFF, the URL holds the view, and the browser never receives more than a page.
 */

const COUNT = 1_200;
const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** Every list response the page receives, to check none carries more than its page. */
function recordListResponses(page: Page, ws: string): { pageSize: number; items: number }[] {
  const seen: { pageSize: number; items: number }[] = [];
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith(`/api/v1/workspaces/${ws}/clusters`) || url.pathname.split('/').length !== 6 || !response.ok()) return;
    try {
      const body = await response.json();
      seen.push({ pageSize: Number(url.searchParams.get('pageSize') ?? 50), items: body.items.length });
    } catch {
      // navigated away before the body arrived
    }
  });
  return seen;
}

/**
 * Waits until the controllers have caught up with the new clusters (their states and agent
 * bundles stop changing), so the journeys measure the table, not a machine busy registering
 * 1,200 clusters. Without controllers the counts are stable at once.
 */
async function settled(request: APIRequestContext, ws: string): Promise<void> {
  let last = '';
  let stableSince = Date.now();
  await expect
    .poll(
      async () => {
        const body = await (await request.get('/api/v1/workspaces')).json();
        const summary = JSON.stringify(body.items.find((item: any) => item.name === ws));
        if (summary !== last) {
          last = summary;
          stableSince = Date.now();
        }
        return Date.now() - stableSince;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBeGreaterThan(2_000);
}

test.describe('cluster table with 1,200 clusters', () => {
  // One seeded workspace for the whole file: keep its tests on one worker, in order.
  test.describe.configure({ mode: 'default', timeout: 60_000 });
  let ws: string;

  test.beforeAll(async ({ request }) => {
    test.setTimeout(180_000);
    ws = await createWorkspace(request, 'e2e-tables');
    await seedClusters(ws, COUNT);
    await eventually(request, `/api/v1/workspaces/${ws}/clusters?pageSize=1`, (body: any) => body.total === COUNT, 30_000);
    await settled(request, ws);
  });

  test('pages, sorts and searches server-side, one page at a time', async ({ page }) => {
    const responses = recordListResponses(page, ws);
    const list = new ListPage(page, 'clusters');
    await list.goto(ws);

    await expect(list.showing).toHaveText(`Showing 1–50 of 1,200 clusters`);
    await expect(list.rows).toHaveCount(50);
    expect((await list.names())[0]).toBe(clusterName(0));
    await expect(list.columnHeader('Name')).toHaveAttribute('aria-sort', 'ascending');

    // Next page: rows 51–100, in the URL.
    await list.nextPage.click();
    await expect(list.showing).toHaveText('Showing 51–100 of 1,200 clusters');
    await expect(list.rowLinks.first()).toHaveText(clusterName(50));
    expect(list.urlState()).toMatchObject({ page: '2' });

    // Jump to the last page.
    await list.pageInput.fill('24');
    await list.pageInput.press('Enter');
    await expect(list.showing).toHaveText('Showing 1,151–1,200 of 1,200 clusters');
    await expect(list.rowLinks.last()).toHaveText(clusterName(COUNT - 1));
    await expect(list.nextPage).toBeDisabled();

    // Sorting goes back to page 1 and flips on a second click.
    await list.sortBy('Name');
    await expect(list.columnHeader('Name')).toHaveAttribute('aria-sort', 'descending');
    await expect(list.rowLinks.first()).toHaveText(clusterName(COUNT - 1));
    await expect(list.showing).toHaveText('Showing 1–50 of 1,200 clusters');
    expect(list.urlState()).toEqual({ order: 'desc' });
    await list.sortBy('Name');
    await expect(list.columnHeader('Name')).toHaveAttribute('aria-sort', 'ascending');
    await expect(list.rowLinks.first()).toHaveText(clusterName(0));

    // Another column.
    await list.sortBy('Age');
    await expect(list.columnHeader('Age')).toHaveAttribute('aria-sort', 'ascending');
    await expect(list.columnHeader('Name')).toHaveAttribute('aria-sort', 'none');
    expect(list.urlState()).toEqual({ sort: 'age' });
    await list.sortBy('Name');

    // Search as you type (debounced), in the URL too; "/" gets there from anywhere on the page.
    await list.heading.click();
    await page.keyboard.press('/');
    await expect(list.search).toBeFocused();
    await list.search.fill('c-0042');
    await expect(list.showing).toHaveText('Showing 1–10 of 10 clusters');
    expect(await list.names()).toEqual(Array.from({ length: 10 }, (_, i) => clusterName(420 + i)));
    expect(list.urlState()).toEqual({ q: 'c-0042' });

    // A page size change.
    await list.search.fill('');
    await expect(list.showing).toHaveText('Showing 1–50 of 1,200 clusters');
    await list.pageSize.selectOption('100');
    await expect(list.rows).toHaveCount(100);
    await expect(list.showing).toHaveText('Showing 1–100 of 1,200 clusters');

    // The browser never got more than the page it asked for.
    expect(responses.length).toBeGreaterThan(3);
    for (const response of responses) expect(response.items).toBeLessThanOrEqual(response.pageSize);
  });

  test('filters by state with counts, and offers to clear filters that match nothing', async ({ page, request }) => {
    const list = new ListPage(page, 'clusters');
    await list.goto(ws);

    // Whatever states the clusters are in now, the filter agrees with the BFF.
    const warning = (await (await request.get(`/api/v1/workspaces/${ws}/clusters?state=warning&pageSize=1`)).json()).total as number;
    await expect(list.stateOption('All')).toContainText('1,200');
    await list.filterState('Warning');
    expect(list.urlState()).toEqual({ state: 'warning' });
    if (warning > 0) await expect(list.showing).toContainText(`of ${warning.toLocaleString('en')} clusters`);

    await list.filterState('All');
    await list.search.fill('no-such-cluster');
    await expect(list.emptyState).toContainText('No clusters matching “no-such-cluster”');
    await list.expectAccessible();
    await list.emptyState.getByRole('button', { name: 'Clear filters' }).click();
    await expect(list.showing).toHaveText('Showing 1–50 of 1,200 clusters');
    await expect(list.search).toHaveValue('');
    expect(list.urlState()).toEqual({});
  });

  test('a deep link to a filtered, sorted page renders the same view, also after a reload', async ({ page, request }) => {
    const list = new ListPage(page, 'clusters');
    const search = '?label=env%3Dprod&sort=name&order=desc&page=2&pageSize=25';
    // env=prod is every third cluster: 400 of them; page 2 of 25, newest name first.
    const first = clusterName(1197 - 3 * 25);
    const last = clusterName(1197 - 3 * 49);

    // The rows are in the server-rendered HTML (read from the BFF's cache), not fetched after load.
    const html = await (await request.get(`/w/${ws}/clusters${search}`)).text();
    expect(html).toContain(`data-key="${ws}/${first}"`);
    expect(html).toContain(`data-key="${ws}/${last}"`);
    expect(html).not.toContain('data-testid="skeleton-row"');

    for (const pass of ['first load', 'reload']) {
      if (pass === 'first load') await list.goto(ws, search);
      else {
        await page.reload();
        await list.waitForList();
      }
      await expect(list.labelInput, pass).toHaveValue('env=prod');
      await expect(list.columnHeader('Name'), pass).toHaveAttribute('aria-sort', 'descending');
      await expect(list.pageSize, pass).toHaveValue('25');
      await expect(list.pageInput, pass).toHaveValue('2');
      await expect(list.showing, pass).toHaveText('Showing 26–50 of 400 clusters');
      await expect(list.rowLinks.first(), pass).toHaveText(first);
      await expect(list.rowLinks.last(), pass).toHaveText(last);
    }
  });

  test('a bad label selector shows the BFF message under the input and keeps the page usable', async ({ page }) => {
    const list = new ListPage(page, 'clusters');
    await list.goto(ws);
    await list.filterLabels('env in (prod');

    await expect(list.labelError).toBeVisible();
    await expect(list.labelError).not.toHaveText('');
    await expect(list.labelInput).toHaveAttribute('aria-invalid', 'true');
    await expect(list.labelInput).toHaveAccessibleDescription(await list.labelError.innerText());
    await expect(list.emptyState).toContainText('The label selector is not valid');
    await list.expectAccessible();

    // Fixing it brings the rows back.
    await list.filterLabels('env in (prod)');
    await expect(list.labelError).toHaveCount(0);
    await expect(list.showing).toHaveText('Showing 1–50 of 400 clusters');
  });

  test('a cluster changed with client-node updates on screen within 2 s', async ({ page }) => {
    const list = new ListPage(page, 'clusters');
    const name = clusterName(7);
    await list.goto(ws, `?q=${name}`, { axe: false });
    await expect(list.rows).toHaveCount(1);
    await expect(list.liveIndicator).toContainText('Live');
    await page.evaluate(() => ((window as any).__noReload = true));

    await kube.custom().patchNamespacedCustomObject(
      { ...FLEET, plural: 'clusters', namespace: ws, name, body: { metadata: { labels: { app: 'checkout' } } } },
      MERGE_PATCH,
    );
    const changed = Date.now();
    await expect(list.row(name)).toContainText('app=checkout', { timeout: 2_000 });
    console.log(`[list-tables] label change visible after ${Date.now() - changed} ms`);
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);

    // A tag filters by itself.
    await list.row(name).getByRole('button', { name: 'app=checkout' }).click();
    await expect(list.labelInput).toHaveValue('app=checkout');
    expect(list.urlState()).toMatchObject({ label: 'app=checkout' });
  });
});
