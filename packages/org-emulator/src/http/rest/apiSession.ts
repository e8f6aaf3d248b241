/**
 * Authentication and allowance of REST calls: the Bearer token must be a live session of an active user of this
 * host's org with the `api` scope and API Enabled; each call then spends one request of the org's daily allowance
 * and every response carries `Sforce-Limit-Info: api-usage=used/max`.
 */
import { SfApiError } from '../../org/types';
import type { HttpOrg } from '../orgPort';
import type { EmulatorState } from '../emulatorState';
import type { IncomingCall } from '../core/httpTypes';
import { allowsApi } from '../oauth/clientApps';
import { isUserActive } from '../userRecord';
import type { ApiSession } from './restTypes';

/** The token of a REST call (`Authorization: Bearer ...`; `OAuth ...` is accepted too, as by Salesforce). */
export function bearerToken(call: IncomingCall): string | undefined {
  return /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(call.headers.authorization ?? '')?.[1];
}

/** Resolves the caller or throws INVALID_SESSION_ID / API_DISABLED_FOR_ORG. */
export function authenticateApiCall(state: EmulatorState, call: IncomingCall): ApiSession {
  const invalid = new SfApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  const token = bearerToken(call);
  const session = token ? state.tokens.useAccessToken(token) : undefined;
  if (!session) throw invalid;
  const org = state.world.findOrgById(session.orgId);
  const user = org?.getUser(session.userId);
  if (!org || !user || !isUserActive(user)) throw invalid;
  // A My Domain host serves only its own org: another org's token is not a session there.
  if (call.role.kind === 'instance' && call.role.orgId !== org.id) throw invalid;
  if (!allowsApi(session.scopes)) {
    throw new SfApiError(401, 'INVALID_SESSION_ID', 'This session is not valid for use with the REST API');
  }
  const access = org.effectiveAccess(session.userId);
  if (!access.systemPermissions.has('ApiEnabled')) {
    throw new SfApiError(403, 'API_DISABLED_FOR_ORG', 'The REST API is not enabled for this Organization.');
  }
  return { org, userId: session.userId, token: session, access };
}

/** The `Sforce-Limit-Info` header for an org. */
export function limitInfoHeader(org: HttpOrg): Record<string, string> {
  const { used, max } = org.limits.dailyApiRequests;
  return { 'Sforce-Limit-Info': `api-usage=${used}/${max}` };
}

/** Spends `count` API requests, or throws REQUEST_LIMIT_EXCEEDED when the allowance is used up. */
export function spendApiRequests(org: HttpOrg, count: number): void {
  const allowance = org.limits.dailyApiRequests;
  if (allowance.used >= allowance.max) {
    throw new SfApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
  }
  allowance.used = Math.min(allowance.max, allowance.used + count);
}
