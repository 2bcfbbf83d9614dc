import { expect, type Download, type Locator, type Page } from '@playwright/test';

import { ShellPage } from './shell.page';

export type DetailKind = 'gitrepos' | 'clusters' | 'clustergroups' | 'bundles';

/**
 * An object's detail page (`/w/{ws}/{kind}/{name}`): header with state and reason, Overview and
 * YAML tabs, the not-found panel. Navigation waits for the page and runs an axe scan.
 */
export class DetailPage extends ShellPage {
  readonly detailHeader: Locator;
  readonly stateBadge: Locator;
  readonly reason: Locator;
  readonly notFound: Locator;
  readonly yamlPanel: Locator;
  readonly editor: Locator;
  readonly editorContent: Locator;
  readonly yamlError: Locator;
  readonly yamlSaved: Locator;

  constructor(page: Page) {
    super(page);
    this.detailHeader = page.getByTestId('detail-header');
    this.stateBadge = this.detailHeader.locator('[data-state]').first();
    this.reason = page.getByTestId('state-reason');
    this.notFound = page.getByTestId('not-found-panel');
    this.yamlPanel = page.getByTestId('yaml-panel');
    this.editor = page.getByTestId('yaml-editor');
    this.editorContent = this.editor.locator('.cm-content');
    this.yamlError = page.getByTestId('yaml-error');
    this.yamlSaved = page.getByTestId('yaml-saved');
  }

  async goto(ws: string, kind: DetailKind, name: string, options: { tab?: 'yaml'; a11y?: boolean } = {}): Promise<void> {
    await this.page.goto(`/w/${ws}/${kind}/${name}${options.tab ? `?tab=${options.tab}` : ''}`);
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
    if (options.tab === 'yaml') await expect(this.editorContent).toBeVisible();
    if (options.a11y !== false) await this.expectAccessible();
  }

  /** Waits until change notices flow, so that a change made now reaches the page. */
  async waitForLive(): Promise<void> {
    await expect(this.liveIndicator).toHaveAttribute('data-state', 'live');
  }

  card(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  /** A table row of a card, by the name in its first column. */
  row(cardTestId: string, name: string): Locator {
    return this.card(cardTestId).locator(`tr[data-row="${name}"]`);
  }

  tab(name: 'Overview' | 'YAML'): Locator {
    return this.page.getByRole('tab', { name });
  }

  async openYaml(): Promise<void> {
    await this.tab('YAML').click();
    await expect(this.editorContent).toBeVisible();
  }

  /** The editor line holding `text` (lines are rendered as `.cm-line`). */
  line(text: string): Locator {
    return this.editor.locator('.cm-line', { hasText: text });
  }

  /** Lines marked with an error (diagnostic underline and tint). */
  get errorLines(): Locator {
    return this.editor.locator('.cm-line[data-error-line]');
  }

  async startEditing(): Promise<void> {
    await this.yamlPanel.getByTestId('yaml-edit').click();
    await expect(this.editor).toHaveAttribute('data-readonly', 'false');
  }

  /** Puts the cursor at the end of the line holding `text`, deletes `remove` characters and types `insert`. */
  async replaceAtLineEnd(text: string, remove: number, insert: string): Promise<void> {
    const line = this.line(text);
    await line.click();
    await this.page.keyboard.press('End');
    for (let i = 0; i < remove; i++) await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(insert);
  }

  async save(): Promise<void> {
    await this.yamlPanel.getByTestId('yaml-save').click();
  }

  async download(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.yamlPanel.getByTestId('yaml-download').click()]);
    return download;
  }

  /** The 1-based number of the editor line showing `text` (small documents render every line). */
  async lineNumberOf(text: string): Promise<number> {
    const lines = await this.editor.locator('.cm-line').allInnerTexts();
    const index = lines.findIndex((line) => line.includes(text));
    if (index === -1) throw new Error(`no editor line shows ${text}`);
    return index + 1;
  }
}
