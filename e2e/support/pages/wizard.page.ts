import { expect, type Locator, type Page } from '@playwright/test';

import { ShellPage } from './shell.page';

export type WizardStepName = 'Metadata' | 'Repository' | 'Targets' | 'Advanced' | 'Review';

/**
 * The Git Repo wizard (`/w/{ws}/gitrepos/new`, `…?clone={name}`, `…/gitrepos/{name}/edit`):
 * stepper, the current step's fields, Test connection, targets and the review YAML. `origin`
 * is the app's base URL when a spec runs its own app. Navigation waits for the first step and
 * runs an axe scan; {@link next} and {@link scan} scan the steps after it.
 */
export class WizardPage extends ShellPage {
  readonly stepper: Locator;
  readonly step: Locator;
  readonly nextButton: Locator;
  readonly backButton: Locator;
  readonly submitButton: Locator;
  readonly fieldErrors: Locator;
  readonly submitError: Locator;
  readonly connectionOk: Locator;
  readonly connectionError: Locator;
  readonly branchPicker: Locator;
  readonly targetRows: Locator;
  readonly preview: Locator;
  readonly previewSummary: Locator;

  constructor(
    page: Page,
    readonly origin = '',
  ) {
    super(page);
    this.stepper = page.getByRole('navigation', { name: 'Wizard steps' });
    this.step = page.getByTestId('wizard-step');
    this.nextButton = this.step.getByRole('button', { name: 'Next' });
    this.backButton = this.step.getByRole('button', { name: 'Back' });
    this.submitButton = this.step.getByRole('button', { name: /^(Create|Save)$/ });
    this.fieldErrors = this.step.getByTestId('field-error');
    this.submitError = this.step.getByTestId('submit-error');
    this.connectionOk = this.step.getByTestId('connection-ok');
    this.connectionError = this.step.getByTestId('connection-error');
    this.branchPicker = this.step.getByTestId('branch-picker');
    this.targetRows = this.step.getByTestId('target-row');
    this.preview = page.getByTestId('target-preview');
    this.previewSummary = this.preview.getByTestId('target-preview-summary');
  }

  async gotoNew(ws: string, options: { clone?: string; axe?: boolean } = {}): Promise<void> {
    await this.page.goto(`${this.origin}/w/${ws}/gitrepos/new${options.clone ? `?clone=${options.clone}` : ''}`);
    await this.waitForWizard(options.clone ? `Clone ${options.clone}` : 'Add Git Repo', options.axe);
  }

  async gotoEdit(ws: string, name: string, options: { axe?: boolean } = {}): Promise<void> {
    await this.page.goto(`${this.origin}/w/${ws}/gitrepos/${name}/edit`);
    await this.waitForWizard(`Edit ${name}`, options.axe);
  }

  private async waitForWizard(title: string, axe = true): Promise<void> {
    await expect(this.heading).toHaveText(title);
    await this.expectStep('Metadata');
    if (axe) await this.expectAccessible();
  }

  async expectStep(name: WizardStepName): Promise<void> {
    await expect(this.stepper.locator('[aria-current="step"]')).toContainText(name);
    await expect(this.step.getByRole('heading', { level: 2 }).first()).toContainText(name);
  }

  /** Next, expecting to land on `to` (then an axe scan of that step unless `axe: false`). */
  async next(to: WizardStepName, options: { axe?: boolean } = {}): Promise<void> {
    await this.nextButton.click();
    await this.expectStep(to);
    if (options.axe !== false) await this.expectAccessible();
  }

  field(label: string | RegExp): Locator {
    return this.step.getByLabel(label, { exact: typeof label === 'string' });
  }

  /** The error shown for a field (tied to it by aria-describedby). */
  async expectFieldError(field: Locator, message: string | RegExp): Promise<void> {
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    const ids = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
    expect(ids.length).toBeGreaterThan(0);
    await expect(this.page.locator(`[id="${ids[0]}"]`)).toContainText(message);
  }

  // ---- Repository

  async chooseBasicAuth(username: string, password: string): Promise<void> {
    await this.field('Git authentication').selectOption('basic-auth');
    await this.field('Username').fill(username);
    await this.field('Password or personal access token').fill(password);
  }

  async testConnection(): Promise<void> {
    await this.step.getByRole('button', { name: 'Test connection' }).click();
    await expect(this.connectionOk.or(this.connectionError)).toBeVisible({ timeout: 30_000 });
  }

  async addPath(path: string): Promise<void> {
    await this.step.getByRole('button', { name: 'Add path' }).click();
    const count = await this.step.getByLabel(/^Path \d+$/).count();
    await this.field(`Path ${count}`).fill(path);
  }

  // ---- Targets

  async chooseTargetMode(label: 'All clusters in the workspace' | 'No clusters' | 'The local cluster' | 'Choose targets'): Promise<void> {
    await this.step.getByRole('radio', { name: label }).check();
  }

  targetRow(index: number): Locator {
    return this.targetRows.nth(index);
  }

  /** Adds a target row of a kind and returns it. */
  async addTarget(kind: 'Cluster group' | 'Cluster' | 'Clusters with labels' | 'Cluster groups with labels' | 'Advanced (YAML)'): Promise<Locator> {
    await this.field('New target').selectOption({ label: kind });
    await this.step.getByRole('button', { name: 'Add target' }).click();
    return this.targetRows.last();
  }

  /** Adds a `key = value` rule to the selector editor in a target row. */
  async addLabelRule(row: Locator, key: string, value: string): Promise<void> {
    await row.getByRole('button', { name: 'Add label rule' }).click();
    const index = await row.getByTestId('match-label-row').count();
    await row.getByRole('textbox', { name: `Key of label rule ${index}`, exact: true }).fill(key);
    await row.getByRole('textbox', { name: `Value of label rule ${index}`, exact: true }).fill(value);
  }

  // ---- Review

  get reviewYaml(): Locator {
    return this.step.getByTestId('review-yaml');
  }

  /** Types `text` at the end of the review YAML's line that contains `line`. */
  async appendToYamlLine(line: string, text: string): Promise<void> {
    await this.reviewYaml.locator('.cm-line', { hasText: line }).click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.type(text);
  }
}
