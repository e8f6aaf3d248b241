/** The first connection: connect page, setup token, both buttons, Production, Sandbox and My Domain. */
import { webPaths } from '@service/web/paths';
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import type { ConnectionWorld } from '@test-support/worlds/connectionWorld';
import { startConnectionWorld, textOf } from '@test-support/worlds/connectionWorld';

const integration = DEMO_USERS.acmeProduction.integration;

describe('first connection', () => {
  let world: ConnectionWorld;

  beforeEach(async () => {
    world = await startConnectionWorld();
  });
  afterEach(async () => {
    await world.stop();
  });

  it('shows the connect page with both buttons, the environment note and the setup token field', async () => {
    const page = await world.browser().get('/web');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Connect to Salesforce');
    expect(text).toContain('Some Developer/Einstein orgs are considered production orgs by Salesforce');
    expect(page.html).toMatch(/<option[^>]*value="production"[^>]*>\s*Production/);
    expect(page.html).toMatch(/<option[^>]*value="sandbox"[^>]*>\s*Sandbox/);
    expect(page.html).toContain('name="myDomain"');
    expect(page.html).toContain('name="setupToken"');
    expect(page.html).toMatch(/<button[^>]*name="mode"[^>]*value="auto_config"[^>]*>Connect with Auto Config/);
    expect(page.html).toMatch(/<button[^>]*name="mode"[^>]*value="manual"[^>]*>Skip Auto Config/);
  });

  it('connects production with Auto Config, lands on /login and queues Auto Config', async () => {
    expect(world.setupToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const browser = world.browser();
    const started = await browser.postConnect({ setupToken: world.setupToken, mode: 'auto_config' });
    expect(started.status).toBe(303);
    const authorize = new URL(started.location ?? '');
    expect(authorize.origin).toBe(world.emulator.productionLoginUrl);
    expect(authorize.pathname).toBe('/services/oauth2/authorize');
    expect(authorize.searchParams.get('prompt')).toBe('login');
    expect(authorize.searchParams.get('scope')).toBe('api refresh_token id');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')?.length).toBeGreaterThanOrEqual(43);

    const back = await browser.loginAtSalesforce(authorize.toString(), integration.username, integration.password);
    const landed = await browser.request(back.location ?? '');
    expect(landed.status).toBe(303);
    expect(landed.location).toBe(`${webPaths.login}?connected=1`);

    const connection = await world.service.store.connections.getActive();
    expect(connection).toMatchObject({
      state: 'connected',
      orgId: DEMO_ORGS.acmeProduction.id,
      orgName: 'Acme Production',
      username: integration.username,
      environment: 'production',
      orgType: 'production',
      mode: 'auto_config',
    });
    const jobs = await world.service.store.jobs.list({ orgId: DEMO_ORGS.acmeProduction.id });
    expect(jobs.map((j) => j.kind)).toEqual(['autoconfig']);
    const audit = await world.service.store.audit.list({ action: 'connection.connected' });
    expect(audit[0]?.actor).toMatchObject({ kind: 'setup' });
  });

  it('reads who signed in from the identity URL with a Bearer header, never with a token in the URL', async () => {
    const realFetch = globalThis.fetch;
    const identityCalls: { url: string; authorization: string | null }[] = [];
    const spy = jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (new URL(url).pathname.startsWith(`/id/${DEMO_ORGS.acmeProduction.id}/`)) {
        identityCalls.push({ url, authorization: new Headers(init?.headers).get('authorization') });
      }
      return realFetch(input, init);
    });
    try {
      expect((await world.browser().connect({ setupToken: world.setupToken }, integration)).status).toBe(303);
    } finally {
      spy.mockRestore();
    }
    const connection = await world.service.store.connections.getActive();
    expect(identityCalls.length).toBeGreaterThan(0);
    for (const call of identityCalls) {
      expect(call.authorization).toMatch(/^Bearer \S+$/);
      expect(new URL(call.url).search).toBe('?format=json');
    }
    expect(identityCalls[0]?.url.startsWith(connection?.identityUrl ?? 'missing')).toBe(true);
  });

  it('queues Verify instead of Auto Config for Skip Auto Config', async () => {
    const browser = world.browser();
    await browser.connect({ setupToken: world.setupToken, mode: 'manual' }, integration);
    const connection = await world.service.store.connections.getActive();
    expect(connection?.mode).toBe('manual');
    const jobs = await world.service.store.jobs.list({ orgId: DEMO_ORGS.acmeProduction.id });
    expect(jobs.map((j) => j.kind)).toEqual(['verify']);
  });

  it('connects a sandbox through the sandbox login host', async () => {
    const browser = world.browser();
    const started = await browser.postConnect({ environment: 'sandbox', setupToken: world.setupToken });
    expect(new URL(started.location ?? '').origin).toBe(world.emulator.sandboxLoginUrl);
    const user = DEMO_USERS.acmeSandbox.integration;
    const back = await browser.loginAtSalesforce(started.location ?? '', user.username, user.password);
    expect((await browser.request(back.location ?? '')).status).toBe(303);
    expect(await world.service.store.connections.getActive()).toMatchObject({
      orgId: DEMO_ORGS.acmeSandbox.id,
      environment: 'sandbox',
      orgType: 'sandbox',
    });
  });

  it("signs in through the org's My Domain when one is given", async () => {
    const myDomain = world.myDomainOf('acmeProduction');
    const browser = world.browser();
    const started = await browser.postConnect({ myDomain, setupToken: world.setupToken });
    expect(new URL(started.location ?? '').origin).toBe(myDomain);
    const back = await browser.loginAtSalesforce(started.location ?? '', integration.username, integration.password);
    await browser.request(back.location ?? '');
    expect(await world.service.store.connections.getActive()).toMatchObject({
      orgId: DEMO_ORGS.acmeProduction.id,
      loginUrl: myDomain,
    });
  });
});
