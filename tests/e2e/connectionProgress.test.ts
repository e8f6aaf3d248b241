/**
 * The connection flow in a real browser (Debian Chromium through playwright-core, the service's real CSP): connect
 * with the setup token through the emulator's login form, watch Auto Config's progress bar update without reloading
 * (app.js polls the job JSON), and check the connect, home, Settings > Salesforce and Reset pages with axe-core: no
 * serious or critical accessibility violations, no console errors. Screenshots go to test-artifacts/.
 */
import type { Page } from 'playwright-core';
import { DEMO_USERS } from '@grax-connect/org-emulator';
import type { ConnectionWorld } from '@test-support/worlds/connectionWorld';
import { startConnectionWorld } from '@test-support/worlds/connectionWorld';
import { seriousAxeViolations } from './support/axeScan';
import { startChromium, type ChromiumSession } from './support/chromiumProfile';
import { watchProblems, type ProblemLog } from './support/pageProblems';
import { recordPage } from './support/pageRecord';
import { signInAtSalesforce, waitForSalesforceLogin } from './support/salesforceLogin';

describe('connection flow in Chromium', () => {
  let world: ConnectionWorld;
  let chromium: ChromiumSession;
  let problems: ProblemLog;

  beforeAll(async () => {
    world = await startConnectionWorld();
    // Slow Salesforce down a little so Auto Config runs long enough to be watched.
    world.emulator.control.setLatency(40);
    chromium = await startChromium();
    problems = watchProblems(chromium.context, {
      origin: new URL(world.service.config.publicUrl).origin,
      // Reset without the org name is refused with the form again (400).
      expected: (response) => response.status() === 400 && response.url().endsWith('/web/settings/salesforce/reset'),
    });
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.stop();
  });

  async function record(page: Page, name: string): Promise<void> {
    expect(await recordPage(page, `connection-${name}`)).toEqual([]);
  }

  it('connects, shows live Auto Config progress, and every page passes axe', async () => {
    const page = await chromium.context.newPage();
    const base = world.service.config.publicUrl;
    await page.goto(`${base}/web`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Connect to Salesforce');
    await record(page, 'connect-page');

    await page.getByLabel('Environment').selectOption('production');
    await page.getByLabel('Setup token').fill(world.setupToken ?? '');
    await page.getByRole('button', { name: 'Connect with Auto Config' }).click();
    await waitForSalesforceLogin(page);
    await signInAtSalesforce(page, DEMO_USERS.acmeProduction.integration);
    await page.waitForURL(/\/login\?connected=1/);

    expect((await chromium.context.request.get(`${base}/__test/sign-in`)).status()).toBe(204);
    await page.goto(`${base}/web`);
    const bar = page.getByRole('progressbar', { name: 'Auto Config progress' });
    expect(await bar.getAttribute('aria-valuemin')).toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toBe('100');
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Without a reload, app.js brings the bar to the end.
    await page.waitForFunction(
      () => document.querySelector('[data-job-status]')?.textContent === 'Auto Config finished.',
      undefined,
      { timeout: 60_000, polling: 200 },
    );
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByText('Refresh to see the results').count()).toBe(1);
    await record(page, 'home');

    await page.goto(`${base}/web/settings/salesforce`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Settings: Salesforce');
    await record(page, 'settings-salesforce');

    await page.getByRole('link', { name: 'Reset GRAX' }).click();
    await page.waitForURL(/\/web\/settings\/salesforce\/reset/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Reset GRAX' }).click();
    expect(await page.locator('[data-error-summary]').innerText()).toContain('There is a problem with this form');
    await record(page, 'reset-confirm');

    expect(problems).toEqual([]);
  }, 120_000);
});
