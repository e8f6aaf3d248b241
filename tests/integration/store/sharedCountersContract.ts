/**
 * Counters every replica shares, part of the suite every Store implementation passes: rate-limit windows and the
 * concurrency slots with leases.
 */
import { SecretBox, parseKeyRing } from '@service/crypto/secretBox';
import { createStore } from '@service/store/openStore';
import type { Store } from '@service/store/types';
import type { DatabaseFactory } from './storeContract';
import { keySpec } from './storeContract';
import { TestClock } from '@test-support/testClock';

const MINUTE = 60_000;

export function describeSharedCountersContract(makeDatabase: DatabaseFactory): void {
  describe('shared counters', () => {
    let store: Store;
    let clock: TestClock;

    beforeEach(async () => {
      clock = new TestClock();
      store = createStore(await makeDatabase(), new SecretBox(parseKeyRing(keySpec('k1'))), clock);
    });

    afterEach(async () => {
      await store.close();
    });

    describe('rate limits', () => {
      it('counts attempts in a fixed window and starts again when it ends', async () => {
        const start = clock.now().getTime();
        expect(await store.rateLimits.hit('login:a', 15 * MINUTE)).toEqual({
          hits: 1,
          resetAt: new Date(start + 15 * MINUTE),
        });
        clock.advance(MINUTE);
        expect(await store.rateLimits.hit('login:a', 15 * MINUTE)).toEqual({
          hits: 2,
          resetAt: new Date(start + 15 * MINUTE),
        });
        expect((await store.rateLimits.hit('login:b', 15 * MINUTE)).hits).toBe(1);
        clock.advance(14 * MINUTE);
        expect(await store.rateLimits.hit('login:a', 15 * MINUTE)).toEqual({
          hits: 1,
          resetAt: new Date(clock.now().getTime() + 15 * MINUTE),
        });
      });

      it('counts every one of many attempts made at the same time', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, () => store.rateLimits.hit('login:c', MINUTE)));
        expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      });

      it('takes an attempt back, resets a key and purges ended windows', async () => {
        await store.rateLimits.hit('k', MINUTE);
        await store.rateLimits.hit('k', MINUTE);
        await store.rateLimits.undo('k');
        expect((await store.rateLimits.hit('k', MINUTE)).hits).toBe(2);
        await store.rateLimits.reset('k');
        expect((await store.rateLimits.hit('k', MINUTE)).hits).toBe(1);
        await store.rateLimits.hit('other', 10 * MINUTE);
        clock.advance(2 * MINUTE);
        expect(await store.rateLimits.purgeExpired()).toBe(1);
        expect((await store.rateLimits.hit('other', 10 * MINUTE)).hits).toBe(2);
      });
    });

    describe('concurrency slots', () => {
      it('grants at most the limit at a time, even to callers racing for the slots', async () => {
        const taken = await Promise.all(
          Array.from({ length: 6 }, (_, i) => store.concurrencySlots.acquire('org:A', `owner${i}`, 3, MINUTE)),
        );
        expect(taken.filter((slot) => slot !== null).sort()).toEqual([0, 1, 2]);
        expect(await store.concurrencySlots.held('org:A')).toBe(3);
        expect(await store.concurrencySlots.acquire('org:B', 'x', 3, MINUTE)).toBe(0);
      });

      it('frees a slot on release and, for a holder that vanished, when its lease runs out', async () => {
        expect(await store.concurrencySlots.acquire('org:A', 'a', 2, MINUTE)).toBe(0);
        expect(await store.concurrencySlots.acquire('org:A', 'b', 2, 5 * MINUTE)).toBe(1);
        expect(await store.concurrencySlots.acquire('org:A', 'c', 2, MINUTE)).toBeNull();
        expect(await store.concurrencySlots.release('org:A', 0, 'someone else')).toBe(false);
        expect(await store.concurrencySlots.release('org:A', 0, 'a')).toBe(true);
        expect(await store.concurrencySlots.acquire('org:A', 'c', 2, MINUTE)).toBe(0);
        clock.advance(5 * MINUTE);
        expect(await store.concurrencySlots.held('org:A')).toBe(0);
        expect(await store.concurrencySlots.acquire('org:A', 'd', 2, MINUTE)).toBe(0);
        expect(await store.concurrencySlots.release('org:A', 0, 'c')).toBe(false);
      });
    });
  });
}
