/**
 * Log in with Salesforce against the emulator: deny by default, roles from the GRAX custom permissions counted through
 * sets, groups, per-group muting and expiry, mapped permission sets, users of another org, inactive users, and the
 * integration user signing in as a person.
 */
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import type { AuthWorld } from '@test-support/worlds/authWorld';
import { assignNewPermissionSet, assignPermissionSet, startAuthWorld, textOf } from '@test-support/worlds/authWorld';

const acme = DEMO_USERS.acmeProduction;

let world: AuthWorld;
beforeAll(async () => {
  world = await startAuthWorld();
});
afterAll(() => world.stop());

describe('Log in with Salesforce', () => {
  it('offers the button on /login, naming the connected org, and starts SSO on its My Domain with scope id', async () => {
    const browser = world.authBrowser();
    const page = await browser.get('/login');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Use your own Salesforce user in Acme Production');
    const authorize = new URL(await browser.startSso());
    expect(authorize.origin).toBe(world.myDomainOf('acmeProduction'));
    expect(authorize.pathname).toBe('/services/oauth2/authorize');
    expect(authorize.searchParams.get('scope')).toBe('id');
    expect(authorize.searchParams.get('prompt')).toBe('login');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('signs in a user with GRAX_Setup_Admin as admin', async () => {
    const browser = world.authBrowser();
    await browser.get('/login');
    const answer = await browser.ssoLogin(acme.ssoAdmin);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/web');
    expect(await browser.whoAmI()).toEqual({ name: 'Ada Admin', role: 'Admin' });
    const [event] = await world.auditOf('login.sso');
    expect(event).toMatchObject({
      actor: { kind: 'sso', name: 'Ada Admin' },
      target: acme.ssoAdmin.username,
      orgId: DEMO_ORGS.acmeProduction.id,
    });
    expect(event?.details).toMatchObject({ role: 'admin', grantedBy: 'GRAX_Manage_Connection' });
  });

  it('signs in a user with GRAX_Viewer as viewer', async () => {
    const browser = world.authBrowser();
    await browser.ssoLogin(acme.viewer);
    expect(await browser.whoAmI()).toEqual({ name: 'Victor Viewer', role: 'Viewer' });
  });

  it('refuses a standard user without a GRAX role and says what to ask for', async () => {
    const browser = world.authBrowser();
    const answer = await browser.ssoLogin(acme.standard);
    expect(answer.status).toBe(403);
    const text = textOf(answer.html);
    expect(text).toContain('No GRAX role');
    expect(text).toContain(
      `You signed in to Salesforce as ${acme.standard.username}, but this user has no GRAX role in Acme Production`,
    );
    expect(text).toContain('assign the GRAX_Setup_Admin or GRAX_Viewer permission set');
    expect(browser.sessionId).toBeUndefined();
    expect(await browser.whoAmI()).toBeNull();
    const [event] = await world.auditOf('login.sso_denied');
    expect(event).toMatchObject({ target: acme.standard.username, details: { reason: 'noRole' } });
  });

  it('replaces the session id at sign-in, so a session id known before is worthless after', async () => {
    const browser = world.authBrowser();
    await browser.ssoLogin(acme.viewer);
    const before = browser.sessionId ?? '';
    expect(before).not.toBe('');
    await browser.ssoLogin(acme.ssoAdmin);
    const after = browser.sessionId ?? '';
    expect(after).not.toBe(before);
    expect(await world.service.store.sessions.find(before)).toBeNull();
    expect(await browser.whoAmI()).toMatchObject({ role: 'Admin' });
    const thief = world.authBrowser();
    thief.cookies.set('grax_session', before);
    expect(await thief.whoAmI()).toBeNull();
  });

  it("revokes the individual's Salesforce token right after reading who signed in", async () => {
    const revokesBefore = world.emulator.control.stats().calls['POST /services/oauth2/revoke'] ?? 0;
    await world.authBrowser().ssoLogin(acme.viewer);
    expect(world.emulator.control.stats().calls['POST /services/oauth2/revoke']).toBe(revokesBefore + 1);
  });

  it('counts GRAX_Setup_Admin held only through a muted group as viewer: the muting set mutes the admin permission', async () => {
    const browser = world.authBrowser();
    await browser.ssoLogin(acme.mutedGroupAdmin);
    expect(await browser.whoAmI()).toEqual({ name: 'Gail Group', role: 'Viewer' });
  });

  it('signs in as admin a user who holds GRAX_Setup_Admin directly as well as through the muted group: muting stays inside its group', async () => {
    const client = world.integrationClient();
    const assignment = await assignPermissionSet(client, 'GRAX_Setup_Admin', acme.mutedGroupAdmin.username);
    try {
      const browser = world.authBrowser();
      await browser.ssoLogin(acme.mutedGroupAdmin);
      expect(await browser.whoAmI()).toEqual({ name: 'Gail Group', role: 'Admin' });
      const [event] = await world.auditOf('login.sso');
      expect(event?.details).toMatchObject({ role: 'admin', grantedBy: 'GRAX_Manage_Connection' });
    } finally {
      await client.deleteRecords([assignment], true);
    }
    const groupOnly = world.authBrowser();
    await groupOnly.ssoLogin(acme.mutedGroupAdmin);
    expect(await groupOnly.whoAmI()).toEqual({ name: 'Gail Group', role: 'Viewer' });
  });

  it('does not count an expired assignment of GRAX_Setup_Admin, and says it expired', async () => {
    const browser = world.authBrowser();
    const answer = await browser.ssoLogin(acme.expiredAdmin);
    expect(answer.status).toBe(403);
    const text = textOf(answer.html);
    expect(text).toContain('No GRAX role');
    expect(text).toContain('Your assignment of the permission set GRAX_Setup_Admin expired on 2025-12-31');
    expect(await browser.whoAmI()).toBeNull();
  });

  it('refuses a user of another org, naming the connected org', async () => {
    const browser = world.authBrowser();
    // The Globex user signs in on the generic login host with the state GRAX issued for Acme's My Domain.
    const answer = await browser.ssoLogin(DEMO_USERS.globex.admin, { loginHost: world.emulator.productionLoginUrl });
    expect(answer.status).toBe(403);
    const text = textOf(answer.html);
    expect(text).toContain('Wrong Salesforce org');
    expect(text).toContain(`a user of another org (${DEMO_ORGS.globex.id})`);
    expect(text).toContain('GRAX Connect is connected to Acme Production and lets in only users of that org');
    expect(await browser.whoAmI()).toBeNull();
    const [event] = await world.auditOf('login.sso_denied');
    expect(event).toMatchObject({ target: DEMO_USERS.globex.admin.username, details: { reason: 'other_org' } });
  });

  it('shows its own page to a user deactivated in Salesforce', async () => {
    const browser = world.authBrowser();
    const callback = await browser.salesforceRedirect(await browser.startSso(), acme.viewer);
    // Deactivated after the Salesforce login page, before GRAX Connect finishes the sign-in.
    world.emulator.control.setUserActive({ username: acme.viewer.username }, false);
    try {
      const answer = await browser.request(callback);
      expect(answer.status).toBe(403);
      const text = textOf(answer.html);
      expect(text).toContain('Salesforce user inactive');
      expect(text).toContain('is inactive (deactivated) in Acme Production');
      expect(text).toContain('Ask your Salesforce admin to reactivate your user.');
      expect(await browser.whoAmI()).toBeNull();
    } finally {
      world.emulator.control.setUserActive({ username: acme.viewer.username }, true);
    }
  });

  it('gives the role of a permission set an admin mapped in Settings > SSO access', async () => {
    await assignNewPermissionSet(world.integrationClient(), 'Sales_Ops_GRAX', acme.standard.username);
    const standard = world.authBrowser();
    expect((await standard.ssoLogin(acme.standard)).status).toBe(403);

    const admin = world.authBrowser();
    await admin.ssoLogin(acme.ssoAdmin);
    const saved = await admin.submit('/web/settings/sso', { permissionSet: 'Sales_Ops_GRAX', role: 'viewer' });
    expect(saved).toMatchObject({ status: 303, location: '/web/settings/sso?done=saved' });
    const page = textOf((await admin.get(saved.location ?? '')).html);
    expect(page).toContain('Sales_Ops_GRAX (Sales Ops GRAX)');
    expect(page).toContain('Mapping saved.');

    expect((await standard.ssoLogin(acme.standard)).status).toBe(303);
    expect(await standard.whoAmI()).toEqual({ name: 'Sam Standard', role: 'Viewer' });
    const [event] = await world.auditOf('login.sso');
    expect(event?.details).toMatchObject({ role: 'viewer', grantedBy: 'Sales_Ops_GRAX' });

    const removed = await admin.submit('/web/settings/sso/remove', { permissionSet: 'Sales_Ops_GRAX' });
    expect(removed.location).toBe('/web/settings/sso?done=removed');
    expect((await world.authBrowser().ssoLogin(acme.standard)).status).toBe(403);
  });

  it('lets the integration user in only with a role, then warns and records it for the dedicated-user check', async () => {
    const person = world.authBrowser();
    const refused = await person.ssoLogin(acme.integration);
    expect(refused.status).toBe(403);
    expect(textOf(refused.html)).toContain('No GRAX role');

    await assignPermissionSet(world.integrationClient(), 'GRAX_Viewer', acme.integration.username);
    const answer = await person.ssoLogin(acme.integration);
    expect(answer).toMatchObject({ status: 303, location: '/login/integration-user?returnTo=%2Fweb' });
    const warning = await person.get(answer.location ?? '');
    expect(warning.status).toBe(200);
    const text = textOf(warning.html);
    expect(text).toContain('You signed in with the integration user that GRAX uses to reach Salesforce');
    expect(text).toContain('Continue to GRAX Connect');
    const [event] = await world.auditOf('sso.integration_user_login');
    expect(event).toMatchObject({
      actor: { kind: 'sso', id: world.connection.userId, name: 'GRAX Integration' },
      target: acme.integration.username,
      orgId: DEMO_ORGS.acmeProduction.id,
    });

    // Anyone else opening the warning page is simply sent on.
    const viewer = world.authBrowser();
    await viewer.ssoLogin(acme.viewer);
    expect((await viewer.get('/login/integration-user?returnTo=%2Fweb%2Faudit')).location).toBe('/web/audit');
  });
});

describe('Settings > SSO access', () => {
  it('refuses a permission set name the connected org does not have, or that is not an API name', async () => {
    const admin = world.authBrowser();
    await admin.ssoLogin(acme.ssoAdmin);
    const missing = await admin.submit('/web/settings/sso', { permissionSet: 'No_Such_Set', role: 'admin' });
    expect(missing.status).toBe(400);
    expect(textOf(missing.html)).toContain('Acme Production has no permission set with the API name No_Such_Set.');
    const malformed = await admin.submit('/web/settings/sso', { permissionSet: "x' OR Name != '", role: 'admin' });
    expect(malformed.status).toBe(400);
    expect(textOf(malformed.html)).toContain('Enter the permission set API name as shown in Setup > Permission Sets');
    const badRole = await admin.submit('/web/settings/sso', { permissionSet: 'GRAX_Viewer', role: 'owner' });
    expect(badRole.status).toBe(400);
    expect((await world.auditOf('sso.mapping_saved')).some((e) => e.target === 'No_Such_Set')).toBe(false);
  });
});

describe('when the role cannot be read', () => {
  it('does not sign in, and says the integration connection did not answer', async () => {
    world.emulator.control.addFault({
      method: 'POST',
      pathRegex: '/services/data/v[0-9.]+/composite$',
      status: 400,
      body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.' }],
    });
    try {
      const browser = world.authBrowser();
      const answer = await browser.ssoLogin(acme.ssoAdmin);
      expect(answer.status).toBe(502);
      const text = textOf(answer.html);
      expect(text).toContain('Your GRAX role could not be checked');
      expect(text).toContain('could not read your GRAX role from Acme Production through its integration connection');
      expect(await browser.whoAmI()).toBeNull();
    } finally {
      world.emulator.control.clearFaults();
    }
  });
});
