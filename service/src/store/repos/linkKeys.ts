/**
 * Link keys: the credentials the package's Apex presents to the org-facing API. Only a SHA-256 of the secret is
 * stored; rotation keeps the old key valid for a grace period; Reset revokes them all.
 */
import { constantTimeEqual, sha256Hex } from '../../crypto/random';
import type { RepoContext } from '../rowValues';
import { date, dateOrNull, first, jsonText, ms, num, str, strOrNull } from '../rowValues';
import type { SqlExecutor, SqlRow } from '../sql/database';
import type { LinkKeyRepository, NewLinkKey } from '../types';
import type { Actor } from '../../domain/actor';
import type { LinkKey } from '../../domain/orgLink';
import { StoreNotFoundError } from '../types';

function toLinkKey(row: SqlRow): LinkKey {
  return {
    keyId: str(row.key_id),
    orgId: str(row.org_id),
    createdBy: JSON.parse(str(row.created_by)) as Actor,
    createdAt: date(row.created_at),
    rotatedFrom: strOrNull(row.rotated_from),
    expiresAt: dateOrNull(row.expires_at),
    revokedAt: dateOrNull(row.revoked_at),
    lastUsedAt: dateOrNull(row.last_used_at),
  };
}

export function linkKeyRepository({ db, clock }: RepoContext): LinkKeyRepository {
  async function insert(tx: SqlExecutor, input: NewLinkKey, rotatedFrom: string | null): Promise<LinkKey> {
    const rows = await tx.all(
      `INSERT INTO link_keys (key_id, org_id, secret_hash, created_by, created_at, rotated_from, expires_at, revoked_at,
         last_used_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL) RETURNING *`,
      [
        input.keyId,
        input.orgId,
        sha256Hex(input.secret),
        jsonText(input.createdBy),
        clock.now().getTime(),
        rotatedFrom,
        ms(input.expiresAt),
      ],
    );
    return toLinkKey(rows[0] as SqlRow);
  }

  return {
    create(input) {
      return insert(db, input, null);
    },

    async get(keyId) {
      const row = first(await db.all('SELECT * FROM link_keys WHERE key_id = ?', [keyId]));
      return row ? toLinkKey(row) : null;
    },

    async authenticate(keyId, secret) {
      const now = clock.now().getTime();
      const row = first(await db.all('SELECT * FROM link_keys WHERE key_id = ?', [keyId]));
      // Hash and compare even for an unknown key id, so timing does not reveal which ids exist.
      const matches = constantTimeEqual(sha256Hex(secret), row ? str(row.secret_hash) : sha256Hex(`missing:${secret}`));
      if (!row || !matches) return null;
      if (row.revoked_at !== null) return null;
      if (row.expires_at !== null && num(row.expires_at) <= now) return null;
      await db.run('UPDATE link_keys SET last_used_at = ? WHERE key_id = ?', [now, keyId]);
      return { ...toLinkKey(row), lastUsedAt: new Date(now) };
    },

    async list(options = {}) {
      const conditions: string[] = [];
      const params: string[] = [];
      if (options.orgId !== undefined) {
        conditions.push('org_id = ?');
        params.push(options.orgId);
      }
      if (!options.includeRevoked) conditions.push('revoked_at IS NULL');
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      return (await db.all(`SELECT * FROM link_keys ${where} ORDER BY created_at DESC, key_id`, params)).map(toLinkKey);
    },

    async rotate(oldKeyId, replacement, graceUntil) {
      return db.transaction(async (tx) => {
        const grace = graceUntil.getTime();
        const changed = await tx.run(
          `UPDATE link_keys SET expires_at = CASE WHEN expires_at IS NULL OR expires_at > ? THEN ? ELSE expires_at END
           WHERE key_id = ? AND revoked_at IS NULL`,
          [grace, grace, oldKeyId],
        );
        if (changed === 0) throw new StoreNotFoundError('link key', oldKeyId);
        return insert(tx, replacement, oldKeyId);
      });
    },

    async revoke(keyId) {
      const changed = await db.run('UPDATE link_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL', [
        clock.now().getTime(),
        keyId,
      ]);
      return changed > 0;
    },

    async revokeAll() {
      return db.run('UPDATE link_keys SET revoked_at = ? WHERE revoked_at IS NULL', [clock.now().getTime()]);
    },
  };
}
