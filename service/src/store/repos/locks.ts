/** Named leases (e.g. "scheduler") so that one replica at a time runs a piece of work; expired leases can be taken. */
import type { RepoContext } from '../rowValues';
import { first, num, str } from '../rowValues';
import type { LockRepository } from '../types';

export function lockRepository({ db, clock }: RepoContext): LockRepository {
  return {
    async acquire(name, owner, ttlMs) {
      const now = clock.now().getTime();
      const rows = await db.all(
        `INSERT INTO locks (name, owner, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
           WHERE locks.expires_at <= ? OR locks.owner = excluded.owner
         RETURNING owner`,
        [name, owner, now + ttlMs, now],
      );
      return rows.length === 1;
    },

    async release(name, owner) {
      return (await db.run('DELETE FROM locks WHERE name = ? AND owner = ?', [name, owner])) > 0;
    },

    async holder(name) {
      const row = first(await db.all('SELECT owner, expires_at FROM locks WHERE name = ?', [name]));
      return row && num(row.expires_at) > clock.now().getTime() ? str(row.owner) : null;
    },
  };
}
