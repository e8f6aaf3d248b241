/**
 * The way back in, in a real browser (Debian Chromium through playwright-core): connect with the first-run token, log
 * in with Salesforce as a GRAX admin and Reset with no local admin (so nobody can sign in any more), see /web and
 * /login name the command to ask for, run `npm run setup-token` on the "server" as an operator would, connect again
 * with the token it printed, and log in with Salesforce again. The recovery pages pass axe-core.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import type { ConnectionWorld } from '@test-support/worlds/connectionWorld';
import { startConnectionWorld } from '@test-support/worlds/connectionWorld';
import { REPO_ROOT } from '@test-support/repoRoot';
import { seriousAxeViolations } from './support/axeScan';
import { startChromium, type ChromiumSession } from './support/chromiumProfile';
import { watchProblems, type ProblemLog } from './support/pageProblems';
import { signInAtSalesforce, waitForSalesforceLogin } from './support/salesforceLogin';

const run = promisify(execFile);
const INTEGRATION_USER = DEMO_USERS.acmeProduction.integration;
const SSO_ADMIN = DEMO_USERS.acmeProduction.ssoAdmin;
const ACME = DEMO_ORGS.acmeProduction;

describe('setup-token recovery in Chromium', () => {
  let world: ConnectionWorld;
  let chromium: ChromiumSession;
  let problems: ProblemLog;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    world = await startConnectionWorld();
    chromium = await startChromium();
    problems = watchProblems(chromium.context, { origin: new URL(world.service.config.publicUrl).origin });
    page = await chromium.context.newPage();
    base = world.service.config.publicUrl;
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  async function connectWith(token: string): Promise<void> {
    await page.goto(`${base}/web`);
    await page.getByLabel('Setup token').fill(token);
    await page.getByRole('button', { name: 'Skip Auto Config' }).click();
    await waitForSalesforceLogin(page);
    await signInAtSalesforce(page, INTEGRATION_USER);
    await page.waitForURL(/\/login\?connected=1/);
  }

  async function logInWithSalesforce(): Promise<void> {
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: 'Log in with Salesforce' }).click();
    await waitForSalesforceLogin(page);
    await signInAtSalesforce(page, SSO_ADMIN);
    await page.waitForURL((url) => url.pathname === '/web');
    expect(await page.locator('header').innerText()).toContain(`${SSO_ADMIN.firstName} ${SSO_ADMIN.lastName}`);
  }

  it('connects, resets with no local admin, and gets back in with the token of npm run setup-token', async () => {
    await connectWith(world.setupToken ?? '');
    await logInWithSalesforce();

    await page.goto(`${base}/web/settings/salesforce/reset`);
    expect(await page.locator('body').innerText()).toContain(
      'Set up a local user before resetting GRAX if access is needed',
    );
    await page.getByLabel(`Type the org name to confirm: ${ACME.name}`).fill(ACME.name);
    await page.getByRole('button', { name: 'Reset GRAX' }).click();
    await page.getByText('You logged in with Salesforce, so you are now logged out.').waitFor();

    // Nobody can sign in now: both pages name the command to ask for, and nothing about the org.
    await page.goto(`${base}/web`);
    const home = await page.locator('main').innerText();
    expect(home).toContain('Ask the operator of the GRAX Connect server to run npm run setup-token on the server');
    expect(home).not.toContain(ACME.name);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.goto(`${base}/login`);
    expect(await page.locator('body').innerText()).toContain(
      'No local admin is active and Log in with Salesforce is unavailable.',
    );
    expect(await page.getByRole('button', { name: 'Log in with Salesforce' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Create the first local admin' }).click();
    await page.waitForURL((url) => url.pathname === '/login/first-admin');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The operator runs the command on the server, with the service's own configuration.
    const command = await run(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/setup-token.ts'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, DATA_DIR: world.service.config.dataDir, PUBLIC_URL: base },
    });
    const token = /GRAX Connect setup token: (\S+)/.exec(command.stdout)?.[1];
    if (!token) throw new Error(`the command printed no token:\n${command.stdout}\n${command.stderr}`);

    await connectWith(token);
    expect((await world.service.store.connections.getActive())?.state).toBe('connected');
    await logInWithSalesforce();
    expect(await page.getByRole('region', { name: 'Salesforce connection' }).innerText()).toMatch(/Status\s+Connected/);
    expect(problems).toEqual([]);
  }, 180_000);
});
