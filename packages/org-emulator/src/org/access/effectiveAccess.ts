/**
 * Effective access of a user: the union over the profile's permission set and every active assignment (expired
 * ExpirationDate and session-based sets ignored). Permission set groups need no special case: a group assignment
 * points at the group's aggregate permission set, which group recalculation keeps equal to its components minus the
 * muting set. View All Data and Modify All Data widen object access to every data object, never field access.
 *
 * Results are cached per user until a setup object changes or the earliest future expiration date passes.
 */
import type { EffectiveAccess, FieldAccess, ObjectAccess, SfRecord } from '../types';
import type { OrgCore } from '../core';
import { enabledSystemPermissions } from '../permissions/systemPermissions';
import { canHaveObjectPermissions, noObjectAccess } from './objectPolicy';

const OBJECT_FLAGS: ReadonlyArray<[keyof ObjectAccess, string]> = [
  ['read', 'PermissionsRead'],
  ['create', 'PermissionsCreate'],
  ['edit', 'PermissionsEdit'],
  ['delete', 'PermissionsDelete'],
  ['viewAllRecords', 'PermissionsViewAllRecords'],
  ['modifyAllRecords', 'PermissionsModifyAllRecords'],
  ['viewAllFields', 'PermissionsViewAllFields'],
];

/** Shared, frozen FieldAccess values: admins have 200,000 entries, one object each would be wasteful. */
const FIELD_ACCESS: readonly FieldAccess[] = [
  Object.freeze({ read: false, edit: false }),
  Object.freeze({ read: true, edit: false }),
  Object.freeze({ read: false, edit: true }),
  Object.freeze({ read: true, edit: true }),
];

function fieldAccess(read: boolean, edit: boolean): FieldAccess {
  return FIELD_ACCESS[(read ? 1 : 0) + (edit ? 2 : 0)] as FieldAccess;
}

/** The permission sets that count for a user now, and when that answer next changes (epoch ms, or Infinity). */
export function activePermissionSets(core: OrgCore, userId: string): { sets: SfRecord[]; validUntil: number } {
  const user = core.get('User', userId);
  if (!user) throw new Error(`User ${userId} does not exist in org ${core.orgId}.`);
  const now = core.clock.now().getTime();
  let validUntil = Infinity;
  const sets = new Map<string, SfRecord>();
  if (typeof user.ProfileId === 'string') {
    for (const ps of core.store.lookupRows('PermissionSet', 'profile', user.ProfileId)) sets.set(ps.Id, ps);
  }
  for (const assignment of core.store.lookupRows('PermissionSetAssignment', 'assignee', userId)) {
    if (typeof assignment.ExpirationDate === 'string') {
      const expires = Date.parse(assignment.ExpirationDate);
      if (expires <= now) continue;
      validUntil = Math.min(validUntil, expires);
    }
    const ps = core.get('PermissionSet', assignment.PermissionSetId);
    if (!ps || ps.HasActivationRequired === true) continue;
    sets.set(ps.Id, ps);
  }
  return { sets: [...sets.values()], validUntil };
}

/**
 * Computes effective access without the cache; also says which permission sets it was built from. System and custom
 * permissions are computed at once; object and field access (one entry per field: 200,000 on the large org) only
 * when first read, because most checks (every write to a setup object, such as a bulk load of FieldPermissions) look
 * at system permissions alone and would otherwise rebuild the field map after each row.
 */
export function computeEffectiveAccess(
  core: OrgCore,
  userId: string,
): { access: EffectiveAccess; validUntil: number; setIds: string[] } {
  const { sets, validUntil } = activePermissionSets(core, userId);
  const systemPermissions = new Set<string>();
  const customPermissions = new Set<string>();
  for (const ps of sets) {
    for (const name of enabledSystemPermissions(ps)) systemPermissions.add(name);
    for (const row of core.store.lookupRows('SetupEntityAccess', 'parent', ps.Id)) {
      if (row.SetupEntityType !== 'CustomPermission') continue;
      const permission = core.get('CustomPermission', row.SetupEntityId);
      if (typeof permission?.DeveloperName === 'string') customPermissions.add(permission.DeveloperName);
    }
  }
  let grants: Pick<EffectiveAccess, 'objects' | 'fields'> | undefined;
  const grantsOf = (): Pick<EffectiveAccess, 'objects' | 'fields'> => {
    grants ??= computeGrants(core, sets, systemPermissions);
    return grants;
  };
  const access: EffectiveAccess = {
    userId,
    systemPermissions,
    customPermissions,
    get objects() {
      return grantsOf().objects;
    },
    get fields() {
      return grantsOf().fields;
    },
  };
  return { access, validUntil, setIds: sets.map((s) => s.Id) };
}

/** Object and field access over the given sets, widened by View All Data and Modify All Data. */
function computeGrants(
  core: OrgCore,
  sets: SfRecord[],
  systemPermissions: Set<string>,
): Pick<EffectiveAccess, 'objects' | 'fields'> {
  const access: Pick<EffectiveAccess, 'objects' | 'fields' | 'systemPermissions'> = {
    systemPermissions,
    objects: new Map(),
    fields: new Map(),
  };
  for (const ps of sets) {
    for (const row of core.store.lookupRows('ObjectPermissions', 'parent', ps.Id)) {
      const key = String(row.SobjectType).toLowerCase();
      const current = access.objects.get(key) ?? noObjectAccess();
      for (const [flag, fieldName] of OBJECT_FLAGS) if (row[fieldName] === true) current[flag] = true;
      access.objects.set(key, current);
    }
    for (const row of core.store.lookupRows('FieldPermissions', 'parent', ps.Id)) {
      const key = String(row.Field).toLowerCase();
      const current = access.fields.get(key);
      access.fields.set(
        key,
        fieldAccess(
          current?.read === true || row.PermissionsRead === true,
          current?.edit === true || row.PermissionsEdit === true,
        ),
      );
    }
  }
  widenForViewAllAndModifyAll(core, access);
  return { objects: access.objects, fields: access.fields };
}

function widenForViewAllAndModifyAll(
  core: OrgCore,
  access: Pick<EffectiveAccess, 'objects' | 'systemPermissions'>,
): void {
  const viewAll = access.systemPermissions.has('ViewAllData');
  const modifyAll = access.systemPermissions.has('ModifyAllData');
  if (!viewAll && !modifyAll) return;
  for (const obj of core.schema.listObjects()) {
    if (!canHaveObjectPermissions(obj)) continue;
    const key = obj.name.toLowerCase();
    const current = access.objects.get(key) ?? noObjectAccess();
    current.read = true;
    current.viewAllRecords = true;
    if (modifyAll) {
      current.create = current.edit = current.delete = current.modifyAllRecords = true;
    }
    access.objects.set(key, current);
  }
}

interface CacheEntry {
  access: EffectiveAccess;
  globalVersion: number;
  userVersion: number;
  setVersions: Array<[string, number]>;
  validUntil: number;
}

/**
 * Per-user cache of effective access for one org. An entry stays valid while the org-wide access version, the user's
 * own version (record and assignments) and the version of every permission set it was built from are unchanged, and
 * until the earliest future assignment expiry.
 */
export class EffectiveAccessCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(private readonly core: OrgCore) {}

  /** Effective access of a user, recomputed only when something it depends on changed. */
  get(userId: string): EffectiveAccess {
    const core = this.core;
    const cached = this.entries.get(userId);
    if (
      cached &&
      cached.globalVersion === core.accessVersion &&
      cached.userVersion === core.userVersion(userId) &&
      core.clock.now().getTime() < cached.validUntil &&
      cached.setVersions.every(([id, version]) => core.setVersion(id) === version)
    ) {
      return cached.access;
    }
    const globalVersion = core.accessVersion;
    const userVersion = core.userVersion(userId);
    const { access, validUntil, setIds } = computeEffectiveAccess(core, userId);
    const setVersions = setIds.map((id): [string, number] => [id, core.setVersion(id)]);
    this.entries.set(userId, { access, globalVersion, userVersion, setVersions, validUntil });
    return access;
  }

  /** Drops every cached entry (reset, rollback). */
  clear(): void {
    this.entries.clear();
  }
}
