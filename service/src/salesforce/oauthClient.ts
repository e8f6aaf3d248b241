/**
 * The OAuth 2.0 web-server flow against Salesforce, through jsforce's OAuth2 (authorization URL with PKCE, code
 * exchange, refresh, revoke). Each flow gets its own OAuth2 instance so that a PKCE verifier is never shared between
 * two browsers; the verifier is handed back to the caller to be stored encrypted with the OAuth state.
 */
import { OAuth2 } from 'jsforce';

/** The External Client App the service authenticates as. */
export interface ClientAppConfig {
  clientId: string;
  /** Required outside demo mode; PKCE is used as well. */
  clientSecret: string | null;
  /** `${PUBLIC_URL}/oauth/callback`, registered as the app's callback URL. */
  redirectUri: string;
}

/** A successful token response, as Salesforce sends it. */
export interface TokenResponse {
  accessToken: string;
  /** Absent on refresh unless the app rotates refresh tokens. */
  refreshToken: string | null;
  instanceUrl: string;
  /** Identity URL: `{login host}/id/{orgId}/{userId}`. */
  idUrl: string;
  orgId: string;
  userId: string;
  scope: string | null;
  issuedAt: Date;
}

/**
 * Why a token call failed. `salesforce`: Salesforce answered with an OAuth error (`error`, `description`);
 * `network`: Salesforce could not be reached or answered something that is not an OAuth response.
 */
export class OAuthError extends Error {
  constructor(
    readonly kind: 'salesforce' | 'network',
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }
}

const SCOPES = 'api refresh_token id';
const SSO_SCOPES = 'id';

function oauth2(loginUrl: string, app: ClientAppConfig, useVerifier: boolean): OAuth2 {
  return new OAuth2({
    loginUrl,
    clientId: app.clientId,
    clientSecret: app.clientSecret ?? undefined,
    redirectUri: app.redirectUri,
    useVerifier,
  });
}

/** The authorization URL to send the browser to, and the PKCE verifier to keep (encrypted) until the callback. */
export function buildAuthorizationUrl(
  loginUrl: string,
  app: ClientAppConfig,
  params: { state: string; purpose: 'connection' | 'sso'; loginHint?: string },
): { url: string; codeVerifier: string } {
  const client = oauth2(loginUrl, app, true);
  const codeVerifier = client.codeVerifier;
  if (!codeVerifier) throw new Error('jsforce did not create a PKCE verifier');
  const url = client.getAuthorizationUrl({
    state: params.state,
    scope: params.purpose === 'sso' ? SSO_SCOPES : SCOPES,
    prompt: 'login',
    code_challenge_method: 'S256',
    ...(params.loginHint ? { login_hint: params.loginHint } : {}),
  });
  return { url, codeVerifier };
}

function parseIdUrl(idUrl: string): { orgId: string; userId: string } {
  const parts = new URL(idUrl).pathname.split('/').filter(Boolean);
  const userId = parts.at(-1);
  const orgId = parts.at(-2);
  if (!userId || !orgId) throw new OAuthError('network', 'invalid_response', 'The token response has no identity URL.');
  return { orgId, userId };
}

function toTokenResponse(raw: Record<string, unknown>): TokenResponse {
  const { access_token, refresh_token, instance_url, id, scope, issued_at } = raw;
  if (typeof access_token !== 'string' || typeof instance_url !== 'string' || typeof id !== 'string') {
    throw new OAuthError('network', 'invalid_response', 'Salesforce sent a token response without a token.');
  }
  const { orgId, userId } = parseIdUrl(id);
  const issued = typeof issued_at === 'string' && /^\d+$/.test(issued_at) ? new Date(Number(issued_at)) : new Date();
  return {
    accessToken: access_token,
    refreshToken: typeof refresh_token === 'string' ? refresh_token : null,
    instanceUrl: instance_url.replace(/\/+$/, ''),
    idUrl: id,
    orgId,
    userId,
    scope: typeof scope === 'string' ? scope : null,
    issuedAt: issued,
  };
}

/** jsforce throws an Error whose `name` is the OAuth `error`; anything else is a transport problem. */
function toOAuthError(err: unknown): OAuthError {
  if (err instanceof OAuthError) return err;
  const e = err as { name?: unknown; message?: unknown; code?: unknown };
  const name = typeof e?.name === 'string' ? e.name : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (name && name !== 'Error' && name !== 'TypeError' && !name.startsWith('ERROR_HTTP_') && !('code' in (e ?? {}))) {
    return new OAuthError('salesforce', name, message);
  }
  return new OAuthError('network', name.startsWith('ERROR_HTTP_') ? name : 'network_error', message);
}

/** Exchanges an authorization code (with the PKCE verifier and the client secret) for tokens. */
export async function exchangeCode(
  loginUrl: string,
  app: ClientAppConfig,
  code: string,
  codeVerifier: string,
): Promise<TokenResponse> {
  const client = oauth2(loginUrl, app, false);
  client.codeVerifier = codeVerifier;
  try {
    return toTokenResponse((await client.requestToken(code)) as unknown as Record<string, unknown>);
  } catch (err) {
    throw toOAuthError(err);
  }
}

/** Gets a new access token with the stored refresh token. */
export async function refreshTokens(
  loginUrl: string,
  app: ClientAppConfig,
  refreshToken: string,
): Promise<TokenResponse> {
  const client = oauth2(loginUrl, app, false);
  try {
    return toTokenResponse((await client.refreshToken(refreshToken)) as unknown as Record<string, unknown>);
  } catch (err) {
    throw toOAuthError(err);
  }
}

/** Revokes a refresh token (and every access token issued from it) or an access token at Salesforce. */
export async function revokeToken(loginUrl: string, app: ClientAppConfig, token: string): Promise<void> {
  try {
    await oauth2(loginUrl, app, false).revokeToken(token);
  } catch (err) {
    throw toOAuthError(err);
  }
}
