import { expect, type Locator, type Page } from '@playwright/test';

import type { AxeScanOptions } from '../axe';
import { ShellPage } from './shell.page';

export type ListKind = 'gitrepos' | 'clusters' | 'clustergroups' | 'bundles';
export type StateLabel = 'All' | 'Error' | 'Warning' | 'Active' | 'Pending';

const TITLES: Record<ListKind, string> = { gitrepos: 'Git Repos', clusters: 'Clusters', clustergroups: 'Cluster Groups', bundles: 'Bundles' };

/**
 * A list page (`/w/{ws}/{kind}`): toolbar, table, paging, bulk bar, row menus and the action
 * dialogs. `goto` waits for the rows (or the empty/error state) and runs an axe scan, like every
 * navigation of the page objects here.
 */
export class ListPage extends ShellPage {
  readonly root: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly rowLinks: Locator;
  readonly search: Locator;
  readonly labelInput: Locator;
  readonly labelError: Locator;
  readonly stateFilter: Locator;
  readonly showing: Locator;
  readonly pager: Locator;
  readonly nextPage: Locator;
  readonly previousPage: Locator;
  readonly pageInput: Locator;
  readonly pageSize: Locator;
  readonly bulkBar: Locator;
  readonly emptyState: Locator;
  readonly errorState: Locator;
  readonly toasts: Locator;
  readonly confirmDialog: Locator;

  constructor(
    page: Page,
    readonly kind: ListKind,
  ) {
    super(page);
    this.root = page.getByTestId(`list-${kind}`);
    this.table = this.root.getByRole('table');
    this.rows = this.table.getByTestId('row');
    this.rowLinks = this.rows.getByTestId('row-link');
    this.search = this.root.locator('[data-search-input]');
    this.labelInput = this.root.getByRole('textbox', { name: 'Label selector' });
    this.labelError = this.root.getByTestId('label-error');
    this.stateFilter = this.root.getByRole('group', { name: 'Filter by state' });
    this.pager = this.root.getByRole('navigation', { name: /pages$/ });
    this.showing = this.pager.getByTestId('showing');
    this.nextPage = this.pager.getByRole('button', { name: 'Next page' });
    this.previousPage = this.pager.getByRole('button', { name: 'Previous page' });
    this.pageInput = this.pager.getByRole('textbox', { name: 'Page', exact: true });
    this.pageSize = this.pager.getByRole('combobox', { name: 'Rows per page' });
    this.bulkBar = this.root.getByRole('region', { name: 'Bulk actions' });
    this.emptyState = this.root.getByTestId('empty-state');
    this.errorState = this.root.getByTestId('error-state');
    this.toasts = page.getByTestId('toast');
    this.confirmDialog = page.getByTestId('confirm-dialog');
  }

  /**
   * Scans with axe once colour transitions have finished: a button that just became enabled
   * fades from its disabled colours, and axe would measure the contrast mid-fade.
   */
  override async expectAccessible(options?: AxeScanOptions): Promise<void> {
    await this.page.waitForFunction(() => document.getAnimations().every((animation) => !(animation instanceof CSSTransition) || animation.playState !== 'running'));
    await super.expectAccessible(options);
  }

  /** Opens the list (optionally with a query string), waits for its rows and checks it with axe. */
  async goto(ws: string, search = '', options: { axe?: boolean } = {}): Promise<void> {
    await this.page.goto(`/w/${ws}/${this.kind}${search}`);
    await this.waitForList();
    if (options.axe !== false) await this.expectAccessible();
  }

  async waitForList(): Promise<void> {
    await this.waitForShell();
    await expect(this.heading).toHaveText(TITLES[this.kind]);
    await expect(this.table).toBeVisible();
    await expect(this.table.getByTestId('skeleton-row')).toHaveCount(0);
    await expect(this.table).not.toHaveAttribute('aria-busy', 'true');
    await expect(this.showing).not.toHaveText('Loading…');
  }

  /** The names in the Name column, top to bottom (the link text: display name for clusters). */
  async names(): Promise<string[]> {
    return this.rowLinks.allTextContents();
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('row-link').getByText(name, { exact: true }) });
  }

  columnHeader(name: string): Locator {
    return this.table.getByRole('columnheader', { name, exact: true });
  }

  async sortBy(column: string): Promise<void> {
    await this.columnHeader(column).getByRole('button').click();
  }

  /** A state filter's radio button. */
  state(label: StateLabel): Locator {
    return this.stateFilter.getByRole('radio', { name: new RegExp(`^${label}\\b`) });
  }

  /** A state filter's visible label, with its count. */
  stateOption(label: StateLabel): Locator {
    return this.stateFilter.locator('label').filter({ hasText: new RegExp(`^${label}`) });
  }

  async filterState(label: StateLabel): Promise<void> {
    await this.stateOption(label).click();
    await expect(this.state(label)).toBeChecked();
  }

  async filterLabels(selector: string): Promise<void> {
    await this.labelInput.fill(selector);
    await this.labelInput.press('Enter');
  }

  /** Opens a row's "⋯" menu and picks an item. */
  async rowAction(name: string, item: string | RegExp): Promise<void> {
    await this.page.getByRole('button', { name: `Actions for ${name}`, exact: true }).click();
    const menu = this.page.getByRole('menu', { name: `Actions for ${name}` });
    await expect(menu).toBeVisible();
    await menu.getByRole('menuitem', { name: item }).click();
  }

  async select(name: string): Promise<void> {
    await this.table.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check();
  }

  dialog(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  toast(text: string | RegExp): Locator {
    return this.toasts.filter({ hasText: text });
  }

  /** The URL's table state as an object (e.g. `{ sort: 'name', order: 'desc' }`). */
  urlState(): Record<string, string> {
    return Object.fromEntries(new URL(this.page.url()).searchParams);
  }
}
