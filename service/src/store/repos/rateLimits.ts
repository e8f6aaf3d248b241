/**
 * Rate-limit counters in the database, so every replica counts the same attempts: one row per key (limiter and
 * client, already hashed by the caller) with its hits and the end of its fixed window.
 */
import type { RepoContext } from '../rowValues';
import { date, num } from '../rowValues';
import type { RateLimitRepository } from '../types';

export function rateLimitRepository({ db, clock }: RepoContext): RateLimitRepository {
  return {
    async hit(key, windowMs) {
      const now = clock.now().getTime();
      // One statement: a new key or an expired window starts at 1, otherwise the count goes up.
      const rows = await db.all(
        `INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES (?, 1, ?)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limit_hits.reset_at <= ? THEN 1 ELSE rate_limit_hits.hits + 1 END,
           reset_at = CASE WHEN rate_limit_hits.reset_at <= ? THEN excluded.reset_at ELSE rate_limit_hits.reset_at END
         RETURNING hits, reset_at`,
        [key, now + windowMs, now, now],
      );
      const row = rows[0];
      if (!row) throw new Error('the rate-limit counter was not written');
      return { hits: num(row.hits), resetAt: date(row.reset_at) };
    },

    async undo(key) {
      await db.run('UPDATE rate_limit_hits SET hits = hits - 1 WHERE key = ? AND hits > 0 AND reset_at > ?', [
        key,
        clock.now().getTime(),
      ]);
    },

    async reset(key) {
      await db.run('DELETE FROM rate_limit_hits WHERE key = ?', [key]);
    },

    async purgeExpired() {
      return db.run('DELETE FROM rate_limit_hits WHERE reset_at <= ?', [clock.now().getTime()]);
    },
  };
}
