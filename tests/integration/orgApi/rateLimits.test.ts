/**
 * The org API's budgets: calls per key per minute, connect links per key per 10 minutes, and refused keys per client
 * per minute. Over budget, the answer is 429 RATE_LIMITED with Retry-After; the budget comes back when its window ends.
 */
import { ORG_API_LIMITS } from '@service/http/orgApiRoutes';
import { errorOf, keyIdOf, startOrgApiWorld, type OrgApiWorld } from '@test-support/worlds/orgApiWorld';

describe('org API rate limits', () => {
  let world: OrgApiWorld;

  beforeAll(async () => {
    world = await startOrgApiWorld();
  });

  afterAll(async () => {
    await world.stop();
  });

  async function expectRateLimited(response: Response, maxSeconds: number): Promise<void> {
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
    const error = await errorOf(response);
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.actions[0]).toMatch(/^Wait \d+ seconds/);
  }

  it('allows 120 calls a minute per key, then answers 429 until the minute is over', async () => {
    const busy = await world.issueKey();
    const quiet = await world.issueKey();
    for (let i = 0; i < ORG_API_LIMITS.callsPerMinute; i++) {
      expect((await world.api('/status', { key: busy })).status).toBe(200);
    }
    await expectRateLimited(await world.api('/status', { key: busy }), 60);
    expect((await world.api('/status', { key: quiet })).status).toBe(200);

    const audit = await world.service.store.audit.list({ action: 'orgApi.refused', limit: 20 });
    expect(audit.find((e) => e.target === keyIdOf(busy))?.details).toMatchObject({ reason: 'RATE_LIMITED' });

    world.clock.advance(60_000);
    expect((await world.api('/status', { key: busy })).status).toBe(200);
  });

  it('allows 10 connect links per key in 10 minutes', async () => {
    const key = await world.issueKey();
    const ask = () =>
      world.api('/connect-link', {
        key,
        method: 'POST',
        body: JSON.stringify({ environment: 'production', mode: 'manual' }),
      });
    for (let i = 0; i < ORG_API_LIMITS.connectLinksPer10Minutes; i++) expect((await ask()).status).toBe(200);
    await expectRateLimited(await ask(), 600);
    expect((await world.api('/status', { key })).status).toBe(200);
    world.clock.advance(10 * 60_000);
    expect((await ask()).status).toBe(200);
  });

  it('answers 429 to a client that keeps presenting bad keys, while valid keys keep working', async () => {
    const valid = await world.issueKey();
    const guess = `gxk_${'A'.repeat(22)}_${'B'.repeat(43)}`;
    for (let i = 0; i < ORG_API_LIMITS.refusalsPerMinute; i++) {
      expect((await world.api('/status', { key: guess })).status).toBe(401);
    }
    await expectRateLimited(await world.api('/status', { key: guess }), 60);
    await expectRateLimited(await world.api('/status', { key: null }), 60);
    expect((await world.api('/status', { key: valid })).status).toBe(200);
    world.clock.advance(60_000);
    expect((await world.api('/status', { key: guess })).status).toBe(401);
  });
});
