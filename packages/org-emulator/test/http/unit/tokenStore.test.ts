/**
 * The token store's Salesforce rules, on a manual clock: single-use expiring codes, the five-refresh-token limit,
 * sessions that time out without activity, and revocation that cascades from a refresh token to its sessions.
 */
import { createManualClock } from '../../../src/org/clock';
import { CODE_LIFETIME_MS, TokenStore } from '../../../src/http/oauth/tokenStore';

const ORG = '00D000000000001AAA';
const grant = { orgId: ORG, userId: '005000000000001AAA', clientId: 'app', scopes: ['api', 'refresh_token'] };
const TWO_HOURS = 2 * 60 * 60 * 1000;

function setup() {
  const clock = createManualClock();
  return { clock, store: new TokenStore(clock) };
}

describe('authorization codes', () => {
  it('can be exchanged once', () => {
    const { store } = setup();
    const code = store.issueCode(grant, 'https://app/cb', undefined);
    expect(store.takeCode(code)?.userId).toBe(grant.userId);
    expect(store.takeCode(code)).toBeUndefined();
  });

  it('expire after 15 minutes', () => {
    const { store, clock } = setup();
    const code = store.issueCode(grant, 'https://app/cb', undefined);
    clock.advance(CODE_LIFETIME_MS);
    expect(store.takeCode(code)).toBeUndefined();
  });
});

describe('access tokens', () => {
  it('start with the 15-character org id and an exclamation mark, like Salesforce session ids', () => {
    const { store } = setup();
    const token = store.issueAccessToken(grant, TWO_HOURS).token;
    expect(token).toMatch(/^00D000000000001!AQ[.\w]+$/);
  });

  it('end after the session timeout without activity, and stay alive while used', () => {
    const { store, clock } = setup();
    const token = store.issueAccessToken(grant, TWO_HOURS).token;
    clock.advance(TWO_HOURS - 1000);
    expect(store.useAccessToken(token)).toBeDefined();
    clock.advance(TWO_HOURS - 1000);
    expect(store.useAccessToken(token)).toBeDefined();
    clock.advance(TWO_HOURS);
    expect(store.useAccessToken(token)).toBeUndefined();
  });
});

describe('refresh tokens', () => {
  it('are limited to five per user and app: the sixth approval revokes the oldest', () => {
    const { store } = setup();
    const issued = Array.from({ length: 6 }, () => store.issueRefreshToken(grant).token);
    expect(store.findRefreshToken(issued[0] as string)).toBeUndefined();
    for (const token of issued.slice(1)) expect(store.findRefreshToken(token)).toBeDefined();
    expect(store.liveRefreshTokens(grant.userId, grant.clientId)).toHaveLength(5);
  });

  it('take their sessions with them when revoked', () => {
    const { store } = setup();
    const refresh = store.issueRefreshToken(grant).token;
    const session = store.issueAccessToken(grant, TWO_HOURS, refresh).token;
    const other = store.issueAccessToken(grant, TWO_HOURS).token;
    expect(store.revokeRefreshToken(refresh)).toBe(true);
    expect(store.useAccessToken(session)).toBeUndefined();
    expect(store.useAccessToken(other)).toBeDefined();
  });

  it('survive a forced session expiry, which ends only sessions', () => {
    const { store } = setup();
    const refresh = store.issueRefreshToken(grant).token;
    const session = store.issueAccessToken(grant, TWO_HOURS, refresh).token;
    expect(store.expireSessions({ userId: grant.userId })).toBe(1);
    expect(store.useAccessToken(session)).toBeUndefined();
    expect(store.findRefreshToken(refresh)).toBeDefined();
  });

  it('are not touched by a control call that names nothing', () => {
    const { store } = setup();
    const refresh = store.issueRefreshToken(grant).token;
    expect(store.revokeMatching({})).toBe(0);
    expect(store.findRefreshToken(refresh)).toBeDefined();
  });
});
