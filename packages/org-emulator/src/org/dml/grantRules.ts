/**
 * Save rules of the rows that grant access inside a permission set: ObjectPermissions, FieldPermissions and
 * SetupEntityAccess. Object and field names come from restricted picklists (only objects and permissionable fields
 * qualify; custom settings and custom metadata types have no object permissions), one row per parent and object or
 * field, no all-false rows (an insert is refused; an update to all false deletes the row, as the FieldPermissions
 * page says, although a community report says it is refused: see docs/emulator-fidelity.md), object dependencies
 * (Create/Edit/ViewAll need Read, Delete needs Edit, ModifyAll needs everything, detail objects need Read on their
 * master), field Edit needs Read, read-only fields take Read only, a profile with Modify All Data keeps its object permissions, and a group's
 * aggregate set is read only. Rows under a muting permission set say what to mute and skip the dependency checks.
 */
import type { FieldDef, ObjectDef, SfRecord } from '../types';
import type { OrgCore } from '../core';
import { canHaveFieldPermissions, canHaveObjectPermissions } from '../access/objectPolicy';
import { recalculateGroupsContaining } from '../permissions/groupAggregation';
import { afterSetChanged, enabledPermissionsOf, objectVerbsOf } from '../permissions/setMaintenance';
import { assertNoNewViolations } from './permissionSetRules';
import type { RuleBook, WriteContext } from './rules';
import { fail, messages, SaveFailure } from './saveErrors';

type Parent = { kind: 'set'; row: SfRecord } | { kind: 'muting'; row: SfRecord };

function parentOf(core: OrgCore, parentId: unknown): Parent {
  const set = core.get('PermissionSet', parentId);
  if (set) {
    if (set.Type === 'Group') {
      fail(
        'FIELD_INTEGRITY_EXCEPTION',
        "You can't change the permissions of a permission set group's aggregate permission set. Change its component permission sets instead.",
        ['ParentId'],
      );
    }
    return { kind: 'set', row: set };
  }
  const muting = core.get('MutingPermissionSet', parentId);
  if (!muting) throw new SaveFailure([messages.invalidReference(['ParentId'])]);
  return { kind: 'muting', row: muting };
}

function afterParentChanged(w: WriteContext, parentId: unknown): void {
  if (typeof parentId !== 'string') return;
  if (w.core.get('PermissionSet', parentId)) afterSetChanged(w.core, parentId, w.actorId);
  else recalculateGroupsContaining(w.core, parentId, w.actorId);
}

function assertNotModifyAllDataProfile(parent: Parent): void {
  if (parent.kind === 'set' && parent.row.IsOwnedByProfile === true && parent.row.PermissionsModifyAllData === true) {
    fail(
      'FIELD_INTEGRITY_EXCEPTION',
      "You can't change object permissions on a profile that has the Modify All Data permission.",
    );
  }
}

function objectRowObject(core: OrgCore, sobjectType: unknown): ObjectDef {
  const obj = typeof sobjectType === 'string' ? core.schema.getObject(sobjectType) : undefined;
  if (!obj || !canHaveObjectPermissions(obj))
    throw new SaveFailure([messages.badPicklist('Sobject Type Name', sobjectType, 'SobjectType')]);
  return obj;
}

/** From this API version a lookup field may be named without its Id ("Contact.Account" for "Contact.AccountId"). */
export const LOOKUP_WITHOUT_ID_VERSION = 50;

/** The field a FieldPermissions `Field` value names (from API 50.0 a lookup also by its relationship name). */
export function resolvePermissionField(
  core: OrgCore,
  obj: ObjectDef,
  value: unknown,
  apiVersion: number,
): FieldDef | undefined {
  if (typeof value !== 'string') return undefined;
  const dot = value.indexOf('.');
  if (dot < 0 || value.slice(0, dot).toLowerCase() !== obj.name.toLowerCase()) return undefined;
  const name = value.slice(dot + 1);
  const f =
    core.schema.getField(obj.name, name) ??
    (apiVersion >= LOOKUP_WITHOUT_ID_VERSION ? core.schema.getFieldByRelationship(obj.name, name) : undefined);
  return f?.permissionable ? f : undefined;
}

const NO_PERMISSIONS = 'A permission row needs at least Read access. To remove access, delete the row.';

function checkObjectRow(
  core: OrgCore,
  parent: Parent,
  sobjectType: string,
  row: Record<string, unknown> | undefined,
): void {
  if (parent.kind !== 'set') return;
  assertNotModifyAllDataProfile(parent);
  const verbs = row ? objectVerbsOf(row) : undefined;
  assertNoNewViolations(
    core,
    enabledPermissionsOf(core, parent.row),
    enabledPermissionsOf(core, parent.row, { sobjectType, verbs }),
  );
}

function checkFieldFlags(parent: Parent, f: FieldDef, fieldName: string, row: Record<string, unknown>): void {
  if (parent.kind !== 'set' || row.PermissionsEdit !== true) return;
  if (row.PermissionsRead !== true)
    fail('FIELD_INTEGRITY_EXCEPTION', `Permission Edit ${fieldName} depends on permission(s): Read ${fieldName}`);
  if (!f.createable && !f.updateable) {
    fail(
      'FIELD_INTEGRITY_EXCEPTION',
      `${fieldName} is a read-only field (formula, roll-up summary or auto-number): only Read access can be granted.`,
    );
  }
}

/** Rules of the grant rows. */
export const grantRules: RuleBook = {
  ObjectPermissions: {
    beforeInsert({ core }, row) {
      const parent = parentOf(core, row.ParentId);
      const obj = objectRowObject(core, row.SobjectType);
      row.SobjectType = obj.name;
      if (objectVerbsOf(row).size === 0) fail('FIELD_INTEGRITY_EXCEPTION', NO_PERMISSIONS);
      if (
        core.store.lookup('ObjectPermissions', 'parentObject', `${String(row.ParentId)}|${obj.name.toLowerCase()}`)
          .length > 0
      ) {
        throw new SaveFailure([messages.duplicateUnknown()]);
      }
      checkObjectRow(core, parent, obj.name, row);
    },
    afterInsert: (w, row) => afterParentChanged(w, row.ParentId),
    beforeUpdate({ core }, previous, next) {
      const parent = parentOf(core, previous.ParentId);
      if (objectVerbsOf(next).size === 0) return 'delete';
      checkObjectRow(core, parent, String(previous.SobjectType), next);
    },
    afterUpdate: (w, row) => afterParentChanged(w, row.ParentId),
    beforeDelete({ core }, row) {
      checkObjectRow(core, parentOf(core, row.ParentId), String(row.SobjectType), undefined);
    },
    afterDelete: (w, row) => afterParentChanged(w, row.ParentId),
  },
  FieldPermissions: {
    beforeInsert({ core, view }, row) {
      const parent = parentOf(core, row.ParentId);
      const obj = core.schema.getObject(String(row.SobjectType));
      if (!obj || !canHaveFieldPermissions(obj))
        throw new SaveFailure([messages.badPicklist('Sobject Type Name', row.SobjectType, 'SobjectType')]);
      const f = resolvePermissionField(core, obj, row.Field, view.ctx.apiVersion);
      if (!f) throw new SaveFailure([messages.badPicklist('Field Name', row.Field, 'Field')]);
      row.SobjectType = obj.name;
      row.Field = `${obj.name}.${f.name}`;
      if (row.PermissionsRead !== true && row.PermissionsEdit !== true)
        fail('FIELD_INTEGRITY_EXCEPTION', NO_PERMISSIONS);
      checkFieldFlags(parent, f, String(row.Field), row);
      if (
        core.store.lookup(
          'FieldPermissions',
          'parentField',
          `${String(row.ParentId)}|${String(row.Field).toLowerCase()}`,
        ).length > 0
      ) {
        throw new SaveFailure([messages.duplicateUnknown()]);
      }
    },
    afterInsert: (w, row) => afterParentChanged(w, row.ParentId),
    beforeUpdate({ core }, previous, next) {
      const parent = parentOf(core, previous.ParentId);
      if (next.PermissionsRead !== true && next.PermissionsEdit !== true) return 'delete';
      const obj = core.object(String(previous.SobjectType));
      // The stored Field is always the API name, which every version accepts.
      const f = resolvePermissionField(core, obj, previous.Field, LOOKUP_WITHOUT_ID_VERSION);
      if (f) checkFieldFlags(parent, f, String(previous.Field), next);
    },
    afterUpdate: (w, row) => afterParentChanged(w, row.ParentId),
    beforeDelete({ core }, row) {
      parentOf(core, row.ParentId);
    },
    afterDelete: (w, row) => afterParentChanged(w, row.ParentId),
  },
  SetupEntityAccess: {
    beforeInsert({ core }, row) {
      parentOf(core, row.ParentId);
      const entity = core.find(String(row.SetupEntityId));
      if (!entity) throw new SaveFailure([messages.invalidReference(['SetupEntityId'])]);
      row.SetupEntityType = entity.obj.name;
      if (
        core.store.lookup('SetupEntityAccess', 'parentEntity', `${String(row.ParentId)}|${entity.row.Id.toLowerCase()}`)
          .length > 0
      ) {
        throw new SaveFailure([messages.duplicateUnknown()]);
      }
    },
    afterInsert: (w, row) => afterParentChanged(w, row.ParentId),
    beforeDelete({ core }, row) {
      parentOf(core, row.ParentId);
    },
    afterDelete: (w, row) => afterParentChanged(w, row.ParentId),
  },
};
