/**
 * Derived data that Salesforce maintains around permission sets, shared by the save rules and the seeds: the profile
 * mirror (Profile.Permissions* follow the profile-owned permission set), the profile assignment every user has, the
 * aggregate permission set of a group, and what one permission set enables (for dependency checks).
 */
import type { SfRecord } from '../types';
import type { OrgCore } from '../core';
import { SYSTEM_PERMISSIONS, enabledSystemPermissions, permissionField } from './systemPermissions';
import { OBJECT_VERBS, OBJECT_VERB_FIELDS, type EnabledPermissions, type ObjectVerb } from './dependencies';
import { recalculateGroup, recalculateGroupsContaining } from './groupAggregation';
import { userLicenseByDefinitionKey, type UserLicenseSpec } from './licenses';

/** The verbs an ObjectPermissions row (or row-like values) enables. */
export function objectVerbsOf(row: Record<string, unknown>): Set<ObjectVerb> {
  return new Set(OBJECT_VERBS.filter((v) => row[OBJECT_VERB_FIELDS[v]] === true));
}

/**
 * What a permission set enables: its user permissions and object permissions. `setFields` replaces the set's own
 * record (for a pending update); `objectRow` replaces or removes (verbs = undefined) one object's row.
 */
export function enabledPermissionsOf(
  core: OrgCore,
  set: Record<string, unknown> & { Id?: string },
  objectRow?: { sobjectType: string; verbs: Set<ObjectVerb> | undefined },
): EnabledPermissions {
  const objects = new Map<string, Set<ObjectVerb>>();
  if (typeof set.Id === 'string') {
    for (const row of core.store.lookupRows('ObjectPermissions', 'parent', set.Id)) {
      objects.set(String(row.SobjectType).toLowerCase(), objectVerbsOf(row));
    }
  }
  if (objectRow) {
    const key = objectRow.sobjectType.toLowerCase();
    if (objectRow.verbs) objects.set(key, objectRow.verbs);
    else objects.delete(key);
  }
  return { user: new Set(enabledSystemPermissions(set)), objects };
}

/** Copies a profile-owned permission set's user permissions onto its Profile record. */
export function mirrorProfile(core: OrgCore, set: SfRecord, actorId: string | null): void {
  if (set.IsOwnedByProfile !== true || typeof set.ProfileId !== 'string') return;
  const profile = core.get('Profile', set.ProfileId);
  if (!profile) return;
  const changes: Record<string, unknown> = {};
  for (const p of SYSTEM_PERMISSIONS) {
    const f = permissionField(p.name);
    if (profile[f] !== set[f]) changes[f] = set[f] === true;
  }
  if (Object.keys(changes).length > 0) core.update('Profile', profile.Id, changes, actorId);
}

/** Follow-up after any change to a permission set or its rows: profile mirror and group recalculation. */
export function afterSetChanged(core: OrgCore, setId: string, actorId: string | null): void {
  const set = core.get('PermissionSet', setId);
  if (set) mirrorProfile(core, set, actorId);
  recalculateGroupsContaining(core, setId, actorId);
}

/** The assignment of a user's profile permission set (every user has one, as in real orgs). */
export function assignProfileSet(core: OrgCore, userId: string, profileId: string, actorId: string | null): void {
  for (const old of core.store.lookupRows('PermissionSetAssignment', 'assignee', userId)) {
    if (core.get('PermissionSet', old.PermissionSetId)?.IsOwnedByProfile === true)
      core.remove('PermissionSetAssignment', old.Id);
  }
  const set = core.store.lookupRows('PermissionSet', 'profile', profileId)[0];
  if (!set) return;
  core.insert(
    'PermissionSetAssignment',
    { AssigneeId: userId, PermissionSetId: set.Id, PermissionSetGroupId: null, ExpirationDate: null, IsActive: true },
    actorId,
  );
}

/** Creates the aggregate permission set (Type 'Group') of a new group and computes it. */
export function createGroupAggregate(core: OrgCore, group: SfRecord, actorId: string | null): SfRecord {
  const flags: Record<string, boolean> = {};
  for (const p of SYSTEM_PERMISSIONS) flags[permissionField(p.name)] = false;
  const aggregate = core.insert(
    'PermissionSet',
    {
      Name: group.DeveloperName,
      Label: group.MasterLabel,
      Description: null,
      IsOwnedByProfile: false,
      IsCustom: true,
      ProfileId: null,
      LicenseId: null,
      NamespacePrefix: group.NamespacePrefix ?? null,
      HasActivationRequired: group.HasActivationRequired === true,
      PermissionSetGroupId: group.Id,
      Type: 'Group',
      ...flags,
    },
    actorId,
  );
  recalculateGroup(core, group.Id, actorId);
  return aggregate;
}

/** The user license of a user (through the profile) with its restrictions, if known. */
export function userLicenseOf(
  core: OrgCore,
  user: SfRecord,
): { row: SfRecord; spec: UserLicenseSpec | undefined } | undefined {
  const profile = core.get('Profile', user.ProfileId);
  const row = profile ? core.get('UserLicense', profile.UserLicenseId) : undefined;
  return row ? { row, spec: userLicenseByDefinitionKey(row.LicenseDefinitionKey) } : undefined;
}
