/**
 * Reset GRAX unlinks the org completely: every link key stops working, a connect link issued before the Reset is
 * refused, and after a new key and a new connection Auto Config stores a fresh key in the org.
 */
import { textOf } from '@test-support/worlds/connectionWorld';
import { AUTO_CONFIG_ACTOR } from '@service/orgApi/linkKeys';
import {
  ACME,
  INTEGRATION_USER,
  startOrgApiWorld,
  TEST_ADMIN,
  type OrgApiWorld,
} from '@test-support/worlds/orgApiWorld';

describe('Reset GRAX and the org link', () => {
  let world: OrgApiWorld;

  beforeAll(async () => {
    world = await startOrgApiWorld();
  });

  afterAll(async () => {
    await world.stop();
  });

  function keyInOrg(): string | undefined {
    return world.emulator.world.org('acmeProduction').debugCredentialValue('GRAX_Service', 'Link')?.LinkKey;
  }

  async function autoConfigDone(): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const jobs = await world.service.store.jobs.list({ kind: 'autoconfig' });
      if (jobs.length > 0 && jobs.every((j) => j.state === 'succeeded' || j.state === 'failed')) return;
      if (Date.now() > deadline) throw new Error('Auto Config did not finish');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Connects Acme Production through a connect link, as GRAX Setup does. */
  async function connectThroughLink(key: string): Promise<void> {
    const response = await world.api('/connect-link', {
      key,
      method: 'POST',
      body: JSON.stringify({ environment: 'production', mode: 'auto_config' }),
    });
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    const browser = world.browser();
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec((await browser.get(url)).html)?.[1] ?? null;
    const started = await browser.post(
      '/web/connect-link',
      { link: new URL(url).searchParams.get('link') ?? '' },
      { csrf },
    );
    const answer = await browser.loginAtSalesforce(
      started.location ?? '',
      INTEGRATION_USER.username,
      INTEGRATION_USER.password,
    );
    expect((await browser.request(answer.location ?? '')).status).toBe(303);
  }

  it('leaves no key working and no connect link usable, and relinks after a new connection', async () => {
    const pasted = await world.issueKey();
    await connectThroughLink(pasted);
    await autoConfigDone();
    const stored = keyInOrg();
    if (!stored) throw new Error('Auto Config stored no key');
    expect((await world.api('/status', { key: stored })).status).toBe(200);

    // A link asked for before the Reset (the connection needs reconnecting, so GRAX Setup offers Connect).
    const active = await world.service.store.connections.getActive();
    if (!active) throw new Error('not connected');
    await world.service.store.connections.update(active.id, { state: 'reauthorization_required' });
    const early = await world.api('/connect-link', {
      key: pasted,
      method: 'POST',
      body: JSON.stringify({ environment: 'production', mode: 'auto_config' }),
    });
    const { url } = (await early.json()) as { url: string };
    await world.service.store.connections.update(active.id, { state: 'connected' });

    const report = await world.features.flows.reset(TEST_ADMIN, ACME.name);
    expect(report.linkKeysRevoked).toBeGreaterThanOrEqual(2);
    expect(keyInOrg()).toBeUndefined();

    for (const key of [pasted, stored]) {
      expect((await world.api('/status', { key })).status).toBe(401);
    }
    const page = await world.browser().get(url);
    expect(page.status).toBe(410);
    expect(textOf(page.html)).toContain('Reset GRAX');

    const fresh = await world.issueKey();
    await connectThroughLink(fresh);
    await autoConfigDone();
    const restored = keyInOrg();
    if (!restored) throw new Error('Auto Config stored no key after the Reset');
    expect(restored).not.toBe(stored);
    expect((await world.api('/status', { key: restored })).status).toBe(200);
    const writer = await world.service.store.linkKeys.get(restored.slice(4, 26));
    expect(writer?.createdBy).toEqual(AUTO_CONFIG_ACTOR);
  });
});
