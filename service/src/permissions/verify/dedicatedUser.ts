/**
 * Dedicated-user checks: an integration user shared with people or other applications breaks in ways no permission
 * check sees (a profile edited for someone else, a password reset, an app exhausting the API allowance). Reads the
 * profile's other active users and 30 days of LoginHistory: two queries, which Verify sends along with its reads of
 * object rows and field counts rather than in a call of their own.
 */
import { optionalBatchRows, readBatch, type BatchResult, type QuerySpec } from '../../salesforce/api/compositeReader';
import type { UserAccess } from '../org/userAccess';
import { soqlString } from '../org/soql';
import type { RunContext } from '../run/context';
import { otherApplication, personSignedInAsIntegrationUser, profileShared, type Finding } from './finding';

/** What the dedicated-user checks need from the caller. */
export interface DedicatedUserOptions {
  /** LoginHistory `Application` names of GRAX itself (the External Client App), compared case-insensitively. */
  ownApplications: readonly string[];
  /** How many times a person signed into the GRAX web app as this Salesforce user (SSO). */
  webLoginsAs?: (userId: string) => Promise<number>;
}

const DAY_MS = 86_400_000;

/** The two queries of the dedicated-user checks (they can ride along in another read's composite calls). */
export function dedicatedUserQueries(ctx: RunContext, access: UserAccess): QuerySpec[] {
  const user = access.user;
  const since = new Date(ctx.now().getTime() - 30 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    {
      key: 'profileUsers',
      soql: `SELECT COUNT(Id) n FROM User WHERE ProfileId = ${soqlString(user.profileId)} AND IsActive = true AND Id != ${soqlString(user.id)}`,
    },
    {
      key: 'logins',
      soql: `SELECT Application, COUNT(Id) n FROM LoginHistory WHERE UserId = ${soqlString(user.id)} AND LoginTime >= ${since} GROUP BY Application`,
    },
  ];
}

/**
 * Findings about the integration user being shared, from `result`, a read that included `dedicatedUserQueries`
 * (read on their own, in one composite call, when absent).
 */
export async function dedicatedUserFindings(
  ctx: RunContext,
  access: UserAccess,
  options: DedicatedUserOptions,
  result?: BatchResult,
): Promise<Finding[]> {
  const user = access.user;
  const read = result ?? (await readBatch(ctx.client, { queries: dedicatedUserQueries(ctx, access) }));
  const findings: Finding[] = [];
  // LoginHistory needs Manage Users or Monitor Login History in some orgs: a refused read skips that check.
  const others = Number(optionalBatchRows(read, 'profileUsers')[0]?.n ?? 0);
  if (others > 0) findings.push(profileShared(user.profileName ?? user.profileId, others));
  const own = new Set(options.ownApplications.map((a) => a.toLowerCase()));
  for (const r of optionalBatchRows(read, 'logins')) {
    const application = typeof r.Application === 'string' ? r.Application : '';
    if (!application || own.has(application.toLowerCase())) continue;
    findings.push(otherApplication(application, Number(r.n ?? 0), user.username));
  }
  const webLogins = (await options.webLoginsAs?.(user.id)) ?? 0;
  if (webLogins > 0) findings.push(personSignedInAsIntegrationUser(user.username, webLogins));
  return findings;
}
