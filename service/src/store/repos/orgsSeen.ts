/** Orgs GRAX has connected to, so a changed org (or a refreshed sandbox behind the same My Domain) is noticed. */
import type { RepoContext } from '../rowValues';
import { date, first, str, strOrNull } from '../rowValues';
import type { SqlRow } from '../sql/database';
import type { OrgSeenRepository } from '../types';
import type { Environment, OrgSeen } from '../../domain/connection';

function toOrgSeen(row: SqlRow): OrgSeen {
  return {
    orgId: str(row.org_id),
    name: str(row.name),
    instanceUrl: str(row.instance_url),
    myDomain: strOrNull(row.my_domain),
    environment: strOrNull(row.environment) as Environment | null,
    firstSeenAt: date(row.first_seen_at),
    lastSeenAt: date(row.last_seen_at),
  };
}

export function orgSeenRepository({ db, clock }: RepoContext): OrgSeenRepository {
  return {
    async record(input) {
      const now = clock.now().getTime();
      const rows = await db.all(
        `INSERT INTO orgs_seen (org_id, name, instance_url, my_domain, environment, first_seen_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (org_id) DO UPDATE SET name = excluded.name, instance_url = excluded.instance_url,
           my_domain = excluded.my_domain, environment = excluded.environment, last_seen_at = excluded.last_seen_at
         RETURNING *`,
        [input.orgId, input.name, input.instanceUrl, input.myDomain, input.environment, now, now],
      );
      return toOrgSeen(rows[0] as SqlRow);
    },

    async get(orgId) {
      const row = first(await db.all('SELECT * FROM orgs_seen WHERE org_id = ?', [orgId]));
      return row ? toOrgSeen(row) : null;
    },

    async findByMyDomain(myDomain) {
      const rows = await db.all('SELECT * FROM orgs_seen WHERE my_domain = ? ORDER BY last_seen_at DESC', [myDomain]);
      return rows.map(toOrgSeen);
    },

    async list() {
      return (await db.all('SELECT * FROM orgs_seen ORDER BY last_seen_at DESC')).map(toOrgSeen);
    },
  };
}
