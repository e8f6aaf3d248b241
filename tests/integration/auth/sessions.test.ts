/** Sessions after sign-in: idle and absolute expiry, logout, and the guards (anonymous -> /login, viewer -> 403). */
import { DEMO_USERS } from '@grax-connect/org-emulator';
import type { AuthWorld } from '@test-support/worlds/authWorld';
import { startAuthWorld, textOf } from '@test-support/worlds/authWorld';

const acme = DEMO_USERS.acmeProduction;
const MINUTE = 60_000;

let world: AuthWorld;
beforeAll(async () => {
  world = await startAuthWorld();
});
afterAll(() => world.stop());

describe('sessions', () => {
  it('ends a session after 30 idle minutes and sends the browser to /login, saying so', async () => {
    const browser = world.authBrowser();
    await browser.ssoLogin(acme.ssoAdmin);
    world.clock.advance(29 * MINUTE);
    expect(await browser.whoAmI()).toMatchObject({ role: 'Admin' });
    world.clock.advance(31 * MINUTE);
    const page = await browser.get('/web/audit');
    expect(page).toMatchObject({ status: 303, location: '/login?returnTo=%2Fweb%2Faudit&ended=1' });
    expect(browser.sessionId).toBeUndefined();
    const login = await browser.get(page.location ?? '');
    expect(textOf(login.html)).toContain('Your session ended. Log in again to continue.');
    expect(login.html).toContain('name="returnTo" value="/web/audit"');
  });

  it('ends a session 12 hours after sign-in however active it was', async () => {
    const browser = world.authBrowser();
    await browser.ssoLogin(acme.viewer);
    for (let elapsed = 0; elapsed < 11 * 60 + 30; elapsed += 25) {
      world.clock.advance(25 * MINUTE);
      expect(await browser.whoAmI()).toMatchObject({ role: 'Viewer' });
    }
    world.clock.advance(31 * MINUTE);
    expect(await browser.whoAmI()).toBeNull();
  });

  it('logs out: the session ends on the server, the cookie goes, and the audit log records it', async () => {
    const browser = world.authBrowser();
    await browser.ssoLogin(acme.viewer);
    const copied = browser.sessionId ?? '';
    const out = await browser.submit('/logout', {});
    expect(out).toMatchObject({ status: 303, location: '/login?loggedOut=1' });
    expect(browser.sessionId).toBeUndefined();
    expect(await world.service.store.sessions.find(copied)).toBeNull();
    expect(textOf((await browser.get('/login?loggedOut=1')).html)).toContain('You are logged out.');
    const [event] = await world.auditOf('logout');
    expect(event).toMatchObject({ actor: { kind: 'sso', name: 'Victor Viewer' } });
  });

  it('refuses a logout form without its CSRF token', async () => {
    const browser = world.authBrowser();
    await browser.ssoLogin(acme.viewer);
    const forged = await browser.post('/logout', {}, { csrf: null });
    expect(forged.status).toBe(403);
    expect(await browser.whoAmI()).toMatchObject({ role: 'Viewer' });
  });
});

describe('guards', () => {
  it('sends an anonymous visitor to /login and back to the page after logging in', async () => {
    const browser = world.authBrowser();
    const page = await browser.get('/web/settings/sso');
    expect(page).toMatchObject({ status: 303, location: '/login?returnTo=%2Fweb%2Fsettings%2Fsso' });
    const login = await browser.get(page.location ?? '');
    expect(login.html).toContain('name="returnTo" value="/web/settings/sso"');
    const authorize = await browser.startSso('/web/settings/sso');
    const answer = await browser.finishAtSalesforce(authorize, acme.viewer);
    expect(answer).toMatchObject({ status: 303, location: '/web/settings/sso' });
  });

  it('never sends anyone to another site after logging in', async () => {
    const browser = world.authBrowser();
    for (const evil of ['https://evil.example.com/', '//evil.example.com/x', '/\\evil.example.com']) {
      const authorize = await browser.startSso(evil);
      const answer = await browser.finishAtSalesforce(authorize, acme.viewer);
      expect(answer).toMatchObject({ status: 303, location: '/web' });
    }
  });

  it('answers 401 to a form posted without a session', async () => {
    const browser = world.authBrowser();
    const answer = await browser.submit('/web/settings/users', { username: 'x' });
    expect(answer.status).toBe(401);
    expect(textOf(answer.html)).toContain('You need to sign in to GRAX Connect');
  });

  it('refuses a viewer the admin pages and forms with a 403 page in plain words', async () => {
    const browser = world.authBrowser();
    await browser.ssoLogin(acme.viewer);
    const users = await browser.get('/web/settings/users');
    expect(users.status).toBe(403);
    expect(textOf(users.html)).toContain('Your GRAX Connect role does not allow you to manage local users.');
    const create = await browser.submit('/web/settings/users', {
      username: 'sneaky',
      displayName: 'Sneaky',
      role: 'admin',
      password: 'a long enough password',
    });
    expect(create.status).toBe(403);
    expect(await world.service.store.localUsers.findByUsername('sneaky')).toBeNull();
    const mapping = await browser.submit('/web/settings/sso', { permissionSet: 'GRAX_Viewer', role: 'admin' });
    expect(mapping.status).toBe(403);
    expect(textOf(mapping.html)).toContain('does not allow you to change who can log in with Salesforce');
    const sso = await browser.get('/web/settings/sso');
    expect(sso.status).toBe(200);
    expect(textOf(sso.html)).toContain('Only GRAX admins can change the mappings.');
  });
});
