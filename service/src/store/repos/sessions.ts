/** Signed-in sessions, found by the SHA-256 of the cookie's session id; the CSRF secret is encrypted. */
import { sha256Hex } from '../../crypto/random';
import { SECRET_COLUMNS, seal, unseal } from '../secretColumns';
import type { RepoContext } from '../rowValues';
import { date, dateOrNull, first, ms, str, strOrNull } from '../rowValues';
import type { SqlRow } from '../sql/database';
import type { SessionRecord, SessionRepository } from '../types';
import type { PrincipalKind, Role } from '../../domain/actor';

export function sessionRepository({ db, box, clock }: RepoContext): SessionRepository {
  function toSession(row: SqlRow): SessionRecord {
    return {
      principal: {
        kind: str(row.principal_kind) as PrincipalKind,
        id: str(row.principal_id),
        displayName: str(row.display_name),
        role: str(row.role) as Role,
        orgId: strOrNull(row.org_id),
      },
      csrfSecret: unseal(box, SECRET_COLUMNS.csrfSecret, str(row.id_hash), row.csrf_secret_enc) ?? '',
      createdAt: date(row.created_at),
      lastSeenAt: date(row.last_seen_at),
      reauthenticatedAt: dateOrNull(row.reauthenticated_at),
      idleExpiresAt: date(row.idle_expires_at),
      absoluteExpiresAt: date(row.absolute_expires_at),
    };
  }

  return {
    async create(input) {
      const idHash = sha256Hex(input.id);
      const now = clock.now().getTime();
      const idle = Math.min(input.idleExpiresAt.getTime(), input.absoluteExpiresAt.getTime());
      const rows = await db.all(
        `INSERT INTO sessions (id_hash, principal_kind, principal_id, display_name, role, org_id, csrf_secret_enc,
           created_at, last_seen_at, reauthenticated_at, idle_expires_at, absolute_expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [
          idHash,
          input.principal.kind,
          input.principal.id,
          input.principal.displayName,
          input.principal.role,
          input.principal.orgId,
          seal(box, SECRET_COLUMNS.csrfSecret, idHash, input.csrfSecret),
          now,
          now,
          ms(input.reauthenticatedAt),
          idle,
          ms(input.absoluteExpiresAt),
        ],
      );
      return toSession(rows[0] as SqlRow);
    },

    async find(id) {
      const now = clock.now().getTime();
      const row = first(
        await db.all('SELECT * FROM sessions WHERE id_hash = ? AND idle_expires_at > ? AND absolute_expires_at > ?', [
          sha256Hex(id),
          now,
          now,
        ]),
      );
      return row ? toSession(row) : null;
    },

    async touch(id, idleExpiresAt) {
      const idle = idleExpiresAt.getTime();
      await db.run(
        `UPDATE sessions SET last_seen_at = ?,
           idle_expires_at = CASE WHEN ? < absolute_expires_at THEN ? ELSE absolute_expires_at END
         WHERE id_hash = ?`,
        [clock.now().getTime(), idle, idle, sha256Hex(id)],
      );
    },

    async markReauthenticated(id) {
      await db.run('UPDATE sessions SET reauthenticated_at = ? WHERE id_hash = ?', [
        clock.now().getTime(),
        sha256Hex(id),
      ]);
    },

    async delete(id) {
      await db.run('DELETE FROM sessions WHERE id_hash = ?', [sha256Hex(id)]);
    },

    async deleteForPrincipal(kind, principalId) {
      return db.run('DELETE FROM sessions WHERE principal_kind = ? AND principal_id = ?', [kind, principalId]);
    },

    async purgeExpired() {
      const now = clock.now().getTime();
      return db.run('DELETE FROM sessions WHERE idle_expires_at <= ? OR absolute_expires_at <= ?', [now, now]);
    },
  };
}
