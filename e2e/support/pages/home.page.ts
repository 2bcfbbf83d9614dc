import type { Locator, Page } from '@playwright/test';

import { BasePage } from './base.page';

export class HomePage extends BasePage {
  readonly heading: Locator;
  readonly workspaceCards: Locator;
  readonly errorPanel: Locator;

  constructor(page: Page) {
    super(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Workspaces' });
    this.workspaceCards = page.getByTestId('workspace-card');
    this.errorPanel = page.getByTestId('error-panel');
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
  }

  workspace(name: string): Locator {
    return this.workspaceCards.filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }
}
