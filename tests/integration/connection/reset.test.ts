/**
 * Reset GRAX: re-authentication, a confirmation page that warns when no local admin exists and asks for the org
 * name, then tokens revoked at Salesforce, the org's stored link key deleted, every link key revoked, tokens deleted
 * here, state `disconnected`, Salesforce (SSO) sessions ended; connecting again needs a signed-in local admin or a
 * setup token from the server's operator (setupTokenRecovery.test.ts).
 */
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import type { ConnectionWorld, GraxBrowser } from '@test-support/worlds/connectionWorld';
import { jobsSettled, restStatusWith, startConnectionWorld, textOf } from '@test-support/worlds/connectionWorld';

const integration = DEMO_USERS.acmeProduction.integration;
const noJobs = { engine: { startAfterConnect: async () => 'no-job', kick: () => undefined } };

describe('Reset GRAX', () => {
  let world: ConnectionWorld;
  let admin: GraxBrowser;

  beforeEach(async () => {
    world = await startConnectionWorld({ composition: noJobs });
    admin = world.browser();
    await admin.connect({ setupToken: world.setupToken }, integration);
    await admin.signIn();
  });
  afterEach(async () => {
    await world.stop();
  });

  async function storeLinkKeyInOrg(): Promise<void> {
    const connection = await world.service.store.connections.getActive();
    if (!connection) throw new Error('not connected');
    await world.features.flows.connections.client(connection).send({
      method: 'POST',
      path: '/named-credentials/credential',
      json: {
        externalCredential: 'GRAX_Service',
        principalName: 'Link',
        principalType: 'NamedPrincipal',
        authenticationProtocol: 'Custom',
        credentials: { LinkKey: { value: 'gxk_demo_key_stored_in_org', encrypted: true } },
      },
    });
  }

  function orgCredential(): Record<string, string> | undefined {
    return world.emulator.world.findOrgById(DEMO_ORGS.acmeProduction.id)?.debugCredentialValue('GRAX_Service', 'Link');
  }

  it('warns that no local admin exists and asks for the org name', async () => {
    const page = await admin.get('/web/settings/salesforce/reset');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Set up a local user before resetting GRAX if access is needed');
    expect(text).toContain('Type the org name to confirm: Acme Production');

    const wrong = await admin.post('/web/settings/salesforce/reset', { orgName: 'Acme' });
    expect(wrong.status).toBe(400);
    expect(textOf(wrong.html)).toContain('Type the org name exactly as shown: Acme Production');
    expect((await world.service.store.connections.getActive())?.state).toBe('connected');
  });

  it('does not warn once an active local admin exists', async () => {
    await world.service.store.localUsers.create({
      username: 'breakglass',
      displayName: 'Break Glass',
      role: 'admin',
      passwordHash: 'not-used-here',
    });
    const page = await admin.get('/web/settings/salesforce/reset');
    expect(textOf(page.html)).not.toContain('Set up a local user before resetting GRAX');
    expect(textOf((await admin.get('/web')).html)).not.toContain('Set up a local user before resetting GRAX');
  });

  it('revokes everything, disconnects, ends SSO sessions and keeps the history', async () => {
    await storeLinkKeyInOrg();
    expect(orgCredential()).toEqual({ LinkKey: 'gxk_demo_key_stored_in_org' });
    const actor = { kind: 'local' as const, id: 'usr_test_admin', name: 'Test Admin' };
    await world.service.store.linkKeys.create({
      keyId: 'k1',
      orgId: DEMO_ORGS.acmeProduction.id,
      secret: 's1',
      createdBy: actor,
    });
    await world.service.store.linkKeys.create({
      keyId: 'k2',
      orgId: DEMO_ORGS.acmeProduction.id,
      secret: 's2',
      createdBy: actor,
    });
    const sso = world.browser();
    await sso.signIn({ kind: 'sso', id: '0055g00000001ABAAQ', orgId: DEMO_ORGS.acmeProduction.id, role: 'viewer' });
    expect((await sso.get('/web')).status).toBe(200);
    const before = await world.service.store.connections.getActive();
    if (!before?.accessToken) throw new Error('not connected');

    const result = await admin.post('/web/settings/salesforce/reset', { orgName: 'Acme Production' });
    expect(result.status).toBe(200);
    const text = textOf(result.html);
    expect(text).toContain('GRAX is disconnected from Acme Production');
    expect(text).toContain("GRAX's authorization was revoked at Salesforce");
    expect(text).toContain('The link key stored in the org was deleted');
    expect(text).toContain('2 link keys were revoked');
    // The local admin who reset stays signed in.
    expect(text).toContain('Go to the home page');
    expect(text).not.toContain('you are now logged out');

    expect(await restStatusWith(before.instanceUrl, before.accessToken)).toBe(401);
    expect(orgCredential()).toBeUndefined();
    const after = await world.service.store.connections.getActive();
    expect(after).toMatchObject({ id: before.id, state: 'disconnected', refreshToken: null, accessToken: null });
    const keys = await world.service.store.linkKeys.list({ includeRevoked: true });
    expect(keys.every((k) => k.revokedAt !== null)).toBe(true);
    const audit = await world.service.store.audit.list({ action: 'connection.reset' });
    expect(audit[0]?.details).toMatchObject({ tokenRevoked: true, credentialDeleted: true, linkKeysRevoked: 2 });
    expect(await world.service.store.connections.listHistory()).toHaveLength(1);

    // The SSO session is over; the local admin's is not.
    const ssoHome = await sso.get('/web');
    expect(ssoHome.status).toBe(200);
    expect(textOf(ssoHome.html)).toContain('GRAX was connected before and no local admin is active');
    const adminHome = await admin.get('/web');
    expect(textOf(adminHome.html)).toContain('Connect to Salesforce');
    expect(textOf(adminHome.html)).toContain('GRAX is disconnected from Acme Production');
    expect(adminHome.html).toContain('>Log out<');

    // Reconnecting needs the signed-in local admin (or a token from npm run setup-token), not the used first-run token.
    const anonymous = world.browser();
    expect((await anonymous.postConnect({ setupToken: world.setupToken })).status).toBe(400);
    expect((await anonymous.postConnect({})).status).toBe(401);
    expect((await admin.connect({}, integration)).status).toBe(303);
    expect((await world.service.store.connections.getActive())?.state).toBe('connected');
  });

  it('logs out the Salesforce user who reset and sends them to log in with a local user', async () => {
    const sso = world.browser();
    await sso.signIn({ kind: 'sso', id: '0055g00000001ACAAQ', orgId: DEMO_ORGS.acmeProduction.id, role: 'admin' });
    const result = await sso.post('/web/settings/salesforce/reset', { orgName: 'Acme Production' });
    expect(result.status).toBe(200);
    const text = textOf(result.html);
    expect(text).toContain('GRAX is disconnected from Acme Production');
    expect(text).toContain('You logged in with Salesforce, so you are now logged out.');
    expect(result.html).toContain('href="/login">Log in with a local user</a>');
    expect(result.html).not.toContain('>Log out<');
    expect(sso.cookies.has('grax_session')).toBe(false);
  });

  it('reports a revocation that failed at Salesforce instead of hiding it', async () => {
    world.emulator.control.addFault({ path: '/services/oauth2/revoke', status: 503, body: 'unavailable', count: 5 });
    const result = await admin.post('/web/settings/salesforce/reset', { orgName: 'Acme Production' });
    expect(result.status).toBe(200);
    const text = textOf(result.html);
    expect(text).toContain("Not done: GRAX's authorization could not be revoked at Salesforce");
    expect(text).toContain('Setup > Connected Apps OAuth Usage');
    expect(text).toContain('No link key was stored in the org');
    expect((await world.service.store.connections.getActive())?.state).toBe('disconnected');
  });

  it('needs a re-authentication from the last 5 minutes', async () => {
    world.clock.advance(6 * 60_000);
    const page = await admin.get('/web/settings/salesforce/reset');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/web/reauth?returnTo=%2Fweb%2Fsettings%2Fsalesforce%2Freset');
    const posted = await admin.post('/web/settings/salesforce/reset', { orgName: 'Acme Production' });
    expect(posted.status).toBe(303);
    expect(posted.location).toContain('/web/reauth');
    expect((await world.service.store.connections.getActive())?.state).toBe('connected');
  });
});

describe('Reset GRAX after Auto Config ran', () => {
  let world: ConnectionWorld;

  beforeAll(async () => {
    world = await startConnectionWorld();
  });
  afterAll(async () => {
    await world.stop();
  });

  it('keeps the job history but no longer shows it, not even to the local admin', async () => {
    const admin = world.browser();
    await admin.connect({ setupToken: world.setupToken }, integration);
    await jobsSettled(world);
    await admin.signIn();
    const [job] = await world.service.store.jobs.list({ orgId: DEMO_ORGS.acmeProduction.id });
    if (!job) throw new Error('Auto Config did not run');
    const progress = `/web/jobs/${job.id}`;
    const json = { headers: { accept: 'application/json' } };
    expect((await admin.request(progress, json)).status).toBe(200);
    expect(textOf((await admin.get('/web/settings/salesforce')).html)).toContain('Auto Config finished.');

    expect((await admin.post('/web/settings/salesforce/reset', { orgName: 'Acme Production' })).status).toBe(200);

    expect((await world.service.store.jobs.get(job.id))?.state).toBe('succeeded');
    expect((await admin.request(progress, json)).status).toBe(404);
    for (const path of ['/web', '/web/settings/salesforce']) {
      const page = await admin.get(path);
      expect(page.status).toBe(200);
      expect(textOf(page.html)).not.toContain('Auto Config finished.');
      expect(page.html).not.toContain(job.id);
    }
  });
});
