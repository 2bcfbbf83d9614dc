import { expect, type Locator, type Page } from '@playwright/test';

import { BasePage } from './base.page';

/** `/sign-in` (team mode): paste a Kubernetes bearer token, get sent on to `next`. */
export class SignInPage extends BasePage {
  readonly heading: Locator;
  readonly token: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    super(page);
    this.heading = page.getByRole('heading', { level: 1, name: 'Sign in to Fleet Deck' });
    this.token = page.getByRole('textbox', { name: 'Kubernetes bearer token' });
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.error = page.getByTestId('sign-in-error');
  }

  /** Waits until the browser shows the sign-in page (after a redirect, say) and checks it with axe. */
  async expectShown(next?: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    const url = new URL(this.page.url());
    expect(url.pathname).toBe('/sign-in');
    if (next !== undefined) expect(url.searchParams.get('next')).toBe(next);
    await this.expectAccessible();
  }

  async signIn(token: string): Promise<void> {
    await this.token.fill(token);
    await this.submit.click();
  }
}
