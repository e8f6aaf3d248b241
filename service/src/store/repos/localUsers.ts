/** Local break-glass users: unique case-insensitive usernames, password hashes, encrypted TOTP secrets, lockout. */
import { newId } from '../../crypto/random';
import { SECRET_COLUMNS, seal, unseal } from '../secretColumns';
import type { RepoContext } from '../rowValues';
import { assignments, bool, date, dateOrNull, first, ms, num, str } from '../rowValues';
import type { SqlRow } from '../sql/database';
import type { LocalUserRepository } from '../types';
import type { Role } from '../../domain/actor';
import type { LocalUser } from '../../domain/localUser';
import { StoreConflictError, StoreNotFoundError } from '../types';

export function localUserRepository({ db, box, clock }: RepoContext): LocalUserRepository {
  function toUser(row: SqlRow): LocalUser {
    const id = str(row.id);
    return {
      id,
      username: str(row.username),
      displayName: str(row.display_name),
      role: str(row.role) as Role,
      passwordHash: str(row.password_hash),
      totpSecret: unseal(box, SECRET_COLUMNS.totpSecret, id, row.totp_secret_enc),
      totpEnabled: bool(row.totp_enabled),
      active: bool(row.active),
      expiresAt: dateOrNull(row.expires_at),
      failedAttempts: num(row.failed_attempts),
      lockedUntil: dateOrNull(row.locked_until),
      createdAt: date(row.created_at),
      updatedAt: date(row.updated_at),
      lastLoginAt: dateOrNull(row.last_login_at),
    };
  }

  async function requireRow(rows: SqlRow[], id: string): Promise<LocalUser> {
    const row = first(rows);
    if (!row) throw new StoreNotFoundError('local user', id);
    return toUser(row);
  }

  return {
    async create(input) {
      const id = newId('usr');
      const now = clock.now().getTime();
      try {
        const rows = await db.all(
          `INSERT INTO local_users (id, username, display_name, role, password_hash, totp_secret_enc, totp_enabled, active,
             expires_at, failed_attempts, locked_until, created_at, updated_at, last_login_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, NULL) RETURNING *`,
          [
            id,
            input.username,
            input.displayName,
            input.role,
            input.passwordHash,
            seal(box, SECRET_COLUMNS.totpSecret, id, input.totpSecret ?? null),
            input.totpEnabled ?? false,
            input.active ?? true,
            ms(input.expiresAt),
            now,
            now,
          ],
        );
        return toUser(rows[0] as SqlRow);
      } catch (error) {
        if (db.isUniqueViolation(error)) throw new StoreConflictError('local user', 'username');
        throw error;
      }
    },

    async get(id) {
      const row = first(await db.all('SELECT * FROM local_users WHERE id = ?', [id]));
      return row ? toUser(row) : null;
    },

    async findByUsername(username) {
      const row = first(await db.all('SELECT * FROM local_users WHERE lower(username) = lower(?)', [username]));
      return row ? toUser(row) : null;
    },

    async list() {
      return (await db.all('SELECT * FROM local_users ORDER BY lower(username)')).map(toUser);
    },

    async update(id, patch) {
      const set = assignments([
        ['display_name', patch.displayName],
        ['role', patch.role],
        ['password_hash', patch.passwordHash],
        [
          'totp_secret_enc',
          patch.totpSecret === undefined ? undefined : seal(box, SECRET_COLUMNS.totpSecret, id, patch.totpSecret),
        ],
        ['totp_enabled', patch.totpEnabled],
        ['active', patch.active],
        ['expires_at', patch.expiresAt === undefined ? undefined : ms(patch.expiresAt)],
        ['updated_at', clock.now().getTime()],
      ]);
      return requireRow(
        await db.all(`UPDATE local_users SET ${set.sql} WHERE id = ? RETURNING *`, [...set.params, id]),
        id,
      );
    },

    async recordFailedLogin(id, lockAfter, lockMs) {
      const now = clock.now().getTime();
      const user = await requireRow(
        await db.all(
          `UPDATE local_users SET failed_attempts = failed_attempts + 1,
             locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END,
             updated_at = ?
           WHERE id = ? RETURNING *`,
          [lockAfter, now + lockMs, now, id],
        ),
        id,
      );
      return { failedAttempts: user.failedAttempts, lockedUntil: user.lockedUntil };
    },

    async recordSuccessfulLogin(id) {
      const now = clock.now().getTime();
      const changed = await db.run(
        'UPDATE local_users SET failed_attempts = 0, locked_until = NULL, last_login_at = ?, updated_at = ? WHERE id = ?',
        [now, now, id],
      );
      if (changed === 0) throw new StoreNotFoundError('local user', id);
    },

    async countActiveAdmins() {
      const rows = await db.all(
        `SELECT COUNT(*) AS n FROM local_users
         WHERE role = 'admin' AND active = ? AND (expires_at IS NULL OR expires_at > ?)`,
        [true, clock.now().getTime()],
      );
      return num(rows[0]?.n ?? 0);
    },
  };
}
