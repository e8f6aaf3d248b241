/**
 * No secret in any log line: everything the service logs (debug level) during a full connect, a token refresh, an
 * Update, a refused sign-in and a Reset is searched for every real secret value of that run, taken from the emulator's
 * redirects, the store and the configuration: access and refresh tokens, authorization codes, OAuth states, PKCE
 * verifiers, passwords, the setup token, session cookies, link keys, the client secret and the encryption key.
 */
import { DEMO_CLIENT_APP, DEMO_USERS } from '@grax-connect/org-emulator';
import type { OAuthStateInput } from '@service/store/types';
import type { ConnectionWorld, GraxBrowser } from '@test-support/worlds/connectionWorld';
import { jobsSettled, startConnectionWorld } from '@test-support/worlds/connectionWorld';

const acme = DEMO_USERS.acmeProduction;

describe('logs', () => {
  let world: ConnectionWorld;

  beforeAll(async () => {
    world = await startConnectionWorld();
  });
  afterAll(async () => {
    await world.stop();
  });

  it('contain no token, code, verifier, state, password or key', async () => {
    const secrets = new Set<string>();
    const remember = (value: string | null | undefined) => {
      if (value) secrets.add(value);
    };
    const states = world.service.store.oauthStates;
    const create = states.create.bind(states);
    states.create = async (input: OAuthStateInput) => {
      remember(input.codeVerifier);
      remember(input.state);
      return create(input);
    };
    const rememberConnection = async () => {
      const connection = await world.service.store.connections.getActive();
      remember(connection?.accessToken);
      remember(connection?.refreshToken);
    };

    /** One sign-in round trip, remembering the code and state Salesforce sends back. */
    const signIn = async (browser: GraxBrowser, form: object, user: { username: string; password: string }) => {
      remember(user.password);
      const started = await browser.postConnect({ setupToken: world.setupToken, ...form });
      const back = await browser.loginAtSalesforce(started.location ?? '', user.username, user.password);
      const url = new URL(back.location ?? '');
      remember(url.searchParams.get('code'));
      remember(url.searchParams.get('state'));
      return browser.request(url.toString());
    };

    remember(world.setupToken);
    remember(DEMO_CLIENT_APP.clientSecret);
    for (const key of world.service.config.secretKeys.keys) remember(key.key.toString('base64'));

    const browser = world.browser();
    expect((await signIn(browser, {}, acme.integration)).status).toBe(303);
    await rememberConnection();
    await jobsSettled(world);
    await browser.signIn();
    for (const value of browser.cookies.values()) remember(value);

    world.emulator.control.expireTokens({ username: acme.integration.username });
    const connection = await world.service.store.connections.getActive();
    if (!connection) throw new Error('not connected');
    await world.features.flows.connections.client(connection).query('SELECT Id FROM Organization');
    await rememberConnection();

    expect((await signIn(browser, {}, acme.apiDisabled)).status).toBe(403);
    expect((await signIn(browser, {}, acme.integration)).status).toBe(303);
    await rememberConnection();
    await jobsSettled(world);

    const actor = { kind: 'local' as const, id: 'usr_test_admin', name: 'Test Admin' };
    remember('linkkeysecret-0123456789abcdef0123456789');
    await world.service.store.linkKeys.create({
      keyId: 'lk1',
      orgId: connection.orgId,
      secret: 'linkkeysecret-0123456789abcdef0123456789',
      createdBy: actor,
    });
    const reset = await browser.post('/web/settings/salesforce/reset', { orgName: 'Acme Production' });
    expect(reset.status).toBe(200);
    for (const value of browser.cookies.values()) remember(value);

    // Give pino's asynchronous writes a moment.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const log = world.logText();
    expect(log.length).toBeGreaterThan(1000);
    expect(log).toContain('Salesforce session refreshed');
    expect(log).toContain('GRAX was reset');
    expect(secrets.size).toBeGreaterThanOrEqual(15);
    const leaked = [...secrets].filter((secret) => log.includes(secret));
    expect(leaked).toEqual([]);
  });
});
