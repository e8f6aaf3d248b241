/**
 * Reads a Salesforce user's GRAX role from the org with the integration connection's API client (never with the
 * individual's own token). Where the user's access comes from (profile, assignments, groups, muting sets, expired and
 * session-based assignments) is resolved by the permission engine's `readUserAccess`; this module adds the one thing
 * that does not read — which of those sets give the GRAX custom permissions, from SetupEntityAccess — and hands
 * everything to the pure rules in ssoRoleRules.ts. Costs the engine's composite calls plus one.
 */
import { readBatch } from '../salesforce/api/compositeReader';
import type { SfRecord } from '../salesforce/api/types';
import type { SalesforceClient } from '../salesforce/apiClient';
import { SalesforceApiError } from '../salesforce/apiClient';
import { readUserAccess } from '../permissions/org/userAccess';
import type { UserAccess } from '../permissions/org/userAccess';
import { soqlIn } from '../permissions/org/soql';
import { setIdsOf } from '../permissions/org/accessSources';
import type { IgnoredGrant, RoleMapping, RoleSetInfo, SsoRoleDecision } from './ssoRoleRules';
import { decideSsoRole, GRAX_CUSTOM_PERMISSIONS } from './ssoRoleRules';

function rows(result: SfRecord[] | SalesforceApiError | undefined): SfRecord[] {
  if (result instanceof SalesforceApiError) throw result;
  return result ?? [];
}

function ignoredGrants(access: UserAccess): IgnoredGrant[] {
  return access.ignored.map(({ assignment, reason }) => ({
    // A group assignment names the group's aggregate set; only direct assignments can be named on the page.
    setId: assignment.permissionSetGroupId ? null : assignment.permissionSetId,
    reason,
    expirationDate: assignment.expirationDate,
  }));
}

/** Which GRAX custom permissions each of the given sets gives access to, by set id. */
async function graxCustomPermissionsBySet(
  client: SalesforceClient,
  setIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const bySet = new Map<string, Set<string>>();
  if (setIds.length === 0) return bySet;
  const names = Object.values(GRAX_CUSTOM_PERMISSIONS);
  const result = await readBatch(client, {
    queries: [
      {
        key: 'permissions',
        soql: `SELECT Id, DeveloperName FROM CustomPermission WHERE DeveloperName IN ${soqlIn(names)}`,
      },
      {
        key: 'access',
        soql:
          'SELECT ParentId, SetupEntityId FROM SetupEntityAccess ' +
          `WHERE SetupEntityType = 'CustomPermission' AND ParentId IN ${soqlIn(setIds)}`,
      },
    ],
  });
  const nameById = new Map(rows(result.queries.get('permissions')).map((r) => [String(r.Id), String(r.DeveloperName)]));
  for (const r of rows(result.queries.get('access'))) {
    const name = nameById.get(String(r.SetupEntityId));
    if (!name) continue;
    const parent = String(r.ParentId);
    const set = bySet.get(parent) ?? new Set<string>();
    set.add(name);
    bySet.set(parent, set);
  }
  return bySet;
}

/** Reads and decides the GRAX role of a Salesforce user, with the integration connection's client. */
export async function readSsoRole(
  client: SalesforceClient,
  userId: string,
  now: Date,
  mappings: readonly RoleMapping[],
): Promise<SsoRoleDecision> {
  const access = await readUserAccess(client, userId, now);
  const ignored = ignoredGrants(access);
  const setIds = new Set(setIdsOf(access.sources));
  for (const grant of ignored) if (grant.setId) setIds.add(grant.setId);
  const customPermissionsBySet = await graxCustomPermissionsBySet(client, [...setIds]);
  const sets = new Map<string, RoleSetInfo>(
    [...access.sets].map(([id, s]) => [
      id,
      { name: s.name, isOwnedByProfile: s.isOwnedByProfile, isMuting: s.isMuting },
    ]),
  );
  return decideSsoRole({
    user: { isActive: access.user.isActive, userType: access.user.userType },
    sources: access.sources,
    ignored,
    sets,
    customPermissionsBySet,
    mappings,
  });
}
