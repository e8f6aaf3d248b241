/**
 * CSRF protection with synchronizer tokens. A signed-in session has its own random secret (stored encrypted with the
 * session); before sign-in the token is bound to the anonymous browser id with a server key. The token in a form is
 * an HMAC of that secret, compared in constant time.
 */
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../crypto/random';

const TOKEN_LABEL = 'grax-connect csrf v1';

/** The form token for a session's CSRF secret. */
export function csrfTokenForSession(csrfSecret: string): string {
  return createHmac('sha256', csrfSecret).update(TOKEN_LABEL).digest('base64url');
}

/** The form token for an anonymous browser, keyed by a server secret. */
export function csrfTokenForBrowser(serverKey: Buffer, browserId: string): string {
  return createHmac('sha256', serverKey).update(`${TOKEN_LABEL}:${browserId}`).digest('base64url');
}

/** True when the presented token equals the expected one. */
export function csrfTokenMatches(expected: string, presented: unknown): boolean {
  return typeof presented === 'string' && presented !== '' && constantTimeEqual(expected, presented);
}
