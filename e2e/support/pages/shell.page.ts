import { expect, type Locator, type Page } from '@playwright/test';

import { BasePage } from './base.page';

/**
 * The shell around every /w/{ws} page: workspace combobox, section links, breadcrumbs, live
 * indicator, connection banner, settings and the command palette. Navigation methods of the
 * pages built on it wait for the page's content and then run an axe scan (as Headlamp's page
 * objects do).
 */
export class ShellPage extends BasePage {
  readonly workspaceCombobox: Locator;
  readonly sections: Locator;
  readonly breadcrumbs: Locator;
  readonly liveIndicator: Locator;
  readonly connectionBanner: Locator;
  readonly settingsButton: Locator;
  readonly palette: Locator;
  readonly paletteInput: Locator;
  readonly heading: Locator;

  constructor(page: Page) {
    super(page);
    this.workspaceCombobox = page.getByRole('combobox', { name: 'Workspace' });
    this.sections = page.getByRole('navigation', { name: 'Sections' });
    this.breadcrumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    this.liveIndicator = page.getByTestId('live-indicator');
    this.connectionBanner = page.getByTestId('connection-banner');
    this.settingsButton = page.getByRole('button', { name: 'Settings' });
    this.palette = page.getByRole('dialog', { name: 'Go to…' });
    this.paletteInput = this.palette.getByRole('combobox', { name: 'Search pages and objects' });
    this.heading = page.getByRole('heading', { level: 1 });
  }

  /** The side-navigation link with exactly this name ("Dashboard", "Git Repos", …). */
  section(name: string): Locator {
    return this.sections.getByRole('link', { name, exact: true });
  }

  workspaceOption(name: string): Locator {
    return this.page.getByRole('listbox', { name: 'Workspace' }).locator(`[role="option"][data-value="${name}"]`);
  }

  /** Picks a workspace by typing to filter and pressing Enter on the match. */
  async chooseWorkspaceByKeyboard(name: string): Promise<void> {
    await this.workspaceCombobox.click();
    await this.workspaceCombobox.fill(name);
    await expect(this.workspaceOption(name)).toBeVisible();
    // Move to the exact option (a filter may match several).
    for (let i = 0; i < 20; i++) {
      if ((await this.workspaceOption(name).getAttribute('data-active')) !== null) break;
      await this.workspaceCombobox.press('ArrowDown');
    }
    await this.workspaceCombobox.press('Enter');
  }

  async chooseWorkspaceByMouse(name: string): Promise<void> {
    await this.workspaceCombobox.click();
    await this.workspaceOption(name).click();
  }

  async openPalette(): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await expect(this.palette).toBeVisible();
  }

  async waitForShell(): Promise<void> {
    await expect(this.workspaceCombobox).toBeVisible();
    await expect(this.page.getByTestId('loading')).toHaveCount(0);
  }
}
