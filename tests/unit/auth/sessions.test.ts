/** SessionManager: rotation at sign-in, sliding idle expiry written back sparingly, re-authentication window. */
import { randomBytes } from 'node:crypto';
import { SessionManager } from '@service/auth/sessions';
import { csrfTokenForBrowser, csrfTokenForSession, csrfTokenMatches } from '@service/auth/csrf';
import { SecretBox, parseKeyRing } from '@service/crypto/secretBox';
import { createStore } from '@service/store/openStore';
import { migrate } from '@service/store/migrate';
import { SqliteDatabase } from '@service/store/sql/sqliteDatabase';
import type { Store } from '@service/store/types';
import { TestClock } from '@test-support/testClock';

const MINUTE = 60_000;
const principal = {
  kind: 'sso' as const,
  id: '005000000000001AAA',
  displayName: 'Ada',
  role: 'viewer' as const,
  orgId: '00D1',
};

let store: Store;
let clock: TestClock;
let manager: SessionManager;

beforeEach(async () => {
  const db = new SqliteDatabase(':memory:');
  await migrate(db);
  clock = new TestClock();
  store = createStore(db, new SecretBox(parseKeyRing(`k:${randomBytes(32).toString('base64')}`)), clock);
  manager = new SessionManager(store.sessions, { idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE }, clock);
});
afterEach(() => store.close());

describe('SessionManager', () => {
  it('issues a fresh 256-bit id and deletes the previous session at sign-in', async () => {
    const first = await manager.rotate(null, principal);
    const second = await manager.rotate(first.id, principal);
    expect(second.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.id).not.toBe(first.id);
    expect(await manager.resume(first.id)).toBeNull();
    expect((await manager.resume(second.id))?.record.principal).toEqual(principal);
  });

  it('slides the idle expiry with activity', async () => {
    const session = await manager.rotate(null, principal);
    clock.advance(20 * MINUTE);
    expect(await manager.resume(session.id)).not.toBeNull();
    clock.advance(20 * MINUTE);
    const resumed = await manager.resume(session.id);
    expect(resumed?.record.idleExpiresAt).toEqual(new Date(clock.now().getTime() + 30 * MINUTE));
    clock.advance(31 * MINUTE);
    expect(await manager.resume(session.id)).toBeNull();
  });

  it('writes activity back at most once a minute', async () => {
    const session = await manager.rotate(null, principal);
    clock.advance(30_000);
    const early = await manager.resume(session.id);
    expect(early?.record.lastSeenAt).toEqual(session.record.lastSeenAt);
    clock.advance(30_000);
    const later = await manager.resume(session.id);
    expect(later?.record.lastSeenAt).toEqual(clock.now());
  });

  it('treats a sign-in as re-authentication for five minutes', async () => {
    const session = await manager.rotate(null, principal);
    expect(manager.isRecentlyReauthenticated(session.record)).toBe(true);
    clock.advance(5 * MINUTE + 1);
    expect(manager.isRecentlyReauthenticated(session.record)).toBe(false);
    await manager.markReauthenticated(session.id);
    const resumed = await manager.resume(session.id);
    expect(manager.isRecentlyReauthenticated(resumed?.record ?? session.record)).toBe(true);
  });

  it('ends a session on destroy', async () => {
    const session = await manager.rotate(null, principal);
    await manager.destroy(session.id);
    expect(await manager.resume(session.id)).toBeNull();
  });
});

describe('CSRF tokens', () => {
  it('differ per session secret and per browser, and match only exactly', () => {
    const key = randomBytes(32);
    const a = csrfTokenForSession('secret-a');
    expect(a).not.toBe(csrfTokenForSession('secret-b'));
    expect(csrfTokenForBrowser(key, 'browser-1')).not.toBe(csrfTokenForBrowser(key, 'browser-2'));
    expect(csrfTokenMatches(a, a)).toBe(true);
    expect(csrfTokenMatches(a, `${a}x`)).toBe(false);
    expect(csrfTokenMatches(a, '')).toBe(false);
    expect(csrfTokenMatches(a, undefined)).toBe(false);
    expect(csrfTokenMatches(a, [a])).toBe(false);
  });
});
