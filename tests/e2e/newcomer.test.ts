/**
 * A newcomer's first session with GRAX Connect, in Debian Chromium against `npm start` itself (a child process in
 * demo mode, read off its output like a person reads the terminal): connect with the setup token through
 * Salesforce's login form as the integration user, log in with Salesforce as the GRAX admin and watch Auto Config
 * finish, create the local break-glass admin, Update the connection, Reset GRAX, and log in afterwards as the local
 * admin (password, then a new authenticator app) while Salesforce is disconnected. The main buttons of the connect
 * and login pages are reached and pressed with the keyboard alone. Every page is saved as
 * test-artifacts/newcomer-NN-<page>.png and scanned with axe-core (no serious or critical violations); the
 * emulator's token endpoint proves that the replaced and the reset authorizations no longer work; Ctrl-C stops it all.
 */
import { authenticator } from 'otplib';
import type { Page } from 'playwright-core';
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import { startChromium, type ChromiumSession } from './support/chromiumProfile';
import { startDemo, type DemoProcess } from './support/demoProcess';
import { refreshAt, storedRefreshToken } from './support/demoTokens';
import { tabTo } from './support/keyboard';
import { watchProblems, type ProblemLog } from './support/pageProblems';
import { recordPage } from './support/pageRecord';
import { signInAtSalesforce, waitForSalesforceLogin, type SalesforceUser } from './support/salesforceLogin';

const ACME = DEMO_ORGS.acmeProduction;
const INTEGRATION_USER = DEMO_USERS.acmeProduction.integration;
const SSO_ADMIN = DEMO_USERS.acmeProduction.ssoAdmin;
const LOCAL_ADMIN = { username: 'breakglass', displayName: 'Break Glass', password: 'Glass-Break-2026-Acme' };
const AUTO_CONFIG_TIMEOUT_MS = 60_000;

describe('a newcomer, from npm start to Reset GRAX and a local-user login', () => {
  let demo: DemoProcess;
  let chromium: ChromiumSession;
  let page: Page;
  let problems: ProblemLog;
  let pageNumber = 0;
  const refreshTokens: { first?: string; afterUpdate?: string } = {};

  beforeAll(async () => {
    demo = await startDemo();
    chromium = await startChromium();
    problems = watchProblems(chromium.context, { origin: new URL(demo.publicUrl).origin });
    page = await chromium.context.newPage();
  });

  afterAll(async () => {
    await chromium?.close();
    await demo?.stop();
  });

  /** Saves the page as newcomer-NN-<name>.png and fails on serious accessibility violations. */
  async function record(name: string): Promise<void> {
    pageNumber += 1;
    const violations = await recordPage(page, `newcomer-${String(pageNumber).padStart(2, '0')}-${name}`);
    expect(violations).toEqual([]);
  }

  function mainText(): Promise<string> {
    return page.locator('main').innerText();
  }

  async function heading(): Promise<string> {
    return page.getByRole('heading', { level: 1 }).innerText();
  }

  /** Salesforce's login form: saved and scanned like every page, then signed in as `user`. */
  async function signInAtSalesforceAs(user: SalesforceUser, name: string): Promise<void> {
    await waitForSalesforceLogin(page);
    await record(name);
    await signInAtSalesforce(page, user);
  }

  /** "Confirm it is you" with Salesforce as the signed-in admin, back to where the page was going. */
  async function confirmItIsYou(name: string): Promise<void> {
    expect(await heading()).toBe('Confirm it is you');
    expect(await mainText()).toContain(`You are signed in as ${SSO_ADMIN.firstName} ${SSO_ADMIN.lastName}`);
    await record(name);
    await page.getByRole('button', { name: 'Confirm with Salesforce' }).click();
    await signInAtSalesforceAs(SSO_ADMIN, `${name}-salesforce-login`);
    await page.waitForURL((url) => url.origin === new URL(demo.publicUrl).origin && url.pathname !== '/oauth/callback');
  }

  /** Update and Reset ask again only when the last sign-in is older than 5 minutes. */
  async function confirmItIsYouIfAsked(name: string): Promise<void> {
    await page.waitForLoadState();
    if (new URL(page.url()).pathname === '/web/reauth') await confirmItIsYou(name);
  }

  async function stillRefreshes(token: string | undefined): Promise<{ status: number; error: string | null }> {
    if (!token) throw new Error('no refresh token was captured earlier in this test');
    return refreshAt(demo.productionLoginUrl, token);
  }

  it('starts like `npm start`: prints the address, the demo users and a one-time setup token', () => {
    expect(demo.webUrl).toBe(`http://localhost:${demo.ports.service}/web`);
    expect(demo.productionLoginUrl).toBe(`http://127.0.0.1:${demo.ports.emulator}`);
    expect(demo.setupToken).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    const printed = demo.output();
    expect(printed).toContain(`${INTEGRATION_USER.username} / ${INTEGRATION_USER.password}`);
    expect(printed).toContain(`${SSO_ADMIN.username} / ${SSO_ADMIN.password}`);
    expect(printed).toContain(`Data directory:      ${demo.dataDir}`);
  });

  it('connects through Salesforce as the integration user, pressing Connect with the keyboard', async () => {
    await page.goto(demo.webUrl);
    expect(await heading()).toBe('Connect to Salesforce');
    await record('connect');

    await page.getByLabel('Environment').selectOption({ label: 'Production' });
    await page.getByLabel('Setup token').fill(demo.setupToken);
    const connect = page.getByRole('button', { name: 'Connect with Auto Config' });
    await tabTo(page, connect);
    await page.keyboard.press('Enter');
    await signInAtSalesforceAs(INTEGRATION_USER, 'salesforce-login-integration-user');

    await page.waitForURL((url) => url.pathname === '/login');
    expect(await heading()).toBe('Log in to GRAX Connect');
    const body = await page.locator('body').innerText();
    expect(body).toContain('GRAX is connected to Salesforce. Log in to follow Auto Config or Verify on the home page.');
    expect(body).toContain('Set up a local user before resetting GRAX if access is needed.');
    expect(await mainText()).toContain(`Use your own Salesforce user in ${ACME.name}`);
    await record('login');
  });

  it('logs the GRAX admin in with Salesforce from the keyboard and shows the connection and Auto Config to its end', async () => {
    const logIn = page.getByRole('button', { name: 'Log in with Salesforce' });
    await tabTo(page, logIn);
    await page.keyboard.press('Enter');
    await signInAtSalesforceAs(SSO_ADMIN, 'salesforce-login-sso-admin');

    await page.waitForURL((url) => url.pathname === '/web');
    expect(await page.locator('header').innerText()).toContain(`${SSO_ADMIN.firstName} ${SSO_ADMIN.lastName}`);
    const connection = page.getByRole('region', { name: 'Salesforce connection' });
    const card = await connection.innerText();
    expect(card).toContain(`${ACME.name} (${ACME.id})`);
    expect(card).toContain(INTEGRATION_USER.username);
    expect(card).toMatch(/Status\s+Connected/);
    // app.js follows the job without a reload, up to its end.
    await page
      .locator('[data-job-status]')
      .getByText('Auto Config finished.')
      .waitFor({ timeout: AUTO_CONFIG_TIMEOUT_MS });
    const bar = page.getByRole('progressbar', { name: 'Auto Config progress' });
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    const banner = page.getByText('Set up a local user before resetting GRAX if access is needed.');
    expect(await banner.isVisible()).toBe(true);
    await record('home');
  });

  it('creates the local break-glass admin in Settings > Users after confirming it is the same admin', async () => {
    await page.getByRole('link', { name: 'Settings > Users' }).click();
    await page.waitForURL((url) => url.pathname === '/web/settings/users');
    expect(await heading()).toBe('Settings: Users');
    expect(await mainText()).toContain('There are no local users yet.');
    await record('users');

    // A fresh sign-in counts as re-authentication for 5 minutes, so the product would not ask yet: the page is
    // opened the way its guard opens it, to prove the Salesforce round trip back to Settings > Users.
    await page.goto(`${demo.publicUrl}/web/reauth?returnTo=${encodeURIComponent('/web/settings/users')}`);
    await confirmItIsYou('confirm-it-is-you');
    expect(new URL(page.url()).pathname).toBe('/web/settings/users');

    await page.getByLabel('Username').fill(LOCAL_ADMIN.username);
    await page.getByLabel('Display name').fill(LOCAL_ADMIN.displayName);
    await page.getByLabel('Role').selectOption('admin');
    await page.getByLabel('Initial password').fill(LOCAL_ADMIN.password);
    await page.getByRole('button', { name: 'Create user' }).click();
    await confirmItIsYouIfAsked('confirm-it-is-you-again');

    await page.getByText('User created. They set up their authenticator app at their first login.').waitFor();
    expect(await heading()).toBe(`User ${LOCAL_ADMIN.username}`);
    const details = await mainText();
    expect(details).toMatch(/Role\s+Admin/);
    expect(details).toMatch(/Two-step verification\s+Not set up yet \(at first login\)/);
    expect(await page.getByText('Set up a local user before resetting GRAX').count()).toBe(0);
    await record('user-created');
  });

  it('updates the connection as the same integration user, says so, and retires the replaced authorization', async () => {
    refreshTokens.first = (await storedRefreshToken(demo.dataDir)) ?? undefined;
    expect(await stillRefreshes(refreshTokens.first)).toEqual({ status: 200, error: null });

    await page.getByRole('navigation').getByRole('link', { name: 'Salesforce' }).click();
    await page.waitForURL((url) => url.pathname === '/web/settings/salesforce');
    expect(await heading()).toBe('Settings: Salesforce');
    await record('settings-salesforce');

    await page.getByRole('link', { name: 'Update' }).click();
    await confirmItIsYouIfAsked('confirm-it-is-you-for-update');
    expect(await heading()).toBe('Update the Salesforce connection');
    expect(await mainText()).toContain(`GRAX is connected to ${ACME.name} as ${INTEGRATION_USER.username}.`);
    expect(await page.getByLabel('Environment').inputValue()).toBe('production');
    await record('update');

    await page.getByRole('button', { name: 'Connect with Auto Config' }).click();
    await signInAtSalesforceAs(INTEGRATION_USER, 'salesforce-login-update');
    await page.waitForURL((url) => url.pathname.startsWith('/web'));
    const body = await page.locator('body').innerText();
    expect(body).toContain(`Connection updated: GRAX uses ${INTEGRATION_USER.username} in ${ACME.name}.`);
    await page
      .locator('[data-job-status]')
      .getByText('Auto Config finished.')
      .waitFor({ timeout: AUTO_CONFIG_TIMEOUT_MS });
    await record('updated');

    refreshTokens.afterUpdate = (await storedRefreshToken(demo.dataDir)) ?? undefined;
    expect(refreshTokens.afterUpdate).toBeDefined();
    expect(refreshTokens.afterUpdate).not.toBe(refreshTokens.first);
    expect(await stillRefreshes(refreshTokens.first)).toEqual({ status: 400, error: 'invalid_grant' });
  });

  it('resets GRAX once the org name is typed, and Salesforce no longer accepts its authorization', async () => {
    expect(await stillRefreshes(refreshTokens.afterUpdate)).toEqual({ status: 200, error: null });

    await page.getByRole('navigation').getByRole('link', { name: 'Salesforce' }).click();
    await page.getByRole('link', { name: 'Reset GRAX' }).click();
    await confirmItIsYouIfAsked('confirm-it-is-you-for-reset');
    expect(await heading()).toBe('Reset GRAX');
    expect(await mainText()).toContain(`Reset GRAX disconnects ${ACME.name}`);
    await record('reset-confirm');

    await page.getByLabel(`Type the org name to confirm: ${ACME.name}`).fill(ACME.name);
    await page.getByRole('button', { name: 'Reset GRAX' }).click();
    await page.getByRole('heading', { level: 1, name: 'GRAX was reset' }).waitFor();
    const report = await mainText();
    expect(report).toContain(`GRAX is disconnected from ${ACME.name}.`);
    expect(report).toContain("GRAX's authorization was revoked at Salesforce.");
    expect(report).toContain('You logged in with Salesforce, so you are now logged out.');
    expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);
    await record('reset-done');

    expect(await stillRefreshes(refreshTokens.afterUpdate)).toEqual({ status: 400, error: 'invalid_grant' });
  });

  it('lets the local admin in with the password and a new authenticator app while Salesforce is disconnected', async () => {
    await page.getByRole('link', { name: 'Log in with a local user' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await mainText()).toContain('GRAX is not connected to Salesforce. Local users can still sign in.');
    expect(await page.getByRole('button', { name: 'Log in with Salesforce' }).count()).toBe(0);
    await record('login-disconnected');

    await page.getByLabel('Username').fill(LOCAL_ADMIN.username);
    await page.getByLabel('Password').fill(LOCAL_ADMIN.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await heading()).toBe('Set up two-step verification');
    await record('two-step-setup');

    // What an authenticator app does with the key typed in by hand.
    const shownKey = await page.getByText(/^Key: /).innerText();
    const code = authenticator.generate(shownKey.replace(/^Key: /, '').replace(/\s+/g, ''));
    await page.getByLabel('Code').fill(code);
    await page.getByRole('button', { name: 'Confirm and log in' }).click();

    await page.waitForURL((url) => url.pathname === '/web');
    expect(await page.locator('header').innerText()).toContain(LOCAL_ADMIN.displayName);
    expect(await heading()).toBe('Connect to Salesforce');
    const home = await mainText();
    expect(home).toContain(`GRAX is disconnected from ${ACME.name}`);
    expect(await page.getByRole('button', { name: 'Connect with Auto Config' }).isEnabled()).toBe(true);
    await record('home-disconnected');
  });

  it('saw no script errors, console errors or failed requests of GRAX Connect on the way', () => {
    expect(problems).toEqual([]);
  });

  it('stops cleanly on Ctrl-C', async () => {
    const stopped = await demo.stop();
    expect(stopped.output).toContain('SIGINT received: stopping GRAX Connect and the org emulator.');
    expect(stopped.errors).toBe('');
    expect(stopped.portsStillOpen).toEqual([]);
  });
});
