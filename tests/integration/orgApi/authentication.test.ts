/**
 * Who may call the org API: a valid link key for the calling org, nothing else. Every refusal is JSON with the code
 * GRAX Setup acts on, never a redirect or a page, never a cookie.
 */
import { ROTATION_GRACE_MS } from '@service/orgApi/linkKeys';
import {
  ACME,
  ACME_SANDBOX,
  errorOf,
  keyIdOf,
  startOrgApiWorld,
  TEST_ADMIN,
  type OrgApiWorld,
} from '@test-support/worlds/orgApiWorld';

describe('org API authentication', () => {
  let world: OrgApiWorld;
  let key: string;

  beforeAll(async () => {
    world = await startOrgApiWorld();
    key = await world.issueKey();
  });

  afterAll(async () => {
    await world.stop();
  });

  async function expectRefused(response: Response, status: number, code: string): Promise<void> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    const error = await errorOf(response);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(20);
    expect(error.actions.length).toBeGreaterThan(0);
  }

  it('answers a call with a valid key for the calling org', async () => {
    const response = await world.api('/status', { key });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    const status = (await response.json()) as { link: { orgId: string; keyId: string } };
    expect(status.link.orgId).toBe(ACME.id);
    expect(key).toContain(status.link.keyId);
  });

  it('refuses a call without a key with LINK_KEY_MISSING and a Bearer challenge', async () => {
    const response = await world.api('/status', { key: null });
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    await expectRefused(response, 401, 'LINK_KEY_MISSING');
  });

  it('treats another scheme or an empty bearer as no key', async () => {
    const basic = await world.api('/status', {
      key: null,
      headers: { Authorization: `Basic ${Buffer.from(`x:${key}`).toString('base64')}` },
    });
    await expectRefused(basic, 401, 'LINK_KEY_MISSING');
    await expectRefused(await world.api('/status', { key: '' }), 401, 'LINK_KEY_MISSING');
  });

  it('refuses malformed keys with LINK_KEY_INVALID', async () => {
    for (const malformed of [key.slice(0, -1), `${key}x`, key.replace('gxk_', 'gxs_'), 'gxk_short', `${key} ${key}`]) {
      await expectRefused(await world.api('/status', { key: malformed }), 401, 'LINK_KEY_INVALID');
    }
  });

  it('refuses a key with the right id and the wrong secret, and an unknown key id', async () => {
    const wrongSecret = `${key.slice(0, 27)}${'A'.repeat(43)}`;
    const unknownId = `gxk_${'B'.repeat(22)}${key.slice(26)}`;
    await expectRefused(await world.api('/status', { key: wrongSecret }), 401, 'LINK_KEY_INVALID');
    await expectRefused(await world.api('/status', { key: unknownId }), 401, 'LINK_KEY_INVALID');
  });

  it('refuses a revoked key at once', async () => {
    const revoked = await world.issueKey();
    expect((await world.api('/status', { key: revoked })).status).toBe(200);
    await world.linkKeys.revoke(keyIdOf(revoked), TEST_ADMIN);
    await expectRefused(await world.api('/status', { key: revoked }), 401, 'LINK_KEY_INVALID');
  });

  it('keeps a rotated key working for 10 minutes, then refuses it', async () => {
    const old = await world.issueKey();
    const replacement = await world.linkKeys.rotate(keyIdOf(old), TEST_ADMIN);
    world.clock.advance(ROTATION_GRACE_MS - 1000);
    expect((await world.api('/status', { key: old })).status).toBe(200);
    expect((await world.api('/status', { key: replacement.key })).status).toBe(200);
    world.clock.advance(2000);
    await expectRefused(await world.api('/status', { key: old }), 401, 'LINK_KEY_INVALID');
    expect((await world.api('/status', { key: replacement.key })).status).toBe(200);
  });

  it('refuses a key presented by another org, or without an org id, with ORG_MISMATCH', async () => {
    const other = await world.api('/status', { key, orgId: ACME_SANDBOX.id });
    await expectRefused(other, 403, 'ORG_MISMATCH');
    await expectRefused(await world.api('/status', { key, orgId: null }), 403, 'ORG_MISMATCH');
    await expectRefused(await world.api('/status', { key, orgId: 'not-an-org' }), 403, 'ORG_MISMATCH');
    // A wrong case-safe suffix is not the same org.
    await expectRefused(await world.api('/status', { key, orgId: `${ACME.id.slice(0, 15)}AAA` }), 403, 'ORG_MISMATCH');
  });

  it('accepts the 15-character form of the org id', async () => {
    expect((await world.api('/status', { key, orgId: ACME.id.slice(0, 15) })).status).toBe(200);
  });

  it('answers unknown addresses and wrong methods with JSON, after authentication', async () => {
    await expectRefused(await world.api('/nothing-here', { key: null }), 401, 'LINK_KEY_MISSING');
    await expectRefused(await world.api('/nothing-here', { key }), 404, 'NOT_FOUND');
    const wrongMethod = await world.api('/verify', { key });
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    await expectRefused(wrongMethod, 405, 'METHOD_NOT_ALLOWED');
  });

  it('stops accepting every key and every outstanding connect link after Reset revokes all keys', async () => {
    const a = await world.issueKey();
    const b = await world.issueKey(ACME_SANDBOX.id);
    const linkResponse = await world.api('/connect-link', {
      key: a,
      method: 'POST',
      body: JSON.stringify({ environment: 'production', mode: 'auto_config' }),
    });
    expect(linkResponse.status).toBe(200);
    const { url } = (await linkResponse.json()) as { url: string };

    await world.service.store.linkKeys.revokeAll();

    await expectRefused(await world.api('/status', { key: a }), 401, 'LINK_KEY_INVALID');
    await expectRefused(await world.api('/status', { key: b, orgId: ACME_SANDBOX.id }), 401, 'LINK_KEY_INVALID');
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('has been revoked');
    key = await world.issueKey();
  });

  it('records calls in the audit log by key id, a status poll once per hour, and never the key', async () => {
    const polled = await world.issueKey();
    const keyId = keyIdOf(polled);
    for (let i = 0; i < 5; i++) expect((await world.api('/status', { key: polled })).status).toBe(200);
    await world.api('/status', { key: polled, orgId: ACME_SANDBOX.id });
    await world.api('/status', { key: polled, orgId: ACME_SANDBOX.id });
    const events = await world.service.store.audit.list({ limit: 200 });
    const reads = events.filter((e) => e.action === 'orgApi.status' && e.target === keyId);
    expect(reads).toHaveLength(1);
    expect(reads[0]?.actor).toEqual({ kind: 'org', id: keyId, name: `GRAX Setup in org ${ACME.id}` });
    const refusals = events.filter((e) => e.action === 'orgApi.refused' && e.target === keyId);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.details).toMatchObject({ reason: 'ORG_MISMATCH' });
    world.clock.advance(60 * 60_000);
    await world.api('/status', { key: polled });
    const later = await world.service.store.audit.list({ action: 'orgApi.status', limit: 200 });
    expect(later.filter((e) => e.target === keyId)).toHaveLength(2);
    const everything = JSON.stringify(await world.service.store.audit.list({ limit: 1000 }));
    expect(everything).not.toContain(polled);
    expect(everything).not.toContain(polled.slice(27));
  });

  it('never writes a key or its secret to the log', () => {
    const log = world.logText();
    expect(log).toContain('"path":"/api/org/v1/status"');
    expect(log).not.toContain(key);
    expect(log).not.toContain(key.slice(27));
  });
});
