import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';

import { RBAC_USERS, TEAM_WORKSPACE, type FixtureUserName } from '../test/support/rbac-fixtures';
import { ListPage } from './support/pages/list.page';
import { SignInPage } from './support/pages/sign-in.page';
import { craftSessionCookie, SESSION_SECRET, startTeamApp, type TeamApp } from './support/team-app';

/**
 * Team mode in the browser: each fixture user signs in with their token and sees only their
 * workspaces and only the actions their RBAC allows; sign-out and forged or expired cookies lead
 * to the sign-in page. The app and its RBAC-enforcing cluster are this file's own.
 */
test.describe.configure({ mode: 'serial' });

let team: TeamApp;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  team = await startTeamApp();
});

test.afterAll(async () => {
  await team?.stop();
});

async function freshContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: team.baseURL });
}

/** Opens `path`, gets sent to sign-in, signs in as `user`, is brought back to the workspace and then opens `path`. */
async function signInThrough(page: Page, user: FixtureUserName, path: string): Promise<void> {
  await page.goto(path);
  const signIn = new SignInPage(page);
  const workspace = path.split('/').slice(0, 3).join('/');
  await signIn.expectShown(workspace);
  await signIn.signIn(RBAC_USERS[user].token);
  await page.waitForURL((url) => url.pathname === workspace);
  if (path !== workspace) await page.goto(path);
}

async function workspaceChoices(page: Page): Promise<string[]> {
  const list = new ListPage(page, 'gitrepos');
  await list.workspaceCombobox.click();
  const options = page.getByRole('listbox', { name: 'Workspace' }).locator('[role="option"]');
  await expect(options.first()).toBeVisible();
  const values = await options.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-value') ?? ''));
  await page.keyboard.press('Escape');
  return values.filter((value) => value !== '_all').sort();
}

test('a wrong token gets a clear error on the sign-in page and no session', async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  await page.goto('/w/fleet-default');
  const signIn = new SignInPage(page);
  await signIn.expectShown('/w/fleet-default');
  await signIn.signIn('not-a-token-anyone-knows');
  await expect(signIn.error).toContainText('did not accept this token');
  await expect(signIn.token).toHaveAttribute('aria-invalid', 'true');
  await signIn.expectAccessible();
  await page.screenshot({ path: test.info().outputPath('sign-in-error.png') });
  expect((await context.cookies()).some((cookie) => cookie.name === 'fleet_deck_session')).toBe(false);
  await context.close();
});

test('the reader sees only fleet-default, read-only, with the reasons written out', async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  await signInThrough(page, 'reader', '/w/fleet-default/gitrepos');
  const session = (await context.cookies()).find((cookie) => cookie.name === 'fleet_deck_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect(session?.value).not.toContain(RBAC_USERS.reader.token);

  const list = new ListPage(page, 'gitrepos');
  await list.waitForList();
  await list.expectAccessible();
  expect(await list.names()).toEqual(['fd-repo']);
  expect(await workspaceChoices(page)).toEqual(['fleet-default']);
  await expect(page.getByTestId('user-menu')).toContainText('reader');

  // Creating is offered as a disabled button with the reason beside it.
  await expect(page.getByRole('link', { name: 'Add Git Repo' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add Git Repo' }).first()).toBeDisabled();
  await expect(page.getByTestId('access-reason').first()).toHaveText('You cannot create Git repos in fleet-default');

  // Every row action is switched off, each saying why.
  await page.getByRole('button', { name: 'Actions for fd-repo', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Actions for fd-repo' });
  for (const item of ['Pause', 'Force update…', 'Disable polling', 'Delete…']) await expect(menu.getByRole('menuitem', { name: new RegExp(`^${item}`) })).toBeDisabled();
  await expect(menu.getByRole('menuitem', { name: /^Pause/ })).toContainText('You cannot change Git repos in fleet-default');
  await expect(menu.getByRole('menuitem', { name: /^Delete/ })).toContainText('You cannot delete Git repos in fleet-default');
  await page.keyboard.press('Escape');

  // The detail page: no action and no YAML editing.
  await page.goto('/w/fleet-default/gitrepos/fd-repo');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('fd-repo');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Delete…' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeDisabled();
  await expect(page.getByRole('link', { name: 'Clone' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Clone' })).toBeDisabled();
  await expect(page.getByTestId('sync-force-update')).toBeDisabled();
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect(page.getByTestId('yaml-edit')).toBeDisabled();
  await expect(page.getByTestId('yaml-panel').getByTestId('access-reason')).toHaveText('You cannot change Git repos in fleet-default');
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByTestId('detail-header').getByTestId('access-reason').filter({ hasText: 'You cannot change Git repos in fleet-default', visible: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Clone' })).toHaveAccessibleDescription('You cannot create Git repos in fleet-default');
  await page.screenshot({ path: test.info().outputPath('reader-detail.png'), fullPage: true });

  // Another team's workspace looks exactly like one that does not exist.
  await page.goto(`/w/${TEAM_WORKSPACE}/gitrepos`);
  await expect(page.getByTestId('workspace-not-found')).toBeVisible();
  const hidden = (await page.getByTestId('workspace-not-found').innerText()).replaceAll(TEAM_WORKSPACE, 'X');
  await page.goto('/w/no-such-workspace/gitrepos');
  await expect(page.getByTestId('workspace-not-found')).toBeVisible();
  expect((await page.getByTestId('workspace-not-found').innerText()).replaceAll('no-such-workspace', 'X')).toBe(hidden);
  await context.close();
});

test('the editor sees only team-a and may change Git repos there, nothing else', async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  // From the root: the only workspace the editor sees is where the browser ends up.
  await page.goto('/');
  const signIn = new SignInPage(page);
  await signIn.expectShown('/');
  await signIn.signIn(RBAC_USERS.editor.token);
  await page.waitForURL((url) => url.pathname === `/w/${TEAM_WORKSPACE}`);
  expect(await workspaceChoices(page)).toEqual([TEAM_WORKSPACE]);

  const repos = new ListPage(page, 'gitrepos');
  await repos.goto(TEAM_WORKSPACE);
  expect(await repos.names()).toEqual(['ta-repo']);
  await expect(page.getByRole('link', { name: 'Add Git Repo' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Actions for ta-repo', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Actions for ta-repo' });
  await expect(menu.getByRole('menuitem', { name: /^Pause/ })).toBeEnabled();
  await expect(menu.getByRole('menuitem', { name: /^Delete/ })).toBeEnabled();
  await menu.getByRole('menuitem', { name: /^Pause/ }).click();
  await expect(repos.toasts.filter({ hasText: 'Paused ta-repo' })).toBeVisible();

  const clusters = new ListPage(page, 'clusters');
  await clusters.goto(TEAM_WORKSPACE);
  await page.getByRole('button', { name: 'Actions for ta-c1', exact: true }).click();
  const clusterMenu = page.getByRole('menu', { name: 'Actions for ta-c1' });
  await expect(clusterMenu.getByRole('menuitem', { name: /^Pause/ })).toBeDisabled();
  await expect(clusterMenu.getByRole('menuitem', { name: /^Pause/ })).toContainText(`You cannot change clusters in ${TEAM_WORKSPACE}`);
  await page.keyboard.press('Escape');

  const groups = new ListPage(page, 'clustergroups');
  await groups.goto(TEAM_WORKSPACE);
  await expect(page.getByRole('button', { name: 'Create cluster group' })).toBeDisabled();
  await expect(page.getByTestId('access-reason').first()).toHaveText(`You cannot create cluster groups in ${TEAM_WORKSPACE}`);
  await page.screenshot({ path: test.info().outputPath('editor-clustergroups.png'), fullPage: true });
  await context.close();
});

test('the admin sees every workspace and every action', async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  await signInThrough(page, 'admin', '/w/fleet-default/clusters');
  expect(await workspaceChoices(page)).toEqual(expect.arrayContaining(['fleet-default', 'fleet-local', TEAM_WORKSPACE]));
  await page.getByRole('button', { name: 'Actions for fd-c1', exact: true }).click();
  await expect(page.getByRole('menu', { name: 'Actions for fd-c1' }).getByRole('menuitem', { name: /^Pause/ })).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('access-reason')).toHaveCount(0);
  await context.close();
});

test('sign-out ends the session: the sign-in page, and no way back in without signing in', async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  await signInThrough(page, 'reader', '/w/fleet-default');
  await page.getByTestId('user-menu').click();
  await expect(page.getByRole('group', { name: 'Account' })).toContainText('reader');
  await page.screenshot({ path: test.info().outputPath('user-menu.png') });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await new SignInPage(page).expectShown();
  expect((await context.cookies()).some((cookie) => cookie.name === 'fleet_deck_session')).toBe(false);
  await page.goto('/w/fleet-default/gitrepos');
  await new SignInPage(page).expectShown('/w/fleet-default');
  await context.close();
});

test('a session that ends while a page is open sends the browser to sign-in, and back to that page after', async ({ browser }) => {
  const context = await freshContext(browser);
  const page = await context.newPage();
  await signInThrough(page, 'reader', '/w/fleet-default/gitrepos');
  const list = new ListPage(page, 'gitrepos');
  await list.waitForList();
  await context.clearCookies();
  // The next request the page makes (a search) is refused: the page goes to sign-in, remembering where it was.
  await list.search.fill('fd-');
  const signIn = new SignInPage(page);
  await expect(signIn.heading).toBeVisible();
  const next = new URL(page.url()).searchParams.get('next') ?? '';
  expect(next.startsWith('/w/fleet-default/gitrepos')).toBe(true);
  await signIn.signIn(RBAC_USERS.reader.token);
  await page.waitForURL((url) => url.pathname === '/w/fleet-default/gitrepos');
  await list.waitForList();
  expect(await list.names()).toEqual(['fd-repo']);
  await context.close();
});

test('a forged or an expired session cookie gets the sign-in page', async ({ browser }) => {
  const expired = craftSessionCookie(SESSION_SECRET, { token: RBAC_USERS.admin.token, username: 'fleet-admin', groups: [], expiresAt: Date.now() - 60_000 });
  for (const value of ['v1.forged.cookie.value', expired.split('=')[1]!]) {
    const context = await freshContext(browser);
    await context.addCookies([{ name: 'fleet_deck_session', value, url: team.baseURL }]);
    const page = await context.newPage();
    await page.goto('/w/fleet-default/gitrepos');
    await new SignInPage(page).expectShown('/w/fleet-default');
    await page.goto('/');
    await new SignInPage(page).expectShown('/');
    await context.close();
  }
});
