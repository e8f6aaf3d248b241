/**
 * Reads the signed-in user's identity from the identity URL (`{login host}/id/{orgId}/{userId}`) that the token
 * response names, with the access token in a Bearer header (never `oauth_token` in the URL, which would end up in
 * Salesforce's and proxies' logs). The URL must be on a Salesforce login host (or an allowed test origin), so a token is
 * never sent anywhere else.
 */
import type { LoginHostPolicy } from './loginHosts';
import { resolveLoginHost } from './loginHosts';

/** The identity fields the service uses. */
export interface Identity {
  userId: string;
  orgId: string;
  username: string;
  displayName: string;
  active: boolean;
  /** e.g. STANDARD. */
  userType: string;
}

/** Why the identity could not be read: Salesforce refused the token (`salesforce`) or could not be reached. */
export class IdentityError extends Error {
  constructor(
    readonly kind: 'salesforce' | 'network' | 'untrusted_url',
    readonly detail: string,
  ) {
    super(`identity ${kind}: ${detail}`);
    this.name = 'IdentityError';
  }
}

const ID_PATH = /^\/id\/(00D[A-Za-z0-9]{12,15})\/(005[A-Za-z0-9]{12,15})\/?$/;
const TIMEOUT_MS = 30_000;

/** True when the identity URL is on a Salesforce login host or an allowed extra origin, with the expected path. */
export function isTrustedIdentityUrl(idUrl: string, policy: LoginHostPolicy): boolean {
  let url: URL;
  try {
    url = new URL(idUrl);
  } catch {
    return false;
  }
  if (!ID_PATH.test(url.pathname) || url.search || url.username || url.password) return false;
  if (policy.extraLoginOrigins.includes(url.origin)) return true;
  return (['production', 'sandbox'] as const).some(
    (environment) => resolveLoginHost({ environment, myDomain: url.origin }, { ...policy, extraLoginOrigins: [] }).ok,
  );
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Fetches the identity of the token's user. */
export async function fetchIdentity(idUrl: string, accessToken: string, policy: LoginHostPolicy): Promise<Identity> {
  if (!isTrustedIdentityUrl(idUrl, policy)) {
    throw new IdentityError('untrusted_url', 'the identity URL is not on a Salesforce login host');
  }
  let response: Response;
  let body: string;
  try {
    const url = new URL(idUrl);
    url.searchParams.set('format', 'json');
    response = await fetch(url, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    body = await response.text();
  } catch (error) {
    throw new IdentityError('network', error instanceof Error ? error.message : String(error));
  }
  if (response.status !== 200) throw new IdentityError('salesforce', `HTTP ${response.status} ${body.slice(0, 80)}`);
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw new IdentityError('salesforce', 'the identity service did not answer with JSON');
  }
  const identity: Identity = {
    userId: text(parsed.user_id),
    orgId: text(parsed.organization_id),
    username: text(parsed.username),
    displayName: text(parsed.display_name) || text(parsed.username),
    active: parsed.active !== false,
    userType: text(parsed.user_type) || 'STANDARD',
  };
  if (!identity.userId || !identity.orgId || !identity.username) {
    throw new IdentityError('salesforce', 'the identity answer lacks user_id, organization_id or username');
  }
  return identity;
}
