/**
 * Reads who signed in from Salesforce's identity URL (`{login host}/id/{orgId}/{userId}`, from the token response),
 * with the token in a Bearer header, never in the URL. The identity URL is only fetched on a Salesforce login host
 * (or the test-only extra origins), so a tampered token response cannot make the service call another server.
 */
import type { LoginHostPolicy } from '../salesforce/loginHosts';
import { resolveLoginHost } from '../salesforce/loginHosts';

/** The identity of the person who signed in. */
export interface SsoIdentity {
  userId: string;
  orgId: string;
  username: string;
  displayName: string;
  active: boolean;
  /** `STANDARD` for internal users. */
  userType: string | null;
}

/** Reading the identity failed; `reason` is safe to log (no token, no URL parameters). */
export class IdentityReadError extends Error {
  constructor(readonly reason: string) {
    super(`identity could not be read: ${reason}`);
    this.name = 'IdentityReadError';
  }
}

const TIMEOUT_MS = 30_000;

/** True when the URL's origin is a Salesforce login host (any environment) or an allowed extra origin. */
export function isSalesforceLoginOrigin(url: string, policy: LoginHostPolicy): boolean {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return false;
  }
  return (['production', 'sandbox'] as const).some((environment) => {
    const resolved = resolveLoginHost({ environment, myDomain: origin }, policy);
    return resolved.ok && resolved.value.loginUrl === origin;
  });
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Fetches and checks the identity of a freshly issued access token. */
export async function readIdentity(idUrl: string, accessToken: string, policy: LoginHostPolicy): Promise<SsoIdentity> {
  if (!isSalesforceLoginOrigin(idUrl, policy)) throw new IdentityReadError('identity URL is not on a Salesforce host');
  let response: Response;
  try {
    response = await fetch(idUrl, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new IdentityReadError(error instanceof Error ? error.name : 'network error');
  }
  if (!response.ok) throw new IdentityReadError(`identity service answered HTTP ${response.status}`);
  let body: Record<string, unknown>;
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    throw new IdentityReadError('identity service answered something that is not JSON');
  }
  const userId = text(body.user_id);
  const orgId = text(body.organization_id);
  const username = text(body.username);
  if (!userId || !orgId || !username) throw new IdentityReadError('identity has no user, org or username');
  return {
    userId,
    orgId,
    username,
    displayName: text(body.display_name) ?? username,
    active: body.active !== false,
    userType: text(body.user_type),
  };
}
