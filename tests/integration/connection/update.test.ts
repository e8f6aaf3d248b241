/**
 * Settings > Salesforce > Update: re-authentication first; the same org switches the integration user (old
 * authorization revoked, the previous user's GRAX permission sets can be removed); another org needs a confirmation
 * page naming both orgs, and Cancel revokes the new sign-in.
 */
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import type { ConnectionWorld, Fetched, GraxBrowser } from '@test-support/worlds/connectionWorld';
import { jobsSettled, restStatusWith, startConnectionWorld, textOf } from '@test-support/worlds/connectionWorld';

const acme = DEMO_USERS.acmeProduction;
const sandbox = DEMO_USERS.acmeSandbox;

describe('Update', () => {
  let world: ConnectionWorld;
  let browser: GraxBrowser;

  beforeEach(async () => {
    world = await startConnectionWorld();
    browser = world.browser();
    await browser.connect({ setupToken: world.setupToken }, acme.integration);
    await jobsSettled(world);
    await browser.signIn();
  });
  afterEach(async () => {
    await world.stop();
  });

  async function active() {
    const connection = await world.service.store.connections.getActive();
    if (!connection) throw new Error('not connected');
    return connection;
  }

  it('shows the org, user, environment, connected since, Auto Config state and API usage in Settings > Salesforce', async () => {
    const page = await browser.get('/web/settings/salesforce');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    for (const phrase of [
      `Org Acme Production (${DEMO_ORGS.acmeProduction.id})`,
      `Integration user ${acme.integration.username}`,
      'Environment Production',
      'Connected since',
      'Auto Config On (connected with Auto Config)',
      'Latest run Auto Config finished.',
      'API usage',
    ]) {
      expect(text).toContain(phrase);
    }
    expect(text).toMatch(
      /API usage \d+ calls by GRAX in the last 24 hours; the org has \d+ of \d+ daily API requests left/,
    );
  });

  it('shows the connect form pre-filled for a re-authenticated admin', async () => {
    const page = await browser.get('/web/settings/salesforce/update');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Update the Salesforce connection');
    expect(text).toContain(`GRAX is connected to Acme Production as ${acme.integration.username}`);
    expect(page.html).not.toContain('name="setupToken"');
  });

  it('switches to another user of the same org, revokes the old authorization and offers to unassign the previous user', async () => {
    const before = await active();
    const landed = await browser.connect({}, acme.ssoAdmin);
    expect(landed.location).toBe('/web/settings/salesforce?done=updated');
    expect(textOf((await browser.get(landed.location ?? '')).html)).toContain(
      `Connection updated: GRAX uses ${acme.ssoAdmin.username} in Acme Production.`,
    );
    const after = await active();
    expect(after).toMatchObject({
      orgId: DEMO_ORGS.acmeProduction.id,
      username: acme.ssoAdmin.username,
      state: 'connected',
    });
    expect(await restStatusWith(before.instanceUrl, before.accessToken ?? '')).toBe(401);
    const history = await world.service.store.connections.get(before.id);
    expect(history?.refreshToken).toBeNull();
    expect((await world.service.store.audit.list({ action: 'connection.updated' })).length).toBe(1);

    const client = world.features.flows.connections.client(after);
    const assigned = async () =>
      (
        await client.query<{ PermissionSet: { Name: string } }>(
          `SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '${before.userId}' ` +
            "AND PermissionSet.Name IN ('GRAX_Integration_User', 'GRAX_Integration_User_Access')",
        )
      ).records.map((r) => r.PermissionSet.Name);
    expect((await assigned()).sort()).toEqual(['GRAX_Integration_User', 'GRAX_Integration_User_Access']);

    const settings = await browser.get('/web/settings/salesforce');
    expect(textOf(settings.html)).toContain(`Remove GRAX permission sets from ${acme.integration.username}`);
    const removed = await browser.post('/web/settings/salesforce/previous-user/unassign', {});
    expect(removed.status).toBe(303);
    expect(await assigned()).toEqual([]);
    expect(textOf((await browser.get('/web/settings/salesforce')).html)).not.toContain('Remove GRAX permission sets');
    const audit = await world.service.store.audit.list({ action: 'connection.previous_user_unassigned' });
    expect(audit[0]?.details).toMatchObject({ username: acme.integration.username });
  });

  it('says so when Salesforce did not revoke the replaced authorization, and what to do', async () => {
    const before = await active();
    world.emulator.control.addFault({ path: '/services/oauth2/revoke', status: 503, body: 'unavailable', count: 5 });
    const landed = await browser.connect({}, acme.ssoAdmin);
    expect(landed.location).toBe('/web/settings/salesforce?done=updated');
    const text = textOf((await browser.get(landed.location ?? '')).html);
    expect(text).toContain(
      `The previous authorization (${acme.integration.username} in Acme Production) could not be revoked at Salesforce`,
    );
    expect(text).toContain('Setup > Connected Apps OAuth Usage, GRAX Connect, Revoke');
    expect(await restStatusWith(before.instanceUrl, before.accessToken ?? '')).toBe(200);
    const audit = await world.service.store.audit.list({ action: 'connection.updated' });
    expect(audit[0]?.details).toMatchObject({ previousTokenRevoked: false });
  });

  it("renews the same user's authorization when the same user signs in again", async () => {
    const before = await active();
    const landed = await browser.connect({}, acme.integration);
    expect(landed.location).toBe('/web?done=updated');
    expect(textOf((await browser.get(landed.location ?? '')).html)).toContain(
      `Connection updated: GRAX uses ${acme.integration.username} in Acme Production.`,
    );
    const after = await active();
    expect(after.username).toBe(acme.integration.username);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(await restStatusWith(before.instanceUrl, before.accessToken ?? '')).toBe(401);
    expect(await restStatusWith(after.instanceUrl, after.accessToken ?? '')).toBe(200);
  });

  it('asks to confirm a change to another org, naming both, and keeps nothing of the old authorization', async () => {
    const before = await active();
    const landed = await browser.connect({ environment: 'sandbox' }, sandbox.integration);
    expect(landed.status).toBe(303);
    expect(landed.location).toMatch(/^\/web\/connect\/org-change\?id=/);
    // Nothing changed yet.
    expect((await active()).id).toBe(before.id);

    const confirm = await browser.get(landed.location ?? '');
    expect(confirm.status).toBe(200);
    const text = textOf(confirm.html);
    expect(text).toContain(`Acme Production (org ID ${DEMO_ORGS.acmeProduction.id}`);
    expect(text).toContain(`Acme Sandbox (org ID ${DEMO_ORGS.acmeSandbox.id}`);
    expect(text).toContain('Nothing GRAX keeps of Acme Production is deleted');

    const id = new URL(landed.location ?? '', browser.baseUrl).searchParams.get('id') ?? '';
    const done = await browser.post('/web/connect/org-change/confirm', { id });
    expect(done.status).toBe(303);
    const after = await active();
    expect(after).toMatchObject({ orgId: DEMO_ORGS.acmeSandbox.id, environment: 'sandbox', state: 'connected' });
    expect(await restStatusWith(before.instanceUrl, before.accessToken ?? '')).toBe(401);
    const audit = await world.service.store.audit.list({ action: 'connection.org_changed' });
    expect(audit[0]?.details).toMatchObject({ orgName: 'Acme Sandbox', previous: { orgName: 'Acme Production' } });
    // Confirming twice does nothing more.
    expect((await browser.post('/web/connect/org-change/confirm', { id })).status).toBe(410);

    // Nothing GRAX kept of Acme Production is deleted: its connection (without tokens) and its Auto Config run stay.
    expect(await world.service.store.connections.get(before.id)).toMatchObject({
      orgId: DEMO_ORGS.acmeProduction.id,
      orgName: 'Acme Production',
      refreshToken: null,
    });
    const oldJobs = await world.service.store.jobs.list({ orgId: DEMO_ORGS.acmeProduction.id });
    expect(oldJobs.map((job) => [job.kind, job.state])).toEqual([['autoconfig', 'succeeded']]);
    // The previous user is out of GRAX's reach now, so Settings says where to remove the GRAX permission sets.
    const settings = textOf((await browser.get('/web/settings/salesforce')).html);
    expect(settings).toContain('is in Acme Production, which GRAX is no longer connected to');
    expect(settings).toContain(
      `In Acme Production, open Setup > Users > ${acme.integration.username} > Permission Set Assignments and remove ` +
        'GRAX_Integration_User and GRAX_Integration_User_Access.',
    );
  });

  it('cancels an org change: the new sign-in is revoked and the connection stays', async () => {
    const before = await active();
    const revokesBefore = world.emulator.control.stats().calls['POST /services/oauth2/revoke'] ?? 0;
    const landed = await browser.connect({ environment: 'sandbox' }, sandbox.integration);
    const id = new URL(landed.location ?? '', browser.baseUrl).searchParams.get('id') ?? '';
    expect((await browser.post('/web/connect/org-change/cancel', { id })).status).toBe(303);
    expect((await active()).id).toBe(before.id);
    expect(await restStatusWith(before.instanceUrl, before.accessToken ?? '')).toBe(200);
    expect(world.emulator.control.stats().calls['POST /services/oauth2/revoke']).toBe(revokesBefore + 1);
    expect((await browser.get(`/web/connect/org-change?id=${id}`)).status).toBe(410);
  });

  it('asks for a fresh sign-in again when the org change is confirmed more than 5 minutes later', async () => {
    const landed = await browser.connect({ environment: 'sandbox' }, sandbox.integration);
    const id = new URL(landed.location ?? '', browser.baseUrl).searchParams.get('id') ?? '';
    world.clock.advance(6 * 60_000);
    const late = await browser.post('/web/connect/org-change/confirm', { id });
    expect(late.status).toBe(303);
    expect(late.location).toBe(`/web/reauth?returnTo=${encodeURIComponent(`/web/connect/org-change?id=${id}`)}`);
    expect((await active()).orgId).toBe(DEMO_ORGS.acmeProduction.id);
  });

  it('refuses another org for an admin who did not re-authenticate in the last 5 minutes', async () => {
    world.emulator.control.revokeTokens({ username: acme.integration.username });
    await expect(
      world.features.flows.connections.client(await active()).query('SELECT Id FROM Organization'),
    ).rejects.toMatchObject({ code: 'RECONNECT_REQUIRED' });
    world.clock.advance(6 * 60_000);
    const page = await browser.connect({ environment: 'sandbox' }, sandbox.integration);
    expect(page.status).toBe(403);
    const text = textOf(page.html);
    expect(text).toContain('You signed in to Acme Sandbox');
    expect(text).toContain('GRAX Connect is connected to Acme Production');
    expect((await active()).orgId).toBe(DEMO_ORGS.acmeProduction.id);
  });

  it('needs a re-authentication from the last 5 minutes', async () => {
    world.clock.advance(6 * 60_000);
    const page = await browser.get('/web/settings/salesforce/update');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/web/reauth?returnTo=%2Fweb%2Fsettings%2Fsalesforce%2Fupdate');
    const posted = await browser.postConnect({});
    expect(posted.status).toBe(403);
    expect(textOf(posted.html)).toContain('needs a sign-in from the last 5 minutes');
  });

  describe('at the callback, a same-org Update finishes only for the admin who started it, still re-authenticated', () => {
    const tokenCalls = () => world.emulator.control.stats().calls['POST /services/oauth2/token'] ?? 0;

    /** Posts the Update form; returns Salesforce's authorize URL. */
    async function startUpdate(): Promise<string> {
      const started = await browser.postConnect({});
      expect(started.status).toBe(303);
      return started.location ?? '';
    }

    /** Signs in at Salesforce as another user of the same org and brings the browser back to the callback. */
    async function finishAtSalesforce(authorizeUrl: string): Promise<Fetched> {
      const answer = await browser.loginAtSalesforce(authorizeUrl, acme.ssoAdmin.username, acme.ssoAdmin.password);
      expect(answer.status).toBe(302);
      const tokensBefore = tokenCalls();
      const page = await browser.request(answer.location ?? '');
      // Refused before the code is exchanged: Salesforce issued no tokens for this sign-in.
      expect(tokenCalls()).toBe(tokensBefore);
      return page;
    }

    async function expectUnchanged(): Promise<void> {
      expect(await active()).toMatchObject({ username: acme.integration.username, state: 'connected' });
      expect(await world.service.store.audit.list({ action: 'connection.updated' })).toEqual([]);
    }

    const gone = 'is no longer signed in to GRAX Connect in this browser. Nothing was saved.';
    it.each([
      ['the admin logged out', gone, async () => expect((await browser.post('/logout', {})).status).toBe(303)],
      [
        'another user signed in in the same browser',
        gone,
        () => browser.signIn({ id: 'usr_other_admin', displayName: 'Other Admin' }),
      ],
      [
        'the re-authentication became older than 5 minutes',
        'needs a sign-in from the last 5 minutes',
        () => world.clock.advance(6 * 60_000),
      ],
    ])('refuses it when, in between, %s', async (_when, says: string, inBetween: () => Promise<void> | void) => {
      const authorizeUrl = await startUpdate();
      await inBetween();
      const page = await finishAtSalesforce(authorizeUrl);
      expect(page.status).toBe(403);
      expect(textOf(page.html)).toContain(says);
      await expectUnchanged();
    });
  });

  it('lists the connect, the Update and the Reset on the Audit log page, with who did it and when', async () => {
    await browser.connect({}, acme.integration);
    expect((await browser.post('/web/settings/salesforce/reset', { orgName: 'Acme Production' })).status).toBe(200);

    const page = await browser.get('/web/audit');
    expect(page.status).toBe(200);
    const rows = [
      ...page.html.matchAll(
        /<time datetime="([^"]+)">[^]*?data-action="([^"]+)">([^<]+)<\/th>\s*<td>([^<]+)<span[^>]*>([^<]+)</g,
      ),
    ].map(([, at, action, label, name, kind]) => ({ at, action, label, actor: `${name}${kind}` }));
    const connectionRows = rows.filter((row) => /^connection\.(connected|updated|reset)$/.test(row.action ?? ''));
    expect(connectionRows.map(({ label, actor }) => ({ label, actor }))).toEqual([
      { label: 'GRAX reset (disconnected)', actor: 'Test Admin (Local user)' },
      { label: 'Connection updated', actor: 'Test Admin (Local user)' },
      { label: 'Connected to Salesforce', actor: 'Setup token holder (Setup token)' },
    ]);
    for (const row of connectionRows) {
      expect(Math.abs(Date.parse(row.at ?? '') - world.clock.now().getTime())).toBeLessThan(60_000);
    }
  });

  it('is not offered to viewers', async () => {
    const viewer = world.browser();
    await viewer.signIn({ role: 'viewer', id: 'usr_viewer', displayName: 'Vera Viewer' });
    const settings = await viewer.get('/web/settings/salesforce');
    expect(settings.status).toBe(200);
    expect(textOf(settings.html)).toContain('Acme Production');
    expect(settings.html).not.toContain('Reset GRAX');
    expect(settings.html).not.toContain('href="/web/settings/salesforce/update"');
    expect((await viewer.get('/web/settings/salesforce/update')).status).toBe(403);
  });
});
