/**
 * Connect links: GRAX Setup asks for a one-time URL, the admin opens it, presses Continue to Salesforce and signs in
 * as the integration user. The link names its org and mode, works once, expires after 10 minutes, and the OAuth
 * callback refuses a sign-in to any other org.
 */
import { textOf, type GraxBrowser } from '@test-support/worlds/connectionWorld';
import { CONNECT_LINK_TTL_MS } from '@service/orgApi/connectLinks';
import {
  ACME,
  ACME_SANDBOX,
  errorOf,
  GLOBEX,
  INTEGRATION_USER,
  startOrgApiWorld,
  type OrgApiWorld,
} from '@test-support/worlds/orgApiWorld';
import { DEMO_USERS } from '@grax-connect/org-emulator';

describe('connect links', () => {
  let world: OrgApiWorld;
  let key: string;

  beforeAll(async () => {
    world = await startOrgApiWorld();
    key = await world.issueKey();
  });

  afterAll(async () => {
    await world.stop();
  });

  // Each link comes from a fresh key of the org: one key may ask for 10 links per 10 minutes (rateLimits.test.ts).
  async function requestLink(
    body: unknown = { environment: 'production', mode: 'auto_config' },
  ): Promise<{ url: string; expiresAt: string }> {
    const response = await world.api('/connect-link', {
      key: await world.issueKey(),
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { url: string; expiresAt: string };
  }

  function tokenOf(url: string): string {
    const token = new URL(url).searchParams.get('link');
    if (!token) throw new Error(`no link token in ${url}`);
    return token;
  }

  /** Opens the link and presses Continue to Salesforce; returns the answer (a 303 to Salesforce when it works). */
  async function continueWith(browser: GraxBrowser, url: string) {
    const page = await browser.get(url);
    expect(page.status).toBe(200);
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page.html)?.[1] ?? null;
    return browser.post('/web/connect-link', { link: tokenOf(url) }, { csrf });
  }

  it('gives GRAX Setup a one-time URL on the public address, valid for 10 minutes', async () => {
    const link = await requestLink();
    expect(link.url.startsWith(`${world.service.config.publicUrl}/web/connect-link?link=cl_`)).toBe(true);
    expect(new Date(link.expiresAt).getTime() - world.clock.now().getTime()).toBe(CONNECT_LINK_TTL_MS);
    const audit = await world.service.store.audit.list({ action: 'connectLink.created', limit: 5 });
    expect(audit[0]?.details).toMatchObject({ environment: 'production', mode: 'auto_config' });
    expect(JSON.stringify(audit)).not.toContain(tokenOf(link.url));
  });

  it('refuses a body that is not an environment and a mode, naming the fields', async () => {
    for (const body of [
      {},
      { environment: 'staging', mode: 'auto_config' },
      { environment: 'production', mode: 'auto' },
      { environment: 'production', mode: 'manual', myDomain: 'evil' },
    ]) {
      const response = await world.api('/connect-link', { key, method: 'POST', body: JSON.stringify(body) });
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('INVALID_REQUEST');
      expect(error.fields?.length).toBeGreaterThan(0);
    }
    const notJson = await world.api('/connect-link', { key, method: 'POST', body: '{"environment":' });
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).code).toBe('MALFORMED_BODY');
  });

  it('shows the org and the mode behind the link without using it up', async () => {
    const link = await requestLink({ environment: 'sandbox', mode: 'manual' });
    const browser = world.browser();
    for (let i = 0; i < 2; i++) {
      const page = await browser.get(link.url);
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toContain('Connect GRAX to Salesforce');
      expect(text).toContain(ACME.id);
      expect(text).toContain('Sandbox');
      expect(text).toContain('Skip Auto Config');
      expect(text).toContain('Continue to Salesforce');
    }
  });

  it('needs the CSRF token of the browser that opened the page', async () => {
    const link = await requestLink();
    const browser = world.browser();
    await browser.get(link.url);
    const refused = await browser.post('/web/connect-link', { link: tokenOf(link.url) }, { csrf: null });
    expect(refused.status).toBe(403);
    const other = world.browser();
    await other.get('/web');
    const foreign = /<meta name="csrf-token" content="([^"]+)"/.exec((await browser.get(link.url)).html)?.[1] ?? null;
    expect((await other.post('/web/connect-link', { link: tokenOf(link.url) }, { csrf: foreign })).status).toBe(403);
  });

  it('explains unknown, forged and cut-short links', async () => {
    const browser = world.browser();
    const link = await requestLink();
    const token = tokenOf(link.url);
    for (const target of [
      '/web/connect-link',
      '/web/connect-link?link=cl_nothing',
      `/web/connect-link?link=${encodeURIComponent(token.slice(0, -4))}`,
      `/web/connect-link?link=${encodeURIComponent(token.replace('cl_e', 'cl_f'))}`,
    ]) {
      const page = await browser.get(target);
      expect(page.status).toBe(404);
      expect(textOf(page.html)).toContain('Connect link not recognised');
      expect(textOf(page.html)).toContain('GRAX Setup');
    }
  });

  it('refuses a sign-in to another org (Globex) and says which org the link was for', async () => {
    const browser = world.browser();
    const started = await continueWith(browser, (await requestLink()).url);
    expect(started.status).toBe(303);
    expect(started.location?.startsWith(`${world.emulator.productionLoginUrl}/services/oauth2/authorize`)).toBe(true);
    const globex = DEMO_USERS.globex.admin;
    const answer = await browser.loginAtSalesforce(started.location ?? '', globex.username, globex.password);
    expect(answer.status).toBe(302);
    const callback = await browser.request(answer.location ?? '');
    expect(callback.status).toBe(403);
    const text = textOf(callback.html);
    expect(text).toContain(ACME.id);
    expect(text).toContain(GLOBEX.id);
    expect(await world.service.store.connections.getActive()).toBeNull();
  });

  it('refuses a sign-in to the Acme sandbox for a link made by Acme Production', async () => {
    const browser = world.browser();
    const started = await continueWith(
      browser,
      (await requestLink({ environment: 'sandbox', mode: 'auto_config' })).url,
    );
    expect(started.location?.startsWith(`${world.emulator.sandboxLoginUrl}/services/oauth2/authorize`)).toBe(true);
    const sandboxUser = DEMO_USERS.acmeSandbox.integration;
    const answer = await browser.loginAtSalesforce(started.location ?? '', sandboxUser.username, sandboxUser.password);
    const callback = await browser.request(answer.location ?? '');
    expect(callback.status).toBe(403);
    expect(textOf(callback.html)).toContain(ACME_SANDBOX.id);
    expect(await world.service.store.connections.getActive()).toBeNull();
  });

  it('connects the right org through the link, and the link works only once', async () => {
    const link = await requestLink();
    const browser = world.browser();
    const started = await continueWith(browser, link.url);
    const answer = await browser.loginAtSalesforce(
      started.location ?? '',
      INTEGRATION_USER.username,
      INTEGRATION_USER.password,
    );
    const callback = await browser.request(answer.location ?? '');
    expect(callback.status).toBe(303);
    const active = await world.service.store.connections.getActive();
    expect(active).toMatchObject({ orgId: ACME.id, state: 'connected', mode: 'auto_config' });

    const status = (await (await world.api('/status', { key })).json()) as {
      connection: { state: string; username: string };
      jobs: { kind: string }[];
    };
    expect(status.connection).toMatchObject({ state: 'connected', username: INTEGRATION_USER.username });
    expect(status.jobs.map((j) => j.kind)).toContain('autoconfig');

    const again = await browser.post(
      '/web/connect-link',
      { link: tokenOf(link.url) },
      {
        csrf: /<meta name="csrf-token" content="([^"]+)"/.exec((await browser.get(link.url)).html)?.[1] ?? null,
      },
    );
    expect(again.status).toBe(410);
    expect(textOf(again.html)).toContain('already used');
  });

  it('refuses a new link while GRAX is connected to this org', async () => {
    const response = await world.api('/connect-link', {
      key,
      method: 'POST',
      body: JSON.stringify({ environment: 'production', mode: 'auto_config' }),
    });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe('ALREADY_CONNECTED');
  });

  it('refuses a link after 10 minutes', async () => {
    const active = await world.service.store.connections.getActive();
    if (!active) throw new Error('not connected');
    await world.service.store.connections.update(active.id, { state: 'reauthorization_required' });
    const link = await requestLink();
    const browser = world.browser();
    const page = await browser.get(link.url);
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page.html)?.[1] ?? null;
    world.clock.advance(CONNECT_LINK_TTL_MS);
    const expired = await browser.get(link.url);
    expect(expired.status).toBe(410);
    expect(textOf(expired.html)).toContain('expired');
    const pressed = await browser.post('/web/connect-link', { link: tokenOf(link.url) }, { csrf });
    expect(pressed.status).toBe(410);
  });

  it('keeps connect link tokens out of the log', () => {
    const log = world.logText();
    expect(log).toContain('"path":"/web/connect-link"');
    expect(log).not.toMatch(/cl_[A-Za-z0-9_-]{20,}/);
  });
});
