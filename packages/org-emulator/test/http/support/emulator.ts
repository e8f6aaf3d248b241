/**
 * Test fixture: an emulator with a test External Client App, and the PKCE web-server flow driven through jsforce 3
 * and the login form over HTTP, as a real browser and client would.
 */
import { Connection, OAuth2 } from 'jsforce';
import { DEMO_ORGS, DEMO_USERS } from '../../../src/org/demoCatalog';
import { startEmulator, type ClientApp, type EmulatorOptions, type RunningEmulator } from '../../../src/index';
import { logIn, open, redirectParams, submit, type Page } from './browser';

export { DEMO_ORGS, DEMO_USERS };

/** The API version tests use (the product requires 62.0 or newer). */
export const API_VERSION = '62.0';

/** The client app registered for tests: installed in both Acme orgs, secret required, no rotation. */
export const TEST_APP: ClientApp = {
  clientId: 'emulator-test-client',
  clientSecret: 'emulator-test-secret',
  name: 'Emulator Test App',
  callbackUrls: ['http://127.0.0.1:9/oauth/callback'],
  requireSecret: true,
  refreshTokenRotation: false,
  consentRequired: false,
  installedOrgIds: [DEMO_ORGS.acmeProduction.id, DEMO_ORGS.acmeSandbox.id],
};

/** Starts an emulator with the test app (plus any given apps). */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ ...options, clientApps: [TEST_APP, ...(options.clientApps ?? [])] });
}

/** A jsforce OAuth2 client for an app against a login URL, with PKCE on. */
export function oauthClient(loginUrl: string, app: ClientApp = TEST_APP): OAuth2 {
  return new OAuth2({
    loginUrl,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: app.callbackUrls[0],
    useVerifier: true,
  });
}

/** Opens the authorize URL and logs in; returns the page after the login form (a redirect on success). */
export async function authorizeAndLogIn(
  oauth2: OAuth2,
  username: string,
  password: string,
  params: Record<string, string> = {},
): Promise<Page> {
  const loginPage = await open(oauth2.getAuthorizationUrl({ scope: 'api refresh_token id', state: 'st-1', ...params }));
  return logIn(loginPage, username, password);
}

/** Runs the whole web-server flow and returns an authorized jsforce Connection plus its OAuth2 client. */
export async function connect(
  loginUrl: string,
  username: string,
  password: string,
  app: ClientApp = TEST_APP,
  params: Record<string, string> = {},
): Promise<{ conn: Connection; oauth2: OAuth2 }> {
  const oauth2 = oauthClient(loginUrl, app);
  let page = await authorizeAndLogIn(oauth2, username, password, params);
  if (page.status === 200 && /id="oaapprove"/.test(page.html)) page = await submit(page, {}, 'oaapprove');
  const code = redirectParams(page).get('code');
  if (!code) throw new Error(`No code in ${page.location ?? page.html}`);
  const conn = new Connection({ oauth2, version: API_VERSION });
  await conn.authorize(code);
  return { conn, oauth2 };
}

/** The demo integration user of Acme Production. */
export const ACME_INTEGRATION = DEMO_USERS.acmeProduction.integration;
