/** This service's own Salesforce API calls per org and hour, counted atomically (several runners may count at once). */
import type { RepoContext } from '../rowValues';
import { date, num } from '../rowValues';
import type { ApiCallRepository } from '../types';

const HOUR_MS = 3_600_000;

function hourStart(time: number): number {
  return time - (time % HOUR_MS);
}

export function apiCallRepository({ db, clock }: RepoContext): ApiCallRepository {
  return {
    async increment(orgId, count = 1) {
      const rows = await db.all(
        `INSERT INTO api_calls (org_id, hour_start, count) VALUES (?, ?, ?)
         ON CONFLICT (org_id, hour_start) DO UPDATE SET count = api_calls.count + excluded.count
         RETURNING count`,
        [orgId, hourStart(clock.now().getTime()), count],
      );
      return num(rows[0]?.count);
    },

    async totalSince(orgId, since) {
      const rows = await db.all(
        'SELECT COALESCE(SUM(count), 0) AS total FROM api_calls WHERE org_id = ? AND hour_start >= ?',
        [orgId, hourStart(since.getTime())],
      );
      return num(rows[0]?.total ?? 0);
    },

    async hourly(orgId, since) {
      const rows = await db.all(
        'SELECT hour_start, count FROM api_calls WHERE org_id = ? AND hour_start >= ? ORDER BY hour_start',
        [orgId, hourStart(since.getTime())],
      );
      return rows.map((row) => ({ hourStart: date(row.hour_start), count: num(row.count) }));
    },
  };
}
