/**
 * Edits the control API (`/__emulator/...`) makes for tests, standing in for what an admin does in Setup: add a custom
 * object or field (only the named profiles get access, System Administrator by default, as the Setup wizard offers),
 * delete permission rows behind the product's back (drift), deactivate a user. They bypass the REST save rules but keep
 * derived data (group aggregates, profile mirrors) consistent.
 */
import type { FieldDef, FieldType, ObjectDef, SfRecord } from './types';
import type { OrgCore } from './core';
import { buildCustomObject, type CustomObjectSpec } from './schema/customObjects';
import { field as buildField } from './schema/fieldFactory';
import { canHaveObjectPermissions } from './access/objectPolicy';
import { afterSetChanged } from './permissions/setMaintenance';
import { recalculateGroupsContaining } from './permissions/groupAggregation';
import { toId18 } from './ids';
import { ALL_VERBS, SeedWriter } from './seeds/seedWriter';

/** A custom field to add: name (ending in __c), label, type, and any describe attribute. */
export type CustomFieldInput = Partial<FieldDef> & {
  name: string;
  label: string;
  type: FieldType;
  childRelationshipName?: string;
};

/** Which permission rows to delete; at least one criterion besides `object` is required. */
export interface PermissionRowFilter {
  object: 'ObjectPermissions' | 'FieldPermissions' | 'SetupEntityAccess' | 'PermissionSetAssignment';
  ids?: string[];
  parentId?: string;
  /** Name of the parent permission set (PermissionSet.Name), or of the assigned set for PermissionSetAssignment. */
  permissionSetName?: string;
  sobjectType?: string;
  /** "Object.Field". */
  field?: string;
  setupEntityId?: string;
  assigneeId?: string;
}

/** The edits, as OrgModel exposes them. */
export interface ControlEdits {
  addCustomObject(spec: CustomObjectSpec & { grantProfiles?: string[] }): ObjectDef;
  addCustomField(objectName: string, def: CustomFieldInput, grantProfiles?: string[]): FieldDef;
  deletePermissionRows(filter: PermissionRowFilter): number;
  setUserActive(userId: string, active: boolean): void;
}

/** One edit, as data. */
export type ControlEdit =
  | { kind: 'addCustomObject'; spec: CustomObjectSpec & { grantProfiles?: string[] } }
  | { kind: 'addCustomField'; objectName: string; def: CustomFieldInput; grantProfiles: string[] | undefined }
  | { kind: 'deletePermissionRows'; filter: PermissionRowFilter }
  | { kind: 'setUserActive'; userId: string; active: boolean };

const DEFAULT_GRANTEES = ['System Administrator'];

function profileSets(core: OrgCore, profileNames: readonly string[]): string[] {
  const wanted = new Set(profileNames.map((n) => n.toLowerCase()));
  const ids: string[] = [];
  for (const profile of core.store.rows('Profile')) {
    if (!wanted.has(String(profile.Name).toLowerCase())) continue;
    const set = core.store.lookupRows('PermissionSet', 'profile', profile.Id)[0];
    if (set) ids.push(set.Id);
  }
  return ids;
}

function addCustomObject(core: OrgCore, spec: CustomObjectSpec & { grantProfiles?: string[] }): ObjectDef {
  if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(spec.name))
    throw new Error(`A custom object's API name ends in __c: ${spec.name}.`);
  if (core.schema.getObject(spec.name)) throw new Error(`Object ${spec.name} already exists.`);
  const obj = core.schema.addObject(buildCustomObject(core.schema, spec));
  const w = new SeedWriter(core, core.nowIso(), null);
  for (const setId of profileSets(core, spec.grantProfiles ?? DEFAULT_GRANTEES)) {
    if (canHaveObjectPermissions(obj)) w.grantObject(setId, obj.name, ALL_VERBS);
    w.grantAllFields(setId, [obj]);
  }
  core.accessVersion++;
  return obj;
}

function addCustomField(
  core: OrgCore,
  objectName: string,
  input: CustomFieldInput,
  grantProfiles: readonly string[] | undefined,
): FieldDef {
  const obj = core.schema.getObject(objectName);
  if (!obj) throw new Error(`Object ${objectName} does not exist.`);
  if (obj.accessModel === 'setup') throw new Error(`Setup object ${obj.name} cannot get custom fields.`);
  if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(input.name))
    throw new Error(`A custom field's API name ends in __c: ${input.name}.`);
  const { name, label, type, ...rest } = input;
  const f = core.schema.addField(obj.name, buildField(name, label, type, rest));
  if (f.permissionable && obj.accessModel === 'data') {
    const w = new SeedWriter(core, core.nowIso(), null);
    for (const setId of profileSets(core, grantProfiles ?? DEFAULT_GRANTEES))
      w.grantField(setId, `${obj.name}.${f.name}`, 'edit');
  }
  core.accessVersion++;
  return f;
}

function matches(core: OrgCore, row: SfRecord, filter: PermissionRowFilter): boolean {
  const ids = filter.ids?.map((id) => toId18(id));
  if (ids && !ids.includes(row.Id)) return false;
  const parent = filter.object === 'PermissionSetAssignment' ? row.PermissionSetId : row.ParentId;
  if (filter.parentId && parent !== toId18(filter.parentId)) return false;
  if (filter.permissionSetName) {
    const set = core.get('PermissionSet', parent) ?? core.get('MutingPermissionSet', parent);
    const name = set?.Name ?? set?.DeveloperName;
    if (String(name).toLowerCase() !== filter.permissionSetName.toLowerCase()) return false;
  }
  if (filter.sobjectType && String(row.SobjectType).toLowerCase() !== filter.sobjectType.toLowerCase()) return false;
  if (filter.field && String(row.Field).toLowerCase() !== filter.field.toLowerCase()) return false;
  if (filter.setupEntityId && row.SetupEntityId !== toId18(filter.setupEntityId)) return false;
  if (filter.assigneeId && row.AssigneeId !== toId18(filter.assigneeId)) return false;
  return true;
}

function deletePermissionRows(core: OrgCore, filter: PermissionRowFilter): number {
  const criteria = [
    'ids',
    'parentId',
    'permissionSetName',
    'sobjectType',
    'field',
    'setupEntityId',
    'assigneeId',
  ] as const;
  if (!criteria.some((c) => filter[c] !== undefined)) {
    throw new Error(
      `Say which ${filter.object} rows to delete (ids, parentId, permissionSetName, sobjectType, field, setupEntityId or assigneeId).`,
    );
  }
  const doomed = [...core.store.rows(filter.object)].filter((row) => matches(core, row, filter));
  const parents = new Set<string>();
  for (const row of doomed) {
    core.remove(filter.object, row.Id);
    if (typeof row.ParentId === 'string') parents.add(row.ParentId);
  }
  for (const parentId of parents) {
    if (core.get('PermissionSet', parentId)) afterSetChanged(core, parentId, null);
    else recalculateGroupsContaining(core, parentId, null);
  }
  return doomed.length;
}

/** Applies one control edit. */
export function applyControlEdit(core: OrgCore, edit: ControlEdit): ObjectDef | FieldDef | number | undefined {
  switch (edit.kind) {
    case 'addCustomObject':
      return addCustomObject(core, edit.spec);
    case 'addCustomField':
      return addCustomField(core, edit.objectName, edit.def, edit.grantProfiles);
    case 'deletePermissionRows':
      return deletePermissionRows(core, edit.filter);
    case 'setUserActive': {
      const id = toId18(edit.userId);
      if (!id || !core.get('User', id)) throw new Error(`No user ${edit.userId}.`);
      core.update('User', id, { IsActive: edit.active }, null);
      return undefined;
    }
  }
}
