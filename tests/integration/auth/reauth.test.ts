/**
 * Re-authentication before sensitive actions: Salesforce users repeat SSO and must come back as the same user with the
 * same role; local users give their password and a fresh code. Success brings them back to the action.
 */
import { DEMO_USERS } from '@grax-connect/org-emulator';
import type { AuthWorld } from '@test-support/worlds/authWorld';
import { assignNewPermissionSet, PASSWORD, startAuthWorld, textOf } from '@test-support/worlds/authWorld';

const acme = DEMO_USERS.acmeProduction;
const STALE = 6 * 60_000;
const NEW_USER = { username: 'made.after.reauth', displayName: 'Made', role: 'viewer', password: PASSWORD };

let world: AuthWorld;
beforeAll(async () => {
  world = await startAuthWorld();
});
afterAll(() => world.stop());

describe('re-authentication', () => {
  it('sends a Salesforce admin through Salesforce again (same user) and back to the action', async () => {
    const browser = world.authBrowser();
    await browser.ssoLogin(acme.ssoAdmin);
    world.clock.advance(STALE);
    const refused = await browser.submit('/web/settings/users', NEW_USER);
    expect(refused).toMatchObject({ status: 303, location: '/web/reauth?returnTo=%2Fweb%2Fsettings%2Fusers' });

    const page = await browser.get(refused.location ?? '');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('You are signed in as Ada Admin.');
    const started = await browser.submit('/web/reauth/sso', { returnTo: '/web/settings/users' });
    const authorize = new URL(started.location ?? '');
    expect(authorize.origin).toBe(world.myDomainOf('acmeProduction'));
    expect(authorize.searchParams.get('prompt')).toBe('login');
    const back = await browser.finishAtSalesforce(authorize.toString(), acme.ssoAdmin);
    expect(back).toMatchObject({ status: 303, location: '/web/settings/users' });

    const created = await browser.submit('/web/settings/users', NEW_USER);
    expect(created.status).toBe(303);
    expect((await world.auditOf('reauth.confirmed'))[0]).toMatchObject({ actor: { kind: 'sso', name: 'Ada Admin' } });
  });

  it('refuses a Salesforce re-authentication that comes back as another user', async () => {
    const browser = world.authBrowser();
    await browser.ssoLogin(acme.ssoAdmin);
    world.clock.advance(STALE);
    const started = await browser.submit('/web/reauth/sso', { returnTo: '/web/settings/users' });
    const answer = await browser.finishAtSalesforce(started.location ?? '', acme.mutedGroupAdmin);
    expect(answer.status).toBe(403);
    expect(textOf(answer.html)).toContain(`You confirmed your identity as ${acme.mutedGroupAdmin.username}`);
    expect(await browser.whoAmI()).toEqual({ name: 'Ada Admin', role: 'Admin' });
    const still = await browser.submit('/web/settings/users', { ...NEW_USER, username: 'not.created' });
    expect(still.location).toBe('/web/reauth?returnTo=%2Fweb%2Fsettings%2Fusers');
    expect((await world.auditOf('reauth.failed'))[0]?.details).toMatchObject({ reason: 'otherUser' });
  });

  it('signs out a Salesforce user whose GRAX role changed since sign-in', async () => {
    await assignNewPermissionSet(world.integrationClient(), 'Reauth_Ops', acme.standard.username);
    const admin = world.authBrowser();
    await admin.ssoLogin(acme.ssoAdmin);
    await admin.submit('/web/settings/sso', { permissionSet: 'Reauth_Ops', role: 'admin' });
    const person = world.authBrowser();
    await person.ssoLogin(acme.standard);
    expect(await person.whoAmI()).toMatchObject({ role: 'Admin' });
    await admin.submit('/web/settings/sso', { permissionSet: 'Reauth_Ops', role: 'viewer' });

    const started = await person.submit('/web/reauth/sso', { returnTo: '/web/settings/users' });
    const answer = await person.finishAtSalesforce(started.location ?? '', acme.standard);
    expect(answer.status).toBe(403);
    expect(textOf(answer.html)).toContain('Your GRAX role in Salesforce is no longer the one you signed in with');
    expect(await person.whoAmI()).toBeNull();
  });

  it('asks a local user for their password and a fresh code, and refuses wrong ones', async () => {
    const user = await world.seedLocalUser({ username: 'local.reauth', enrolled: true });
    world.clock.advance(30_000);
    const browser = world.authBrowser();
    await browser.localLogin('local.reauth', PASSWORD, () => world.codeFor(user));
    world.clock.advance(STALE);
    const refused = await browser.submit('/web/settings/sso', { permissionSet: 'GRAX_Viewer', role: 'viewer' });
    expect(refused.location).toBe('/web/reauth?returnTo=%2Fweb%2Fsettings%2Fsso');
    const page = await browser.get(refused.location ?? '');
    expect(page.html).toContain('name="password"');
    expect(page.html).toContain('name="code"');

    const wrong = await browser.submit('/web/reauth/local', {
      returnTo: '/web/settings/sso',
      password: 'not my password',
      code: world.codeFor(user),
    });
    expect(wrong.status).toBe(401);
    expect(textOf(wrong.html)).toContain('The password or the code is not correct.');

    world.clock.advance(30_000);
    const ok = await browser.submit('/web/reauth/local', {
      returnTo: '/web/settings/sso',
      password: PASSWORD,
      code: world.codeFor(user),
    });
    expect(ok).toMatchObject({ status: 303, location: '/web/settings/sso' });
    const saved = await browser.submit('/web/settings/sso', { permissionSet: 'GRAX_Viewer', role: 'viewer' });
    expect(saved.location).toBe('/web/settings/sso?done=saved');

    // A new code confirms again; the same code a second time does not.
    world.clock.advance(30_000);
    const fresh = await browser.submit('/web/reauth/local', {
      returnTo: '/web/settings/sso',
      password: PASSWORD,
      code: world.codeFor(user),
    });
    expect(fresh.status).toBe(303);
    const replayed = await browser.submit('/web/reauth/local', {
      returnTo: '/web/settings/sso',
      password: PASSWORD,
      code: world.codeFor(user),
    });
    expect(replayed.status).toBe(401);
  });

  it('only returns to local paths', async () => {
    const browser = world.authBrowser();
    await browser.ssoLogin(acme.viewer);
    const page = await browser.get('/web/reauth?returnTo=https%3A%2F%2Fevil.example.com');
    expect(page.html).toContain('name="returnTo" value="/web"');
    expect(page.html).not.toContain('evil.example.com');
  });
});
