import { expect, test, type Page } from '@playwright/test';

import { seedDetailFixture, type DetailFixture } from './support/detail-seed';
import { createWorkspace } from './support/kube';

/**
 * The Content-Security-Policy must not break the app: on every main page nothing is blocked
 * (no `securitypolicyviolation` event, no CSP console error), the nonce'd theme script runs,
 * and the live-update stream (EventSource, same origin) connects.
 */

async function watchViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /content security policy|refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.exposeFunction('__reportCspViolation', (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(`violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return problems;
}

test.describe('Content-Security-Policy in the browser', () => {
  let f: DetailFixture;

  test.beforeAll(async ({ request }) => {
    f = await seedDetailFixture(await createWorkspace(request, 'e2e-csp'));
  });

  test('no page is blocked by the policy', async ({ page }) => {
    test.setTimeout(120_000);
    const problems = await watchViolations(page);
    const paths = [
      '/',
      `/w/${f.ws}`,
      `/w/${f.ws}/gitrepos`,
      `/w/${f.ws}/gitrepos/${f.repo}`,
      `/w/${f.ws}/gitrepos/${f.repo}?tab=yaml`,
      `/w/${f.ws}/clusters`,
      `/w/${f.ws}/clusters/${f.clusters.prod}`,
      `/w/${f.ws}/clustergroups`,
      `/w/${f.ws}/clustergroups/${f.group}`,
      `/w/${f.ws}/bundles`,
      `/w/${f.ws}/bundles/${f.bundles.frontend}?tab=yaml`,
      `/w/${f.ws}/workspaces`,
      `/w/${f.ws}/workspaces/${f.ws}`,
    ];
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.headers()['content-security-policy'], path).toContain("'strict-dynamic'");
      // Lazily loaded chunks too (the live-update stream keeps one request open, hence the cap).
      await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined);
      // Hydrated: React attached to the page (scripts from /_next/static ran).
      await expect(page.getByRole('banner'), path).toBeVisible();
    }
    // The YAML editor (CodeMirror, with its run-time styles) rendered under the policy.
    await page.goto(`/w/${f.ws}/gitrepos/${f.repo}?tab=yaml`);
    await expect(page.locator('.cm-content').first()).toBeVisible();
    await expect(page.locator('.cm-line').first()).toBeVisible();
    expect(problems).toEqual([]);
  });

  test("the nonce'd theme script runs before the page paints", async ({ page }) => {
    const problems = await watchViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`/w/${f.ws}`);
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`/w/${f.ws}`);
    await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
    expect(problems).toEqual([]);
  });

  test('injected markup cannot run script', async ({ page }) => {
    await page.goto(`/w/${f.ws}`);
    await expect(page.getByRole('banner')).toBeVisible();
    // What a stored-XSS payload would try: an inline event handler in markup put on the page.
    const outcome = await page.evaluate(async () => {
      const blocked = new Promise<boolean>((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective.startsWith('script-src')), { once: true });
        setTimeout(() => resolve(false), 5_000);
      });
      document.body.insertAdjacentHTML('beforeend', '<img alt="" src="/no-such-image.png" onerror="window.__injected = true">');
      const wasBlocked = await blocked;
      return { blocked: wasBlocked, ran: (window as unknown as { __injected?: boolean }).__injected === true };
    });
    expect(outcome).toEqual({ blocked: true, ran: false });
  });
});
