/**
 * POST /services/oauth2/token: the authorization_code grant (with PKCE), the refresh_token grant (with optional
 * rotation) and the username-password grant (blocked unless enabled, as in orgs created since Summer '23). Success
 * bodies carry `issued_at` as a string and `signature` = Base64(HMAC-SHA256(id + issued_at, client secret)); errors
 * are JSON `{error, error_description}` with HTTP 400.
 */
import { createHmac } from 'node:crypto';
import type { HttpOrg } from '../orgPort';
import type { EmulatorState } from '../emulatorState';
import type { HttpResult, IncomingCall } from '../core/httpTypes';
import { jsonResult } from '../core/results';
import { isUserActive } from '../userRecord';
import { allowsRefresh, grantScopes, type ClientApp } from './clientApps';
import { checkVerifier } from './pkce';
import type { Grant, RefreshTokenRecord } from './tokenStore';

const NO_CACHE = { 'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private' };

/** A token endpoint error. */
export function tokenError(error: string, description: string, status = 400): HttpResult {
  return jsonResult(status, { error, error_description: description }, NO_CACHE);
}

function clientCredentials(call: IncomingCall, form: URLSearchParams): { id: string | null; secret: string | null } {
  const basic = /^Basic\s+(.+)$/i.exec(call.headers.authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
    }
  }
  return { id: form.get('client_id'), secret: form.get('client_secret') };
}

function authenticateClient(state: EmulatorState, call: IncomingCall, form: URLSearchParams): ClientApp | HttpResult {
  const { id, secret } = clientCredentials(call, form);
  const app = state.apps.get(id);
  if (!app) return tokenError('invalid_client_id', 'client identifier invalid');
  if ((secret !== null && secret !== app.clientSecret) || (secret === null && app.requireSecret)) {
    return tokenError('invalid_client', 'invalid client credentials');
  }
  return app;
}

/** The success body of the token endpoint. */
export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  signature: string;
  scope: string;
  instance_url: string;
  id: string;
  token_type: 'Bearer';
  issued_at: string;
}

/**
 * Issues a session and builds the success body. `sessionOf` is the refresh token the session belongs to; `returned`
 * is the refresh token the response hands out (none on a plain refresh).
 */
export function tokenBody(
  state: EmulatorState,
  app: ClientApp,
  org: HttpOrg,
  grant: Grant,
  sessionOf?: RefreshTokenRecord,
  returned: RefreshTokenRecord | null = sessionOf ?? null,
): TokenResponse {
  const access = state.tokens.issueAccessToken(
    grant,
    app.sessionTimeoutMs ?? state.settings.sessionTimeoutMs,
    sessionOf?.token,
  );
  const id = state.identityUrlOf(org, grant.userId);
  const issuedAt = String(access.issuedAt);
  return {
    access_token: access.token,
    ...(returned ? { refresh_token: returned.token } : {}),
    signature: createHmac('sha256', app.clientSecret)
      .update(id + issuedAt)
      .digest('base64'),
    scope: grant.scopes.join(' '),
    instance_url: state.instanceUrlOf(org),
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
}

function exchangeCode(state: EmulatorState, app: ClientApp, form: URLSearchParams): HttpResult {
  const code = state.tokens.takeCode(form.get('code') ?? '');
  if (!code || code.clientId !== app.clientId) return tokenError('invalid_grant', 'expired authorization code');
  if (form.get('redirect_uri') !== code.redirectUri) {
    return tokenError('redirect_uri_mismatch', 'redirect_uri must match configuration');
  }
  // A wrong and a missing verifier get the same answer (Salesforce answers a wrong one this way, RFC 7636 4.6 both).
  if (checkVerifier(code.codeChallenge, form.get('code_verifier')) !== 'ok') {
    return tokenError('invalid_grant', 'invalid code verifier');
  }
  const org = state.world.findOrgById(code.orgId);
  const user = org?.getUser(code.userId);
  if (!org || !user) return tokenError('invalid_grant', 'expired authorization code');
  if (!isUserActive(user)) return tokenError('invalid_grant', 'inactive user');
  const grant: Grant = { orgId: code.orgId, userId: code.userId, clientId: app.clientId, scopes: code.scopes };
  const refresh = allowsRefresh(grant.scopes) ? state.tokens.issueRefreshToken(grant) : undefined;
  return jsonResult(200, tokenBody(state, app, org, grant, refresh), NO_CACHE);
}

function refreshSession(state: EmulatorState, app: ClientApp, form: URLSearchParams): HttpResult {
  const refresh = state.tokens.findRefreshToken(form.get('refresh_token') ?? '');
  if (!refresh || refresh.clientId !== app.clientId) return tokenError('invalid_grant', 'expired access/refresh token');
  const org = state.world.findOrgById(refresh.orgId);
  const user = org?.getUser(refresh.userId);
  if (!org || !user) return tokenError('invalid_grant', 'expired access/refresh token');
  if (!isUserActive(user)) return tokenError('invalid_grant', 'inactive user');
  const grant: Grant = { orgId: refresh.orgId, userId: refresh.userId, clientId: app.clientId, scopes: refresh.scopes };
  if (!app.refreshTokenRotation) return jsonResult(200, tokenBody(state, app, org, grant, refresh, null), NO_CACHE);
  // Rotation: the old refresh token and its sessions end; the response carries the new refresh token.
  state.tokens.revokeRefreshToken(refresh.token);
  const rotated = state.tokens.issueRefreshToken(grant);
  return jsonResult(200, tokenBody(state, app, org, grant, rotated), NO_CACHE);
}

function passwordGrant(state: EmulatorState, app: ClientApp, form: URLSearchParams, call: IncomingCall): HttpResult {
  if (!state.settings.usernamePasswordFlow) return tokenError('invalid_grant', 'authentication failure');
  const found = state.world.findOrgByUsername(form.get('username') ?? '');
  if (!found || !found.org.checkPassword(found.user.Id, form.get('password') ?? '')) {
    return tokenError('invalid_grant', 'authentication failure');
  }
  const { org, user } = found;
  const record = (status: string): void =>
    org.recordLogin(user.Id, {
      application: app.name,
      status,
      loginType: 'Remote Access 2.0',
      sourceIp: call.remoteAddress,
      loginUrl: call.baseUrl,
    });
  if (!isUserActive(user)) {
    record('User is Inactive');
    return tokenError('invalid_grant', 'inactive user');
  }
  record('Success');
  const grant: Grant = { orgId: org.id, userId: user.Id, clientId: app.clientId, scopes: grantScopes(app, null) };
  // The username-password flow never returns a refresh token.
  return jsonResult(200, tokenBody(state, app, org, grant), NO_CACHE);
}

/** POST /services/oauth2/token. */
export function handleToken(state: EmulatorState, call: IncomingCall): HttpResult {
  const form = call.body.form();
  const grantType = form.get('grant_type');
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token' && grantType !== 'password') {
    return tokenError('unsupported_grant_type', 'grant type not supported');
  }
  const app = authenticateClient(state, call, form);
  if ('status' in app) return app;
  if (grantType === 'authorization_code') return exchangeCode(state, app, form);
  if (grantType === 'refresh_token') return refreshSession(state, app, form);
  return passwordGrant(state, app, form, call);
}
