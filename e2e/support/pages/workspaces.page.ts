import { expect, type Locator, type Page } from '@playwright/test';

import { ShellPage } from './shell.page';

/** `/w/{ws}/workspaces`: the workspace table and the create dialog. */
export class WorkspacesPage extends ShellPage {
  readonly table: Locator;
  readonly createButton: Locator;
  readonly createDialog: Locator;
  readonly nameInput: Locator;
  readonly submit: Locator;
  readonly created: Locator;

  constructor(page: Page) {
    super(page);
    this.table = page.getByTestId('workspaces-table');
    this.createButton = page.getByRole('main').getByRole('button', { name: 'Create workspace' }).first();
    this.createDialog = page.getByRole('dialog', { name: 'Create workspace' });
    this.nameInput = this.createDialog.getByRole('textbox', { name: 'Name' });
    this.submit = this.createDialog.getByRole('button', { name: 'Create workspace' });
    this.created = page.getByTestId('workspace-created');
  }

  async goto(ws: string): Promise<void> {
    await this.page.goto(`/w/${ws}/workspaces`);
    await this.waitForShell();
    await expect(this.table).toBeVisible();
    await this.expectAccessible();
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="workspace-row"][data-workspace="${name}"]`);
  }

  async openCreate(): Promise<void> {
    await this.createButton.click();
    await expect(this.createDialog).toBeVisible();
    await expect(this.nameInput).toBeFocused();
  }
}

/** `/w/{ws}/workspaces/{name}`: counts and "Delete workspace". */
export class WorkspaceDetailPage extends ShellPage {
  readonly root: Locator;
  readonly deleteButton: Locator;
  readonly impact: Locator;
  readonly refusal: Locator;
  readonly confirmDialog: Locator;

  constructor(page: Page) {
    super(page);
    this.root = page.getByTestId('workspace-detail');
    this.deleteButton = page.getByRole('button', { name: 'Delete workspace…' });
    this.impact = page.getByTestId('delete-impact');
    this.refusal = page.getByTestId('delete-refused');
    this.confirmDialog = page.getByRole('dialog', { name: /^Delete workspace / });
  }

  async goto(ws: string, name: string): Promise<void> {
    await this.page.goto(`/w/${ws}/workspaces/${name}`);
    await this.waitForShell();
    await expect(this.root).toHaveAttribute('data-workspace', name);
    await this.expectAccessible();
  }
}
