/**
 * Who may read and write each object. Data objects follow the running user's ObjectPermissions (View All Data and
 * Modify All Data widen them); setup objects follow user permissions (e.g. PermissionSet needs View Setup and
 * Configuration, Assign Permission Sets or Manage Profiles and Permission Sets); activities, files, attachments and
 * notes have no object permissions at all. Field-level security applies to data objects only, and View All Data /
 * Modify All Data never bypass it; View All Fields does.
 */
import type { EffectiveAccess, FieldDef, ObjectAccess, ObjectDef } from '../types';

/** What a user may do with an object's records. */
export interface ObjectRights {
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
}

type Rule = 'all' | 'none' | readonly string[];

interface Policy {
  read: Rule;
  write: Rule;
}

const PERMISSION_OBJECT_READERS = ['ViewSetup', 'AssignPermissionSets', 'ManageProfilesPermissionsets'];
const MANAGE_PERMISSIONS = ['ManageProfilesPermissionsets'];

/** Setup objects and data objects without ObjectPermissions, by API name. */
const POLICIES: Readonly<Record<string, Policy>> = {
  Organization: { read: 'all', write: 'none' },
  User: { read: 'all', write: ['ManageUsers', 'ManageInternalUsers'] },
  Profile: { read: 'all', write: 'none' },
  UserLicense: { read: 'all', write: 'none' },
  UserRole: { read: 'all', write: ['ManageRoles', 'ManageUsers'] },
  PermissionSet: { read: PERMISSION_OBJECT_READERS, write: MANAGE_PERMISSIONS },
  PermissionSetGroup: { read: PERMISSION_OBJECT_READERS, write: MANAGE_PERMISSIONS },
  PermissionSetGroupComponent: { read: PERMISSION_OBJECT_READERS, write: MANAGE_PERMISSIONS },
  MutingPermissionSet: { read: PERMISSION_OBJECT_READERS, write: MANAGE_PERMISSIONS },
  PermissionSetAssignment: { read: PERMISSION_OBJECT_READERS, write: ['AssignPermissionSets'] },
  PermissionSetLicense: { read: PERMISSION_OBJECT_READERS, write: 'none' },
  PermissionSetLicenseAssign: { read: PERMISSION_OBJECT_READERS, write: ['AssignPermissionSets', 'ManageUsers'] },
  ObjectPermissions: { read: ['ViewSetup'], write: MANAGE_PERMISSIONS },
  FieldPermissions: { read: ['ViewSetup'], write: MANAGE_PERMISSIONS },
  SetupEntityAccess: { read: ['ViewSetup'], write: MANAGE_PERMISSIONS },
  CustomPermission: { read: ['ViewSetup'], write: 'none' },
  PermissionDependency: { read: ['ViewSetup'], write: 'none' },
  LoginHistory: { read: 'all', write: 'none' },
  ApexClass: { read: ['ViewSetup'], write: 'none' },
  NamedCredential: { read: ['ViewSetup'], write: 'none' },
  ExternalCredential: { read: ['ViewSetup'], write: 'none' },
  ExternalCredentialParameter: { read: ['ViewSetup'], write: 'none' },
  Task: { read: 'all', write: ['EditTask'] },
  Event: { read: 'all', write: ['EditEvent'] },
  ContentDocument: { read: 'all', write: 'all' },
  ContentVersion: { read: 'all', write: 'all' },
  Attachment: { read: 'all', write: 'all' },
  Note: { read: 'all', write: 'all' },
};

const CUSTOM_SETTING_POLICY: Policy = { read: 'all', write: ['CustomizeApplication'] };
const CUSTOM_METADATA_POLICY: Policy = { read: 'all', write: 'none' };

/** Whether the object can carry ObjectPermissions rows (its name is in the SobjectType picklist). */
export function canHaveObjectPermissions(obj: ObjectDef): boolean {
  return obj.accessModel === 'data' && POLICIES[obj.name] === undefined;
}

/** Whether the object's fields can carry FieldPermissions rows. */
export function canHaveFieldPermissions(obj: ObjectDef): boolean {
  return obj.accessModel === 'data';
}

function allows(rule: Rule, access: EffectiveAccess): boolean {
  if (rule === 'all') return true;
  if (rule === 'none') return false;
  return rule.some((p) => access.systemPermissions.has(p));
}

/** The object-level rights of a user (before the object's own createable/updateable/deletable). */
export function objectRights(obj: ObjectDef, access: EffectiveAccess): ObjectRights {
  const policy =
    POLICIES[obj.name] ??
    (obj.accessModel === 'customSetting'
      ? CUSTOM_SETTING_POLICY
      : obj.accessModel === 'customMetadata'
        ? CUSTOM_METADATA_POLICY
        : undefined);
  if (policy) {
    const read = allows(policy.read, access);
    const write = read && allows(policy.write, access);
    return { read, create: write, edit: write, delete: write };
  }
  const granted = access.objects.get(obj.name.toLowerCase());
  return {
    read: granted?.read === true,
    create: granted?.create === true,
    edit: granted?.edit === true,
    delete: granted?.delete === true,
  };
}

/** Whether a user can read a field of an object they can read. */
export function fieldReadable(obj: ObjectDef, f: FieldDef, access: EffectiveAccess): boolean {
  if (obj.accessModel !== 'data' || !f.permissionable) return true;
  const key = obj.name.toLowerCase();
  if (access.objects.get(key)?.viewAllFields) return true;
  return access.fields.get(`${key}.${f.name.toLowerCase()}`)?.read === true;
}

/** Whether field-level security lets a user write a field (the field's own createable/updateable still apply). */
export function fieldWritable(obj: ObjectDef, f: FieldDef, access: EffectiveAccess): boolean {
  if (obj.accessModel !== 'data' || !f.permissionable) return true;
  return access.fields.get(`${obj.name.toLowerCase()}.${f.name.toLowerCase()}`)?.edit === true;
}

/** ObjectAccess with every flag false. */
export function noObjectAccess(): ObjectAccess {
  return {
    read: false,
    create: false,
    edit: false,
    delete: false,
    viewAllRecords: false,
    modifyAllRecords: false,
    viewAllFields: false,
  };
}
