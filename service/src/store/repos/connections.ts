/** The connection repository: one active connection plus the history of earlier ones; tokens encrypted at rest. */
import { newId } from '../../crypto/random';
import { SECRET_COLUMNS, seal, unseal } from '../secretColumns';
import type { RepoContext } from '../rowValues';
import { assignments, bool, date, dateOrNull, first, jsonOrNull, jsonText, ms, str, strOrNull } from '../rowValues';
import type { SqlRow } from '../sql/database';
import type { ConnectionPatch, ConnectionRepository, NewConnection } from '../types';
import type {
  Connection,
  ConnectionMode,
  ConnectionProblem,
  ConnectionState,
  Environment,
} from '../../domain/connection';
import { StoreNotFoundError } from '../types';

export function connectionRepository({ db, box, clock }: RepoContext): ConnectionRepository {
  function toConnection(row: SqlRow): Connection {
    const id = str(row.id);
    const scopes = str(row.scopes);
    return {
      id,
      active: bool(row.is_active),
      state: str(row.state) as ConnectionState,
      orgId: str(row.org_id),
      orgName: str(row.org_name),
      environment: str(row.environment) as Environment,
      orgType: strOrNull(row.org_type),
      instanceUrl: str(row.instance_url),
      loginUrl: str(row.login_url),
      myDomain: strOrNull(row.my_domain),
      userId: str(row.user_id),
      username: str(row.username),
      mode: str(row.mode) as ConnectionMode,
      identityUrl: str(row.identity_url),
      scopes: scopes === '' ? [] : scopes.split(' '),
      refreshToken: unseal(box, SECRET_COLUMNS.refreshToken, id, row.refresh_token_enc),
      accessToken: unseal(box, SECRET_COLUMNS.accessToken, id, row.access_token_enc),
      issuedAt: dateOrNull(row.issued_at),
      connectedAt: date(row.connected_at),
      updatedAt: date(row.updated_at),
      lastError: jsonOrNull<ConnectionProblem>(row.last_error),
    };
  }

  async function get(id: string): Promise<Connection | null> {
    const row = first(await db.all('SELECT * FROM connections WHERE id = ?', [id]));
    return row ? toConnection(row) : null;
  }

  return {
    async getActive() {
      const row = first(await db.all('SELECT * FROM connections WHERE is_active = ?', [true]));
      return row ? toConnection(row) : null;
    },

    get,

    async activate(input: NewConnection) {
      const id = newId('con');
      const now = clock.now().getTime();
      const rows = await db.transaction(async (tx) => {
        await tx.run('UPDATE connections SET is_active = ?, updated_at = ? WHERE is_active = ?', [false, now, true]);
        return tx.all(
          `INSERT INTO connections (id, is_active, state, org_id, org_name, environment, org_type, instance_url, login_url,
             my_domain, user_id, username, mode, identity_url, scopes, refresh_token_enc, access_token_enc, issued_at,
             connected_at, updated_at, last_error)
           VALUES (?, ?, 'connected', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) RETURNING *`,
          [
            id,
            true,
            input.orgId,
            input.orgName,
            input.environment,
            input.orgType,
            input.instanceUrl,
            input.loginUrl,
            input.myDomain,
            input.userId,
            input.username,
            input.mode,
            input.identityUrl,
            input.scopes.join(' '),
            seal(box, SECRET_COLUMNS.refreshToken, id, input.refreshToken),
            seal(box, SECRET_COLUMNS.accessToken, id, input.accessToken),
            ms(input.issuedAt),
            now,
            now,
          ],
        );
      });
      return toConnection(rows[0] as SqlRow);
    },

    async update(id: string, patch: ConnectionPatch) {
      const set = assignments([
        ['state', patch.state],
        ['org_name', patch.orgName],
        ['org_type', patch.orgType],
        ['instance_url', patch.instanceUrl],
        ['username', patch.username],
        ['mode', patch.mode],
        ['scopes', patch.scopes?.join(' ')],
        [
          'refresh_token_enc',
          patch.refreshToken === undefined ? undefined : seal(box, SECRET_COLUMNS.refreshToken, id, patch.refreshToken),
        ],
        [
          'access_token_enc',
          patch.accessToken === undefined ? undefined : seal(box, SECRET_COLUMNS.accessToken, id, patch.accessToken),
        ],
        ['issued_at', patch.issuedAt === undefined ? undefined : ms(patch.issuedAt)],
        ['last_error', patch.lastError === undefined ? undefined : patch.lastError && jsonText(patch.lastError)],
        ['updated_at', clock.now().getTime()],
      ]);
      const row = first(
        await db.all(`UPDATE connections SET ${set.sql} WHERE id = ? RETURNING *`, [...set.params, id]),
      );
      if (!row) throw new StoreNotFoundError('connection', id);
      return toConnection(row);
    },

    async listHistory(limit = 20) {
      const rows = await db.all('SELECT * FROM connections ORDER BY connected_at DESC, id DESC LIMIT ?', [limit]);
      return rows.map(toConnection);
    },
  };
}
