/**
 * PKCE (RFC 7636) as Salesforce applies it: S256 only, a missing code_challenge_method means S256 (jsforce never
 * sends one), and no length rule on the verifier (jsforce's is 171 characters, longer than the RFC's 128).
 */
import { createHash } from 'node:crypto';

/** base64url without padding. */
export function base64Url(buffer: Buffer): string {
  return buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The S256 challenge of a verifier. */
export function s256Challenge(verifier: string): string {
  return base64Url(createHash('sha256').update(verifier).digest());
}

/** True when the challenge method is one Salesforce accepts (absent = S256). */
export function isSupportedChallengeMethod(method: string | null): boolean {
  return method === null || method === '' || method === 'S256';
}

/** Outcome of checking a verifier against the code's challenge. */
export type VerifierCheck = 'ok' | 'missing' | 'mismatch';

/** Checks the verifier sent to the token endpoint against the challenge stored with the code. */
export function checkVerifier(challenge: string | undefined, verifier: string | null): VerifierCheck {
  if (!challenge) return 'ok';
  if (!verifier) return 'missing';
  return s256Challenge(verifier) === challenge ? 'ok' : 'mismatch';
}
