/**
 * The GRAX Setup page, seen in Debian Chromium against the real service: the preview (tests/lwc-preview) renders the
 * package's LWC with an Apex stand-in that calls the service's org API like GraxServiceClient. The service runs with
 * the org emulator; an admin creates a link key in Settings > Org link, and the page is then walked through every
 * state a Salesforce admin meets: service address not set, not reachable, no access to the External Credential, not
 * linked, not connected (Connect with Auto Config opens the one-time connect link, which connects the org), connected
 * with findings and a running job (Scan Now, Auto Fix, Verify), and reauthorization required. Each state is checked for what a person reads, saved as
 * test-artifacts/graxSetup-<state>.png and scanned with axe-core (no serious or critical violations).
 */
import type { Locator, Page } from 'playwright-core';
import { isLinkKey } from '@service/orgApi/setupRules';
import { renderPreview, type PreviewOptions, type RenderedPreview } from '../lwc-preview/renderPreview';
import { freePort } from '@test-support/ports';
import { ACME, INTEGRATION_USER, startOrgApiWorld, type OrgApiWorld } from '@test-support/worlds/orgApiWorld';
import { startChromium, type ChromiumSession } from './support/chromiumProfile';
import { recordPage } from './support/pageRecord';

const STATE_TIMEOUT_MS = 60_000;

describe('GRAX Setup page against the real service', () => {
  let world: OrgApiWorld;
  let chromium: ChromiumSession;
  let linkKey: string;
  let page: Page;
  let preview: RenderedPreview | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    world = await startOrgApiWorld();
    chromium = await startChromium();
  });

  afterAll(async () => {
    await preview?.close();
    await chromium?.close();
    await world?.stop();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  /** Opens the preview in a fresh tab (a fresh simulated org) and waits for its first state. */
  async function open(options: PreviewOptions): Promise<Locator> {
    await preview?.close();
    page = await chromium.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    preview = await renderPreview(page, options);
    return page.locator('c-grax-setup');
  }

  /**
   * Presses Tab until `target` has the focus, as someone who cannot use a mouse does. Checks `:focus` on the target
   * itself: the page's shadow roots make document.activeElement the outer component, so support/keyboard's tabTo
   * cannot see which control inside it is focused.
   */
  async function tabInto(target: Locator, maxPresses = 40): Promise<void> {
    for (let presses = 1; presses <= maxPresses; presses++) {
      await page.keyboard.press('Tab');
      if (await target.evaluate((element) => element.matches(':focus'))) return;
    }
    throw new Error(`${maxPresses} presses of Tab did not reach ${target.toString()}`);
  }

  async function record(state: string, target: Page = page): Promise<void> {
    expect(await recordPage(target, `graxSetup-${state}`)).toEqual([]);
  }

  it('lets an admin create a link key in Settings > Org link before GRAX is connected', async () => {
    const settings = await chromium.context.newPage();
    await chromium.context.addCookies([
      { name: 'grax_session', value: await world.sessionFor(), url: world.service.url },
    ]);
    await settings.goto(`${world.service.url}/web/settings/org-link`);
    await expect(settings.getByRole('heading', { name: 'Org link', level: 1 }).isVisible()).resolves.toBe(true);
    const body = await settings.locator('main').innerText();
    expect(body).toContain('Salesforce needs a public HTTPS address with a trusted certificate');
    await settings.getByLabel('Salesforce org id').fill(ACME.id.slice(0, 15));
    await settings.getByRole('button', { name: 'Create link key' }).click();
    await settings.getByText('Copy the new link key now').waitFor();
    linkKey = await settings.locator('[data-link-key]').inputValue();
    expect(isLinkKey(linkKey)).toBe(true);
    await record('settings-org-link', settings);
    await settings.close();
  });

  it('asks for the service address when the Named Credential still holds the placeholder', async () => {
    const setup = await open({ orgId: ACME.id });
    const text = await setup.innerText();
    expect(text).toContain('Set the GRAX service address');
    expect(text).toContain('Save address');
    await expect(setup.getByRole('textbox', { name: 'Service address' }).isVisible()).resolves.toBe(true);
    await record('address-not-set');
  });

  it('says the service is not reachable, with the address in use and what to check', async () => {
    const serviceUrl = `http://127.0.0.1:${await freePort()}`;
    const setup = await open({ serviceUrl, linkKey, orgId: ACME.id });
    const text = await setup.innerText();
    expect(text).toContain('The GRAX service is not reachable');
    expect(text).toContain(serviceUrl);
    expect(text).toContain('ECONNREFUSED');
    expect(text).toContain('public HTTPS address with a certificate from a trusted authority');
    await record('not-reachable');
  });

  it('says a callout was refused for lack of access to External Credential GRAX_Service, with the Setup steps', async () => {
    const setup = await open({ serviceUrl: world.service.url, linkKey, orgId: ACME.id, principalAccess: false });
    await expect(
      setup.getByRole('heading', { name: 'GRAX Setup cannot call the GRAX service for you' }).isVisible(),
    ).resolves.toBe(true);
    const text = await setup.innerText();
    expect(text).toContain('Installing the package does not grant everything a callout needs.');
    expect(text).toContain('External Credential Principal Access > Edit: enable GRAX_Service - Link, then Save.');
    expect(text).toContain('Object Settings > User External Credentials > Edit: select Read, then Save.');
    expect(text).toContain(
      'We couldn\'t access the credential(s). You might not have the required permissions, or the external credential "GRAX_Service" might not exist.',
    );
    await record('credential-access');
  });

  it('shows the service reason when it refuses the stored key', async () => {
    const revoked = await world.issueKey();
    await world.linkKeys.revoke(revoked.slice(4, 26), { kind: 'local', id: 'usr_test_admin', name: 'Ada Admin' });
    const setup = await open({ serviceUrl: world.service.url, linkKey: revoked, orgId: ACME.id });
    const text = await setup.innerText();
    expect(text).toContain('Link this org to GRAX');
    expect(text).toContain('The GRAX service did not accept the stored link key');
    expect(text).toContain('does not accept this link key');
    await record('link-rejected');
  });

  it('asks for a link key, and takes the one Settings > Org link showed, from the keyboard alone', async () => {
    const setup = await open({ serviceUrl: world.service.url, orgId: ACME.id });
    expect(await setup.innerText()).toContain('Link this org to GRAX');
    await record('not-linked');

    await tabInto(setup.getByLabel('Link key'));
    await page.keyboard.insertText(linkKey);
    await tabInto(setup.getByRole('button', { name: 'Save link key' }));
    await page.keyboard.press('Enter');
    await setup.getByText('Link key saved.').waitFor({ timeout: STATE_TIMEOUT_MS });
    await setup.getByRole('heading', { name: 'Salesforce connection' }).waitFor({ timeout: STATE_TIMEOUT_MS });
  });

  it('connects the org from the page: Connect with Auto Config offers the one-time connect link to open', async () => {
    const setup = await open({ serviceUrl: world.service.url, linkKey, orgId: ACME.id });
    const text = await setup.innerText();
    expect(text).toContain('GRAX is not connected to this org yet');
    expect(text).toContain('Connect with Auto Config');
    expect(text).toContain('Skip Auto Config');
    await record('not-connected');

    await setup.getByRole('button', { name: 'Connect with Auto Config' }).click();
    const connectLink = setup.getByRole('link', { name: 'Open the connection page' });
    await connectLink.waitFor({ timeout: STATE_TIMEOUT_MS });
    expect(await setup.getByText('Your connection page is ready.').count()).toBe(1);
    expect(await connectLink.getAttribute('rel')).toBe('noopener noreferrer');
    await record('connect-link-ready');

    const popupOpened = page.waitForEvent('popup');
    await connectLink.click();
    const popup = await popupOpened;
    await popup.waitForURL(/\/web\/connect-link\?link=cl_/, { timeout: STATE_TIMEOUT_MS });
    expect(popup.url().startsWith(`${world.service.config.publicUrl}/web/connect-link?link=cl_`)).toBe(true);
    // rel="noopener": the GRAX tab has no handle on the Salesforce page.
    expect(await popup.evaluate(() => window.opener)).toBeNull();

    const linkPage = await popup.locator('main').innerText();
    expect(linkPage).toContain('Connect GRAX to Salesforce');
    expect(linkPage).toContain(ACME.id);
    expect(linkPage).toContain('Connect with Auto Config');
    await record('connect-link', popup);

    await popup.getByRole('button', { name: 'Continue to Salesforce' }).click();
    await popup.waitForURL((url) => url.origin === new URL(world.emulator.productionLoginUrl).origin);
    await popup.locator('#username').fill(INTEGRATION_USER.username);
    await popup.locator('#password').fill(INTEGRATION_USER.password);
    await popup.locator('#Login').click();
    await popup.waitForURL(
      (url) => url.href.startsWith(world.service.config.publicUrl) && !url.pathname.startsWith('/oauth'),
    );
    await popup.close();

    await setup.getByText('GRAX is connected to this org.').waitFor({ timeout: STATE_TIMEOUT_MS });
    expect(await world.service.store.connections.getActive()).toMatchObject({ orgId: ACME.id, state: 'connected' });
    const connected = await setup.innerText();
    expect(connected).toContain(ACME.name);
    expect(connected).toContain(INTEGRATION_USER.username);
  });

  it('follows Scan Now, shows what broke, and clears it with Auto Fix', async () => {
    const setup = await open({ serviceUrl: world.service.url, linkKey, orgId: ACME.id });
    // Auto Config, started by the connection, may still be running: the page follows it to its end.
    await setup
      .getByRole('button', { name: 'Scan Now' })
      .and(page.locator(':enabled'))
      .waitFor({ timeout: STATE_TIMEOUT_MS });
    const removed = world.emulator.control.deletePermissionRows(ACME.id, {
      permissionSetName: 'GRAX_Integration_User_Access',
      object: 'ObjectPermissions',
      sobjectType: 'Account',
    });
    expect(removed).toBeGreaterThan(0);

    // Hold the scan's first two Salesforce calls for 4 s each, so the scan is still running when the page polls
    // (every 3 s) and shows its progress, however few calls the scan needs.
    world.emulator.control.addFault({ path: '/services/data/*', count: 2, latencyMs: 4_000 });
    try {
      await setup.getByRole('button', { name: 'Scan Now' }).click();
      const running = setup.locator('.running-job');
      await running.getByText(/^Scan is running: /).waitFor({ timeout: STATE_TIMEOUT_MS });
      await expect(running.getByRole('progressbar', { name: 'Scan progress' }).count()).resolves.toBe(1);
      await expect(setup.getByRole('button', { name: 'Verify' }).isDisabled()).resolves.toBe(true);
      await record('job-running');
    } finally {
      world.emulator.control.clearFaults();
    }
    await setup.getByText('Scan finished.').waitFor({ timeout: STATE_TIMEOUT_MS });
    const afterScan = await setup.innerText();
    expect(afterScan).toContain('Access broke since the last good scan.');
    expect(afterScan).toContain('Account');
    expect(afterScan).toContain('How to fix:');
    await record('connected-findings');

    await setup.getByRole('button', { name: 'Auto Fix' }).click();
    await setup.getByText('Auto Fix finished.').waitFor({ timeout: STATE_TIMEOUT_MS });
    await setup.getByRole('button', { name: 'Verify' }).click();
    await setup.getByText('Verify finished.').waitFor({ timeout: STATE_TIMEOUT_MS });
    const afterFix = await setup.innerText();
    expect(afterFix).not.toContain('Access broke since the last good scan.');
    expect(afterFix).toContain('GRAX calls in the last 24 hours');
    await record('connected');
  });

  it('asks to reconnect when Salesforce revoked GRAX’s tokens', async () => {
    world.emulator.control.revokeTokens({ username: INTEGRATION_USER.username });
    const setup = await open({ serviceUrl: world.service.url, linkKey, orgId: ACME.id });
    await setup.getByRole('button', { name: 'Verify' }).click();
    // Verify fails at Salesforce's refusal; the next status poll shows the connection needs reconnecting.
    await setup.getByRole('heading', { name: 'Reconnect GRAX' }).waitFor({ timeout: STATE_TIMEOUT_MS });
    expect((await world.service.store.connections.getActive())?.state).toBe('reauthorization_required');

    await page.reload();
    const reloaded = page.locator('c-grax-setup');
    await reloaded.getByRole('heading', { name: 'Reconnect GRAX' }).waitFor({ timeout: STATE_TIMEOUT_MS });
    const text = await reloaded.innerText();
    expect(text).toContain('GRAX can no longer use its connection to this org');
    expect(text).toContain('Connect with Auto Config');
    expect(text).not.toContain('Scan Now');
    await record('reauthorization-required');
  });
});
