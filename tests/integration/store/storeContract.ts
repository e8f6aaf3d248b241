/**
 * The Store contract: one suite of behaviour tests that every Store implementation (SQLite, PostgreSQL) must pass.
 * Each test gets a fresh, migrated database from the implementation's factory.
 */
import { randomBytes } from 'node:crypto';
import { SecretBox, SecretBoxError, parseKeyRing } from '@service/crypto/secretBox';
import { migrate } from '@service/store/migrate';
import { createStore } from '@service/store/openStore';
import type { SqlDatabase } from '@service/store/sql/database';
import type { NewConnection, Store } from '@service/store/types';
import type { Actor } from '@service/domain/actor';
import { StoreConflictError, StoreNotFoundError } from '@service/store/types';
import { TestClock } from '@test-support/testClock';
import { describeTransactionContract } from './transactionContract';
import { describeSharedCountersContract } from './sharedCountersContract';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Makes a fresh database with migrations applied. */
export type DatabaseFactory = () => Promise<SqlDatabase>;

export function keySpec(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

export const adminActor: Actor = { kind: 'local', id: 'usr_1', name: 'Break Glass' };

export function sampleConnection(overrides: Partial<NewConnection> = {}): NewConnection {
  return {
    orgId: '00D5g000004XyZaEAK',
    orgName: 'Acme Production',
    environment: 'production',
    orgType: 'Enterprise Edition',
    instanceUrl: 'https://acme.my.salesforce.com',
    loginUrl: 'https://acme.my.salesforce.com',
    myDomain: 'acme.my.salesforce.com',
    userId: '0055g00000AbCdEAAV',
    username: 'grax.integration@acme.example',
    mode: 'auto_config',
    identityUrl: 'https://login.salesforce.com/id/00D5g000004XyZaEAK/0055g00000AbCdEAAV',
    scopes: ['api', 'refresh_token', 'id'],
    refreshToken: '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJvvpbJ2pYD7mUxSd0TcXlYeExAmPLE1234',
    accessToken: '00D5g000004XyZa!AQ4AQFakeAccessTokenValueForTests.abcdefghijklmnop',
    issuedAt: new Date('2026-11-28T09:59:00.000Z'),
    ...overrides,
  };
}

export function describeStoreContract(label: string, makeDatabase: DatabaseFactory): void {
  describe(`${label} store`, () => {
    let db: SqlDatabase;
    let clock: TestClock;
    let box: SecretBox;
    let store: Store;

    beforeEach(async () => {
      db = await makeDatabase();
      clock = new TestClock();
      box = new SecretBox(parseKeyRing(keySpec('k1')));
      store = createStore(db, box, clock);
    });

    afterEach(async () => {
      await store.close();
    });

    describe('migrations', () => {
      it('records applied migrations and applies nothing the second time', async () => {
        expect(await migrate(db)).toEqual([]);
        const rows = await db.all('SELECT version, name FROM schema_migrations ORDER BY version');
        expect(rows).toEqual([
          { version: '001', name: 'initial' },
          { version: '002', name: 'rate_limits_and_slots' },
        ]);
      });

      it('answers a readiness ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('connections', () => {
      it('has no active connection before the first connect', async () => {
        expect(await store.connections.getActive()).toBeNull();
      });

      it('returns the tokens it was given after storing them encrypted', async () => {
        const created = await store.connections.activate(sampleConnection());
        expect(created.state).toBe('connected');
        expect(created.active).toBe(true);
        const active = await store.connections.getActive();
        expect(active?.refreshToken).toBe(sampleConnection().refreshToken);
        expect(active?.accessToken).toBe(sampleConnection().accessToken);
        expect(active?.scopes).toEqual(['api', 'refresh_token', 'id']);
        expect(active?.connectedAt).toEqual(clock.now());
        const raw = await db.all('SELECT refresh_token_enc, access_token_enc FROM connections');
        expect(String(raw[0]?.refresh_token_enc)).toMatch(/^v1:k1:/);
        expect(String(raw[0]?.access_token_enc)).not.toContain('AQ4AQ');
      });

      it('keeps the previous connection as history when another org is connected', async () => {
        const first = await store.connections.activate(sampleConnection());
        clock.advance(MINUTE);
        const second = await store.connections.activate(
          sampleConnection({
            orgId: '00D000000000002EAA',
            orgName: 'Globex',
            refreshToken: '5AepSecondRefreshTokenValue0000000000',
          }),
        );
        expect((await store.connections.getActive())?.id).toBe(second.id);
        const history = await store.connections.listHistory();
        expect(history.map((c) => [c.orgName, c.active])).toEqual([
          ['Globex', true],
          ['Acme Production', false],
        ]);
        expect((await store.connections.get(first.id))?.refreshToken).toBe(sampleConnection().refreshToken);
      });

      it('clears tokens and records the state on Reset', async () => {
        const created = await store.connections.activate(sampleConnection());
        clock.advance(MINUTE);
        const reset = await store.connections.update(created.id, {
          state: 'disconnected',
          refreshToken: null,
          accessToken: null,
          lastError: { code: 'RESET', message: 'Reset by Break Glass', at: clock.now().toISOString() },
        });
        expect(reset).toMatchObject({ state: 'disconnected', refreshToken: null, accessToken: null });
        expect(reset.lastError?.code).toBe('RESET');
        expect(reset.updatedAt).toEqual(clock.now());
        expect(reset.orgName).toBe('Acme Production');
      });

      it('refuses to update a connection that does not exist', async () => {
        await expect(store.connections.update('con_missing', { state: 'connected' })).rejects.toBeInstanceOf(
          StoreNotFoundError,
        );
      });

      it('refuses a token copied from another connection row', async () => {
        const first = await store.connections.activate(sampleConnection());
        const second = await store.connections.activate(
          sampleConnection({ refreshToken: '5AepOtherRefreshToken000000000000' }),
        );
        await db.run(
          'UPDATE connections SET refresh_token_enc = (SELECT refresh_token_enc FROM connections WHERE id = ?) WHERE id = ?',
          [first.id, second.id],
        );
        await expect(store.connections.get(second.id)).rejects.toBeInstanceOf(SecretBoxError);
      });
    });

    describe('orgs seen', () => {
      it('keeps the first sighting and shows a refreshed sandbox as a new org behind the same My Domain', async () => {
        const sandbox = {
          name: 'Acme UAT',
          instanceUrl: 'https://acme--uat.sandbox.my.salesforce.com',
          myDomain: 'acme--uat.sandbox.my.salesforce.com',
          environment: 'sandbox' as const,
        };
        await store.orgsSeen.record({ orgId: '00D000000000001EAA', ...sandbox });
        const firstSeen = clock.now();
        clock.advance(HOUR);
        const again = await store.orgsSeen.record({ orgId: '00D000000000001EAA', ...sandbox, name: 'Acme UAT (old)' });
        expect(again.firstSeenAt).toEqual(firstSeen);
        expect(again.lastSeenAt).toEqual(clock.now());
        expect(again.name).toBe('Acme UAT (old)');
        clock.advance(HOUR);
        await store.orgsSeen.record({ orgId: '00D000000000009EAA', ...sandbox });
        const behindDomain = await store.orgsSeen.findByMyDomain('acme--uat.sandbox.my.salesforce.com');
        expect(behindDomain.map((o) => o.orgId)).toEqual(['00D000000000009EAA', '00D000000000001EAA']);
      });
    });

    describe('OAuth states', () => {
      const state = 'st_' + 'a'.repeat(43);
      const input = () => ({
        state,
        purpose: 'connect' as const,
        browserId: 'browser-1',
        codeVerifier: 'verifier-' + 'v'.repeat(160),
        environment: 'production' as const,
        loginUrl: 'https://login.salesforce.com',
        mode: 'auto_config' as const,
        expectedOrgId: null,
        actor: adminActor,
        returnTo: null,
        expiresAt: new Date(clock.now().getTime() + 10 * MINUTE),
      });

      it('returns the flow once and refuses the same state a second time', async () => {
        await store.oauthStates.create(input());
        const first = await store.oauthStates.consume(state, 'browser-1');
        expect(first.ok).toBe(true);
        if (first.ok) {
          expect(first.value.codeVerifier).toBe(input().codeVerifier);
          expect(first.value.actor).toEqual(adminActor);
          expect(first.value.usedAt).toEqual(clock.now());
        }
        expect(await store.oauthStates.consume(state, 'browser-1')).toEqual({ ok: false, reason: 'used' });
      });

      it('lets exactly one of many simultaneous callbacks use a state', async () => {
        await store.oauthStates.create(input());
        const results = await Promise.all(
          Array.from({ length: 12 }, () => store.oauthStates.consume(state, 'browser-1')),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok && r.reason === 'used')).toHaveLength(11);
      });

      it('refuses an expired, unknown or other-browser state, without burning it for the right browser', async () => {
        await store.oauthStates.create(input());
        expect(await store.oauthStates.consume('st_unknown', 'browser-1')).toEqual({ ok: false, reason: 'unknown' });
        expect(await store.oauthStates.consume(state, 'browser-2')).toEqual({ ok: false, reason: 'browser_mismatch' });
        clock.advance(10 * MINUTE);
        expect(await store.oauthStates.consume(state, 'browser-1')).toEqual({ ok: false, reason: 'expired' });
      });

      it('stores only a hash of the state and purges expired ones', async () => {
        await store.oauthStates.create(input());
        const rows = await db.all('SELECT state_hash FROM oauth_states');
        expect(rows[0]?.state_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(await store.oauthStates.purgeExpired(clock.now())).toBe(0);
        clock.advance(11 * MINUTE);
        expect(await store.oauthStates.purgeExpired(clock.now())).toBe(1);
      });
    });

    describe('sessions', () => {
      const principal = {
        kind: 'local' as const,
        id: 'usr_1',
        displayName: 'Break Glass',
        role: 'admin' as const,
        orgId: null,
      };
      const create = (id = 'session-1') =>
        store.sessions.create({
          id,
          principal,
          csrfSecret: 'csrf-secret-value',
          idleExpiresAt: new Date(clock.now().getTime() + 30 * MINUTE),
          absoluteExpiresAt: new Date(clock.now().getTime() + 12 * HOUR),
          reauthenticatedAt: clock.now(),
        });

      it('finds a live session and its CSRF secret', async () => {
        await create();
        const found = await store.sessions.find('session-1');
        expect(found?.principal).toEqual(principal);
        expect(found?.csrfSecret).toBe('csrf-secret-value');
        expect(await store.sessions.find('session-2')).toBeNull();
      });

      it('ends a session after the idle timeout unless it was used', async () => {
        await create();
        clock.advance(29 * MINUTE);
        await store.sessions.touch('session-1', new Date(clock.now().getTime() + 30 * MINUTE));
        clock.advance(29 * MINUTE);
        expect(await store.sessions.find('session-1')).not.toBeNull();
        clock.advance(2 * MINUTE);
        expect(await store.sessions.find('session-1')).toBeNull();
      });

      it('ends a session at its absolute expiry even when it is in use', async () => {
        await create();
        for (let i = 0; i < 25; i += 1) {
          clock.advance(29 * MINUTE);
          await store.sessions.touch('session-1', new Date(clock.now().getTime() + 30 * MINUTE));
        }
        expect(clock.now().getTime()).toBeGreaterThan(Date.parse('2026-11-28T22:00:00.000Z'));
        expect(await store.sessions.find('session-1')).toBeNull();
        expect(await store.sessions.purgeExpired()).toBe(1);
      });

      it('records re-authentication and ends all sessions of a user', async () => {
        await create('session-1');
        await create('session-2');
        clock.advance(MINUTE);
        await store.sessions.markReauthenticated('session-1');
        expect((await store.sessions.find('session-1'))?.reauthenticatedAt).toEqual(clock.now());
        expect(await store.sessions.deleteForPrincipal('local', 'usr_1')).toBe(2);
        expect(await store.sessions.find('session-2')).toBeNull();
      });
    });

    describe('local users', () => {
      const newUser = (username = 'breakglass') => ({
        username,
        displayName: 'Break Glass',
        role: 'admin' as const,
        passwordHash: 'scrypt$N=16384$salt$hash',
        totpSecret: 'JBSWY3DPEHPK3PXP',
      });

      it('refuses a second user with the same username in another case', async () => {
        await store.localUsers.create(newUser('BreakGlass'));
        await expect(store.localUsers.create(newUser('breakglass'))).rejects.toBeInstanceOf(StoreConflictError);
        expect((await store.localUsers.findByUsername('BREAKGLASS'))?.username).toBe('BreakGlass');
      });

      it('locks a user after repeated failures and unlocks on success', async () => {
        const user = await store.localUsers.create(newUser());
        for (let i = 1; i <= 4; i += 1) {
          expect(await store.localUsers.recordFailedLogin(user.id, 5, 15 * MINUTE)).toEqual({
            failedAttempts: i,
            lockedUntil: null,
          });
        }
        const locked = await store.localUsers.recordFailedLogin(user.id, 5, 15 * MINUTE);
        expect(locked).toEqual({ failedAttempts: 5, lockedUntil: new Date(clock.now().getTime() + 15 * MINUTE) });
        await store.localUsers.recordSuccessfulLogin(user.id);
        const after = await store.localUsers.get(user.id);
        expect(after).toMatchObject({ failedAttempts: 0, lockedUntil: null, lastLoginAt: clock.now() });
      });

      it('counts only active, unexpired admins as break-glass access', async () => {
        const admin = await store.localUsers.create(newUser('admin1'));
        await store.localUsers.create({ ...newUser('viewer1'), role: 'viewer' });
        await store.localUsers.create({ ...newUser('temp'), expiresAt: new Date(clock.now().getTime() + HOUR) });
        expect(await store.localUsers.countActiveAdmins()).toBe(2);
        clock.advance(2 * HOUR);
        expect(await store.localUsers.countActiveAdmins()).toBe(1);
        await store.localUsers.update(admin.id, { active: false });
        expect(await store.localUsers.countActiveAdmins()).toBe(0);
      });

      it('updates the TOTP secret and returns it decrypted', async () => {
        const user = await store.localUsers.create(newUser());
        expect(user.totpSecret).toBe('JBSWY3DPEHPK3PXP');
        const updated = await store.localUsers.update(user.id, { totpSecret: 'KRSXG5CTMVRXEZLU', totpEnabled: true });
        expect(updated).toMatchObject({ totpSecret: 'KRSXG5CTMVRXEZLU', totpEnabled: true });
        const cleared = await store.localUsers.update(user.id, { totpSecret: null, totpEnabled: false });
        expect(cleared.totpSecret).toBeNull();
        expect((await store.localUsers.list()).map((u) => u.username)).toEqual(['breakglass']);
      });
    });

    describe('link keys', () => {
      const key = (keyId: string, secret: string) => ({
        keyId,
        orgId: '00D5g000004XyZaEAK',
        secret,
        createdBy: adminActor,
      });

      it('authenticates only the right secret of a live key', async () => {
        await store.linkKeys.create(key('key1', 'secret-1'));
        expect((await store.linkKeys.authenticate('key1', 'secret-1'))?.orgId).toBe('00D5g000004XyZaEAK');
        expect((await store.linkKeys.get('key1'))?.lastUsedAt).toEqual(clock.now());
        expect(await store.linkKeys.authenticate('key1', 'secret-2')).toBeNull();
        expect(await store.linkKeys.authenticate('key9', 'secret-1')).toBeNull();
        expect(await store.linkKeys.revoke('key1')).toBe(true);
        expect(await store.linkKeys.authenticate('key1', 'secret-1')).toBeNull();
      });

      it('keeps a rotated key working during the grace period only', async () => {
        await store.linkKeys.create(key('old', 'old-secret'));
        const replacement = await store.linkKeys.rotate(
          'old',
          key('new', 'new-secret'),
          new Date(clock.now().getTime() + 10 * MINUTE),
        );
        expect(replacement.rotatedFrom).toBe('old');
        clock.advance(9 * MINUTE);
        expect(await store.linkKeys.authenticate('old', 'old-secret')).not.toBeNull();
        clock.advance(2 * MINUTE);
        expect(await store.linkKeys.authenticate('old', 'old-secret')).toBeNull();
        expect(await store.linkKeys.authenticate('new', 'new-secret')).not.toBeNull();
      });

      it('revokes every key on Reset', async () => {
        await store.linkKeys.create(key('a', 's1'));
        await store.linkKeys.create(key('b', 's2'));
        expect(await store.linkKeys.revokeAll()).toBe(2);
        expect(await store.linkKeys.list()).toEqual([]);
        expect(await store.linkKeys.list({ includeRevoked: true })).toHaveLength(2);
        const rows = await db.all('SELECT secret_hash FROM link_keys');
        expect(rows.map((r) => r.secret_hash)).not.toContain('s1');
      });
    });

    describe('connect links', () => {
      it('opens once and then refuses reuse and expiry', async () => {
        const link = { orgId: '00D5g000004XyZaEAK', environment: 'sandbox' as const, mode: 'manual' as const };
        await store.connectLinks.create({
          token: 'link-1',
          ...link,
          expiresAt: new Date(clock.now().getTime() + 5 * MINUTE),
        });
        await store.connectLinks.create({
          token: 'link-2',
          ...link,
          expiresAt: new Date(clock.now().getTime() + 5 * MINUTE),
        });
        const used = await store.connectLinks.consume('link-1');
        expect(used.ok && used.value).toMatchObject(link);
        expect(await store.connectLinks.consume('link-1')).toEqual({ ok: false, reason: 'used' });
        clock.advance(5 * MINUTE);
        expect(await store.connectLinks.consume('link-2')).toEqual({ ok: false, reason: 'expired' });
      });
    });

    describe('jobs', () => {
      const schedule = { kind: 'system' as const, id: 'scheduler', name: 'Scheduled scan' };
      const scan = { kind: 'scan' as const, orgId: '00D5g000004XyZaEAK', trigger: schedule };

      it('returns the active job instead of starting a second one of the same kind', async () => {
        const first = await store.jobs.enqueue(scan);
        const second = await store.jobs.enqueue({ ...scan, trigger: { kind: 'org', id: 'key_1', name: 'GRAX Setup' } });
        expect(first.created).toBe(true);
        expect(first.job.trigger).toEqual(schedule);
        expect(second).toEqual({ created: false, job: first.job });
        const verify = await store.jobs.enqueue({ ...scan, kind: 'verify' });
        expect(verify.created).toBe(true);
      });

      it('gives a queued job to one runner and lets another take it over after the lease runs out', async () => {
        const { job } = await store.jobs.enqueue(scan);
        const claims = await Promise.all([
          store.jobs.claim('runner-a', MINUTE),
          store.jobs.claim('runner-b', MINUTE),
          store.jobs.claim('runner-c', MINUTE),
        ]);
        const winners = claims.filter((c) => c !== null);
        expect(winners).toHaveLength(1);
        const owner = winners[0]?.leaseOwner ?? '';
        expect(
          await store.jobs.recordProgress(job.id, owner, { progress: { done: 1, total: 3, step: 'Reading' } }),
        ).toBe(true);
        expect(await store.jobs.recordProgress(job.id, 'runner-x', { apiCalls: 9 })).toBe(false);

        clock.advance(2 * MINUTE);
        const takeover = await store.jobs.claim('runner-d', MINUTE);
        expect(takeover).toMatchObject({ id: job.id, leaseOwner: 'runner-d', attempts: 2 });
        expect(takeover?.progress).toEqual({ done: 1, total: 3, step: 'Reading' });
        expect(await store.jobs.finish(job.id, owner, { state: 'succeeded', result: {} })).toBe(false);
        const error = { code: 'X', message: 'Stopped: the lease was lost.', actions: ['Start it again.'] };
        expect(await store.jobs.finish(job.id, 'runner-d', { state: 'failed', error })).toBe(true);
        expect(await store.jobs.get(job.id)).toMatchObject({ state: 'failed', error, leaseOwner: null });
      });

      it('claims only the requested kinds and starts a new job once the last one finished', async () => {
        await store.jobs.enqueue(scan);
        expect(await store.jobs.claim('runner', MINUTE, ['verify'])).toBeNull();
        const claimed = await store.jobs.claim('runner', MINUTE, ['scan', 'autofix']);
        expect(claimed?.state).toBe('running');
        await store.jobs.renewLease(claimed?.id ?? '', 'runner', 5 * MINUTE);
        clock.advance(2 * MINUTE);
        expect(await store.jobs.claim('other', MINUTE)).toBeNull();
        await store.jobs.finish(claimed?.id ?? '', 'runner', { state: 'succeeded', result: { findings: 0 } });
        clock.advance(MINUTE);
        const next = await store.jobs.enqueue(scan);
        expect(next.created).toBe(true);
        const latest = await store.jobs.latestByKind(scan.orgId);
        expect(latest.map((j) => [j.kind, j.state])).toEqual([['scan', 'queued']]);
        expect((await store.jobs.list({ kind: 'scan' })).map((j) => j.state)).toEqual(['queued', 'succeeded']);
      });

      it("lists an org's newest job of each kind even when another org ran a later job of that kind", async () => {
        const otherOrg = '00D5g000009AbCdEAK';
        const runs: [string, 'verify' | 'scan'][] = [
          [scan.orgId, 'verify'],
          [scan.orgId, 'scan'],
          [otherOrg, 'verify'],
        ];
        for (const [orgId, kind] of runs) {
          const { job } = await store.jobs.enqueue({ kind, orgId, trigger: schedule });
          await store.jobs.claim('runner', MINUTE, [kind]);
          await store.jobs.finish(job.id, 'runner', { state: 'succeeded', result: {} });
          clock.advance(MINUTE);
        }
        const latest = await store.jobs.latestByKind(scan.orgId);
        expect(latest.map((j) => [j.kind, j.orgId])).toEqual([
          ['scan', scan.orgId],
          ['verify', scan.orgId],
        ]);
        expect((await store.jobs.latestByKind(otherOrg)).map((j) => j.kind)).toEqual(['verify']);
      });
    });

    describe('audit events', () => {
      it('lists events newest first with filters and paging', async () => {
        for (const action of ['connection.connected', 'user.created', 'connection.reset'] as const) {
          await store.audit.append({ actor: adminActor, action, orgId: '00D5g000004XyZaEAK', details: { n: action } });
          clock.advance(1000);
        }
        const all = await store.audit.list();
        expect(all.map((e) => e.action)).toEqual(['connection.reset', 'user.created', 'connection.connected']);
        expect(all[0]?.actor).toEqual(adminActor);
        expect(all[0]?.details).toEqual({ n: 'connection.reset' });
        const older = await store.audit.list({ beforeSeq: all[0]?.seq ?? 0, limit: 1 });
        expect(older.map((e) => e.action)).toEqual(['user.created']);
        expect((await store.audit.list({ action: 'user.created' })).length).toBe(1);
      });

      it('refuses to change or delete an audit event, even with direct SQL', async () => {
        await store.audit.append({ actor: adminActor, action: 'connection.connected' });
        // Matched by message: under Jest, better-sqlite3 may raise its errors from another test file's realm.
        const appendOnly = { message: expect.stringMatching(/append-only/) };
        await expect(db.run("UPDATE audit_events SET action = 'forged'")).rejects.toMatchObject(appendOnly);
        await expect(db.run('DELETE FROM audit_events')).rejects.toMatchObject(appendOnly);
        expect((await store.audit.list()).map((e) => e.action)).toEqual(['connection.connected']);
      });
    });

    describe('settings', () => {
      it('stores JSON values by key', async () => {
        expect(await store.settings.get('sso.roleMappings')).toBeUndefined();
        await store.settings.set('sso.roleMappings', [{ permissionSet: 'GRAX_Admins', role: 'admin' }]);
        await store.settings.set('scan.autoFix', false);
        await store.settings.set('scan.autoFix', true);
        expect(await store.settings.get('scan.autoFix')).toBe(true);
        expect(await store.settings.list()).toEqual({
          'scan.autoFix': true,
          'sso.roleMappings': [{ permissionSet: 'GRAX_Admins', role: 'admin' }],
        });
        expect(await store.settings.delete('scan.autoFix')).toBe(true);
        expect(await store.settings.delete('scan.autoFix')).toBe(false);
      });
    });

    describe('API call accounting', () => {
      it('counts every increment when many happen at once', async () => {
        await Promise.all(Array.from({ length: 60 }, () => store.apiCalls.increment('00D1')));
        expect(await store.apiCalls.increment('00D1', 0)).toBe(60);
      });

      it('keeps hourly buckets per org', async () => {
        const start = clock.now();
        await store.apiCalls.increment('00D1', 5);
        await store.apiCalls.increment('00D2', 7);
        clock.advance(HOUR);
        await store.apiCalls.increment('00D1', 3);
        expect(await store.apiCalls.totalSince('00D1', start)).toBe(8);
        expect(await store.apiCalls.totalSince('00D1', clock.now())).toBe(3);
        const hourly = await store.apiCalls.hourly('00D1', start);
        expect(hourly.map((b) => b.count)).toEqual([5, 3]);
        expect(hourly[1]?.hourStart.getTime()).toBe(hourly[0]!.hourStart.getTime() + HOUR);
      });
    });

    describe('locks', () => {
      it('lets one owner hold a lock until it expires or is released', async () => {
        expect(await store.locks.acquire('scheduler', 'replica-a', MINUTE)).toBe(true);
        expect(await store.locks.acquire('scheduler', 'replica-b', MINUTE)).toBe(false);
        expect(await store.locks.acquire('scheduler', 'replica-a', MINUTE)).toBe(true);
        expect(await store.locks.holder('scheduler')).toBe('replica-a');
        clock.advance(2 * MINUTE);
        expect(await store.locks.holder('scheduler')).toBeNull();
        expect(await store.locks.acquire('scheduler', 'replica-b', MINUTE)).toBe(true);
        expect(await store.locks.release('scheduler', 'replica-a')).toBe(false);
        expect(await store.locks.release('scheduler', 'replica-b')).toBe(true);
        expect(await store.locks.acquire('scheduler', 'replica-a', MINUTE)).toBe(true);
      });

      it('gives a free lock to exactly one of several replicas asking at once', async () => {
        const results = await Promise.all(
          ['a', 'b', 'c', 'd', 'e'].map((replica) => store.locks.acquire('scheduler', replica, MINUTE)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('key rotation', () => {
      it('re-encrypts every secret with the new first key so the old key can be dropped', async () => {
        const oldSpec = keySpec('k1');
        const newSpec = keySpec('k2');
        const oldStore = createStore(db, new SecretBox(parseKeyRing(oldSpec)), clock);
        await oldStore.connections.activate(sampleConnection());
        await oldStore.localUsers.create({
          username: 'u',
          displayName: 'U',
          role: 'admin',
          passwordHash: 'h',
          totpSecret: 'JBSWY3DPEHPK3PXP',
        });
        await oldStore.sessions.create({
          id: 's',
          principal: { kind: 'local', id: 'u', displayName: 'U', role: 'admin', orgId: null },
          csrfSecret: 'c',
          idleExpiresAt: new Date(clock.now().getTime() + HOUR),
          absoluteExpiresAt: new Date(clock.now().getTime() + HOUR),
          reauthenticatedAt: null,
        });

        const rotated = createStore(db, new SecretBox(parseKeyRing(`${newSpec},${oldSpec}`)), clock);
        const report = await rotated.reencryptSecrets();
        expect(report).toMatchObject({ total: 4, reencrypted: 4 });
        expect(report.columns.find((c) => c.column === 'refresh_token_enc')).toEqual({
          table: 'connections',
          column: 'refresh_token_enc',
          total: 1,
          reencrypted: 1,
        });
        expect((await rotated.reencryptSecrets()).reencrypted).toBe(0);

        const newOnly = createStore(db, new SecretBox(parseKeyRing(newSpec)), clock);
        expect((await newOnly.connections.getActive())?.refreshToken).toBe(sampleConnection().refreshToken);
        expect((await newOnly.localUsers.findByUsername('u'))?.totpSecret).toBe('JBSWY3DPEHPK3PXP');
        await expect(oldStore.connections.getActive()).rejects.toThrow(/key "k2"/);
      });
    });

    describeTransactionContract(makeDatabase);
    describeSharedCountersContract(makeDatabase);
  });
}
