import type { Locator, Page } from '@playwright/test';

import { BasePage } from './base.page';

/** `/`: a redirect to the last workspace, or the error panel when the cluster is unreachable. */
export class HomePage extends BasePage {
  readonly errorPanel: Locator;
  readonly redirecting: Locator;

  constructor(page: Page) {
    super(page);
    this.errorPanel = page.getByTestId('error-panel');
    this.redirecting = page.getByTestId('home-redirect');
  }

  async goto(baseURL = ''): Promise<void> {
    await this.page.goto(`${baseURL}/`);
  }
}
