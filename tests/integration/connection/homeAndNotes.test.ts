/**
 * The home page and what the admin is told after connecting: the connection card, live job progress (progress bar
 * with aria values, the JSON it polls), the permission panel, the missing-local-admin banner; Salesforce's limit of
 * five approvals per user; a refreshed sandbox; a connect link's org enforced by the callback.
 */
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import { refreshTokens } from '@service/salesforce/oauthClient';
import type { ConnectionWorld, GraxBrowser } from '@test-support/worlds/connectionWorld';
import { jobsSettled, startConnectionWorld, textOf } from '@test-support/worlds/connectionWorld';

const acme = DEMO_USERS.acmeProduction;
const noJobs = { engine: { startAfterConnect: async () => 'no-job', kick: () => undefined } };

describe('home page', () => {
  let world: ConnectionWorld;
  let admin: GraxBrowser;

  beforeAll(async () => {
    world = await startConnectionWorld();
    admin = world.browser();
    await admin.connect({ setupToken: world.setupToken }, acme.integration);
    await admin.signIn();
  });
  afterAll(async () => {
    await world.stop();
  });

  it('shows the connection card, Auto Config progress and the banners', async () => {
    const page = await admin.get('/web');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    for (const phrase of [
      'Acme Production',
      DEMO_ORGS.acmeProduction.id,
      acme.integration.username,
      'Environment Production',
      'Org type Production',
      'Connected since',
      'Auto Config',
      'Permissions',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(page.html).toMatch(
      /<progress[^>]*role="progressbar"[^>]*aria-valuemin="0"[^>]*aria-valuemax="100"[^>]*aria-valuenow="\d+"/,
    );
    expect(page.html).toMatch(/data-job-poll="\/web\/jobs\/[^"]+"/);
    expect(page.html).toContain('href="/web" data-job-refresh');
    expect(text).toContain('Set up a local user before resetting GRAX if access is needed');
    expect(page.html).toContain('href="/web/settings/users"');
  });

  it('answers the progress JSON until the job has finished', async () => {
    const page = await admin.get('/web');
    const path = /data-job-poll="([^"]+)"/.exec(page.html)?.[1] ?? '';
    const running = await admin.request(path, { headers: { accept: 'application/json' } });
    expect(running.status).toBe(200);
    expect(JSON.parse(running.html)).toMatchObject({ kind: 'autoconfig', label: 'Auto Config' });
    await jobsSettled(world);
    const done = JSON.parse((await admin.request(path, { headers: { accept: 'application/json' } })).html);
    expect(done).toMatchObject({ finished: true, state: 'succeeded', percent: 100, status: 'Auto Config finished.' });
    const anonymous = await world.browser().request(path, { headers: { accept: 'application/json' } });
    expect(anonymous.status).toBe(401);
    expect((await admin.request('/web/jobs/job_unknown', { headers: { accept: 'application/json' } })).status).toBe(
      404,
    );
  });

  it('sends visitors to sign in once GRAX is connected', async () => {
    const page = await world.browser().get('/web');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/login');
  });
});

describe('notes after connecting', () => {
  let world: ConnectionWorld;

  afterEach(async () => {
    await world.stop();
  });

  it("warns about Salesforce's five approvals per user, and drops the approval Salesforce revoked", async () => {
    world = await startConnectionWorld({ composition: noJobs });
    const admin = world.browser();
    await admin.connect({ setupToken: world.setupToken }, acme.integration);
    const first = await world.service.store.connections.getActive();
    await admin.signIn();
    // Four more approvals of the same user whose old authorization cannot be revoked (Salesforce unavailable).
    for (let i = 0; i < 4; i++) {
      world.clock.advance(30_000);
      world.emulator.control.addFault({ path: '/services/oauth2/revoke', status: 503, body: 'unavailable' });
      expect((await admin.connect({}, acme.integration)).status).toBe(303);
    }
    const near = textOf((await admin.get('/web')).html);
    expect(near).toContain(`${acme.integration.username} now has 5 approvals of the GRAX Connect app held by GRAX`);
    expect(near).toContain('could not be revoked at Salesforce');

    world.clock.advance(30_000);
    world.emulator.control.addFault({ path: '/services/oauth2/revoke', status: 503, body: 'unavailable' });
    await admin.connect({}, acme.integration);
    const pushed = textOf((await admin.get('/web')).html);
    expect(pushed).toContain('this sign-in made it revoke the oldest approval');
    expect((await world.service.store.connections.get(first?.id ?? ''))?.refreshToken).toBeNull();
    const app = world.features.flows.connections.clientApp();
    await expect(refreshTokens(first?.loginUrl ?? '', app, first?.refreshToken ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('says when a sandbox was refreshed (same My Domain, new org id)', async () => {
    world = await startConnectionWorld({ composition: noJobs });
    const myDomain = new URL(world.myDomainOf('acmeSandbox')).host;
    await world.service.store.orgsSeen.record({
      orgId: '00D7Q0000001OLDUAM',
      name: 'Acme Sandbox (before refresh)',
      instanceUrl: world.myDomainOf('acmeSandbox'),
      myDomain,
      environment: 'sandbox',
    });
    const admin = world.browser();
    await admin.connect({ environment: 'sandbox', setupToken: world.setupToken }, DEMO_USERS.acmeSandbox.integration);
    await admin.signIn();
    const text = textOf((await admin.get('/web')).html);
    expect(text).toContain(`This sandbox was refreshed: ${myDomain} now belongs to org ${DEMO_ORGS.acmeSandbox.id}`);
    expect(text).toContain('00D7Q0000001OLDUAM');
  });

  it("refuses a connect link's sign-in to another org and accepts the right one", async () => {
    world = await startConnectionWorld({ composition: noJobs });
    const admin = world.browser();
    await admin.connect({ setupToken: world.setupToken }, acme.integration);
    // Connect links are for an org GRAX does not work with right now: here its authorization was revoked.
    world.emulator.control.revokeTokens({ username: acme.integration.username });
    const connection = await world.service.store.connections.getActive();
    if (!connection) throw new Error('not connected');
    await expect(
      world.features.flows.connections.client(connection).query('SELECT Id FROM Organization'),
    ).rejects.toMatchObject({ code: 'RECONNECT_REQUIRED' });
    const start = async (browser: GraxBrowser) => {
      await browser.get('/login');
      const browserId = browser.cookies.get('grax_browser') ?? '';
      const started = await world.features.flows.startConnect({
        environment: 'production',
        mode: 'auto_config',
        browserId,
        actor: { kind: 'org', id: DEMO_ORGS.acmeProduction.id, name: 'GRAX Setup page' },
        expectedOrgId: DEMO_ORGS.acmeProduction.id.slice(0, 15),
      });
      return started.authorizationUrl;
    };
    const wrong = world.browser();
    const globex = DEMO_USERS.globex.admin;
    const back = await wrong.loginAtSalesforce(await start(wrong), globex.username, globex.password);
    const refused = await wrong.request(back.location ?? '');
    expect(refused.status).toBe(403);
    expect(textOf(refused.html)).toContain(`but you signed in to Globex Corporation (${DEMO_ORGS.globex.id})`);
    expect((await world.service.store.connections.getActive())?.orgId).toBe(DEMO_ORGS.acmeProduction.id);

    const right = world.browser();
    const ok = await right.loginAtSalesforce(await start(right), acme.integration.username, acme.integration.password);
    expect((await right.request(ok.location ?? '')).status).toBe(303);
    expect((await world.service.store.audit.list({ action: 'connection.reconnected' })).length).toBe(1);
  });
});
