import type { Locator, Page } from '@playwright/test';

import { expectNoSeriousA11yViolations, type AxeScanOptions } from '../axe';

/** Shared parts of every Fleet Deck page. */
export abstract class BasePage {
  readonly header: Locator;
  readonly main: Locator;
  readonly connection: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.main = page.getByRole('main');
    this.connection = page.getByTestId('connection-status');
  }

  /** Fails on serious or critical axe-core violations. */
  async expectAccessible(options?: AxeScanOptions): Promise<void> {
    await expectNoSeriousA11yViolations(this.page, options);
  }
}
