/**
 * The connection flow in a real browser (Debian Chromium through playwright-core, the service's real CSP): connect
 * with the setup token through the emulator's login form, watch Auto Config's progress bar update without reloading
 * (app.js polls the job JSON), and check the connect, home, Settings > Salesforce and Reset pages with axe-core: no
 * serious or critical accessibility violations, no console errors. Screenshots go to test-artifacts/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { DEMO_USERS } from '../../org-emulator/src/org/demoCatalog';
import type { ConnectionWorld } from './support/world';
import { startConnectionWorld } from './support/world';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe('connection flow in Chromium', () => {
  let world: ConnectionWorld;
  let context: BrowserContext;
  let profile: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    world = await startConnectionWorld();
    // Slow Salesforce down a little so Auto Config runs long enough to be watched.
    world.emulator.control.setLatency(40);
    profile = mkdtempSync(path.join(os.tmpdir(), 'grax-connection-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1200, height: 900 },
    });
    context.on('console', (message) => {
      // Resource errors are checked by status below, where the expected 400 of a refused form is told apart.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(message.text());
      }
    });
    context.on('response', (response) => {
      const expected400 = response.status() === 400 && response.url().endsWith('/web/settings/salesforce/reset');
      if (response.status() >= 400 && !expected400) problems.push(`${response.status()} ${response.url()}`);
    });
  });
  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    await world?.stop();
  });

  it('connects, shows live Auto Config progress, and every page passes axe', async () => {
    const page = await context.newPage();
    const base = world.service.config.publicUrl;
    await page.goto(`${base}/web`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Connect to Salesforce');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'connection-connect-page.png'), fullPage: true });

    await page.getByLabel('Environment').selectOption('production');
    await page.getByLabel('Setup token').fill(world.setupToken ?? '');
    await page.getByRole('button', { name: 'Connect with Auto Config' }).click();
    await page.waitForURL(/\/services\/oauth2\/authorize/);
    await page.fill('#username', DEMO_USERS.acmeProduction.integration.username);
    await page.fill('#password', DEMO_USERS.acmeProduction.integration.password);
    await page.click('#Login');
    await page.waitForURL(/\/login\?connected=1/);

    expect((await context.request.get(`${base}/__test/sign-in`)).status()).toBe(204);
    await page.goto(`${base}/web`);
    const bar = page.getByRole('progressbar', { name: 'Auto Config progress' });
    expect(await bar.getAttribute('aria-valuemin')).toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toBe('100');
    expect(await seriousViolations(page)).toEqual([]);
    // Without a reload, app.js brings the bar to the end.
    await page.waitForFunction(
      () => document.querySelector('[data-job-status]')?.textContent === 'Auto Config finished.',
      undefined,
      { timeout: 60_000, polling: 200 },
    );
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByText('Refresh to see the results').count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'connection-home.png'), fullPage: true });

    await page.goto(`${base}/web/settings/salesforce`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Settings: Salesforce');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'connection-settings-salesforce.png'), fullPage: true });

    await page.getByRole('link', { name: 'Reset GRAX' }).click();
    await page.waitForURL(/\/web\/settings\/salesforce\/reset/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Reset GRAX' }).click();
    expect(await page.locator('[data-error-summary]').innerText()).toContain('There is a problem with this form');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'connection-reset-confirm.png'), fullPage: true });

    expect(problems).toEqual([]);
  }, 120_000);
});
