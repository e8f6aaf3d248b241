/**
 * Salesforce's side of a browser sign-in, as the org emulator shows it: the login form (`#username`, `#password`,
 * `#Login`, as on login.salesforce.com) and, when the External Client App asks for it, the "Allow Access?" consent
 * page (`#oaapprove`).
 */
import type { Page } from 'playwright-core';

/** A Salesforce user's credentials. */
export interface SalesforceUser {
  username: string;
  password: string;
}

/** Waits until the browser shows Salesforce's login form (after GRAX sent it to `/services/oauth2/authorize`). */
export async function waitForSalesforceLogin(page: Page): Promise<void> {
  await page.waitForURL(/\/services\/oauth2\/authorize\?/);
  await page.locator('#username').waitFor();
}

/** Signs in on the login form shown now, allows access if Salesforce asks, and waits until Salesforce sends the
 * browser back to the app. */
export async function signInAtSalesforce(page: Page, user: SalesforceUser): Promise<void> {
  const salesforceOrigin = new URL(page.url()).origin;
  const leftSalesforce = (url: URL) => url.origin !== salesforceOrigin;
  await page.locator('#username').fill(user.username);
  await page.locator('#password').fill(user.password);
  await page.locator('#Login').click();
  const consent = page.locator('#oaapprove');
  // Whichever comes first; the other wait is abandoned (and its later timeout ignored).
  const outcome = await Promise.race([
    page.waitForURL(leftSalesforce).then(
      () => 'back' as const,
      () => null,
    ),
    consent.waitFor().then(
      () => 'consent' as const,
      () => null,
    ),
  ]);
  if (outcome === null) throw new Error(`Salesforce did not let ${user.username} in: still on ${page.url()}`);
  if (outcome === 'consent') {
    await consent.click();
    await page.waitForURL(leftSalesforce);
  }
}
