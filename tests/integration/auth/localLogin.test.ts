/**
 * Log in with credentials: first-login authenticator setup (QR code and key, confirmed before any session), login with
 * a TOTP code, wrong and replayed codes, and the same answer for unknown users and wrong passwords.
 */
import type { AuthWorld } from '@test-support/worlds/authWorld';
import { enrolmentSecretOf, PASSWORD, startAuthWorld, textOf } from '@test-support/worlds/authWorld';

const STEP = 30_000;

let world: AuthWorld;
beforeAll(async () => {
  world = await startAuthWorld();
});
afterAll(() => world.stop());

describe('Log in with credentials', () => {
  it('sets up the authenticator app at the first login and starts the session only after a good code', async () => {
    await world.seedLocalUser({ username: 'first.timer', role: 'admin' });
    const browser = world.authBrowser();
    const setup = await browser.passwordStep('first.timer', PASSWORD);
    expect(setup.status).toBe(200);
    const text = textOf(setup.html);
    expect(text).toContain('Set up two-step verification');
    expect(setup.html).toMatch(
      /<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="QR code for your authenticator app"/,
    );
    const secret = enrolmentSecretOf(setup);
    expect(browser.sessionId).toBeUndefined();
    expect((await world.service.store.localUsers.findByUsername('first.timer'))?.totpEnabled).toBe(false);

    const wrong = await browser.codeStep(setup, '000000' === world.codeFor(secret) ? '111111' : '000000');
    expect(wrong.status).toBe(401);
    expect(textOf(wrong.html)).toContain('That code is not correct or was already used.');
    expect(enrolmentSecretOf(wrong)).toBe(secret);
    expect(browser.sessionId).toBeUndefined();

    const done = await browser.codeStep(wrong, world.codeFor(secret));
    expect(done).toMatchObject({ status: 303, location: '/web' });
    expect(await browser.whoAmI()).toEqual({ name: 'first.timer (local)', role: 'Admin' });
    expect((await world.service.store.localUsers.findByUsername('first.timer'))?.totpEnabled).toBe(true);
    expect((await world.auditOf('user.totp_enrolled'))[0]).toMatchObject({ target: 'first.timer' });
    expect((await world.auditOf('login.local'))[0]).toMatchObject({
      actor: { kind: 'local', name: 'first.timer (local)' },
      target: 'first.timer',
    });
    expect(world.logText()).not.toContain(secret);
  });

  it('logs in an enrolled user with password and code, without showing the key again', async () => {
    const user = await world.seedLocalUser({ username: 'enrolled.viewer', role: 'viewer', enrolled: true });
    const browser = world.authBrowser();
    const step = await browser.passwordStep('enrolled.viewer', PASSWORD);
    expect(textOf(step.html)).toContain('Enter the 6-digit code from your authenticator app.');
    expect(step.html).not.toContain('grax-totp-secret');
    const done = await browser.codeStep(step, world.codeFor(user));
    expect(done.status).toBe(303);
    expect(await browser.whoAmI()).toEqual({ name: 'enrolled.viewer (local)', role: 'Viewer' });
  });

  it('refuses a wrong code and starts no session', async () => {
    const user = await world.seedLocalUser({ username: 'wrong.code', enrolled: true });
    world.clock.advance(STEP);
    const browser = world.authBrowser();
    const step = await browser.passwordStep('wrong.code', PASSWORD);
    const good = world.codeFor(user);
    const answer = await browser.codeStep(step, good === '123456' ? '654321' : '123456');
    expect(answer.status).toBe(401);
    expect(textOf(answer.html)).toContain('That code is not correct or was already used.');
    expect(await browser.whoAmI()).toBeNull();
    expect((await world.service.store.localUsers.get(user.id))?.failedAttempts).toBe(1);
  });

  it('refuses a code that was already used, even in another browser, and accepts the next one', async () => {
    const user = await world.seedLocalUser({ username: 'replay.target', enrolled: true });
    world.clock.advance(STEP);
    const code = world.codeFor(user);
    const first = world.authBrowser();
    expect((await first.localLogin('replay.target', PASSWORD, () => code)).status).toBe(303);

    const attacker = world.authBrowser();
    const step = await attacker.passwordStep('replay.target', PASSWORD);
    const replayed = await attacker.codeStep(step, code);
    expect(replayed.status).toBe(401);
    expect(await attacker.whoAmI()).toBeNull();
    expect((await world.auditOf('login.local_failed'))[0]?.details).toMatchObject({ reason: 'replayed_code' });

    world.clock.advance(STEP);
    expect((await attacker.codeStep(replayed, world.codeFor(user))).status).toBe(303);
  });

  it('gives the same answer for an unknown username and a wrong password', async () => {
    await world.seedLocalUser({ username: 'known.user', enrolled: true });
    const unknown = await world.authBrowser().passwordStep('no.such.user', PASSWORD);
    const wrong = await world.authBrowser().passwordStep('known.user', 'not the right password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const message = 'Those credentials did not work. Check the username and password and try again.';
    expect(textOf(unknown.html)).toContain(message);
    expect(textOf(wrong.html).replace('known.user', 'X')).toBe(textOf(unknown.html).replace('no.such.user', 'X'));
    expect((await world.auditOf('login.local_failed')).slice(0, 2).map((e) => e.details.reason)).toEqual([
      'wrong_password',
      'unknown_user',
    ]);
  });

  it('accepts a challenge once: after it started a session, the same challenge with a fresh code is refused', async () => {
    const user = await world.seedLocalUser({ username: 'challenge.once', enrolled: true });
    world.clock.advance(STEP);
    const browser = world.authBrowser();
    const step = await browser.passwordStep('challenge.once', PASSWORD);
    expect((await browser.codeStep(step, world.codeFor(user))).status).toBe(303);
    expect((await browser.submit('/logout', {})).status).toBe(303);
    expect(await browser.whoAmI()).toBeNull();

    world.clock.advance(STEP);
    const again = await browser.codeStep(step, world.codeFor(user));
    expect(again.status).toBe(400);
    expect(textOf(again.html)).toContain('Enter your username and password again.');
    expect(await browser.whoAmI()).toBeNull();
  });

  it('refuses a code step whose challenge was tampered with or came from another browser', async () => {
    const user = await world.seedLocalUser({ username: 'challenge.owner', enrolled: true });
    world.clock.advance(STEP);
    const owner = world.authBrowser();
    const step = await owner.passwordStep('challenge.owner', PASSWORD);
    const challenge = /name="challenge" value="([^"]+)"/.exec(step.html)?.[1] ?? '';
    const tampered = await owner.submit('/login/code', {
      challenge: `${challenge.slice(0, 40)}${challenge[40] === 'A' ? 'B' : 'A'}${challenge.slice(41)}`,
      code: world.codeFor(user),
    });
    expect(tampered.status).toBe(400);
    expect(await owner.whoAmI()).toBeNull();
    const other = world.authBrowser();
    const stolen = await other.codeStep(step, world.codeFor(user));
    expect(stolen.status).toBe(400);
    expect(textOf(stolen.html)).toContain('Enter your username and password again.');
    expect(await other.whoAmI()).toBeNull();
  });
});
