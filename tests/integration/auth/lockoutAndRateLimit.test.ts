/**
 * Brute force: a local user is locked for 15 minutes after 5 failed passwords or codes (without telling a guesser),
 * the credential forms stop answering a client IP after 10 failures in 15 minutes, and Log in with Salesforce after 60
 * starts in 10 minutes (each start stores an OAuth state).
 */
import type { AuthWorld } from '@test-support/worlds/authWorld';
import { PASSWORD, startAuthWorld, textOf } from '@test-support/worlds/authWorld';

const CREDENTIALS_FAILED = 'Those credentials did not work.';

describe('lockout after 5 failed passwords', () => {
  let world: AuthWorld;
  beforeAll(async () => {
    world = await startAuthWorld();
  });
  afterAll(() => world.stop());

  it('locks the user for 15 minutes, even against the right password, and unlocks afterwards', async () => {
    const user = await world.seedLocalUser({ username: 'guessed', enrolled: true });
    const guesser = world.authBrowser();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const answer = await guesser.passwordStep('guessed', `wrong password ${attempt}`);
      expect(answer.status).toBe(401);
    }
    const locked = await world.service.store.localUsers.get(user.id);
    expect(locked?.lockedUntil?.getTime()).toBe(world.clock.now().getTime() + 15 * 60_000);
    expect((await world.auditOf('login.local_locked'))[0]).toMatchObject({
      target: 'guessed',
      details: { failedAttempts: 5 },
    });

    const right = await guesser.passwordStep('guessed', PASSWORD);
    expect(right.status).toBe(401);
    expect(textOf(right.html)).toContain(CREDENTIALS_FAILED);
    expect(right.html).not.toContain('name="challenge"');

    const admin = await world.seedLocalUser({ username: 'lock.viewer.admin', enrolled: true });
    const adminBrowser = world.authBrowser();
    await adminBrowser.localLogin('lock.viewer.admin', PASSWORD, () => world.codeFor(admin));
    expect(textOf((await adminBrowser.get('/web/settings/users')).html)).toMatch(
      /guessed \(local\) Admin Locked until \d\d:\d\d UTC/,
    );

    world.clock.advance(15 * 60_000 + 1000);
    const owner = world.authBrowser();
    expect((await owner.localLogin('guessed', PASSWORD, () => world.codeFor(user))).status).toBe(303);
    expect((await world.service.store.localUsers.get(user.id))?.failedAttempts).toBe(0);
  });
});

describe('lockout after 5 failed codes', () => {
  let world: AuthWorld;
  beforeAll(async () => {
    world = await startAuthWorld();
  });
  afterAll(() => world.stop());

  it('counts wrong codes too, and tells someone who knows the password that the user is locked', async () => {
    const user = await world.seedLocalUser({ username: 'code.guessed', enrolled: true });
    const browser = world.authBrowser();
    let page = await browser.passwordStep('code.guessed', PASSWORD);
    const good = world.codeFor(user);
    const wrong = good === '999999' ? '000000' : '999999';
    for (let attempt = 1; attempt <= 4; attempt++) {
      page = await browser.codeStep(page, wrong);
      expect(page.status).toBe(401);
    }
    const fifth = await browser.codeStep(page, wrong);
    expect(fifth.status).toBe(403);
    expect(textOf(fifth.html)).toMatch(/Too many failed attempts: this user is locked until \d\d:\d\d UTC/);
    expect(await browser.whoAmI()).toBeNull();
  });
});

describe('rate limit per client IP', () => {
  let world: AuthWorld;
  beforeAll(async () => {
    world = await startAuthWorld();
  });
  afterAll(() => world.stop());

  it('answers 429 after 10 failed attempts from one client, even to the right password', async () => {
    const user = await world.seedLocalUser({ username: 'innocent', enrolled: true });
    const browser = world.authBrowser();
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect((await browser.passwordStep(`nobody${attempt}`, 'guess guess guess')).status).toBe(401);
    }
    const limited = await browser.passwordStep('innocent', PASSWORD);
    expect(limited.status).toBe(429);
    expect(textOf(limited.html)).toContain('There were too many attempts from your network in a short time.');
    const code = await browser.submit('/login/code', { challenge: 'x', code: world.codeFor(user) });
    expect(code.status).toBe(429);
    expect(await browser.whoAmI()).toBeNull();
  });
});

describe('Log in with Salesforce starts per client IP', () => {
  let world: AuthWorld;
  beforeAll(async () => {
    world = await startAuthWorld();
  });
  afterAll(() => world.stop());

  it('answers 429 after 60 starts in 10 minutes instead of sending the browser to Salesforce', async () => {
    const browser = world.authBrowser();
    for (let start = 1; start <= 60; start++) {
      expect((await browser.submit('/login/sso', {})).status).toBe(303);
    }
    const limited = await browser.submit('/login/sso', {});
    expect(limited.status).toBe(429);
    expect(limited.location).toBeNull();
    expect(textOf(limited.html)).toContain('There were too many attempts from your network in a short time.');
  });
});
