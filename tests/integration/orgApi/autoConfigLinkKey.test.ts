/**
 * Auto Config links the org by itself: it writes a link key into External Credential GRAX_Service (principal Link)
 * through Connect REST, once; a repeat run writes nothing; an admin can ask for a new key; and a key GRAX no longer
 * accepts (after Reset revoked every key, or a write that was never confirmed) is replaced on the next run.
 */
import { AUTO_CONFIG_ACTOR } from '@service/orgApi/linkKeys';
import { textOf } from '@test-support/worlds/connectionWorld';
import { ACME, keyIdOf, startOrgApiWorld, type OrgApiWorld } from '@test-support/worlds/orgApiWorld';

const CREDENTIAL_PATH = /\/named-credentials\/credential$/;

describe('Auto Config and the org link key', () => {
  let world: OrgApiWorld;

  beforeAll(async () => {
    world = await startOrgApiWorld();
    await world.connectIntegrationUser('auto_config');
  });

  afterAll(async () => {
    await world.stop();
  });

  /** The LinkKey value stored in the emulated org (Salesforce never returns it; the emulator's test hook does). */
  function keyInOrg(): string | undefined {
    return world.emulator.world.org('acmeProduction').debugCredentialValue('GRAX_Service', 'Link')?.LinkKey;
  }

  /** Credential writes (POST/PUT/PATCH) the org received so far. */
  function credentialWrites(): number {
    return Object.entries(world.emulator.control.stats().calls)
      .filter(([route]) => /^(POST|PUT|PATCH) /.test(route) && CREDENTIAL_PATH.test(route))
      .reduce((n, [, count]) => n + count, 0);
  }

  async function runAutoConfig(): Promise<{ linkKey: string }> {
    const connection = await world.features.flows.connections.livePermissionConnection(ACME.id);
    if (!connection) throw new Error('not connected');
    const started = await world.engine.startAutoConfig({ connection, trigger: AUTO_CONFIG_ACTOR });
    expect(started.created).toBe(true);
    return (await finished(started.jobId)).result as unknown as { linkKey: string };
  }

  /** Waits for a job to end; throws when it failed. */
  async function finished(jobId: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = await world.service.store.jobs.get(jobId);
      if (job?.state === 'succeeded') return job;
      if (job?.state === 'failed') throw new Error(`Auto Config failed: ${JSON.stringify(job.error)}`);
      if (Date.now() > deadline) throw new Error('Auto Config did not finish');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('writes a key the org API accepts into the org, once', async () => {
    expect(keyInOrg()).toBeUndefined();
    const writesBefore = credentialWrites();
    const result = await runAutoConfig();
    expect(result.linkKey).toBe('written');
    const key = keyInOrg();
    if (!key) throw new Error('no key in the org');
    expect(key).toMatch(/^gxk_[A-Za-z0-9_-]{22}_[A-Za-z0-9_-]{43}$/);
    expect(credentialWrites()).toBe(writesBefore + 1);
    expect((await world.api('/status', { key })).status).toBe(200);
    const stored = await world.service.store.linkKeys.get(keyIdOf(key));
    expect(stored).toMatchObject({ orgId: ACME.id, createdBy: AUTO_CONFIG_ACTOR, revokedAt: null });
    const audit = await world.service.store.audit.list({ action: 'linkKey.storedInOrg', limit: 5 });
    expect(audit[0]?.target).toBe(keyIdOf(key));
  });

  it('writes nothing on a repeat run', async () => {
    const key = keyInOrg();
    const keysBefore = (await world.service.store.linkKeys.list()).length;
    const writesBefore = credentialWrites();
    const result = await runAutoConfig();
    expect(result.linkKey).toBe('unchanged');
    expect(keyInOrg()).toBe(key);
    expect(credentialWrites()).toBe(writesBefore);
    expect((await world.service.store.linkKeys.list()).length).toBe(keysBefore);
  });

  it('shows the key Auto Config stored in Settings > Org link', async () => {
    const admin = world.browser();
    await world.signIn(admin);
    const page = await admin.get('/web/settings/org-link');
    const row = /<tr data-key-id="([^"]+)">[\s\S]*?<\/tr>/.exec(page.html);
    expect(row?.[1]).toBe(keyIdOf(keyInOrg() ?? ''));
    expect(textOf(row?.[0] ?? '')).toContain('Stored in Salesforce by Auto Config');
  });

  it('stores a new key when an admin asks, and revokes the one it replaced', async () => {
    const old = keyInOrg() ?? '';
    const admin = world.browser();
    await world.signIn(admin);
    const page = await admin.get('/web/settings/org-link');
    expect(textOf(page.html)).toContain('Store a new key through Auto Config');
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page.html)?.[1] ?? null;
    const earlier = new Set((await world.service.store.jobs.list({ kind: 'autoconfig' })).map((j) => j.id));
    const asked = await admin.post('/web/settings/org-link/store-in-org', {}, { csrf });
    expect(asked.status).toBe(303);

    const job = (await world.service.store.jobs.list({ kind: 'autoconfig' })).find((j) => !earlier.has(j.id));
    if (!job) throw new Error('asking for a new key started no Auto Config');
    expect((await finished(job.id)).result).toMatchObject({ linkKey: 'written' });
    const fresh = keyInOrg() ?? '';
    expect(fresh).not.toBe(old);
    expect((await world.api('/status', { key: old })).status).toBe(401);
    expect((await world.api('/status', { key: fresh })).status).toBe(200);
    expect(await world.linkKeys.rotationRequested(ACME.id)).toBe(false);
  });

  it('replaces the key in the org after Reset revoked every key', async () => {
    const old = keyInOrg() ?? '';
    await world.service.store.linkKeys.revokeAll();
    expect((await world.api('/status', { key: old })).status).toBe(401);
    expect((await runAutoConfig()).linkKey).toBe('written');
    const fresh = keyInOrg() ?? '';
    expect(fresh).not.toBe(old);
    expect((await world.api('/status', { key: fresh })).status).toBe(200);
  });

  it('replaces a key whose write was never confirmed, and revokes it', async () => {
    const before = keyInOrg() ?? '';
    await world.linkKeys.requestRotationInOrg(ACME.id, AUTO_CONFIG_ACTOR);
    world.emulator.control.addFault({ method: 'PUT', pathRegex: CREDENTIAL_PATH.source, status: 500, count: 1 });
    expect((await runAutoConfig()).linkKey).toBe('failed');
    expect(keyInOrg()).toBe(before);
    const unconfirmed = (await world.service.store.linkKeys.list()).find(
      (k) => k.createdBy.id === AUTO_CONFIG_ACTOR.id && k.keyId !== keyIdOf(before),
    );
    if (!unconfirmed) throw new Error('no unconfirmed key was created');
    expect((await world.api('/status', { key: before })).status).toBe(200);

    expect((await runAutoConfig()).linkKey).toBe('written');
    const fresh = keyInOrg() ?? '';
    expect([before, ''].includes(fresh)).toBe(false);
    expect((await world.service.store.linkKeys.get(unconfirmed.keyId))?.revokedAt).not.toBeNull();
    expect((await world.api('/status', { key: before })).status).toBe(401);
    expect((await world.api('/status', { key: fresh })).status).toBe(200);
  });
});
