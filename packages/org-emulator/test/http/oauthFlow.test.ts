/**
 * The OAuth 2.0 web server flow with PKCE, driven by unmodified jsforce 3 and the login form over real HTTP: login,
 * consent, code exchange, refresh (with and without rotation), revoke, identity and userinfo, and Salesforce's answer
 * to every way the flow can go wrong.
 */
import { createHmac } from 'node:crypto';
import { OAuth2 } from 'jsforce';
import type { RunningEmulator, ClientApp } from '../../src/index';
import { logIn, open, redirectParams, submit } from './support/browser';
import {
  ACME_INTEGRATION,
  API_VERSION,
  DEMO_ORGS,
  DEMO_USERS,
  TEST_APP,
  authorizeAndLogIn,
  connect,
  oauthClient,
  startTestEmulator,
} from './support/emulator';

const ROTATING_APP: ClientApp = { ...TEST_APP, clientId: 'rotating-client', refreshTokenRotation: true };
const CONSENT_APP: ClientApp = { ...TEST_APP, clientId: 'consent-client', name: 'Consent App', consentRequired: true };
const CALLBACK = TEST_APP.callbackUrls[0] as string;

let emulator: RunningEmulator;
let loginUrl: string;

beforeAll(async () => {
  emulator = await startTestEmulator({ clientApps: [ROTATING_APP, CONSENT_APP] });
  loginUrl = emulator.productionLoginUrl;
});
afterAll(() => emulator.close());

async function postToken(fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${loginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Logs in through the form and returns the code and the client that holds the PKCE verifier. */
async function codeFor(username: string, password: string, app: ClientApp = TEST_APP) {
  const oauth2 = oauthClient(loginUrl, app);
  const page = await authorizeAndLogIn(oauth2, username, password);
  const code = redirectParams(page).get('code');
  if (!code) throw new Error(`no code: ${page.location ?? page.html}`);
  return { oauth2, code };
}

describe('the web server flow with PKCE', () => {
  it('logs in through the login form and returns to the callback with a code and the state', async () => {
    const oauth2 = oauthClient(loginUrl);
    const loginPage = await open(oauth2.getAuthorizationUrl({ scope: 'api refresh_token id', state: 'xyz' }));
    expect(loginPage.status).toBe(200);
    expect(loginPage.html).toMatch(/<input[^>]*id="username"/);
    expect(loginPage.html).toMatch(/<input[^>]*id="password"/);
    expect(loginPage.html).toMatch(/id="Login"/);
    const after = await logIn(loginPage, ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    expect(after.status).toBe(302);
    expect(after.location?.startsWith(`${CALLBACK}?`)).toBe(true);
    expect(redirectParams(after).get('state')).toBe('xyz');
    expect(redirectParams(after).get('code')).toMatch(/^aPrx/);
  });

  it("exchanges the code for tokens shaped like Salesforce's, and jsforce uses them", async () => {
    const { oauth2, code } = await codeFor(ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    const tokens = (await oauth2.requestToken(code)) as unknown as Record<string, string>;
    const org = emulator.orgs.find((o) => o.id === DEMO_ORGS.acmeProduction.id);
    expect(tokens.instance_url).toBe(org?.instanceUrl);
    expect(tokens.access_token).toMatch(/^00D5g0000004CSw!/);
    expect(tokens.refresh_token).toMatch(/^5Aep861/);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.scope).toBe('api refresh_token id');
    expect(typeof tokens.issued_at).toBe('string');
    expect(tokens.id).toMatch(new RegExp(`^${loginUrl}/id/${DEMO_ORGS.acmeProduction.id}/005`));
    const expected = createHmac('sha256', TEST_APP.clientSecret)
      .update(`${tokens.id}${tokens.issued_at}`)
      .digest('base64');
    expect(tokens.signature).toBe(expected);
  });

  it('hands out a refresh token only for the refresh_token or offline_access scope', async () => {
    const user = ACME_INTEGRATION;
    const withoutRefresh = await connect(loginUrl, user.username, user.password, TEST_APP, { scope: 'api id' });
    expect(withoutRefresh.conn.accessToken).toBeTruthy();
    expect(withoutRefresh.conn.refreshToken).toBeUndefined();
    const offline = await connect(loginUrl, user.username, user.password, TEST_APP, { scope: 'api offline_access' });
    expect(offline.conn.refreshToken).toMatch(/^5Aep861/);
  });

  it('records each login attempt in LoginHistory', async () => {
    await authorizeAndLogIn(oauthClient(loginUrl), ACME_INTEGRATION.username, 'wrong password');
    await codeFor(ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    const { conn: admin } = await connect(
      loginUrl,
      DEMO_USERS.acmeProduction.ssoAdmin.username,
      DEMO_USERS.acmeProduction.ssoAdmin.password,
    );
    const identity = await admin.query<{ Id: string }>(
      `SELECT Id FROM User WHERE Username = '${ACME_INTEGRATION.username}'`,
    );
    const userId = identity.records[0]?.Id;
    const history = await admin.query<{ Status: string; LoginType: string }>(
      `SELECT Status, LoginType FROM LoginHistory WHERE UserId = '${userId}' AND Application = '${TEST_APP.name}'`,
    );
    const statuses = history.records.map((r) => r.Status);
    expect(statuses).toContain('Invalid Password');
    expect(statuses).toContain('Success');
    expect(history.records.every((r) => r.LoginType === 'Remote Access 2.0')).toBe(true);
  });

  it("shows the login page again with Salesforce's message after a wrong password", async () => {
    const page = await authorizeAndLogIn(oauthClient(loginUrl), ACME_INTEGRATION.username, 'not-the-password');
    expect(page.status).toBe(200);
    expect(page.html).toContain(
      'Please check your username and password. If you still can&#39;t log in, contact your Salesforce administrator.',
    );
    expect(page.html).toMatch(
      /id="username"[^>]*value="grax.integration@acme.example"|value="grax.integration@acme.example"[^>]*id="username"/,
    );
  });

  it('refuses an inactive user with the same message', async () => {
    const inactive = DEMO_USERS.acmeProduction.inactive;
    const page = await authorizeAndLogIn(oauthClient(loginUrl), inactive.username, inactive.password);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Please check your username and password.');
  });

  it('refuses an API-only user (Salesforce Integration license) at interactive login', async () => {
    const apiOnly = DEMO_USERS.acmeProduction.apiOnly;
    const page = await authorizeAndLogIn(oauthClient(loginUrl), apiOnly.username, apiOnly.password);
    expect(page.status).toBe(200);
    expect(page.location).toBeNull();
    expect(page.html).toContain('Access Restricted for API Only Users');
    expect(page.html).toContain(
      'You successfully updated your settings, and can no longer access the UI. Close this window to continue.',
    );
  });

  it('blocks an app that is not installed for a user without "Approve Uninstalled Connected Apps"', async () => {
    const ops = DEMO_USERS.globex.adminWithoutAppApproval;
    const page = await authorizeAndLogIn(oauthClient(loginUrl), ops.username, ops.password);
    expect(page.status).toBe(302);
    const params = redirectParams(page);
    expect(page.location?.startsWith(CALLBACK)).toBe(true);
    expect(params.get('error')).toBe('OAUTH_APP_BLOCKED');
    expect(params.get('error_description')).toBe('this app is blocked by admin');
    expect(params.get('state')).toBe('st-1');
  });

  it('lets a user with "Approve Uninstalled Connected Apps" use the uninstalled app', async () => {
    const admin = DEMO_USERS.globex.admin;
    const page = await authorizeAndLogIn(oauthClient(loginUrl), admin.username, admin.password);
    expect(redirectParams(page).get('code')).toBeTruthy();
  });

  it('accepts only production users on the production login host and sandbox users on the sandbox host', async () => {
    const sandboxUser = DEMO_USERS.acmeSandbox.integration;
    const wrongHost = await authorizeAndLogIn(oauthClient(loginUrl), sandboxUser.username, sandboxUser.password);
    expect(wrongHost.status).toBe(200);
    expect(wrongHost.html).toContain('Please check your username and password.');
    const { conn } = await connect(emulator.sandboxLoginUrl, sandboxUser.username, sandboxUser.password);
    const sandbox = emulator.orgs.find((o) => o.id === DEMO_ORGS.acmeSandbox.id);
    expect(conn.instanceUrl).toBe(sandbox?.instanceUrl);
  });

  it('accepts on a My Domain host only the users of its own org', async () => {
    const acme = emulator.orgs.find((o) => o.id === DEMO_ORGS.acmeProduction.id)?.instanceUrl as string;
    const globexAdmin = DEMO_USERS.globex.admin;
    const refused = await authorizeAndLogIn(oauthClient(acme), globexAdmin.username, globexAdmin.password);
    expect(refused.html).toContain('Please check your username and password.');
    const accepted = await authorizeAndLogIn(oauthClient(acme), ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    expect(redirectParams(accepted).get('code')).toBeTruthy();
  });
});

describe('consent', () => {
  it('asks for approval the first time and remembers it', async () => {
    const oauth2 = oauthClient(loginUrl, CONSENT_APP);
    const viewer = DEMO_USERS.acmeProduction.viewer;
    const consent = await authorizeAndLogIn(oauth2, viewer.username, viewer.password);
    expect(consent.status).toBe(200);
    expect(consent.html).toContain('Allow Access?');
    expect(consent.html).toContain('Consent App');
    const approved = await submit(consent, {}, 'oaapprove');
    expect(redirectParams(approved).get('code')).toBeTruthy();
    const again = await authorizeAndLogIn(oauthClient(loginUrl, CONSENT_APP), viewer.username, viewer.password);
    expect(redirectParams(again).get('code')).toBeTruthy();
  });

  it('sends access_denied to the callback when the user denies', async () => {
    const standard = DEMO_USERS.acmeProduction.standard;
    const consent = await authorizeAndLogIn(oauthClient(loginUrl, CONSENT_APP), standard.username, standard.password);
    const denied = await submit(consent, {}, 'oadeny');
    const params = redirectParams(denied);
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('error_description')).toBe('end-user denied authorization');
    expect(params.get('state')).toBe('st-1');
  });

  it('asks again with prompt=consent', async () => {
    const page = await authorizeAndLogIn(oauthClient(loginUrl), ACME_INTEGRATION.username, ACME_INTEGRATION.password, {
      prompt: 'login consent',
    });
    expect(page.html).toContain('id="oaapprove"');
  });
});

describe('authorize errors', () => {
  it('refuses a request without a PKCE challenge when the app requires PKCE', async () => {
    emulator.control.registerClientApp({ ...TEST_APP, clientId: 'pkce-required', requirePkce: true });
    const withoutPkce = new OAuth2({ loginUrl, clientId: 'pkce-required', redirectUri: CALLBACK });
    const page = await open(withoutPkce.getAuthorizationUrl({ state: 'p' }));
    expect(page.location?.startsWith(CALLBACK)).toBe(true);
    expect(Object.fromEntries(redirectParams(page))).toEqual({
      error: 'invalid_request',
      error_description: 'missing required code challenge',
      state: 'p',
    });
    const withPkce = await open(
      oauthClient(loginUrl, { ...TEST_APP, clientId: 'pkce-required' }).getAuthorizationUrl(),
    );
    expect(withPkce.html).toContain('id="username"');
  });

  it('shows an error page, not a redirect to the client, for an unknown client id', async () => {
    const url = oauthClient(loginUrl, { ...TEST_APP, clientId: 'nobody' }).getAuthorizationUrl({ state: 's' });
    const page = await open(url);
    expect(page.status).toBe(302);
    expect(page.location?.startsWith(`${loginUrl}/setup/secur/RemoteAccessErrorPage.apexp?`)).toBe(true);
    expect(redirectParams(page).get('error')).toBe('invalid_client_id');
    const errorPage = await open(page.location as string);
    expect(errorPage.status).toBe(200);
    expect(errorPage.html).toContain('error_description=client identifier invalid');
  });

  it("shows an error page for a redirect_uri that is not the app's callback", async () => {
    const url = oauthClient(loginUrl, { ...TEST_APP, callbackUrls: ['https://evil.example/cb'] }).getAuthorizationUrl();
    const page = await open(url);
    expect(page.location?.startsWith(loginUrl)).toBe(true);
    expect(redirectParams(page).get('error')).toBe('redirect_uri_mismatch');
    expect(redirectParams(page).get('error_description')).toBe('redirect_uri must match configuration');
  });
});

describe('token endpoint errors', () => {
  it('refuses a wrong or missing PKCE verifier with invalid_grant "invalid code verifier"', async () => {
    const wrong = await codeFor(ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    const other = oauthClient(loginUrl);
    await expect(other.requestToken(wrong.code)).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'invalid code verifier',
    });
    const missing = await codeFor(ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    const res = await postToken({
      grant_type: 'authorization_code',
      code: missing.code,
      client_id: TEST_APP.clientId,
      client_secret: TEST_APP.clientSecret,
      redirect_uri: CALLBACK,
    });
    expect(res).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'invalid code verifier' } });
  });

  it('refuses a reused authorization code', async () => {
    const { oauth2, code } = await codeFor(ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    await oauth2.requestToken(code);
    await expect(oauth2.requestToken(code)).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'expired authorization code',
    });
  });

  it('refuses a code older than 15 minutes', async () => {
    const { oauth2, code } = await codeFor(ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    emulator.control.advanceClock(15 * 60 * 1000 + 1);
    await expect(oauth2.requestToken(code)).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'expired authorization code',
    });
  });

  it('refuses a redirect_uri that differs from the one the code was issued for', async () => {
    const { oauth2, code } = await codeFor(ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    const res = await postToken({
      grant_type: 'authorization_code',
      code,
      client_id: TEST_APP.clientId,
      client_secret: TEST_APP.clientSecret,
      redirect_uri: 'http://127.0.0.1:9/other',
      code_verifier: oauth2.codeVerifier as string,
    });
    expect(res).toEqual({
      status: 400,
      body: { error: 'redirect_uri_mismatch', error_description: 'redirect_uri must match configuration' },
    });
  });

  it('refuses a wrong or missing client secret when the app requires one', async () => {
    const { oauth2, code } = await codeFor(ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    const wrongSecret = new OAuth2({
      loginUrl,
      clientId: TEST_APP.clientId,
      clientSecret: 'nope',
      redirectUri: CALLBACK,
    });
    wrongSecret.codeVerifier = oauth2.codeVerifier;
    await expect(wrongSecret.requestToken(code)).rejects.toMatchObject({
      name: 'invalid_client',
      message: 'invalid client credentials',
    });
    const res = await postToken({ grant_type: 'refresh_token', refresh_token: 'x', client_id: TEST_APP.clientId });
    expect(res.body).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
  });

  it('refuses an unknown client id', async () => {
    const res = await postToken({
      grant_type: 'authorization_code',
      code: 'x',
      client_id: 'nobody',
      redirect_uri: CALLBACK,
    });
    expect(res).toEqual({
      status: 400,
      body: { error: 'invalid_client_id', error_description: 'client identifier invalid' },
    });
  });

  it('refuses an unsupported grant type', async () => {
    const res = await postToken({ grant_type: 'client_credentials', client_id: TEST_APP.clientId });
    expect(res).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' },
    });
  });

  it('refuses the username-password flow as an org with it blocked does, and checks credentials when allowed', async () => {
    const fields = {
      grant_type: 'password',
      client_id: TEST_APP.clientId,
      client_secret: TEST_APP.clientSecret,
      username: ACME_INTEGRATION.username,
      password: ACME_INTEGRATION.password,
    };
    expect((await postToken(fields)).body).toEqual({
      error: 'invalid_grant',
      error_description: 'authentication failure',
    });
    const allowing = await startTestEmulator({ usernamePasswordFlow: true });
    try {
      const post = (body: Record<string, string>) =>
        fetch(`${allowing.productionLoginUrl}/services/oauth2/token`, {
          method: 'POST',
          body: new URLSearchParams(body),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
      expect((await post(fields)).body['access_token']).toBeDefined();
      expect((await post({ ...fields, password: 'wrong' })).body).toEqual({
        error: 'invalid_grant',
        error_description: 'authentication failure',
      });
      const inactive = DEMO_USERS.acmeProduction.inactive;
      expect((await post({ ...fields, username: inactive.username, password: inactive.password })).body).toEqual({
        error: 'invalid_grant',
        error_description: 'inactive user',
      });
    } finally {
      await allowing.close();
    }
  });
});

describe('refresh, revoke and session expiry', () => {
  it('refreshes without rotation: same refresh token keeps working, response has id and instance_url', async () => {
    const { conn, oauth2 } = await connect(loginUrl, ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    const refreshToken = conn.refreshToken as string;
    const first = (await oauth2.refreshToken(refreshToken)) as unknown as Record<string, string>;
    expect(first.refresh_token).toBeUndefined();
    expect(first.id).toContain('/id/');
    expect(first.instance_url).toBe(conn.instanceUrl);
    const second = (await oauth2.refreshToken(refreshToken)) as unknown as Record<string, string>;
    expect(second.access_token).not.toBe(first.access_token);
  });

  it('rotates refresh tokens when the app asks for it: the old one stops working', async () => {
    const { conn, oauth2 } = await connect(
      loginUrl,
      ACME_INTEGRATION.username,
      ACME_INTEGRATION.password,
      ROTATING_APP,
    );
    const old = conn.refreshToken as string;
    const rotated = (await oauth2.refreshToken(old)) as unknown as Record<string, string>;
    expect(rotated.refresh_token).toMatch(/^5Aep861/);
    expect(rotated.refresh_token).not.toBe(old);
    await expect(oauth2.refreshToken(old)).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'expired access/refresh token',
    });
    await expect(oauth2.refreshToken(rotated.refresh_token as string)).resolves.toBeDefined();
  });

  it('keeps at most five refresh tokens per user and app: the sixth approval revokes the oldest', async () => {
    const standard = DEMO_USERS.acmeProduction.restrictedIntegration;
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { conn } = await connect(loginUrl, standard.username, standard.password);
      tokens.push(conn.refreshToken as string);
    }
    const oauth2 = oauthClient(loginUrl);
    await expect(oauth2.refreshToken(tokens[0] as string)).rejects.toMatchObject({ name: 'invalid_grant' });
    for (const token of tokens.slice(1)) await expect(oauth2.refreshToken(token)).resolves.toBeDefined();
  });

  it('expires sessions after two hours without activity; jsforce refreshes and carries on', async () => {
    const { conn } = await connect(loginUrl, ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    const before = conn.accessToken;
    emulator.control.advanceClock(2 * 60 * 60 * 1000);
    const raw = await fetch(`${conn.instanceUrl}/services/data/v${API_VERSION}/limits`, {
      headers: { Authorization: `Bearer ${before}` },
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const result = await conn.query('SELECT Id FROM User LIMIT 1');
    expect(result.totalSize).toBe(1);
    expect(conn.accessToken).not.toBe(before);
  });

  it('revokes an access token, and a refresh token together with its sessions', async () => {
    const { conn, oauth2 } = await connect(loginUrl, ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    const status = async (accessToken: string): Promise<number> =>
      (
        await fetch(`${conn.instanceUrl}/services/data/v${API_VERSION}/`, {
          headers: { Authorization: `Bearer ${accessToken}` },
        })
      ).status;
    await oauth2.revokeToken(conn.accessToken as string);
    expect(await status(conn.accessToken as string)).toBe(401);
    const refreshed = await oauth2.refreshToken(conn.refreshToken as string);
    expect(await status(refreshed.access_token)).toBe(200);
    await oauth2.revokeToken(conn.refreshToken as string);
    expect(await status(refreshed.access_token)).toBe(401);
    await expect(oauth2.revokeToken(conn.refreshToken as string)).rejects.toMatchObject({ name: 'invalid_token' });
    await expect(oauth2.revokeToken('garbage')).rejects.toMatchObject({ name: 'unsupported_token_type' });
  });

  it('answers invalid_grant "inactive user" when a deactivated user\'s token is refreshed', async () => {
    const viewer = DEMO_USERS.acmeSandbox.viewer;
    const { conn, oauth2 } = await connect(emulator.sandboxLoginUrl, viewer.username, viewer.password);
    emulator.control.setUserActive({ username: viewer.username }, false);
    try {
      await expect(oauth2.refreshToken(conn.refreshToken as string)).rejects.toMatchObject({
        name: 'invalid_grant',
        message: 'inactive user',
      });
    } finally {
      emulator.control.setUserActive({ username: viewer.username }, true);
    }
  });
});

describe('identity URL and userinfo', () => {
  it('answers jsforce identity() and userinfo with the user and org', async () => {
    const { conn } = await connect(loginUrl, ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    const identity = await conn.identity();
    expect(identity.username).toBe(ACME_INTEGRATION.username);
    expect(identity.organization_id).toBe(DEMO_ORGS.acmeProduction.id);
    const raw = (await (
      await fetch(identity.id, { headers: { Authorization: `Bearer ${conn.accessToken}` } })
    ).json()) as Record<string, unknown>;
    expect(raw['active']).toBe(true);
    expect(raw['user_type']).toBe('STANDARD');
    expect(raw['is_app_installed']).toBe(true);
    expect((raw['urls'] as Record<string, string>)['rest']).toContain('/services/data/v{version}/');
    const versioned = (await (
      await fetch(`${identity.id}?version=${API_VERSION}&oauth_token=${conn.accessToken}`)
    ).json()) as { urls: Record<string, string> };
    expect(versioned.urls['rest']).toContain(`/services/data/v${API_VERSION}/`);
    const userinfo = (await (
      await fetch(`${conn.instanceUrl}/services/oauth2/userinfo`, {
        headers: { Authorization: `Bearer ${conn.accessToken}` },
      })
    ).json()) as Record<string, unknown>;
    expect(userinfo['preferred_username']).toBe(ACME_INTEGRATION.username);
    expect(userinfo['organization_id']).toBe(DEMO_ORGS.acmeProduction.id);
    expect(userinfo['is_salesforce_integration_user']).toBe(false);
  });

  it('fills the URLs with the newest version for version=latest', async () => {
    const token = emulator.control.issueToken({ username: ACME_INTEGRATION.username, scopes: ['api', 'id'] });
    const res = await fetch(`${token.id}?version=latest`, {
      headers: { Authorization: `Bearer ${token.access_token}` },
    });
    const body = (await res.json()) as { urls: Record<string, string> };
    expect(body.urls['rest']).toBe(`${token.instance_url}/services/data/v66.0/`);
    expect(body.urls['partner']).toMatch(/\/services\/Soap\/u\/66\.0\//);
  });

  it("answers another user's identity URL only to an internal API user whose token has the api or full scope", async () => {
    const viewer = emulator.control.issueToken({ username: DEMO_USERS.acmeProduction.viewer.username });
    const identityOf = async (token: { access_token: string }, url: string) => {
      const res = await fetch(url, { headers: { Authorization: `Bearer ${token.access_token}` } });
      return {
        status: res.status,
        body: res.status === 200 ? ((await res.json()) as Record<string, unknown>) : await res.text(),
      };
    };
    const withApi = emulator.control.issueToken({ username: ACME_INTEGRATION.username, scopes: ['api', 'id'] });
    const other = await identityOf(withApi, viewer.id);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({
      id: viewer.id,
      username: DEMO_USERS.acmeProduction.viewer.username,
      asserted_user: false,
      organization_id: DEMO_ORGS.acmeProduction.id,
    });
    expect(await identityOf(withApi, withApi.id)).toMatchObject({ status: 200, body: { asserted_user: true } });

    const idOnly = emulator.control.issueToken({ username: ACME_INTEGRATION.username, scopes: ['id'] });
    expect(await identityOf(idOnly, viewer.id)).toEqual({ status: 403, body: 'Bad_Id' });
    const noApi = emulator.control.issueToken({
      username: DEMO_USERS.acmeProduction.apiDisabled.username,
      scopes: ['api', 'id'],
    });
    expect(await identityOf(noApi, viewer.id)).toEqual({ status: 403, body: 'Bad_Id' });
    const otherOrg = emulator.control.issueToken({ username: DEMO_USERS.globex.admin.username, scopes: ['full'] });
    expect(await identityOf(withApi, otherOrg.id)).toEqual({ status: 403, body: 'Bad_Id' });
  });

  it('answers 403 Bad_OAuth_Token for a bad token', async () => {
    const res = await fetch(`${loginUrl}/services/oauth2/userinfo`, {
      headers: { Authorization: 'Bearer 00Dxx!nope' },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('Bad_OAuth_Token');
    const { conn } = await connect(loginUrl, ACME_INTEGRATION.username, ACME_INTEGRATION.password);
    const identityUrl = (await conn.identity()).id;
    const bad = await fetch(identityUrl, { headers: { Authorization: 'Bearer 00Dxx!nope' } });
    expect(bad.status).toBe(403);
  });
});
