/**
 * How often people signed into GRAX as the integration user, from the audit log: the permission engine's
 * dedicated-user check reads it.
 */
import { AUTH_AUDIT } from '../domain/audit';
import type { AuditRepository } from '../store/types';
import { sameSalesforceId } from '../domain/salesforceIds';

/**
 * How many times a person signed into GRAX Connect as the given Salesforce user (the integration user), for the
 * permission engine's dedicated-user check (`DedicatedUserOptions.webLoginsAs`).
 */
export async function countIntegrationUserLogins(audit: AuditRepository, userId: string): Promise<number> {
  let count = 0;
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await audit.list({ action: AUTH_AUDIT.integrationUserLogin, limit: 500, beforeSeq });
    count += page.filter((e) => sameSalesforceId(e.actor.id, userId)).length;
    const last = page.at(-1);
    if (page.length < 500 || !last) return count;
    beforeSeq = last.seq;
  }
}
