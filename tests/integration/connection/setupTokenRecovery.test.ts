/**
 * The way back in after Reset with no active local admin: /web and /login say what to ask the operator to run (and
 * nothing about the org), `npm run setup-token` on the server prints a one-time token that expires after an hour and
 * is audited, and the token connects GRAX again or creates the first local admin, once.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import { issueSetupToken } from '@service/connection/issuedSetupToken';
import type { ConnectionWorld, GraxBrowser } from '@test-support/worlds/connectionWorld';
import { startConnectionWorld, textOf } from '@test-support/worlds/connectionWorld';
import { REPO_ROOT } from '@test-support/repoRoot';

const run = promisify(execFile);
const integration = DEMO_USERS.acmeProduction.integration;
const noJobs = { engine: { startAfterConnect: async () => 'no-job', kick: () => undefined } };
const HOUR = 60 * 60_000;

describe('setup-token recovery', () => {
  let world: ConnectionWorld;

  beforeEach(async () => {
    world = await startConnectionWorld({ composition: noJobs });
    await world.browser().connect({ setupToken: world.setupToken }, integration);
    await resetAsSalesforceAdmin();
  });
  afterEach(async () => {
    await world.stop();
  });

  /** Reset by an SSO admin (the usual case: nobody has a local user), which ends their session. */
  async function resetAsSalesforceAdmin(): Promise<void> {
    const sso = world.browser();
    await sso.signIn({ kind: 'sso', id: '0055g00000001ACAAQ', orgId: DEMO_ORGS.acmeProduction.id, role: 'admin' });
    const reset = await sso.post('/web/settings/salesforce/reset', { orgName: 'Acme Production' });
    expect(reset.status).toBe(200);
    expect((await world.service.store.connections.getActive())?.state).toBe('disconnected');
  }

  async function issue(): Promise<string> {
    const outcome = await issueSetupToken({ store: world.service.store, clock: world.clock });
    if (outcome.kind !== 'issued') throw new Error('no token issued');
    return outcome.issued.token;
  }

  async function auditActions(): Promise<string[]> {
    return (await world.service.store.audit.list({ limit: 100 })).map((event) => event.action);
  }

  it('tells a visitor what to ask the operator to run, and nothing about the org', async () => {
    const visitor = world.browser();
    const home = await visitor.get('/web');
    expect(home.status).toBe(200);
    const homeText = textOf(home.html);
    expect(homeText).toContain('no local admin is active, so connecting again needs a setup token');
    expect(homeText).toContain('Ask the operator of the GRAX Connect server to run npm run setup-token on the server');
    expect(homeText).not.toContain('needs a GRAX admin signed in with a local user');
    expect(homeText).not.toContain('Acme');
    expect(home.html).not.toContain(world.myDomainOf('acmeProduction'));

    const login = await visitor.get('/login');
    const loginText = textOf(login.html);
    expect(loginText).toContain('No local admin is active and Log in with Salesforce is unavailable.');
    expect(loginText).toContain('npm run setup-token');
    expect(loginText).not.toContain('A local admin can sign in');
    expect(loginText).not.toContain('Acme');
    expect(login.html).toContain('href="/login/first-admin"');
  });

  it('connects again with the token the command printed, once, and audits both', async () => {
    const command = await run(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/setup-token.ts'], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        DATA_DIR: world.service.config.dataDir,
        PUBLIC_URL: world.service.config.publicUrl,
      },
    });
    const token = /setup token: (\S+)/.exec(command.stdout)?.[1] ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(command.stdout).toContain(`open ${world.service.config.publicUrl}/web/connect, enter the token`);
    expect(command.stdout).toContain(`${world.service.config.publicUrl}/login/first-admin`);
    expect(JSON.stringify(await world.service.store.settings.list())).not.toContain(token);
    expect(await auditActions()).toContain('setup.token_issued');

    const visitor = world.browser();
    const wrong = await visitor.postConnect({ setupToken: `${token}x` });
    expect(wrong.status).toBe(400);
    expect(textOf(wrong.html)).toContain('This setup token is not valid.');

    const done = await visitor.connect({ setupToken: token }, integration);
    expect(done).toMatchObject({ status: 303, location: '/login?connected=1' });
    expect((await world.service.store.connections.getActive())?.state).toBe('connected');
    const used = await world.service.store.audit.list({ action: 'setup.token_used' });
    expect(used).toHaveLength(1);
    expect(used[0]).toMatchObject({ actor: { kind: 'setup' }, details: { use: 'connect' } });
    expect(await auditActions()).toContain('connection.reconnected');

    // Used up: after another Reset the same token is refused.
    await resetAsSalesforceAdmin();
    expect((await world.browser().postConnect({ setupToken: token })).status).toBe(400);
  }, 60_000);

  it('refuses another org to a token holder, says how to confirm the change, and keeps the token', async () => {
    const token = await issue();
    const refused = await world
      .browser()
      .connect({ setupToken: token, environment: 'sandbox' }, DEMO_USERS.acmeSandbox.integration);
    expect(refused.status).toBe(403);
    const text = textOf(refused.html);
    expect(text).toContain('but GRAX Connect was last connected to Acme Production');
    expect(text).toContain('create the first local admin with the setup token');
    expect(text).toContain('The setup token was not used up.');
    expect(await world.service.store.audit.list({ action: 'setup.token_used' })).toEqual([]);
    expect((await world.browser().postConnect({ setupToken: token })).status).toBe(303);
  });

  it('expires an hour after it was issued', async () => {
    const token = await issue();
    world.clock.advance(HOUR + 1000);
    const refused = await world.browser().postConnect({ setupToken: token });
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toContain('expire after an hour');
    expect((await world.service.store.connections.getActive())?.state).toBe('disconnected');
  });

  it('replaces the previous token when the command runs again', async () => {
    const first = await issue();
    const second = await issue();
    expect((await world.browser().postConnect({ setupToken: first })).status).toBe(400);
    expect((await world.browser().postConnect({ setupToken: second })).status).toBe(303);
  });

  it('creates the first local admin once; then the admin signs in instead', async () => {
    const token = await issue();
    const visitor = world.browser();
    const form = await visitor.get('/login/first-admin');
    expect(form.html).toContain('name="setupToken"');

    const create = (fields: Record<string, string>): ReturnType<GraxBrowser['post']> =>
      visitor.post(
        '/login/first-admin',
        { username: 'breakglass', displayName: 'Break Glass', password: 'correct horse battery staple', ...fields },
        { csrf: undefined },
      );
    const wrongToken = await create({ setupToken: 'not-the-token' });
    expect(wrongToken.status).toBe(400);
    expect(textOf(wrongToken.html)).toContain('This setup token is not valid.');
    const weak = await create({ setupToken: token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(await world.service.store.localUsers.countActiveAdmins()).toBe(0);

    const created = await create({ setupToken: token });
    expect(created).toMatchObject({ status: 303, location: '/login?adminCreated=1' });
    const user = await world.service.store.localUsers.findByUsername('breakglass');
    expect(user).toMatchObject({ role: 'admin', active: true });
    const used = await world.service.store.audit.list({ action: 'setup.token_used' });
    expect(used[0]?.details).toMatchObject({ use: 'first_admin' });
    expect(textOf((await visitor.get('/login?adminCreated=1')).html)).toContain('Local admin created.');

    // The token is used up and an admin exists: neither the form nor the token works again.
    const again = await create({ setupToken: token, username: 'second' });
    expect(again.status).toBe(409);
    expect((await world.browser().postConnect({ setupToken: token })).status).toBe(400);
    const home = textOf((await world.browser().get('/web')).html);
    expect(home).toContain('sign in with a local admin, or enter a setup token');
  });

  it('issues no token when GRAX is connected and a local admin is active', async () => {
    await world.service.store.localUsers.create({
      username: 'breakglass',
      displayName: 'Break Glass',
      role: 'admin',
      passwordHash: 'not-used-here',
    });
    const token = await issue();
    await world.browser().connect({ setupToken: token }, integration);
    const outcome = await issueSetupToken({ store: world.service.store, clock: world.clock });
    expect(outcome).toEqual({ kind: 'not_needed' });
  });
});
