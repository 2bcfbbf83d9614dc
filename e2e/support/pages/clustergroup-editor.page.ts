import { expect, type Locator, type Page } from '@playwright/test';

import { ShellPage } from './shell.page';

/**
 * The Cluster Group editor (`/w/{ws}/clustergroups/new` and `…/{name}/edit`): name, description,
 * labels, the label selector rows and the live "Matches k of N clusters" preview. Navigation
 * waits for the form and the first preview, then runs an axe scan.
 */
export class ClusterGroupEditorPage extends ShellPage {
  readonly form: Locator;
  readonly name: Locator;
  readonly nameError: Locator;
  readonly description: Locator;
  readonly selector: Locator;
  readonly selectorError: Locator;
  readonly rowErrors: Locator;
  readonly labelRows: Locator;
  readonly expressionRows: Locator;
  readonly preview: Locator;
  readonly previewSummary: Locator;
  readonly previewError: Locator;
  readonly previewNames: Locator;
  readonly submit: Locator;

  constructor(page: Page) {
    super(page);
    this.form = page.getByRole('form', { name: /cluster group$/ });
    this.name = this.form.getByRole('textbox', { name: 'Name', exact: true });
    this.nameError = this.form.getByTestId('field-error').first();
    this.description = this.form.getByRole('textbox', { name: 'Description (optional)' });
    this.selector = this.form.getByTestId('label-selector-editor');
    this.selectorError = this.form.getByTestId('selector-error');
    this.rowErrors = this.selector.getByTestId('selector-row-error');
    this.labelRows = this.selector.getByTestId('match-label-row');
    this.expressionRows = this.selector.getByTestId('match-expression-row');
    this.preview = page.getByTestId('target-preview');
    this.previewSummary = this.preview.getByTestId('target-preview-summary');
    this.previewError = this.preview.getByTestId('target-preview-error');
    this.previewNames = this.preview.getByRole('list', { name: 'First matching clusters' }).getByRole('link');
    this.submit = this.form.getByRole('button', { name: /^(Create|Save)$/ });
  }

  async gotoNew(ws: string, options: { axe?: boolean } = {}): Promise<void> {
    await this.page.goto(`/w/${ws}/clustergroups/new`);
    await this.waitForEditor('Create cluster group', options);
  }

  async gotoEdit(ws: string, name: string, options: { axe?: boolean } = {}): Promise<void> {
    await this.page.goto(`/w/${ws}/clustergroups/${name}/edit`);
    await this.waitForEditor(`Edit cluster group ${name}`, options);
  }

  private async waitForEditor(title: string, { axe = true }: { axe?: boolean }): Promise<void> {
    await this.waitForShell();
    await expect(this.heading).toHaveText(title);
    await expect(this.previewSummary.or(this.previewError)).toBeVisible();
    if (axe) await this.expectAccessible();
  }

  /** Adds a `key = value` rule (the next empty row). */
  async addLabelRule(key: string, value: string): Promise<void> {
    await this.selector.getByRole('button', { name: 'Add label rule' }).click();
    const index = await this.labelRows.count();
    await this.selector.getByRole('textbox', { name: `Key of label rule ${index}`, exact: true }).fill(key);
    await this.selector.getByRole('textbox', { name: `Value of label rule ${index}`, exact: true }).fill(value);
  }

  /** Adds an expression; `values` is typed comma-separated (ignored for Exists / DoesNotExist). */
  async addExpression(key: string, operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist', values: string[] = []): Promise<void> {
    await this.selector.getByRole('button', { name: 'Add expression' }).click();
    const index = await this.expressionRows.count();
    await this.selector.getByRole('textbox', { name: `Key of expression ${index}`, exact: true }).fill(key);
    await this.selector.getByRole('combobox', { name: `Operator of expression ${index}`, exact: true }).selectOption(operator);
    if (operator === 'In' || operator === 'NotIn') {
      await this.selector.getByRole('textbox', { name: `Values of expression ${index}, separated by commas`, exact: true }).fill(values.join(', '));
    }
  }

  expressionValues(index: number): Locator {
    return this.selector.getByRole('textbox', { name: `Values of expression ${index}, separated by commas`, exact: true });
  }

  labelValue(index: number): Locator {
    return this.selector.getByRole('textbox', { name: `Value of label rule ${index}`, exact: true });
  }

  /** Waits until the preview shows `Matches k of N clusters`. */
  async expectMatches(count: number, of: number): Promise<void> {
    await expect(this.previewSummary).toHaveText(`Matches ${count} of ${of} ${of === 1 ? 'cluster' : 'clusters'}`);
  }
}
