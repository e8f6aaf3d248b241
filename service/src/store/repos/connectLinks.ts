/** One-time connect links issued to the in-org page, bound to that org; stored as hashes. */
import { sha256Hex } from '../../crypto/random';
import type { RepoContext } from '../rowValues';
import { date, dateOrNull, ms, str } from '../rowValues';
import type { ConnectLinkRepository } from '../types';
import type { ConnectionMode, Environment } from '../../domain/connection';
import { consumeOnce } from './consumeOnce';

export function connectLinkRepository({ db, clock }: RepoContext): ConnectLinkRepository {
  return {
    async create(input) {
      await db.run(
        `INSERT INTO connect_links (link_hash, org_id, environment, mode, created_at, expires_at, used_at)
         VALUES (?, ?, ?, ?, ?, ?, NULL)`,
        [
          sha256Hex(input.token),
          input.orgId,
          input.environment,
          input.mode,
          clock.now().getTime(),
          ms(input.expiresAt),
        ],
      );
    },

    async consume(token) {
      const result = await consumeOnce(db, {
        table: 'connect_links',
        hashColumn: 'link_hash',
        hash: sha256Hex(token),
        now: clock.now().getTime(),
      });
      if (!result.ok) return result;
      const row = result.value;
      return {
        ok: true,
        value: {
          orgId: str(row.org_id),
          environment: str(row.environment) as Environment,
          mode: str(row.mode) as ConnectionMode,
          createdAt: date(row.created_at),
          expiresAt: date(row.expires_at),
          usedAt: dateOrNull(row.used_at),
        },
      };
    },

    async purgeExpired(olderThan) {
      return db.run('DELETE FROM connect_links WHERE expires_at < ?', [olderThan.getTime()]);
    },
  };
}
