/**
 * The emailed way back in: after Reset, and when Salesforce stops accepting GRAX's tokens (a sandbox refresh gives the
 * org a new id), GRAX emails every ADMIN_EMAIL address one link (to a local SMTP receiver). Following it and signing in
 * as the integration user reconnects, once; a used or expired link is refused with a page saying what to do; a
 * refreshed sandbox's new org id meets the org-change rules. All of it is audited without the link itself.
 */
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import { ConnectionService } from '@service/connection/connectionService';
import type { ConnectionWorld, GraxBrowser } from '@test-support/worlds/connectionWorld';
import { startConnectionWorld, textOf } from '@test-support/worlds/connectionWorld';
import type { SmtpReceiver } from '@test-support/smtpReceiver';
import { startSmtpReceiver } from '@test-support/smtpReceiver';

const noJobs = { engine: { startAfterConnect: async () => 'no-job', kick: () => undefined } };
const ADMINS = ['ops@acme.example', 'it-admins@acme.example'];
const DAY = 24 * 60 * 60_000;

let smtp: SmtpReceiver;
let world: ConnectionWorld;

async function start(connectTo: 'acmeProduction' | 'acmeSandbox'): Promise<void> {
  world = await startConnectionWorld({
    composition: noJobs,
    env: { SMTP_URL: smtp.url, ADMIN_EMAIL: ADMINS.join(', ') },
  });
  const environment = connectTo === 'acmeSandbox' ? 'sandbox' : 'production';
  const done = await world
    .browser()
    .connect({ setupToken: world.setupToken, environment }, DEMO_USERS[connectTo].integration);
  expect(done.status).toBe(303);
  expect(smtp.mails).toEqual([]);
}

beforeEach(async () => {
  smtp = await startSmtpReceiver();
});
afterEach(async () => {
  await world.stop();
  await smtp.close();
});

/** Reset by an SSO admin (nobody has a local user), which ends their session. */
async function resetAsSalesforceAdmin(): Promise<string> {
  const sso = world.browser();
  await sso.signIn({ kind: 'sso', id: '0055g00000001ACAAQ', orgId: DEMO_ORGS.acmeProduction.id, role: 'admin' });
  const reset = await sso.post('/web/settings/salesforce/reset', { orgName: 'Acme Production' });
  expect(reset.status).toBe(200);
  return textOf(reset.html);
}

/** The link in the only email so far, checked to go to every admin address once. */
function emailedLink(index = 0): string {
  const mail = smtp.mails[index];
  if (!mail) throw new Error(`no email number ${index + 1}`);
  expect([...mail.to].sort()).toEqual([...ADMINS].sort());
  const link = /(http:\/\/127\.0\.0\.1:\d+\/web\/connect\/link\?token=[A-Za-z0-9_-]+)/.exec(mail.raw)?.[1];
  if (!link) throw new Error(`no link in ${mail.raw}`);
  expect(link.startsWith(world.service.config.publicUrl)).toBe(true);
  return link;
}

async function follow(browser: GraxBrowser, link: string): Promise<{ status: number; location: string | null }> {
  return browser.get(link);
}

async function audit(action: string): Promise<Record<string, unknown>[]> {
  const events = await world.service.store.audit.list({ action, limit: 20 });
  return events.map((e) => ({ actor: e.actor.id, ...e.details }));
}

it('after Reset, emails each admin address one link; following it and signing in as the integration user reconnects', async () => {
  await start('acmeProduction');
  const resetPage = await resetAsSalesforceAdmin();
  expect(resetPage).toContain(
    'A link to connect again (valid 24 hours, works once) was emailed to the 2 ADMIN_EMAIL addresses.',
  );
  expect(smtp.mails).toHaveLength(1);
  const mail = smtp.mails[0]?.raw ?? '';
  expect(mail).toContain('Subject: GRAX Connect: connect again to Acme Production');
  expect(mail).toContain('GRAX Connect was reset and is no longer connected to Acme Production.');
  expect(mail).toContain('sign in at Salesforce as the integration user');
  expect(mail).toContain('The link works once and expires at');
  const link = emailedLink();
  const token = new URL(link).searchParams.get('token') ?? '';
  expect(await audit('setup.reconnect_link_sent')).toEqual([
    expect.objectContaining({ reason: 'reset', recipients: 2, delivered: true }),
  ]);

  const admin = world.browser();
  const landing = await follow(admin, link);
  // The token leaves the URL at once: a redirect to the plain connect page, the link kept in an httpOnly cookie.
  expect(landing).toMatchObject({ status: 303, location: '/web/connect' });
  const page = await admin.get('/web/connect');
  expect(textOf(page.html)).toContain('You opened the reconnect link GRAX Connect emailed to its admins.');
  expect(page.html).not.toContain('name="setupToken"');
  expect(page.html).not.toContain(token);

  const done = await admin.connect({}, DEMO_USERS.acmeProduction.integration);
  expect(done).toMatchObject({ status: 303, location: '/login?connected=1' });
  const active = await world.service.store.connections.getActive();
  expect(active).toMatchObject({ state: 'connected', orgId: DEMO_ORGS.acmeProduction.id });
  expect(await audit('setup.reconnect_link_used')).toEqual([
    expect.objectContaining({ actor: 'reconnect-link', reason: 'reset' }),
  ]);
  const reconnected = await world.service.store.audit.list({ action: 'connection.reconnected' });
  expect(reconnected[0]?.actor).toMatchObject({ kind: 'setup', id: 'reconnect-link' });

  // The link itself is stored nowhere and logged nowhere.
  expect(JSON.stringify(await world.service.store.settings.list())).not.toContain(token);
  expect(JSON.stringify(await world.service.store.audit.list({ limit: 100 }))).not.toContain(token);
  expect(world.logText()).not.toContain(token);
}, 60_000);

it('refuses the same link a second time with a page that says it was used and what to do', async () => {
  await start('acmeProduction');
  await resetAsSalesforceAdmin();
  const link = emailedLink();
  const first = world.browser();
  await follow(first, link);
  await first.connect({}, DEMO_USERS.acmeProduction.integration);
  await resetAsSalesforceAdmin(); // a second Reset sends a newer link; the used one stays refused as used

  const again = await world.browser().get(link);
  expect(again.status).toBe(410);
  const text = textOf(again.html);
  expect(text).toContain('Reconnect link already used');
  expect(text).toContain('A link works once.');
  expect(text).toContain('npm run setup-token');
  expect(await audit('setup.reconnect_link_refused')).toEqual([expect.objectContaining({ why: 'used' })]);

  // The browser that used it cannot start another connection with it either.
  const replay = await first.postConnect({});
  expect(replay.status).toBe(410);
  expect(textOf(replay.html)).toContain('Reconnect link already used');
  expect((await world.service.store.connections.getActive())?.state).toBe('disconnected');
}, 60_000);

it('refuses an expired link with a page naming what to do, and a browser holding it cannot connect', async () => {
  await start('acmeProduction');
  await resetAsSalesforceAdmin();
  const link = emailedLink();
  const early = world.browser();
  expect((await follow(early, link)).status).toBe(303);

  world.clock.advance(DAY + 1000);
  const late = await world.browser().get(link);
  expect(late.status).toBe(410);
  const text = textOf(late.html);
  expect(text).toContain('Reconnect link expired');
  expect(text).toContain('links work for 24 hours after GRAX Connect emails them');
  expect(text).toContain('A GRAX admin signs in to GRAX Connect and connects again from the home page.');
  expect(text).toContain('run npm run setup-token on the server');

  const started = await early.postConnect({});
  expect(started.status).toBe(410);
  expect(textOf(started.html)).toContain('Reconnect link expired');
  expect((await audit('setup.reconnect_link_refused')).map((e) => e.why)).toEqual(['expired', 'expired']);
  expect((await world.service.store.connections.getActive())?.state).toBe('disconnected');
}, 60_000);

it('voids the link once GRAX is connected again another way', async () => {
  await start('acmeProduction');
  await resetAsSalesforceAdmin();
  const link = emailedLink();
  const admin = world.browser();
  await admin.signIn({ role: 'admin' });
  const done = await admin.connect({}, DEMO_USERS.acmeProduction.integration);
  expect(done.status).toBe(303);
  expect((await world.service.store.connections.getActive())?.state).toBe('connected');

  const late = await world.browser().get(link);
  expect(late.status).toBe(410);
  expect(textOf(late.html)).toContain('Reconnect link not valid');
  expect(await audit('setup.reconnect_link_used')).toEqual([]);
}, 60_000);

it('notices a refreshed sandbox, emails one link, and the new org id meets the org-change rules', async () => {
  await start('acmeSandbox');
  const previousOrgId = DEMO_ORGS.acmeSandbox.id;
  const newOrgId = world.emulator.control.refreshSandbox(previousOrgId).orgId;

  const { connections, reconnectLinks } = world.features.flows;
  const active = await connections.active();
  if (!active) throw new Error('not connected');
  // A second replica of the service on the same store: its own refreshes, the same connection.
  const { config, store, logger, clock } = world.service;
  const replica = new ConnectionService({ config, store, logger, clock, reconnectLinks });
  // Several callers on both replicas meet the dead tokens (at once and one after another): one incident, one email.
  const calls = [connections, connections, replica, replica].map((service) =>
    service.client(active).send({ method: 'GET', path: '/limits' }),
  );
  const results = await Promise.allSettled(calls);
  for (const result of results) {
    expect(result.status).toBe('rejected');
    if (result.status === 'rejected') expect(String(result.reason)).toMatch(/no longer accepts/);
  }
  await expect(connections.client(active).send({ method: 'GET', path: '/limits' })).rejects.toThrow();
  expect((await connections.active())?.state).toBe('reauthorization_required');
  expect(smtp.mails).toHaveLength(1);
  const mail = smtp.mails[0]?.raw ?? '';
  expect(mail).toContain("Salesforce no longer accepts GRAX Connect's authorization for Acme Sandbox.");
  expect(mail).toContain('A sandbox refresh does this');
  expect(await audit('setup.reconnect_link_sent')).toEqual([
    expect.objectContaining({ reason: 'reauthorization_required', recipients: 2, delivered: true }),
  ]);

  const admin = world.browser();
  expect(await follow(admin, emailedLink())).toMatchObject({ status: 303, location: '/web/connect' });
  const refused = await admin.connect({ environment: 'sandbox' }, DEMO_USERS.acmeSandbox.integration);
  expect(refused.status).toBe(403);
  const text = textOf(refused.html);
  expect(text).toContain(`You signed in to Acme Sandbox (${newOrgId}), but GRAX Connect is connected to Acme Sandbox`);
  expect(text).toContain(`(${previousOrgId})`);
  expect(text).toContain('confirms the change. The emailed link was not used up.');
  expect(await audit('setup.reconnect_link_used')).toEqual([]);
  expect(await connections.active()).toMatchObject({ orgId: previousOrgId, state: 'reauthorization_required' });
  // Not used up: the same browser may start again (to reconnect the old org, or once an admin confirmed the change).
  expect((await admin.postConnect({ environment: 'sandbox' })).status).toBe(303);
}, 60_000);
