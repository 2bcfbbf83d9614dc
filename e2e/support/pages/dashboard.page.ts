import { expect, type Locator, type Page } from '@playwright/test';

import { ShellPage } from './shell.page';

/** `/w/{ws}`: the workspace overview card(s) and "Needs attention". */
export class DashboardPage extends ShellPage {
  readonly root: Locator;
  readonly overviews: Locator;
  readonly needsAttention: Locator;
  readonly attentionItems: Locator;
  readonly addGitRepo: Locator;

  constructor(page: Page) {
    super(page);
    this.root = page.getByTestId('dashboard');
    this.overviews = page.getByTestId('workspace-overview');
    this.needsAttention = page.getByRole('region', { name: 'Needs attention' });
    this.attentionItems = this.needsAttention.getByTestId('attention-item');
    this.addGitRepo = page.getByRole('main').getByRole('link', { name: 'Add Git Repo' }).first();
  }

  /** Opens the dashboard, waits until it has loaded and checks it with axe. */
  async goto(ws: string): Promise<void> {
    await this.page.goto(`/w/${ws}`);
    await this.waitForDashboard(ws);
    await this.expectAccessible();
  }

  async waitForDashboard(ws: string): Promise<void> {
    await this.waitForShell();
    await expect(this.root).toHaveAttribute('data-workspace', ws);
    await expect(this.needsAttention.getByTestId('loading')).toHaveCount(0);
  }

  overview(ws: string): Locator {
    return this.page.locator(`[data-testid="workspace-overview"][data-workspace="${ws}"]`);
  }

  attentionItem(name: string): Locator {
    return this.attentionItems.and(this.page.locator(`[data-name="${name}"]`));
  }
}
