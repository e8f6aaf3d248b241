/**
 * PKCE as Salesforce checks it, with a verifier made exactly as jsforce 3 makes one (base64url of 128 random bytes:
 * 171 characters, longer than RFC 7636 allows).
 */
import { randomBytes } from 'node:crypto';
import { base64Url, checkVerifier, isSupportedChallengeMethod, s256Challenge } from '../../../src/http/oauth/pkce';

const jsforceVerifier = (): string => base64Url(randomBytes(128));

describe('PKCE', () => {
  it("accepts jsforce's 171-character verifier", () => {
    const verifier = jsforceVerifier();
    expect(verifier).toHaveLength(171);
    expect(checkVerifier(s256Challenge(verifier), verifier)).toBe('ok');
  });

  it('tells a wrong verifier from a missing one', () => {
    const challenge = s256Challenge(jsforceVerifier());
    expect(checkVerifier(challenge, jsforceVerifier())).toBe('mismatch');
    expect(checkVerifier(challenge, null)).toBe('missing');
  });

  it('treats a missing code_challenge_method as S256 and refuses plain', () => {
    expect(isSupportedChallengeMethod(null)).toBe(true);
    expect(isSupportedChallengeMethod('S256')).toBe(true);
    expect(isSupportedChallengeMethod('plain')).toBe(false);
  });
});
