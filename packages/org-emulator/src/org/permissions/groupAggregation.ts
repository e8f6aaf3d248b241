/**
 * Permission set group recalculation: the group's aggregate permission set (Type 'Group') is kept equal to the union
 * of its component permission sets minus what its muting permission set mutes — user permissions, object and field
 * permissions and setup entity access (custom permissions). Salesforce recalculates asynchronously (Status
 * 'Updating' then 'Updated'); the emulator recalculates synchronously after every change to a component.
 */
import type { SfRecord } from '../types';
import type { OrgCore } from '../core';
import { SYSTEM_PERMISSIONS, permissionField } from './systemPermissions';
import { OBJECT_VERB_FIELDS } from './dependencies';

const OBJECT_FIELDS = Object.values(OBJECT_VERB_FIELDS);

/** The aggregate permission set of a group. */
export function aggregateSetOf(core: OrgCore, groupId: string): SfRecord | undefined {
  return core.store.lookupRows('PermissionSet', 'group', groupId)[0];
}

/** Ids of the groups whose components include this permission set or muting permission set. */
export function groupsContaining(core: OrgCore, setId: string): string[] {
  const ids = new Set<string>();
  for (const c of core.store.lookupRows('PermissionSetGroupComponent', 'set', setId)) {
    if (typeof c.PermissionSetGroupId === 'string') ids.add(c.PermissionSetGroupId);
  }
  return [...ids];
}

/** Recalculates every group containing the set (no-op for sets in no group). */
export function recalculateGroupsContaining(core: OrgCore, setId: string, actorId: string | null): void {
  for (const groupId of groupsContaining(core, setId)) recalculateGroup(core, groupId, actorId);
}

/** Makes the group's aggregate permission set match its components minus muting; Status becomes 'Updated'. */
export function recalculateGroup(core: OrgCore, groupId: string, actorId: string | null): void {
  const group = core.get('PermissionSetGroup', groupId);
  const aggregate = aggregateSetOf(core, groupId);
  if (!group || !aggregate) return;
  const sets: SfRecord[] = [];
  let muting: SfRecord | undefined;
  for (const c of core.store.lookupRows('PermissionSetGroupComponent', 'group', groupId)) {
    const ps = core.get('PermissionSet', c.PermissionSetId);
    if (ps) sets.push(ps);
    else muting = core.get('MutingPermissionSet', c.PermissionSetId) ?? muting;
  }

  const flags: Record<string, boolean> = {};
  for (const p of SYSTEM_PERMISSIONS) {
    const f = permissionField(p.name);
    flags[f] = sets.some((s) => s[f] === true) && muting?.[f] !== true;
  }
  if (SYSTEM_PERMISSIONS.some((p) => aggregate[permissionField(p.name)] !== flags[permissionField(p.name)])) {
    core.update('PermissionSet', aggregate.Id, flags, actorId);
  }

  syncRows(
    core,
    'ObjectPermissions',
    aggregate.Id,
    sets,
    muting,
    'SobjectType',
    OBJECT_FIELDS,
    normaliseObjectFlags,
    actorId,
  );
  syncRows(
    core,
    'FieldPermissions',
    aggregate.Id,
    sets,
    muting,
    'Field',
    ['PermissionsRead', 'PermissionsEdit'],
    normaliseFieldFlags,
    actorId,
  );
  syncRows(core, 'SetupEntityAccess', aggregate.Id, sets, muting, 'SetupEntityId', [], () => true, actorId);
  if (group.Status !== 'Updated') core.update('PermissionSetGroup', groupId, { Status: 'Updated' }, actorId);
}

/** After muting, permissions whose prerequisites were muted go too; false when nothing readable is left. */
function normaliseObjectFlags(row: Record<string, unknown>): boolean {
  if (row.PermissionsRead !== true) return false;
  if (row.PermissionsEdit !== true) row.PermissionsDelete = false;
  if (row.PermissionsDelete !== true || row.PermissionsViewAllRecords !== true) row.PermissionsModifyAllRecords = false;
  return true;
}

function normaliseFieldFlags(row: Record<string, unknown>): boolean {
  if (row.PermissionsRead !== true) return false;
  return true;
}

function syncRows(
  core: OrgCore,
  table: 'ObjectPermissions' | 'FieldPermissions' | 'SetupEntityAccess',
  aggregateId: string,
  sets: readonly SfRecord[],
  muting: SfRecord | undefined,
  keyField: string,
  flagFields: readonly string[],
  normalise: (row: Record<string, unknown>) => boolean,
  actorId: string | null,
): void {
  const desired = new Map<string, Record<string, unknown>>();
  for (const ps of sets) {
    for (const row of core.store.lookupRows(table, 'parent', ps.Id)) {
      const key = String(row[keyField]).toLowerCase();
      const merged = desired.get(key) ?? {
        [keyField]: row[keyField],
        ...(row.SobjectType ? { SobjectType: row.SobjectType } : {}),
      };
      for (const f of flagFields) merged[f] = merged[f] === true || row[f] === true;
      if (table === 'SetupEntityAccess') merged.SetupEntityType = row.SetupEntityType;
      desired.set(key, merged);
    }
  }
  if (muting) {
    for (const row of core.store.lookupRows(table, 'parent', muting.Id)) {
      const key = String(row[keyField]).toLowerCase();
      const merged = desired.get(key);
      if (!merged) continue;
      if (table === 'SetupEntityAccess') desired.delete(key);
      else for (const f of flagFields) if (row[f] === true) merged[f] = false;
    }
  }
  const existing = new Map(
    core.store.lookupRows(table, 'parent', aggregateId).map((r) => [String(r[keyField]).toLowerCase(), r]),
  );
  for (const [key, fields] of desired) {
    if (!normalise(fields)) {
      desired.delete(key);
      continue;
    }
    const current = existing.get(key);
    if (!current) core.insert(table, { ParentId: aggregateId, ...fields }, actorId);
    else if (flagFields.some((f) => current[f] !== fields[f])) core.update(table, current.Id, fields, actorId);
  }
  for (const [key, row] of existing) if (!desired.has(key)) core.remove(table, row.Id);
}
