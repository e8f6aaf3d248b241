import { randomBytes } from 'node:crypto';
import { createConnectLinkToken, readConnectLinkToken } from '@service/orgApi/connectLinkToken';

const key = randomBytes(32);
const claims = {
  orgId: '00D5g0000004CSwEAM',
  environment: 'sandbox' as const,
  mode: 'manual' as const,
  keyId: 'AbCdEfGhIjKlMnOpQrStUv',
  expiresAt: new Date('2026-11-28T10:10:00.000Z'),
};

describe('connect link tokens', () => {
  it('carries the org, environment, mode, issuing key and expiry it was made for', () => {
    expect(readConnectLinkToken(key, createConnectLinkToken(key, claims))).toEqual(claims);
  });

  it('is different for every link, even with the same claims, and safe in a URL', () => {
    const a = createConnectLinkToken(key, claims);
    const b = createConnectLinkToken(key, claims);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^cl_[A-Za-z0-9_.-]+$/);
  });

  it('refuses a token signed with another key, edited, or truncated', () => {
    const token = createConnectLinkToken(key, claims);
    const [body = '', signature = ''] = token.slice(3).split('.');
    const edited = Buffer.from(
      Buffer.from(body, 'base64url').toString('utf8').replace('00D5g0000004CSwEAM', '00D8d000000CcUNEA0'),
    ).toString('base64url');
    expect(readConnectLinkToken(randomBytes(32), token)).toBeNull();
    expect(readConnectLinkToken(key, `cl_${edited}.${signature}`)).toBeNull();
    expect(readConnectLinkToken(key, token.slice(0, -2))).toBeNull();
    expect(readConnectLinkToken(key, 'cl_')).toBeNull();
    expect(readConnectLinkToken(key, `${token}x`.repeat(10))).toBeNull();
  });
});
