/** The sweep of expired sign-in records: sessions at once, OAuth states and connect links a day after they expired. */
import { ExpiredRecordSweeper, KEEP_AFTER_EXPIRY_MS, sweepExpiredRecords } from '@service/auth/expiredRecords';
import type { Logger } from '@service/logger';
import type { Store } from '@service/store/types';
import { memoryStore } from '@test-support/memoryStore';
import type { TestClock } from '@test-support/testClock';

const MINUTE = 60_000;
let store: Store;
let clock: TestClock;
let logger: Logger;

beforeEach(async () => {
  ({ store, clock, logger } = await memoryStore());
});
afterEach(() => store.close());

function inMinutes(minutes: number): Date {
  return new Date(clock.now().getTime() + minutes * MINUTE);
}

async function signInRecords(): Promise<void> {
  await store.sessions.create({
    id: 'session-expiring-in-30-minutes-000000000',
    principal: { kind: 'local', id: 'usr_1', displayName: 'Break Glass', role: 'admin', orgId: null },
    csrfSecret: 'csrf-secret',
    idleExpiresAt: inMinutes(30),
    absoluteExpiresAt: inMinutes(12 * 60),
    reauthenticatedAt: clock.now(),
  });
  await store.oauthStates.create({
    state: 'state-expiring-in-10-minutes',
    purpose: 'sso',
    browserId: 'browser-1',
    codeVerifier: 'verifier',
    environment: 'production',
    loginUrl: 'https://login.salesforce.com',
    mode: null,
    expectedOrgId: null,
    actor: null,
    returnTo: null,
    expiresAt: inMinutes(10),
  });
  await store.connectLinks.create({
    token: 'cl_link-expiring-in-10-minutes',
    orgId: '00D5g0000004CSwEAM',
    environment: 'production',
    mode: 'auto_config',
    expiresAt: inMinutes(10),
  });
}

describe('sweepExpiredRecords', () => {
  it('keeps records that can still be used', async () => {
    await signInRecords();
    expect(await sweepExpiredRecords(store, clock.now())).toEqual({
      sessions: 0,
      oauthStates: 0,
      connectLinks: 0,
      rateLimits: 0,
    });
    expect(await store.sessions.find('session-expiring-in-30-minutes-000000000')).not.toBeNull();
  });

  it('deletes an expired session at once, but keeps an expired state a day so a late reload hears "expired"', async () => {
    await signInRecords();
    clock.advance(31 * MINUTE);
    expect(await sweepExpiredRecords(store, clock.now())).toEqual({
      sessions: 1,
      oauthStates: 0,
      connectLinks: 0,
      rateLimits: 0,
    });
    const late = await store.oauthStates.consume('state-expiring-in-10-minutes', 'browser-1');
    expect(late).toEqual({ ok: false, reason: 'expired' });
  });

  it('deletes OAuth states and connect links a day after they expired', async () => {
    await signInRecords();
    clock.advance(10 * MINUTE + KEEP_AFTER_EXPIRY_MS + 1);
    expect(await sweepExpiredRecords(store, clock.now())).toEqual({
      sessions: 1,
      oauthStates: 1,
      connectLinks: 1,
      rateLimits: 0,
    });
    const gone = await store.oauthStates.consume('state-expiring-in-10-minutes', 'browser-1');
    expect(gone).toEqual({ ok: false, reason: 'unknown' });
  });
});

describe('ExpiredRecordSweeper', () => {
  it('sweeps as soon as it starts, and stop waits for that sweep', async () => {
    await signInRecords();
    clock.advance(10 * MINUTE + KEEP_AFTER_EXPIRY_MS + 1);
    const sweeper = new ExpiredRecordSweeper({ store, clock, logger });
    sweeper.start();
    await sweeper.stop();
    expect(await sweepExpiredRecords(store, clock.now())).toEqual({
      sessions: 0,
      oauthStates: 0,
      connectLinks: 0,
      rateLimits: 0,
    });
  });
});
