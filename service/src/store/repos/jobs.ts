/**
 * Permission runs (Auto Config, Verify, Scan, Auto Fix) as a small durable queue: at most one active job per kind,
 * claimed with a lease so that a job whose runner crashed is picked up again once its lease runs out.
 */
import { newId } from '../../crypto/random';
import type { RepoContext } from '../rowValues';
import { assignments, date, dateOrNull, first, jsonOrNull, jsonText, num, str, strOrNull } from '../rowValues';
import type { SqlRow, SqlValue } from '../sql/database';
import type { JobRepository } from '../types';
import { encodeTrigger, parseJobError, parseJobProgress, parseTrigger } from '../../domain/jobs';
import type { Job, JobKind, JobState } from '../../domain/jobs';
import type { JsonObject, JsonValue } from '../../domain/json';

const CLAIMABLE = `(state = 'queued' OR (state = 'running' AND lease_expires_at <= ?))`;

function toJob(row: SqlRow): Job {
  return {
    id: str(row.id),
    kind: str(row.kind) as JobKind,
    state: str(row.state) as JobState,
    trigger: parseTrigger(str(row.triggered_by)),
    orgId: strOrNull(row.org_id),
    progress: parseJobProgress(jsonOrNull<JsonValue>(row.progress)),
    steps: jsonOrNull<JsonValue[]>(row.steps) ?? [],
    apiCalls: num(row.api_calls),
    result: jsonOrNull<JsonObject>(row.result),
    error: parseJobError(jsonOrNull<JsonValue>(row.error)),
    createdAt: date(row.created_at),
    startedAt: dateOrNull(row.started_at),
    finishedAt: dateOrNull(row.finished_at),
    leaseOwner: strOrNull(row.lease_owner),
    leaseExpiresAt: dateOrNull(row.lease_expires_at),
    attempts: num(row.attempts),
  };
}

export function jobRepository({ db, clock }: RepoContext): JobRepository {
  async function activeOfKind(kind: JobKind): Promise<Job | null> {
    const row = first(
      await db.all(`SELECT * FROM jobs WHERE kind = ? AND state IN ('queued', 'running') ORDER BY created_at LIMIT 1`, [
        kind,
      ]),
    );
    return row ? toJob(row) : null;
  }

  /** Updates a job only while `owner` holds it; false otherwise. */
  async function updateOwned(id: string, owner: string, values: [string, SqlValue | undefined][]): Promise<boolean> {
    const set = assignments(values);
    if (set.sql === '') return true;
    const changed = await db.run(
      `UPDATE jobs SET ${set.sql} WHERE id = ? AND state = 'running' AND lease_owner = ? AND lease_expires_at > ?`,
      [...set.params, id, owner, clock.now().getTime()],
    );
    return changed > 0;
  }

  return {
    async enqueue(input) {
      // The partial unique index allows one queued/running job per kind; a lost race simply returns the winner.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const row = first(
          await db.all(
            `INSERT INTO jobs (id, kind, state, triggered_by, org_id, progress, steps, api_calls, result, error, created_at,
               attempts)
             VALUES (?, ?, 'queued', ?, ?, NULL, '[]', 0, NULL, NULL, ?, 0)
             ON CONFLICT DO NOTHING RETURNING *`,
            [newId('job'), input.kind, encodeTrigger(input.trigger), input.orgId, clock.now().getTime()],
          ),
        );
        if (row) return { created: true, job: toJob(row) };
        const active = await activeOfKind(input.kind);
        if (active) return { created: false, job: active };
      }
      throw new Error(`could not queue a ${input.kind} job: the queue kept changing`);
    },

    async claim(owner, leaseMs, kinds) {
      const now = clock.now().getTime();
      const kindFilter = kinds && kinds.length > 0 ? ` AND kind IN (${kinds.map(() => '?').join(', ')})` : '';
      // The outer WHERE repeats the condition: under concurrency (PostgreSQL) only one UPDATE still matches the row.
      const row = first(
        await db.all(
          `UPDATE jobs SET state = 'running', lease_owner = ?, lease_expires_at = ?,
             started_at = COALESCE(started_at, ?), attempts = attempts + 1
           WHERE id = (SELECT id FROM jobs WHERE ${CLAIMABLE}${kindFilter} ORDER BY created_at, id LIMIT 1)
             AND ${CLAIMABLE}
           RETURNING *`,
          [owner, now + leaseMs, now, now, ...(kinds ?? []), now],
        ),
      );
      return row ? toJob(row) : null;
    },

    async renewLease(id, owner, leaseMs) {
      return updateOwned(id, owner, [['lease_expires_at', clock.now().getTime() + leaseMs]]);
    },

    async recordProgress(id, owner, update) {
      return updateOwned(id, owner, [
        ['progress', update.progress === undefined ? undefined : jsonText(update.progress)],
        ['steps', update.steps === undefined ? undefined : jsonText(update.steps)],
        ['api_calls', update.apiCalls],
      ]);
    },

    async finish(id, owner, outcome) {
      return updateOwned(id, owner, [
        ['state', outcome.state],
        ['result', outcome.state === 'succeeded' ? jsonText(outcome.result) : undefined],
        ['error', outcome.state === 'failed' ? jsonText(outcome.error) : undefined],
        ['finished_at', clock.now().getTime()],
        ['lease_owner', null],
        ['lease_expires_at', null],
      ]);
    },

    async get(id) {
      const row = first(await db.all('SELECT * FROM jobs WHERE id = ?', [id]));
      return row ? toJob(row) : null;
    },

    async list(options = {}) {
      const conditions: string[] = [];
      const params: SqlValue[] = [];
      if (options.kind) {
        conditions.push('kind = ?');
        params.push(options.kind);
      }
      if (options.orgId) {
        conditions.push('org_id = ?');
        params.push(options.orgId);
      }
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const rows = await db.all(`SELECT * FROM jobs ${where} ORDER BY created_at DESC, id DESC LIMIT ?`, [
        ...params,
        options.limit ?? 20,
      ]);
      return rows.map(toJob);
    },

    async latestByKind(orgId) {
      const rows = await db.all(
        `SELECT * FROM (
           SELECT jobs.*, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY created_at DESC, id DESC) AS position
           FROM jobs WHERE org_id = ?
         ) ranked WHERE position = 1 ORDER BY created_at DESC`,
        [orgId],
      );
      return rows.map(toJob);
    },
  };
}
