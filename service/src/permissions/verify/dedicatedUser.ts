/**
 * Dedicated-user checks: an integration user shared with people or other applications breaks in ways no permission
 * check sees (a profile edited for someone else, a password reset, an app exhausting the API allowance). Reads the
 * profile's other active users and 30 days of LoginHistory in one composite call.
 */
import { optionalBatchRows, readBatch } from '../../salesforce/api/compositeReader';
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

/** Findings about the integration user being shared. */
export async function dedicatedUserFindings(
  ctx: RunContext,
  access: UserAccess,
  options: DedicatedUserOptions,
): Promise<Finding[]> {
  const user = access.user;
  const since = new Date(ctx.now().getTime() - 30 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const result = await readBatch(ctx.client, {
    queries: [
      {
        key: 'profileUsers',
        soql: `SELECT COUNT(Id) n FROM User WHERE ProfileId = ${soqlString(user.profileId)} AND IsActive = true AND Id != ${soqlString(user.id)}`,
      },
      {
        key: 'logins',
        soql: `SELECT Application, COUNT(Id) n FROM LoginHistory WHERE UserId = ${soqlString(user.id)} AND LoginTime >= ${since} GROUP BY Application`,
      },
    ],
  });
  const findings: Finding[] = [];
  // LoginHistory needs Manage Users or Monitor Login History in some orgs: a refused read skips that check.
  const others = Number(optionalBatchRows(result, 'profileUsers')[0]?.n ?? 0);
  if (others > 0) findings.push(profileShared(user.profileName ?? user.profileId, others));
  const own = new Set(options.ownApplications.map((a) => a.toLowerCase()));
  for (const r of optionalBatchRows(result, 'logins')) {
    const application = typeof r.Application === 'string' ? r.Application : '';
    if (!application || own.has(application.toLowerCase())) continue;
    findings.push(otherApplication(application, Number(r.n ?? 0), user.username));
  }
  const webLogins = (await options.webLoginsAs?.(user.id)) ?? 0;
  if (webLogins > 0) findings.push(personSignedInAsIntegrationUser(user.username, webLogins));
  return findings;
}
