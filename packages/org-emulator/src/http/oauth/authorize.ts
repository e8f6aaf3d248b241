/**
 * The OAuth 2.0 web server flow's browser half: GET /services/oauth2/authorize shows the login page, the login form
 * posts to `/`, the consent page posts to RemoteAccessAuthorizationPage, and the flow ends with a redirect to the
 * client's callback carrying `code` and `state` (or `error`). Each login attempt is recorded in LoginHistory.
 */
import type { HttpOrg } from '../orgPort';
import type { EmulatorState } from '../emulatorState';
import type { HostRole, HttpResult, IncomingCall } from '../core/httpTypes';
import { htmlResult } from '../core/results';
import { isUserActive } from '../userRecord';
import { grantScopes, isAppInstalled, type ClientApp } from './clientApps';
import { isSupportedChallengeMethod } from './pkce';
import type { AuthorizationRequest } from './pendingAuthorizations';
import { redirectToClient, redirectToErrorPage } from './redirects';
import {
  LOGIN_FAILED_MESSAGE,
  renderApiOnlyPage,
  renderConsentPage,
  renderExpiredLoginPage,
  renderLoginPage,
} from './loginPages';

/** LoginHistory.LoginType of a web server flow login. */
const LOGIN_TYPE = 'Remote Access 2.0';

function hostAccepts(role: HostRole, org: HttpOrg): boolean {
  return role.kind === 'login' ? org.loginHost === role.loginHost : role.orgId === org.id;
}

function orgLabel(state: EmulatorState, role: HostRole): string {
  return state.orgOfRole(role)?.name ?? 'Salesforce';
}

/** GET /services/oauth2/authorize: validates the client and shows the login page. */
export function handleAuthorize(state: EmulatorState, call: IncomingCall): HttpResult {
  const q = call.query;
  const app = state.apps.get(q.get('client_id'));
  if (!app) return redirectToErrorPage(call, 'invalid_client_id', 'client identifier invalid');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!app.callbackUrls.includes(redirectUri)) {
    return redirectToErrorPage(call, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
  }
  const clientState = q.get('state');
  if (q.get('response_type') !== 'code') {
    return redirectToClient(redirectUri, {
      error: 'unsupported_response_type',
      error_description: 'response type not supported',
      state: clientState,
    });
  }
  if (app.requirePkce && !q.get('code_challenge')) {
    return redirectToClient(redirectUri, {
      error: 'invalid_request',
      error_description: 'missing required code challenge',
      state: clientState,
    });
  }
  if (!isSupportedChallengeMethod(q.get('code_challenge_method'))) {
    return redirectToClient(redirectUri, {
      error: 'invalid_request',
      error_description: 'code challenge method not supported',
      state: clientState,
    });
  }
  const prompts = (q.get('prompt') ?? '').split(/\s+/);
  const request = state.pending.create({
    clientId: app.clientId,
    redirectUri,
    state: clientState,
    scopes: grantScopes(app, q.get('scope')),
    codeChallenge: q.get('code_challenge') || undefined,
    forceConsent: prompts.includes('consent'),
    role: call.role,
  });
  return htmlResult(
    200,
    renderLoginPage({
      hidden: { oauthRequest: request.id },
      orgLabel: orgLabel(state, call.role),
      username: q.get('login_hint') ?? '',
    }),
  );
}

/** POST / : the login form. */
export function handleLoginSubmit(state: EmulatorState, call: IncomingCall): HttpResult {
  const form = call.body.form();
  const request = state.pending.get(form.get('oauthRequest'));
  const app = request ? state.apps.get(request.clientId) : undefined;
  if (!request || !app || request.user) return htmlResult(400, renderExpiredLoginPage());
  const username = (form.get('username') ?? '').trim();
  const retry = (): HttpResult =>
    htmlResult(
      200,
      renderLoginPage({
        hidden: { oauthRequest: request.id },
        orgLabel: orgLabel(state, call.role),
        username,
        error: LOGIN_FAILED_MESSAGE,
      }),
    );

  const found = state.world.findOrgByUsername(username);
  // Users of another login host or another My Domain are unknown here, as on Salesforce.
  if (!found || !hostAccepts(call.role, found.org)) return retry();
  const { org, user } = found;
  const record = (status: string): void =>
    org.recordLogin(user.Id, {
      application: app.name,
      status,
      loginType: LOGIN_TYPE,
      sourceIp: call.remoteAddress,
      loginUrl: call.baseUrl,
    });
  if (!org.checkPassword(user.Id, form.get('pw') ?? '')) {
    record('Invalid Password');
    return retry();
  }
  if (!isUserActive(user)) {
    record('User is Inactive');
    return retry();
  }
  if (org.isApiOnlyUser(user.Id)) {
    record('Failed: API Only User');
    state.pending.finish(request.id);
    return htmlResult(200, renderApiOnlyPage());
  }
  record('Success');
  return afterLogin(state, request, app, org, user.Id, String(user['Username'] ?? username));
}

function afterLogin(
  state: EmulatorState,
  request: AuthorizationRequest,
  app: ClientApp,
  org: HttpOrg,
  userId: string,
  username: string,
): HttpResult {
  if (!isAppInstalled(app, org) && !org.effectiveAccess(userId).systemPermissions.has('CanApproveUninstalledApps')) {
    state.pending.finish(request.id);
    return redirectToClient(request.redirectUri, {
      error: 'OAUTH_APP_BLOCKED',
      error_description: 'this app is blocked by admin',
      state: request.state,
    });
  }
  const needsConsent =
    request.forceConsent || (app.consentRequired && !state.pending.hasApproved(userId, app.clientId));
  if (!needsConsent) return issueCode(state, request, org.id, userId);
  request.user = { orgId: org.id, userId };
  return htmlResult(
    200,
    renderConsentPage({ appName: app.name, username, scopes: request.scopes, hidden: { oauthRequest: request.id } }),
  );
}

/** POST /setup/secur/RemoteAccessAuthorizationPage.apexp: the consent page's Allow or Deny. */
export function handleConsentSubmit(state: EmulatorState, call: IncomingCall): HttpResult {
  const form = call.body.form();
  const request = state.pending.get(form.get('oauthRequest'));
  if (!request?.user) return htmlResult(400, renderExpiredLoginPage());
  if (!form.has('oaapprove')) {
    state.pending.finish(request.id);
    return redirectToClient(request.redirectUri, {
      error: 'access_denied',
      error_description: 'end-user denied authorization',
      state: request.state,
    });
  }
  state.pending.approve(request.user.userId, request.clientId);
  return issueCode(state, request, request.user.orgId, request.user.userId);
}

function issueCode(state: EmulatorState, request: AuthorizationRequest, orgId: string, userId: string): HttpResult {
  state.pending.finish(request.id);
  const code = state.tokens.issueCode(
    { orgId, userId, clientId: request.clientId, scopes: request.scopes },
    request.redirectUri,
    request.codeChallenge,
  );
  return redirectToClient(request.redirectUri, { code, state: request.state });
}
