/**
 * A counting semaphore in the database (e.g. Salesforce calls in flight to one org, across every replica): `limit`
 * numbered slots per name, each held by one owner under a lease, so a replica that was killed frees its slots when
 * their leases run out.
 */
import type { RepoContext } from '../rowValues';
import { num } from '../rowValues';
import type { ConcurrencySlotRepository } from '../types';

export function concurrencySlotRepository({ db, clock }: RepoContext): ConcurrencySlotRepository {
  return {
    async acquire(name, owner, limit, ttlMs) {
      if (!Number.isInteger(limit) || limit < 1) throw new Error(`slot limit must be a positive integer, got ${limit}`);
      const now = clock.now().getTime();
      const slots = Array.from({ length: limit }, (_, i) => `(${i})`).join(', ');
      // The lowest slot that is free or whose lease expired; of two callers taking the same slot at once, the
      // conflict clause lets only one write it (the other gets no row and tries again).
      const rows = await db.all(
        `INSERT INTO concurrency_slots (name, slot, owner, expires_at)
         SELECT ?, candidate.column1, ?, ? FROM (VALUES ${slots}) AS candidate
         WHERE NOT EXISTS (
           SELECT 1 FROM concurrency_slots held
           WHERE held.name = ? AND held.slot = candidate.column1 AND held.expires_at > ?
         )
         ORDER BY candidate.column1 LIMIT 1
         ON CONFLICT (name, slot) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
           WHERE concurrency_slots.expires_at <= ?
         RETURNING slot`,
        [name, owner, now + ttlMs, name, now, now],
      );
      const row = rows[0];
      return row ? num(row.slot) : null;
    },

    async renew(name, slot, owner, ttlMs) {
      const now = clock.now().getTime();
      const changed = await db.run(
        'UPDATE concurrency_slots SET expires_at = ? WHERE name = ? AND slot = ? AND owner = ? AND expires_at > ?',
        [now + ttlMs, name, slot, owner, now],
      );
      return changed > 0;
    },

    async release(name, slot, owner) {
      return (
        (await db.run('DELETE FROM concurrency_slots WHERE name = ? AND slot = ? AND owner = ?', [name, slot, owner])) >
        0
      );
    },

    async held(name) {
      const rows = await db.all('SELECT COUNT(*) AS n FROM concurrency_slots WHERE name = ? AND expires_at > ?', [
        name,
        clock.now().getTime(),
      ]);
      return num(rows[0]?.n ?? 0);
    },
  };
}
