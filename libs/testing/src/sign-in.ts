import type { Page } from 'playwright-core';

/** Every development user's password (libs/identity-provider). */
export const DEV_PASSWORD = 'samenspel-dev';

/**
 * Signs in as `username` at the development provider's sign-in page that `page` shows (a page of a
 * service sent it there), and waits until the browser is back on that service past /auth/.
 */
export async function signIn(page: Page, username: string, password = DEV_PASSWORD): Promise<void> {
  await page.locator('#username').waitFor();
  const provider = new URL(page.url()).origin;
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.origin !== provider && !url.pathname.startsWith('/auth/'));
}

/** Opens `url` of a service with sign-in and signs in as `username` on the provider's page it leads to. */
export async function openSignedIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await signIn(page, username);
}
