import type { Page } from 'playwright-core';
import type { ViewportName } from './browser';

/** The sign-in form, as a person fills it; resolves once the app has left the sign-in page. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** The header's role switcher (a segmented control): resolves once the role is the active one. */
export async function switchRole(page: Page, role: 'Admin' | 'Provider' | 'Client'): Promise<void> {
  const switcher = page.getByRole('radiogroup', { name: 'Active role' });
  await switcher.getByText(role, { exact: true }).click();
  await switcher.getByRole('radio', { name: role, checked: true }).waitFor({ state: 'attached' });
}

/** A tab of the main navigation; on a phone it sits behind the menu button. */
export async function goToTab(page: Page, viewport: ViewportName, label: string): Promise<void> {
  if (viewport === 'phone') await page.getByRole('button', { name: 'Open the menu' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
}
