/** The audit log: append-only (the database refuses UPDATE and DELETE on it with triggers). */
import { newId } from '../../crypto/random';
import type { RepoContext } from '../rowValues';
import { date, jsonText, num, str, strOrNull } from '../rowValues';
import type { SqlRow, SqlValue } from '../sql/database';
import type { AuditRepository } from '../types';
import type { AuditEvent } from '../../domain/audit';
import type { JsonObject } from '../../domain/json';

function toEvent(row: SqlRow): AuditEvent {
  return {
    seq: num(row.seq),
    id: str(row.id),
    at: date(row.at),
    actor: {
      kind: str(row.actor_kind) as AuditEvent['actor']['kind'],
      id: str(row.actor_id),
      name: str(row.actor_name),
    },
    action: str(row.action),
    target: strOrNull(row.target),
    orgId: strOrNull(row.org_id),
    details: JSON.parse(str(row.details)) as JsonObject,
  };
}

export function auditRepository({ db, clock }: RepoContext): AuditRepository {
  return {
    async append(input) {
      const rows = await db.all(
        `INSERT INTO audit_events (id, at, actor_kind, actor_id, actor_name, action, target, org_id, details)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [
          newId('evt'),
          clock.now().getTime(),
          input.actor.kind,
          input.actor.id,
          input.actor.name,
          input.action,
          input.target ?? null,
          input.orgId ?? null,
          jsonText(input.details ?? {}),
        ],
      );
      return toEvent(rows[0] as SqlRow);
    },

    async list(options = {}) {
      const conditions: string[] = [];
      const params: SqlValue[] = [];
      if (options.beforeSeq !== undefined) {
        conditions.push('seq < ?');
        params.push(options.beforeSeq);
      }
      if (options.orgId !== undefined) {
        conditions.push('org_id = ?');
        params.push(options.orgId);
      }
      if (options.action !== undefined) {
        conditions.push('action = ?');
        params.push(options.action);
      }
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const rows = await db.all(`SELECT * FROM audit_events ${where} ORDER BY seq DESC LIMIT ?`, [
        ...params,
        options.limit ?? 50,
      ]);
      return rows.map(toEvent);
    },
  };
}
