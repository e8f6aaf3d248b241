/**
 * Every way the OAuth callback can fail: each answers with a page that says what happened and what to do next, and
 * nothing is stored (no connection, no connect or update audit event).
 */
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import type { ConnectionWorld, Fetched, GraxBrowser } from '@test-support/worlds/connectionWorld';
import { startConnectionWorld, textOf } from '@test-support/worlds/connectionWorld';

const acme = DEMO_USERS.acmeProduction;

describe('OAuth callback failures', () => {
  let world: ConnectionWorld;
  let browser: GraxBrowser;

  beforeEach(async () => {
    world = await startConnectionWorld();
    browser = world.browser();
  });
  afterEach(async () => {
    await world.stop();
  });

  async function startSignIn(form = {}): Promise<string> {
    const started = await browser.postConnect({ setupToken: world.setupToken, ...form });
    expect(started.status).toBe(303);
    return started.location ?? '';
  }

  /** Salesforce's redirect back after a successful login (not followed yet). */
  async function redirectAfterLogin(user = acme.integration): Promise<string> {
    const answer = await browser.loginAtSalesforce(await startSignIn(), user.username, user.password);
    expect(answer.status).toBe(302);
    return answer.location ?? '';
  }

  async function expectNothingStored(): Promise<void> {
    expect(await world.service.store.connections.getActive()).toBeNull();
    const audit = await world.service.store.audit.list();
    expect(audit.filter((e) => /^connection\.(connected|updated|reconnected|org_changed)$/.test(e.action))).toEqual([]);
    // The setup token was not used up.
    expect(await world.features.flows.setupToken.required()).toBe(true);
  }

  function expectPage(page: Fetched, status: number, ...phrases: string[]): void {
    expect(page.status).toBe(status);
    const text = textOf(page.html);
    for (const phrase of phrases) expect(text).toContain(phrase);
    expect(text).toContain('What to do next');
  }

  it('refuses a callback without a state', async () => {
    expectPage(
      await browser.get('/oauth/callback?code=abc'),
      400,
      'without the reference GRAX Connect gave the sign-in',
    );
    await expectNothingStored();
  });

  it('refuses a forged state', async () => {
    const forged = 'A'.repeat(43);
    expectPage(
      await browser.get(`/oauth/callback?code=abc&state=${forged}`),
      400,
      'GRAX Connect did not start this sign-in',
    );
    await expectNothingStored();
  });

  it('refuses an expired state (more than 10 minutes at Salesforce)', async () => {
    const back = await redirectAfterLogin();
    world.clock.advance(10 * 60_000 + 1);
    expectPage(await browser.request(back), 400, 'took longer than the 10 minutes');
    await expectNothingStored();
  });

  it('refuses a reused state', async () => {
    const back = await redirectAfterLogin();
    expect((await browser.request(back)).status).toBe(303);
    const connected = await world.service.store.connections.getActive();
    const again = await browser.request(back);
    expectPage(again, 400, 'This sign-in was already completed');
    // Nothing more was stored: the same connection, connected once.
    expect((await world.service.store.connections.getActive())?.id).toBe(connected?.id);
    expect(await world.service.store.connections.listHistory()).toHaveLength(1);
    expect(await world.service.store.audit.list({ action: 'connection.connected' })).toHaveLength(1);
  });

  it('refuses a callback in another browser than the one that started the sign-in', async () => {
    const back = await redirectAfterLogin();
    const other = world.browser();
    expectPage(await other.request(back), 400, 'started in a different browser');
    await expectNothingStored();
    // The state was not used up by the other browser: the right browser still completes it.
    expect((await browser.request(back)).status).toBe(303);
  });

  it('refuses a callback without a code', async () => {
    const back = new URL(await redirectAfterLogin());
    back.searchParams.delete('code');
    expectPage(await browser.request(back.toString()), 400, 'without an authorization code');
    await expectNothingStored();
  });

  it('explains access_denied from the consent page', async () => {
    world.emulator.control.registerClientApp({
      clientId: '3MVG9GRAXDemoConnectEmulatorOnly.ExternalClientApp.AcmeDemo0000000000000000000000000001',
      clientSecret: 'F2C6A1D9E84B47C0B3E5D7A9C1F3E5A7B9D1F3A5C7E9B1D3F5A7C9E1B3D5F7A9',
      name: 'GRAX Connect',
      callbackUrls: [`${browser.publicUrl}/oauth/callback`],
      requireSecret: true,
      refreshTokenRotation: false,
      consentRequired: true,
      installedOrgIds: [DEMO_ORGS.acmeProduction.id],
    });
    const consent = await browser.loginAtSalesforce(
      await startSignIn(),
      acme.integration.username,
      acme.integration.password,
    );
    expect(consent.html).toContain('Allow Access?');
    const hidden = /name="oauthRequest" value="([^"]+)"/.exec(consent.html)?.[1] ?? '';
    const denied = await fetch(`${world.emulator.productionLoginUrl}/setup/secur/RemoteAccessAuthorizationPage.apexp`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ oauthRequest: hidden, oadeny: 'Deny' }).toString(),
    });
    const page = await browser.request(denied.headers.get('location') ?? '');
    expectPage(page, 403, 'Access was denied on the Salesforce page', 'choose Allow');
    await expectNothingStored();
  });

  it('explains OAUTH_APP_BLOCKED for an org where the app is not installed (Globex)', async () => {
    const globex = DEMO_USERS.globex.adminWithoutAppApproval;
    const answer = await browser.loginAtSalesforce(await startSignIn(), globex.username, globex.password);
    const page = await browser.request(answer.location ?? '');
    expectPage(page, 403, 'OAUTH_APP_BLOCKED', 'not installed in this org', 'Approve Uninstalled Connected Apps');
    await expectNothingStored();
  });

  it('explains that an API-only user cannot sign in interactively', async () => {
    const answer = await browser.loginAtSalesforce(await startSignIn(), acme.apiOnly.username, acme.apiOnly.password);
    // Salesforce stops at its own page and never sends the browser back.
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('Access Restricted for API Only Users');
    const connectPage = textOf((await browser.get('/web')).html);
    expect(connectPage).toContain('did not come back to GRAX Connect');
    expect(connectPage).toContain('Salesforce Integration license and cannot sign in interactively');
    await expectNothingStored();
  });

  it('explains a user without API access (API_DISABLED_FOR_ORG) and revokes the new tokens', async () => {
    const back = await redirectAfterLogin(acme.apiDisabled);
    const page = await browser.request(back);
    expectPage(page, 403, 'API_DISABLED_FOR_ORG', '"API Enabled"');
    await expectNothingStored();
    expect(world.emulator.control.stats().calls['POST /services/oauth2/revoke']).toBe(1);
  });

  it('refuses a user deactivated while signing in', async () => {
    const back = await redirectAfterLogin();
    world.emulator.control.setUserActive({ username: acme.integration.username }, false);
    const page = await browser.request(back);
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(textOf(page.html)).toMatch(/inactive/i);
    await expectNothingStored();
  });

  it("shows Salesforce's error code for other refusals (an expired authorization code)", async () => {
    const back = await redirectAfterLogin();
    world.emulator.control.advanceClock(16 * 60_000);
    expectPage(await browser.request(back), 400, 'invalid_grant');
    await expectNothingStored();
  });

  it('shows the error Salesforce sent in the redirect', async () => {
    const authorize = new URL(await startSignIn());
    const state = authorize.searchParams.get('state') ?? '';
    const page = await browser.request(
      `/oauth/callback?state=${state}&error=server_error&error_description=${encodeURIComponent('Internal failure')}`,
    );
    expectPage(page, 400, 'server_error', 'Internal failure');
    await expectNothingStored();
  });

  it('explains that Salesforce could not be reached', async () => {
    const back = await redirectAfterLogin();
    world.emulator.control.addFault({ path: '/services/oauth2/token', dropConnection: true });
    expectPage(await browser.request(back), 502, 'could not reach Salesforce');
    await expectNothingStored();
  });
});
