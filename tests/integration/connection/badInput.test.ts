/**
 * Bad input on the connect form: each problem gets a clear 4xx page naming the field, and nothing is stored (no OAuth
 * state, so no sign-in audit event, and no connection). Also the first-run setup token: required, checked, and
 * usable exactly once.
 */
import { randomBytes } from 'node:crypto';
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import { issueSetupToken } from '@service/connection/issuedSetupToken';
import type { ConnectionWorld, Fetched, GraxBrowser } from '@test-support/worlds/connectionWorld';
import { startConnectionWorld, textOf } from '@test-support/worlds/connectionWorld';

const integration = DEMO_USERS.acmeProduction.integration;

describe('connect form input', () => {
  let world: ConnectionWorld;

  beforeAll(async () => {
    world = await startConnectionWorld();
  });
  afterAll(async () => {
    await world.stop();
  });

  async function signInsStarted(): Promise<number> {
    return (await world.service.store.audit.list({ action: 'connection.sign_in_started' })).length;
  }

  async function expectRefused(form: Record<string, string>, field: string, phrase: string): Promise<void> {
    const before = await signInsStarted();
    const browser = world.browser();
    const page = await browser.post('/web/connect', { setupToken: world.setupToken ?? '', ...form });
    expect(page.status).toBe(400);
    const text = textOf(page.html);
    expect(text).toContain('There is a problem with this form');
    expect(text).toContain(phrase);
    expect(page.html).toContain(`href="#field-${field}"`);
    expect(page.html).toMatch(
      new RegExp(`id="field-${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-${field}"`),
    );
    expect(await signInsStarted()).toBe(before);
    expect(await world.service.store.connections.getActive()).toBeNull();
  }

  it('refuses an unknown environment', async () => {
    await expectRefused({ environment: 'staging', mode: 'auto_config' }, 'environment', 'Choose Production or Sandbox');
  });

  it.each([
    ['https://evil.example.com', 'evil.example.com is not a Salesforce My Domain'],
    ['https://login.salesforce.com.evil.example', 'is not a Salesforce My Domain'],
    ['javascript:alert(1)', 'My Domain must be a Salesforce My Domain'],
  ])('refuses %s as My Domain', async (myDomain, phrase) => {
    await expectRefused({ environment: 'production', myDomain, mode: 'auto_config' }, 'myDomain', phrase);
  });

  it('refuses a My Domain of the other environment', async () => {
    await expectRefused(
      { environment: 'production', myDomain: 'acme--uat.sandbox.my.salesforce.com', mode: 'auto_config' },
      'myDomain',
      'choose Sandbox as the Environment',
    );
  });

  it('refuses a missing setup token', async () => {
    await expectRefused(
      { environment: 'production', mode: 'auto_config', setupToken: '' },
      'setupToken',
      'Enter the setup token',
    );
  });

  it('refuses a wrong setup token', async () => {
    await expectRefused(
      { environment: 'production', mode: 'auto_config', setupToken: 'not-the-token-0123456789' },
      'setupToken',
      'This setup token is not valid',
    );
  });

  it('refuses a form without its CSRF token', async () => {
    const before = await signInsStarted();
    const page = await world
      .browser()
      .post(
        '/web/connect',
        { environment: 'production', mode: 'auto_config', setupToken: world.setupToken ?? '' },
        { csrf: null },
      );
    expect(page.status).toBe(403);
    expect(textOf(page.html)).toContain('security token is missing or out of date');
    expect(await signInsStarted()).toBe(before);
  });

  it('refuses a 1 MB form body', async () => {
    const before = await signInsStarted();
    const browser = world.browser();
    const page = await browser.post('/web/connect', {
      environment: 'production',
      mode: 'auto_config',
      myDomain: 'a'.repeat(1024 * 1024),
    });
    expect(page.status).toBe(413);
    expect(textOf(page.html)).toContain('Request too large');
    expect(await signInsStarted()).toBe(before);
  });

  it('keeps the values and escapes them when the form comes back', async () => {
    const page = await world.browser().post('/web/connect', {
      environment: 'production',
      myDomain: '"><script>alert(1)</script>',
      mode: 'auto_config',
      setupToken: world.setupToken ?? '',
    });
    expect(page.status).toBe(400);
    expect(page.html).not.toContain('<script>alert(1)</script>');
    expect(page.html).toContain('&quot;&gt;&lt;script&gt;');
  });
});

describe('first-run setup token', () => {
  let world: ConnectionWorld;

  beforeEach(async () => {
    world = await startConnectionWorld();
  });
  afterEach(async () => {
    await world.stop();
  });

  it('is printed once at start and never logged', async () => {
    expect(world.announced).toHaveLength(1);
    expect(world.setupToken).not.toBeNull();
    expect(world.logText()).not.toContain(world.setupToken ?? 'missing');
  });

  it('works exactly once, even for two sign-ins started with it', async () => {
    const first = world.browser();
    const second = world.browser();
    const firstStart = await first.postConnect({ setupToken: world.setupToken });
    const secondStart = await second.postConnect({ setupToken: world.setupToken });
    const firstBack = await first.loginAtSalesforce(
      firstStart.location ?? '',
      integration.username,
      integration.password,
    );
    const secondBack = await second.loginAtSalesforce(
      secondStart.location ?? '',
      integration.username,
      integration.password,
    );

    expect((await first.request(firstBack.location ?? '')).status).toBe(303);
    const connected = await world.service.store.connections.getActive();
    const refused = await second.request(secondBack.location ?? '');
    expect(refused.status).toBe(409);
    expect(textOf(refused.html)).toContain('The setup token was used up while this sign-in was at Salesforce');
    expect((await world.service.store.connections.getActive())?.id).toBe(connected?.id);

    // Afterwards the field is gone and the token no longer opens the flow.
    const anonymous = world.browser();
    const page = await anonymous.get('/web');
    expect(page.status).toBe(303);
    const again = await anonymous.post('/web/connect', {
      environment: 'production',
      mode: 'auto_config',
      setupToken: world.setupToken ?? '',
    });
    expect(again.status).toBe(401);
    expect(textOf(again.html)).toContain('needs a GRAX admin signed in');
  });

  it('uses GRAX_SETUP_TOKEN when it is set, without printing it', async () => {
    const configured = randomBytes(32).toString('base64');
    const custom = await startConnectionWorld({ env: { GRAX_SETUP_TOKEN: configured } });
    try {
      expect(custom.announced).toEqual([]);
      const browser = custom.browser();
      expect((await browser.postConnect({ setupToken: 'wrong-token-0123456789' })).status).toBe(400);
      expect((await browser.connect({ setupToken: configured }, integration)).status).toBe(303);
      expect(custom.logText()).not.toContain(configured);
    } finally {
      await custom.stop();
    }
  });
});

describe('setup token guesses', () => {
  let world: ConnectionWorld;

  beforeEach(async () => {
    // One proxy in front, so each guess can come from its own client address.
    world = await startConnectionWorld({ env: { TRUST_PROXY: '1' } });
  });
  afterEach(async () => {
    await world.stop();
  });

  /** Posts the connect form with a setup token, from the client address `ip`. */
  async function guess(browser: GraxBrowser, csrf: string, setupToken: string, ip: string): Promise<Fetched> {
    const fields = { _csrf: csrf, environment: 'production', myDomain: '', mode: 'auto_config', setupToken };
    return browser.request('/web/connect', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      body: new URLSearchParams(fields).toString(),
    });
  }

  it('stops one client after 10 wrong setup tokens in 15 minutes, even with the right one; other clients go on', async () => {
    const browser = world.browser();
    const csrf = await browser.csrf();
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect((await guess(browser, csrf, `wrong-token-${attempt}-0123456789`, '203.0.113.7')).status).toBe(400);
    }
    const limited = await guess(browser, csrf, world.setupToken ?? '', '203.0.113.7');
    expect(limited.status).toBe(429);
    expect(limited.location).toBeNull();
    expect(textOf(limited.html)).toContain('There were too many attempts from your network in a short time.');
    expect((await guess(browser, csrf, world.setupToken ?? '', '198.51.100.20')).status).toBe(303);
  });

  it('counts guesses at a token from npm run setup-token too, once GRAX was reset', async () => {
    await world.browser().connect({ setupToken: world.setupToken }, integration);
    const sso = world.browser();
    await sso.signIn({ kind: 'sso', id: '0055g00000001ACAAQ', orgId: DEMO_ORGS.acmeProduction.id, role: 'admin' });
    expect((await sso.post('/web/settings/salesforce/reset', { orgName: 'Acme Production' })).status).toBe(200);
    const issued = await issueSetupToken({ store: world.service.store, clock: world.clock });
    if (issued.kind !== 'issued') throw new Error('no token issued');

    const browser = world.browser();
    const csrf = await browser.csrf();
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect((await guess(browser, csrf, `wrong-token-${attempt}-0123456789`, '203.0.113.7')).status).toBe(400);
    }
    const limited = await guess(browser, csrf, issued.issued.token, '203.0.113.7');
    expect(limited.status).toBe(429);
    expect((await guess(browser, csrf, issued.issued.token, '198.51.100.20')).status).toBe(303);
  });

  it('stops every client after 100 wrong setup tokens in 15 minutes, however many addresses they come from', async () => {
    const browser = world.browser();
    const csrf = await browser.csrf();
    for (let attempt = 1; attempt <= 100; attempt++) {
      const ip = `10.0.${Math.floor(attempt / 200)}.${attempt % 200}`;
      expect((await guess(browser, csrf, `wrong-token-${attempt}-0123456789`, ip)).status).toBe(400);
    }
    const limited = await guess(browser, csrf, world.setupToken ?? '', '198.51.100.20');
    expect(limited.status).toBe(429);
    expect(textOf(limited.html)).toContain('There were too many attempts');
  });
});
