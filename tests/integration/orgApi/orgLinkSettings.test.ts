/**
 * Settings > Org link as admins and viewers use it: the org keys are for, the address Salesforce calls, and creating
 * (shown once), rotating and revoking keys, each a CSRF-protected form only admins may post.
 */
import { textOf, type GraxBrowser } from '@test-support/worlds/connectionWorld';
import { ROTATION_GRACE_MS } from '@service/orgApi/linkKeys';
import { ACME, ACME_SANDBOX, keyIdOf, startOrgApiWorld, type OrgApiWorld } from '@test-support/worlds/orgApiWorld';

const PAGE = '/web/settings/org-link';

function csrfOf(html: string): string | null {
  return /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? null;
}

/** The key shown once in the page, if any. */
function shownKey(html: string): string | null {
  return (
    /data-link-key[^>]*value="(gxk_[^"]+)"|value="(gxk_[^"]+)"[^>]*data-link-key/.exec(html)?.slice(1).find(Boolean) ??
    null
  );
}

describe('Settings > Org link', () => {
  let world: OrgApiWorld;
  let admin: GraxBrowser;

  beforeAll(async () => {
    world = await startOrgApiWorld();
    admin = world.browser();
  });
  beforeEach(async () => {
    // A fresh sign-in is a re-authentication: key changes need one from the last 5 minutes.
    await world.signIn(admin);
  });

  afterAll(async () => {
    await world.stop();
  });

  async function post(browser: GraxBrowser, path: string, fields: Record<string, string> = {}) {
    return browser.post(path, fields, { csrf: csrfOf((await browser.get(PAGE)).html) });
  }

  async function createKey(fields: Record<string, string> = {}): Promise<string> {
    const created = await post(admin, `${PAGE}/keys`, fields);
    expect(created.status).toBe(200);
    const key = shownKey(created.html);
    if (!key) throw new Error(`no key shown: ${textOf(created.html).slice(0, 500)}`);
    return key;
  }

  it('sends a visitor who is not signed in to the login page', async () => {
    const page = await world.browser().get(PAGE);
    expect(page.status).toBe(303);
    expect(page.location).toMatch(/^\/login\?returnTo=/);
  });

  it('says Salesforce cannot reach a localhost or http address', async () => {
    const text = textOf((await admin.get(PAGE)).html);
    expect(text).toContain(world.service.config.publicUrl);
    expect(text).toContain('Salesforce needs a public HTTPS address with a trusted certificate');
  });

  it('asks for the org id before GRAX is connected, and refuses one that is not an org id', async () => {
    const page = await admin.get(PAGE);
    expect(textOf(page.html)).toContain('GRAX is not connected to an org yet');
    expect(page.html).toContain('name="orgId"');
    const refused = await post(admin, `${PAGE}/keys`, { orgId: '005000000000001' });
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toContain('Enter the Salesforce org id');
    expect(refused.html).toContain('aria-invalid="true"');
    expect(shownKey(refused.html)).toBeNull();
    expect(await world.service.store.linkKeys.list()).toHaveLength(0);
  });

  it('creates a key for the named org, shows it once with how to paste it, and the key works', async () => {
    const key = await createKey({ orgId: ACME.id.slice(0, 15) });
    const created = await world.service.store.linkKeys.get(keyIdOf(key));
    expect(created).toMatchObject({ orgId: ACME.id, createdBy: { kind: 'local', name: 'Ada Admin' } });
    expect((await world.api('/status', { key })).status).toBe(200);

    const later = await admin.get(PAGE);
    expect(later.html).not.toContain(key);
    expect(later.html).not.toContain(key.slice(27));
    const row = textOf(/<tr data-key-id="[^"]+">[\s\S]*?<\/tr>/.exec(later.html)?.[0] ?? '');
    expect(row).toContain(keyIdOf(key));
    expect(row).toContain('Ada Admin');
    expect(row).toContain('Active');
    expect(row).not.toContain('Never');
    const audit = await world.service.store.audit.list({ action: 'linkKey.created', limit: 5 });
    expect(audit[0]).toMatchObject({ target: keyIdOf(key), actor: { name: 'Ada Admin' } });
  });

  it('shows the new key with the steps to paste it into GRAX Setup', async () => {
    const created = await post(admin, `${PAGE}/keys`, { orgId: ACME.id });
    const text = textOf(created.html);
    expect(text).toContain('Copy the new link key now');
    expect(text).toContain('GRAX shows this key only once');
    expect(text).toContain('GRAX Setup');
    expect(text).toContain('Save link key');
  });

  it('refuses forms without the CSRF token', async () => {
    const before = (await world.service.store.linkKeys.list()).length;
    const refused = await admin.post(`${PAGE}/keys`, { orgId: ACME.id }, { csrf: null });
    expect(refused.status).toBe(403);
    expect((await world.service.store.linkKeys.list()).length).toBe(before);
  });

  it('rotates a key: the new one is shown once and the old one works for 10 more minutes', async () => {
    const old = await createKey({ orgId: ACME.id });
    const rotated = await post(admin, `${PAGE}/keys/${keyIdOf(old)}/rotate`);
    expect(rotated.status).toBe(200);
    const replacement = shownKey(rotated.html);
    if (!replacement) throw new Error('no replacement shown');
    expect(textOf(rotated.html)).toContain(`The old key ${keyIdOf(old)} keeps working until`);
    expect((await world.api('/status', { key: old })).status).toBe(200);
    expect((await world.api('/status', { key: replacement })).status).toBe(200);
    const row = /<tr data-key-id="([^"]+)">[\s\S]*?<\/tr>/g;
    const rows = [...(await admin.get(PAGE)).html.matchAll(row)].map((m) => textOf(m[0]));
    expect(rows.find((r) => r.includes(keyIdOf(old)))).toContain('Rotated: works until');
    world.clock.advance(ROTATION_GRACE_MS);
    expect((await world.api('/status', { key: old })).status).toBe(401);
    expect((await world.api('/status', { key: replacement })).status).toBe(200);
  });

  it('revokes a key at once', async () => {
    const key = await createKey({ orgId: ACME.id });
    const revoked = await post(admin, `${PAGE}/keys/${keyIdOf(key)}/revoke`);
    expect(revoked.status).toBe(303);
    const page = await admin.get(revoked.location ?? '');
    expect(textOf(page.html)).toContain(`Link key ${keyIdOf(key)} was revoked`);
    expect((await world.api('/status', { key })).status).toBe(401);
    const audit = await world.service.store.audit.list({ action: 'linkKey.revoked', limit: 5 });
    expect(audit[0]).toMatchObject({ target: keyIdOf(key), actor: { name: 'Ada Admin' } });
  });

  it('asks for a sign-in from the last 5 minutes before creating, rotating or revoking a key', async () => {
    const key = await createKey({ orgId: ACME.id });
    const keysBefore = await world.service.store.linkKeys.list();
    world.clock.advance(6 * 60_000);
    for (const target of [
      `${PAGE}/keys`,
      `${PAGE}/keys/${keyIdOf(key)}/rotate`,
      `${PAGE}/keys/${keyIdOf(key)}/revoke`,
      `${PAGE}/store-in-org`,
    ]) {
      const refused = await post(admin, target, { orgId: ACME.id });
      expect([target, refused.status, refused.location]).toEqual([
        target,
        303,
        `/web/reauth?returnTo=${encodeURIComponent(PAGE)}`,
      ]);
      expect(shownKey(refused.html)).toBeNull();
    }
    expect(await world.service.store.linkKeys.list()).toEqual(keysBefore);
    expect((await world.api('/status', { key })).status).toBe(200);
  });

  it('lets viewers read the keys but not change them', async () => {
    const viewer = world.browser();
    await world.signIn(viewer, { id: 'usr_viewer', displayName: 'Vic Viewer', role: 'viewer' });
    const page = await viewer.get(PAGE);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Only GRAX admins can create, rotate or revoke link keys');
    expect(page.html).not.toContain(`action="${PAGE}/keys"`);
    expect(page.html).not.toContain('/rotate"');
    const someKey = (await world.service.store.linkKeys.list())[0];
    if (!someKey) throw new Error('no key');
    for (const target of [
      `${PAGE}/keys`,
      `${PAGE}/keys/${someKey.keyId}/rotate`,
      `${PAGE}/keys/${someKey.keyId}/revoke`,
    ]) {
      const refused = await post(viewer, target, { orgId: ACME.id });
      expect(refused.status).toBe(403);
      expect(textOf(refused.html)).toContain('Your GRAX Connect role does not allow you to');
    }
    expect(await world.service.store.linkKeys.get(someKey.keyId)).toMatchObject({ revokedAt: someKey.revokedAt });
  });

  it('issues keys only for the connected org once GRAX is connected', async () => {
    await world.connectIntegrationUser();
    const page = await admin.get(PAGE);
    expect(textOf(page.html)).toContain(`Link keys are issued for ${ACME.name} (${ACME.id})`);
    expect(page.html).not.toContain('name="orgId"');
    const key = await createKey({ orgId: ACME_SANDBOX.id });
    expect((await world.service.store.linkKeys.get(keyIdOf(key)))?.orgId).toBe(ACME.id);
  });
});
