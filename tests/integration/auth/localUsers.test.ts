/**
 * Settings > Users: an SSO admin creates a local break-glass user; admins deactivate (sessions end at once),
 * reactivate, set a last day, reset two-step verification and passwords; expired and deactivated users are told why;
 * every change is audited; changes need a recent re-authentication; the /login banner asks for a local admin.
 */
import { DEMO_USERS } from '@grax-connect/org-emulator';
import type { AuthBrowser, AuthWorld } from '@test-support/worlds/authWorld';
import { enrolmentSecretOf, PASSWORD, startAuthWorld, textOf } from '@test-support/worlds/authWorld';

const acme = DEMO_USERS.acmeProduction;
const STEP = 30_000;
const NO_ADMIN_BANNER = 'Set up a local user before resetting GRAX if access is needed.';

let world: AuthWorld;
let admin: AuthBrowser;
beforeAll(async () => {
  world = await startAuthWorld();
});
beforeEach(async () => {
  admin = world.authBrowser();
  await admin.ssoLogin(acme.ssoAdmin);
});
afterAll(() => world.stop());

/** Posts the new-user form of Settings > Users as the signed-in admin. */
function submitNewUser(fields: {
  username: string;
  password: string;
  displayName?: string;
  role?: string;
  lastDay?: string;
}) {
  return admin.submit('/web/settings/users', { displayName: 'New User', role: 'viewer', lastDay: '', ...fields });
}

async function userIdOf(username: string): Promise<string> {
  const user = await world.service.store.localUsers.findByUsername(username);
  if (!user) throw new Error(`no local user ${username}`);
  return user.id;
}

describe('Settings > Users', () => {
  it('asks for a local admin on /login until one exists, and creates one from the form', async () => {
    expect(textOf((await world.authBrowser().get('/login')).html)).toContain(NO_ADMIN_BANNER);
    const list = await admin.get('/web/settings/users');
    expect(textOf(list.html)).toContain('There are no local users yet.');

    const invalid = await submitNewUser({
      username: 'break.glass',
      displayName: '',
      role: 'admin',
      password: 'break.glass!',
      lastDay: '2020-13-01',
    });
    expect(invalid.status).toBe(400);
    const problems = textOf(invalid.html);
    expect(problems).toContain('There are 3 problems with this form');
    expect(problems).toContain('Enter a display name of up to 80 characters.');
    expect(problems).toContain('The password must not be the username or the username with a few characters added.');
    expect(problems).toContain('Enter the last day as YYYY-MM-DD');
    expect(invalid.html).toContain('value="break.glass"');
    expect(invalid.html).not.toContain('break.glass!');

    const created = await admin.submit('/web/settings/users', {
      username: 'break.glass',
      displayName: 'Break Glass',
      role: 'admin',
      password: PASSWORD,
      lastDay: '',
    });
    expect(created.status).toBe(303);
    const detail = await admin.get(created.location ?? '');
    expect(textOf(detail.html)).toContain('User created.');
    expect(textOf(detail.html)).toContain('Not set up yet (at first login)');
    expect(textOf((await world.authBrowser().get('/login')).html)).not.toContain(NO_ADMIN_BANNER);

    const [event] = await world.auditOf('user.created');
    expect(event).toMatchObject({
      actor: { kind: 'sso', name: 'Ada Admin' },
      target: 'break.glass',
      details: { role: 'admin' },
    });
    expect(JSON.stringify(event)).not.toContain(PASSWORD);
    const stored = await world.service.store.localUsers.findByUsername('break.glass');
    expect(stored?.passwordHash).toMatch(/^\$scrypt\$v=1\$/);

    const duplicate = await admin.submit('/web/settings/users', {
      username: 'BREAK.GLASS',
      displayName: 'Again',
      role: 'viewer',
      password: PASSWORD,
    });
    expect(duplicate.status).toBe(400);
    expect(textOf(duplicate.html)).toContain('A local user named BREAK.GLASS already exists.');
  });

  it('lists users with their status, two-step verification and last day', async () => {
    await world.seedLocalUser({ username: 'listed.user', role: 'viewer', enrolled: true });
    await world.seedLocalUser({ username: 'listed.expired', expiresAt: new Date(world.clock.now().getTime() - 1000) });
    const text = textOf((await admin.get('/web/settings/users')).html);
    expect(text).toMatch(/listed\.expired listed\.expired \(local\) Admin Expired Not set up yet/);
    expect(text).toMatch(/listed\.user listed\.user \(local\) Viewer Active Set up No expiry Never/);
  });

  it('refuses an expired user after the right password, saying it expired', async () => {
    const expiredAt = new Date(Date.UTC(2026, 0, 1));
    const user = await world.seedLocalUser({ username: 'old.contractor', enrolled: true, expiresAt: expiredAt });
    const answer = await world.authBrowser().passwordStep(user.username, PASSWORD);
    expect(answer.status).toBe(403);
    expect(textOf(answer.html)).toContain('This local user expired on 2026-01-01. Ask a GRAX admin to extend it');
  });

  it('sets and clears a last day', async () => {
    const id = await userIdOf('listed.user');
    const past = await admin.submit(`/web/settings/users/${id}/last-day`, { lastDay: '2001-01-01' });
    expect(past.status).toBe(400);
    expect(textOf(past.html)).toContain('Choose a last day that is today or later (UTC)');
    const saved = await admin.submit(`/web/settings/users/${id}/last-day`, { lastDay: '2099-12-31' });
    expect(saved.status).toBe(303);
    expect(textOf((await admin.get(saved.location ?? '')).html)).toContain('Last day 2099-12-31');
    expect((await world.service.store.localUsers.get(id))?.expiresAt?.toISOString()).toBe('2100-01-01T00:00:00.000Z');
    await admin.submit(`/web/settings/users/${id}/last-day`, { lastDay: '' });
    expect((await world.service.store.localUsers.get(id))?.expiresAt).toBeNull();
    expect((await world.auditOf('user.expiry_changed')).map((e) => e.details.lastDay)).toEqual([null, '2099-12-31']);
  });

  it('deactivates a user: their session ends at once and they are told why at the next login', async () => {
    const user = await world.seedLocalUser({ username: 'leaver', enrolled: true });
    world.clock.advance(STEP);
    const leaver = world.authBrowser();
    await leaver.localLogin('leaver', PASSWORD, () => world.codeFor(user));
    expect(await leaver.whoAmI()).not.toBeNull();

    const done = await admin.submit(`/web/settings/users/${user.id}/deactivate`, {});
    expect(done).toMatchObject({ status: 303, location: `/web/settings/users/${user.id}?done=deactivated` });
    expect(await leaver.whoAmI()).toBeNull();
    const again = await leaver.passwordStep('leaver', PASSWORD);
    expect(again.status).toBe(403);
    expect(textOf(again.html)).toContain('This local user is deactivated.');
    expect((await world.auditOf('user.deactivated'))[0]).toMatchObject({
      target: 'leaver',
      details: { sessionsEnded: 1 },
    });

    await admin.submit(`/web/settings/users/${user.id}/reactivate`, {});
    world.clock.advance(STEP);
    expect((await leaver.localLogin('leaver', PASSWORD, () => world.codeFor(user))).status).toBe(303);
  });

  it('resets two-step verification: sessions end and the next login sets up a new app', async () => {
    const user = await world.seedLocalUser({ username: 'lost.phone', enrolled: true });
    world.clock.advance(STEP);
    const owner = world.authBrowser();
    await owner.localLogin('lost.phone', PASSWORD, () => world.codeFor(user));
    await admin.submit(`/web/settings/users/${user.id}/reset-totp`, {});
    expect(await owner.whoAmI()).toBeNull();
    const setup = await owner.passwordStep('lost.phone', PASSWORD);
    expect(textOf(setup.html)).toContain('Set up two-step verification');
    expect(enrolmentSecretOf(setup)).not.toBe(user.totpSecret);
  });

  it('refuses a guessable password when creating a user or resetting one, saying why next to the field', async () => {
    const created = await submitNewUser({ username: 'guessable', password: 'password1234' });
    expect(created.status).toBe(400);
    const problems = textOf(created.html);
    expect(problems).toContain(
      'The password is too easy to guess: This is similar to a commonly used password. Add more words that are less common.',
    );
    expect(created.html).toMatch(
      /id="field-password"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-password"/,
    );
    expect(await world.service.store.localUsers.findByUsername('guessable')).toBeNull();

    const user = await world.seedLocalUser({ username: 'keeps.guessing', enrolled: true });
    const reset = await admin.submit(`/web/settings/users/${user.id}/reset-password`, { password: 'qwertyuiop123' });
    expect(reset.status).toBe(400);
    expect(textOf(reset.html)).toContain('The password is too easy to guess');
  });

  it('resets a password: sessions end, the old password stops working, the new one works', async () => {
    const user = await world.seedLocalUser({ username: 'forgetful', enrolled: true });
    const weak = await admin.submit(`/web/settings/users/${user.id}/reset-password`, { password: 'short' });
    expect(weak.status).toBe(400);
    expect(textOf(weak.html)).toContain('Use at least 12 characters for the password');
    const reset = await admin.submit(`/web/settings/users/${user.id}/reset-password`, {
      password: 'a brand new passphrase',
    });
    expect(reset.status).toBe(303);
    expect((await world.authBrowser().passwordStep('forgetful', PASSWORD)).status).toBe(401);
    world.clock.advance(STEP);
    const fresh = world.authBrowser();
    expect((await fresh.localLogin('forgetful', 'a brand new passphrase', () => world.codeFor(user))).status).toBe(303);
    const [event] = await world.auditOf('user.password_reset');
    expect(JSON.stringify(event)).not.toContain('a brand new passphrase');
  });

  it('does not let a local admin deactivate themselves', async () => {
    const user = await world.seedLocalUser({ username: 'self.admin', enrolled: true });
    world.clock.advance(STEP);
    const self = world.authBrowser();
    await self.localLogin('self.admin', PASSWORD, () => world.codeFor(user));
    const page = await self.get(`/web/settings/users/${user.id}`);
    expect(textOf(page.html)).toContain('You cannot deactivate yourself; ask another GRAX admin.');
    const answer = await self.submit(`/web/settings/users/${user.id}/deactivate`, {});
    expect(answer.status).toBe(409);
    expect((await world.service.store.localUsers.get(user.id))?.active).toBe(true);
  });

  it('asks for a fresh sign-in before changing users when the last one is over 5 minutes old', async () => {
    world.clock.advance(6 * 60_000);
    const answer = await admin.submit('/web/settings/users', {
      username: 'late.user',
      displayName: 'Late',
      role: 'viewer',
      password: PASSWORD,
    });
    expect(answer).toMatchObject({ status: 303, location: '/web/reauth?returnTo=%2Fweb%2Fsettings%2Fusers' });
    expect(await world.service.store.localUsers.findByUsername('late.user')).toBeNull();
  });
});
