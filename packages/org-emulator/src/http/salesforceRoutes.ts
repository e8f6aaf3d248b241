/**
 * Routes a call on a Salesforce path to its handler: the OAuth endpoints and login pages, the identity URL, the
 * versions list (no authentication, no limit header) and the REST API (authenticated, counted, with
 * `Sforce-Limit-Info` on every answer). Also names the route for the call statistics.
 */
import { SfApiError } from '../org/types';
import type { EmulatorState } from './emulatorState';
import type { HttpResult, IncomingCall } from './core/httpTypes';
import { htmlResult, jsonResult, sfErrorResult, JSON_TYPE } from './core/results';
import { lookupRoute, type Route } from './core/routeTable';
import { handleAuthorize, handleConsentSubmit, handleLoginSubmit } from './oauth/authorize';
import { handleIdentity, handleUserInfo } from './oauth/identity';
import { renderOAuthErrorPage } from './oauth/loginPages';
import { OAUTH_ERROR_PAGE_PATH } from './oauth/redirects';
import { handleRevoke } from './oauth/revoke';
import { handleToken } from './oauth/token';
import { authenticateApiCall, limitInfoHeader, spendApiRequests } from './rest/apiSession';
import { dispatchRest, parseDataPath } from './rest/restDispatcher';
import { REST_ROUTES } from './rest/restRoutes';
import type { RestResult } from './rest/restTypes';
import { versionsList } from './rest/versions';

type Handler = (state: EmulatorState, call: IncomingCall, params: Record<string, string>) => HttpResult;

function route(methods: string[], pattern: string, handler: Handler): Route<Handler> {
  return { methods, pattern, data: handler };
}

const SALESFORCE_ROUTES: Route<Handler>[] = [
  route(['GET'], '/services/oauth2/authorize', (s, c) => handleAuthorize(s, c)),
  route(['POST'], '/', (s, c) => handleLoginSubmit(s, c)),
  route(['POST'], '/setup/secur/RemoteAccessAuthorizationPage.apexp', (s, c) => handleConsentSubmit(s, c)),
  route(['GET'], OAUTH_ERROR_PAGE_PATH, (_s, c) =>
    htmlResult(200, renderOAuthErrorPage(c.query.get('error') ?? '', c.query.get('error_description') ?? '')),
  ),
  route(['POST'], '/services/oauth2/token', (s, c) => handleToken(s, c)),
  route(['GET', 'POST'], '/services/oauth2/revoke', (s, c) => handleRevoke(s, c)),
  route(['GET', 'POST'], '/services/oauth2/userinfo', (s, c) => handleUserInfo(s, c)),
  route(['GET'], '/id/:orgId/:userId', (s, c, p) => handleIdentity(s, c, p['orgId'] ?? '', p['userId'] ?? '')),
  route(['GET'], '/services/data', (s) => jsonResult(200, versionsList(s.settings.maxApiVersion))),
];

function restResultToHttp(result: RestResult, headers: Record<string, string>, head: boolean): HttpResult {
  const merged = { ...result.headers, ...headers };
  if (result.raw) {
    return {
      status: result.status,
      headers: { 'Content-Type': result.raw.contentType, ...merged },
      body: head ? '' : result.raw.text,
    };
  }
  if (result.body === undefined) return { status: result.status, headers: merged, body: '' };
  return {
    status: result.status,
    headers: { 'Content-Type': JSON_TYPE, ...merged },
    body: head ? '' : JSON.stringify(result.body),
  };
}

function handleRest(state: EmulatorState, call: IncomingCall): HttpResult {
  let session;
  try {
    session = authenticateApiCall(state, call);
  } catch (error) {
    if (error instanceof SfApiError) return sfErrorResult(error);
    throw error;
  }
  try {
    spendApiRequests(session.org, 1);
  } catch (error) {
    if (error instanceof SfApiError) return sfErrorResult(error, limitInfoHeader(session.org));
    throw error;
  }
  const result = dispatchRest(state, session, call, false);
  // Read after the call: a batch spends one request per subrequest.
  return restResultToHttp(result, limitInfoHeader(session.org), call.method === 'HEAD');
}

/** Answers a call on a Salesforce path; returns the result and the route name for the statistics. */
export function routeSalesforceCall(
  state: EmulatorState,
  call: IncomingCall,
): { result: HttpResult; routeName: string } {
  const data = parseDataPath(call.path);
  if (data) {
    const method = call.method === 'HEAD' ? 'GET' : call.method;
    const lookup = lookupRoute(REST_ROUTES, method, data.resource);
    const pattern = lookup.kind === 'match' ? lookup.match.route.pattern : data.resource;
    return { result: handleRest(state, call), routeName: `/services/data/v{version}${pattern === '/' ? '' : pattern}` };
  }
  const lookup = lookupRoute(SALESFORCE_ROUTES, call.method, call.path);
  if (lookup.kind === 'match') {
    const { route: matched, params } = lookup.match;
    return { result: matched.data(state, call, params), routeName: matched.pattern };
  }
  const notFound = new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return { result: sfErrorResult(notFound), routeName: 'unknown' };
}
