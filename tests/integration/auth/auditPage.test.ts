/** The Audit log page: what happened, who did it and when, newest first, paged, for admins and viewers, nothing secret. */
import { DEMO_USERS } from '@grax-connect/org-emulator';
import type { AuthWorld } from '@test-support/worlds/authWorld';
import { PASSWORD, startAuthWorld, textOf } from '@test-support/worlds/authWorld';

const acme = DEMO_USERS.acmeProduction;

let world: AuthWorld;
beforeAll(async () => {
  world = await startAuthWorld();
});
afterAll(() => world.stop());

function rows(page: string): string[] {
  return [...page.matchAll(/<th scope="row" data-action="([^"]+)">/g)].map((m) => m[1] ?? '');
}

describe('Audit log', () => {
  it('lists connect, logins, failed logins, user and SSO access changes and logouts, newest first', async () => {
    const admin = world.authBrowser();
    await admin.ssoLogin(acme.ssoAdmin);
    await world.authBrowser().passwordStep('nobody', 'not a password at all');
    await admin.submit('/web/settings/users', {
      username: 'audited.user',
      displayName: 'Audited',
      role: 'viewer',
      password: PASSWORD,
    });
    await admin.submit('/web/settings/sso', { permissionSet: 'GRAX_Viewer', role: 'viewer' });
    const viewer = world.authBrowser();
    await viewer.ssoLogin(acme.viewer);
    await viewer.submit('/logout', {});

    const page = await admin.get('/web/audit');
    expect(page.status).toBe(200);
    const actions = rows(page.html);
    expect(actions.slice(0, 6)).toEqual([
      'logout',
      'login.sso',
      'sso.mapping_saved',
      'user.created',
      'login.local_failed',
      'login.sso',
    ]);
    expect(actions).toContain('connection.connected');
    const text = textOf(page.html);
    expect(text).toContain('Logged out Victor Viewer (Salesforce user)');
    expect(text).toContain('Local user created Ada Admin (Salesforce user) audited.user');
    expect(text).toContain('Failed login (unknown user) (Local user)');
    expect(text).toContain('SSO access mapping saved Ada Admin (Salesforce user) GRAX_Viewer');
    expect(page.html).not.toContain(PASSWORD);
    expect(page.html).not.toContain('not a password at all');
  });

  it('is open to viewers, closed to anonymous visitors', async () => {
    const viewer = world.authBrowser();
    await viewer.ssoLogin(acme.viewer);
    expect((await viewer.get('/web/audit')).status).toBe(200);
    expect((await world.authBrowser().get('/web/audit')).location).toBe('/login?returnTo=%2Fweb%2Faudit');
  });

  it('pages 50 events at a time and never shows a secret a detail may carry', async () => {
    for (let i = 0; i < 60; i++) {
      await world.service.store.audit.append({
        actor: { kind: 'system', id: 'grax', name: 'GRAX Connect' },
        action: 'linkKey.created',
        target: `event ${i}`,
        details: {
          n: i,
          refresh_token: '5Aep861secretRefreshToken',
          note: 'token 00D5g0000004CSw!AQ4AQsecretSessionPart',
        },
      });
    }
    const admin = world.authBrowser();
    await admin.ssoLogin(acme.ssoAdmin);
    const first = await admin.get('/web/audit');
    expect(rows(first.html)).toHaveLength(50);
    expect(textOf(first.html)).toContain(
      `Logged in with Salesforce Ada Admin (Salesforce user) ${acme.ssoAdmin.username} 00D5g0000004CSwEAM role: admin`,
    );
    expect(first.html).not.toContain('secretRefreshToken');
    expect(first.html).not.toContain('secretSessionPart');
    const older = /href="(\/web\/audit\?before=\d+)"/.exec(first.html)?.[1];
    expect(older).toBeDefined();
    const second = await admin.get(older ?? '');
    const text = textOf(second.html);
    expect(text).toContain('Newest events');
    // The first page held the newest login and events 59 to 11.
    expect(text).toContain('event 10 ');
    expect(text).toContain('event 0 ');
    expect(text).not.toContain('event 11 ');
    expect((await admin.get('/web/audit?before=abc')).status).toBe(400);
  });
});
