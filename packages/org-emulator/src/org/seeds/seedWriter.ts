/**
 * Writes a seeded org in system mode, with the same derived data Salesforce keeps (profile-owned permission sets and
 * profile assignments, group aggregates, profile mirrors). Every seeded record carries the same creation time and
 * creator so that a seed produces identical data on every run.
 */
import type { ObjectDef, SfRecord } from '../types';
import type { OrgCore } from '../core';
import { canHaveObjectPermissions } from '../access/objectPolicy';
import { OBJECT_VERB_FIELDS, type ObjectVerb } from '../permissions/dependencies';
import { recalculateGroup } from '../permissions/groupAggregation';
import { PERMISSION_SET_LICENSES, USER_LICENSES, type UserLicenseSpec } from '../permissions/licenses';
import { assignProfileSet, createGroupAggregate, mirrorProfile } from '../permissions/setMaintenance';
import { permissionFlags } from '../permissions/systemPermissions';
import { toId15 } from '../ids';

/** Every verb: what an administrator's profile has on every object. */
export const ALL_VERBS: readonly ObjectVerb[] = [
  'read',
  'create',
  'update',
  'delete',
  'viewAllRecords',
  'modifyAllRecords',
];
/** Read, create, edit, delete. */
export const CRED: readonly ObjectVerb[] = ['read', 'create', 'update', 'delete'];

/** A profile to seed. */
export interface ProfileSpec {
  name: string;
  license: UserLicenseSpec['key'];
  permissions: readonly string[];
  custom: boolean;
  description?: string;
}

/** A user to seed. */
export interface UserSpec {
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  profileId: string;
  isActive?: boolean;
  title?: string;
}

/** System-mode writes for seeds. */
export class SeedWriter {
  readonly licenseIds = new Map<string, string>();
  readonly pslIds = new Map<string, string>();

  /**
   * `actorId` is the id the founding administrator will get (allocated before the user exists), or null for edits
   * made outside any user (the control API).
   */
  constructor(
    readonly core: OrgCore,
    readonly at: string,
    readonly actorId: string | null,
  ) {}

  /** Inserts a record created by the founding administrator at the seed time. */
  insert(objectName: string, fields: Record<string, unknown>, id?: string): SfRecord {
    return this.core.insert(objectName, fields, this.actorId, this.at, id);
  }

  /** User licenses and permission set licenses. */
  createLicenses(): void {
    for (const l of USER_LICENSES) {
      const row = this.insert('UserLicense', {
        Name: l.name,
        MasterLabel: l.name,
        LicenseDefinitionKey: l.licenseDefinitionKey,
        Status: 'Active',
        TotalLicenses: l.totalLicenses,
        UsedLicenses: 0,
      });
      this.licenseIds.set(l.key, row.Id);
    }
    for (const l of PERMISSION_SET_LICENSES) {
      const row = this.insert('PermissionSetLicense', {
        DeveloperName: l.developerName,
        MasterLabel: l.masterLabel,
        PermissionSetLicenseKey: l.permissionSetLicenseKey,
        Status: 'Active',
        TotalLicenses: l.totalLicenses,
        UsedLicenses: 0,
        ExpirationDate: null,
      });
      this.pslIds.set(l.key, row.Id);
    }
  }

  /** A profile and its profile-owned permission set; returns both ids. */
  createProfile(spec: ProfileSpec): { profileId: string; setId: string } {
    const licenseId = this.licenseIds.get(spec.license) ?? null;
    const flags = permissionFlags(spec.permissions);
    const profile = this.insert('Profile', {
      Name: spec.name,
      UserLicenseId: licenseId,
      UserType: 'Standard',
      Description: spec.description ?? null,
      ...flags,
    });
    const set = this.insert('PermissionSet', {
      Name: `X${toId15(profile.Id)}`,
      Label: toId15(profile.Id),
      Description: null,
      IsOwnedByProfile: true,
      IsCustom: spec.custom,
      ProfileId: profile.Id,
      LicenseId: licenseId,
      NamespacePrefix: null,
      HasActivationRequired: false,
      PermissionSetGroupId: null,
      Type: 'Profile',
      ...flags,
    });
    return { profileId: profile.Id, setId: set.Id };
  }

  /** A permission set (Regular, or Session when `sessionBased`). */
  createPermissionSet(spec: {
    name: string;
    label: string;
    description?: string;
    permissions?: readonly string[];
    licenseId?: string | null;
    sessionBased?: boolean;
  }): string {
    return this.insert('PermissionSet', {
      Name: spec.name,
      Label: spec.label,
      Description: spec.description ?? null,
      IsOwnedByProfile: false,
      IsCustom: true,
      ProfileId: null,
      LicenseId: spec.licenseId ?? null,
      NamespacePrefix: null,
      HasActivationRequired: spec.sessionBased === true,
      PermissionSetGroupId: null,
      Type: spec.sessionBased ? 'Session' : 'Regular',
      ...permissionFlags(spec.permissions ?? []),
    }).Id;
  }

  /** A user (active unless said otherwise) with the assignment of their profile's permission set. */
  createUser(spec: UserSpec, id?: string): string {
    const alias = `${spec.firstName.charAt(0)}${spec.lastName}`.replace(/\W/g, '').slice(0, 8).toLowerCase();
    const user = this.insert(
      'User',
      {
        Username: spec.username,
        FirstName: spec.firstName,
        LastName: spec.lastName,
        Name: `${spec.firstName} ${spec.lastName}`,
        Alias: alias,
        Email: spec.email,
        Title: spec.title ?? null,
        Department: null,
        CompanyName: null,
        FederationIdentifier: null,
        IsActive: spec.isActive !== false,
        ProfileId: spec.profileId,
        UserRoleId: null,
        ManagerId: null,
        UserType: 'Standard',
        TimeZoneSidKey: 'America/Los_Angeles',
        LocaleSidKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
        LastLoginDate: null,
      },
      id,
    );
    assignProfileSet(this.core, user.Id, spec.profileId, this.actorId);
    return user.Id;
  }

  /** Object permissions on a permission set (or muting set). */
  grantObject(parentId: string, objectName: string, verbs: readonly ObjectVerb[]): void {
    const fields: Record<string, unknown> = { ParentId: parentId, SobjectType: this.core.object(objectName).name };
    for (const [verb, f] of Object.entries(OBJECT_VERB_FIELDS)) fields[f] = verbs.includes(verb as ObjectVerb);
    this.insert('ObjectPermissions', fields);
  }

  /** Field permissions ('read' or 'edit' = read + edit) on "Object.Field" names. */
  grantField(parentId: string, qualifiedName: string, level: 'read' | 'edit'): void {
    const [objectName = '', fieldName = ''] = qualifiedName.split('.');
    const obj = this.core.object(objectName);
    const f = this.core.schema.getField(obj.name, fieldName);
    if (!f?.permissionable) throw new Error(`${qualifiedName} is not a permissionable field.`);
    const editable = level === 'edit' && (f.createable || f.updateable);
    this.insert('FieldPermissions', {
      ParentId: parentId,
      SobjectType: obj.name,
      Field: `${obj.name}.${f.name}`,
      PermissionsRead: true,
      PermissionsEdit: editable,
    });
  }

  /** Read (and edit where writable) on every permissionable field of the objects. */
  grantAllFields(parentId: string, objects: readonly ObjectDef[]): void {
    const table = this.core.object('FieldPermissions');
    const prefix = table.keyPrefix ?? '';
    for (const obj of objects) {
      if (obj.accessModel !== 'data') continue;
      for (const f of obj.fields) {
        if (!f.permissionable) continue;
        // One object literal per row, same shape every time: this loop writes 200,000 rows for large orgs.
        this.core.insertPrepared(table, {
          Id: this.core.ids.next(prefix),
          ParentId: parentId,
          SobjectType: obj.name,
          Field: `${obj.name}.${f.name}`,
          PermissionsRead: true,
          PermissionsEdit: f.createable || f.updateable,
          CreatedDate: this.at,
          CreatedById: this.actorId,
          LastModifiedDate: this.at,
          LastModifiedById: this.actorId,
          SystemModstamp: this.at,
        });
      }
    }
  }

  /** Everything on every object and field: what System Administrator-like profiles hold in real orgs. */
  grantEverything(parentId: string): void {
    const objects = this.core.schema.listObjects();
    for (const obj of objects) if (canHaveObjectPermissions(obj)) this.grantObject(parentId, obj.name, ALL_VERBS);
    this.grantAllFields(parentId, objects);
  }

  /** A custom permission. */
  createCustomPermission(developerName: string, label: string, description: string): string {
    return this.insert('CustomPermission', {
      DeveloperName: developerName,
      MasterLabel: label,
      NamespacePrefix: null,
      Description: description,
      IsLicensed: false,
      IsProtected: false,
    }).Id;
  }

  /** Access to a setup entity (custom permission, Apex class, external credential principal). */
  grantSetupEntity(parentId: string, entityId: string): void {
    const entity = this.core.find(entityId);
    if (!entity) throw new Error(`No setup entity ${entityId}.`);
    this.insert('SetupEntityAccess', { ParentId: parentId, SetupEntityId: entityId, SetupEntityType: entity.obj.name });
  }

  /** A muting permission set with the given user permissions muted. */
  createMutingSet(developerName: string, label: string, mutedPermissions: readonly string[] = []): string {
    return this.insert('MutingPermissionSet', {
      DeveloperName: developerName,
      MasterLabel: label,
      NamespacePrefix: null,
      ...permissionFlags(mutedPermissions),
    }).Id;
  }

  /** A permission set group of the given sets (and muting set), recalculated. */
  createGroup(developerName: string, label: string, setIds: readonly string[], mutingId?: string): string {
    const group = this.insert('PermissionSetGroup', {
      DeveloperName: developerName,
      MasterLabel: label,
      Description: null,
      NamespacePrefix: null,
      Status: 'Updated',
      HasActivationRequired: false,
    });
    createGroupAggregate(this.core, group, this.actorId);
    for (const id of [...setIds, ...(mutingId ? [mutingId] : [])]) {
      this.insert('PermissionSetGroupComponent', { PermissionSetGroupId: group.Id, PermissionSetId: id });
    }
    recalculateGroup(this.core, group.Id, this.actorId);
    return group.Id;
  }

  /** Assigns a permission set (optionally expiring) to a user. */
  assign(userId: string, setId: string, expirationDate: string | null = null): string {
    const set = this.core.get('PermissionSet', setId);
    return this.insert('PermissionSetAssignment', {
      AssigneeId: userId,
      PermissionSetId: setId,
      PermissionSetGroupId: set?.PermissionSetGroupId ?? null,
      ExpirationDate: expirationDate,
      IsActive: set?.HasActivationRequired !== true,
    }).Id;
  }

  /** Assigns a permission set group (through its aggregate set). */
  assignGroup(userId: string, groupId: string): string {
    const aggregate = this.core.store.lookupRows('PermissionSet', 'group', groupId)[0];
    if (!aggregate) throw new Error(`Group ${groupId} has no aggregate permission set.`);
    return this.assign(userId, aggregate.Id);
  }

  /** Assigns a permission set license. */
  assignLicense(userId: string, pslId: string): void {
    this.insert('PermissionSetLicenseAssign', { AssigneeId: userId, PermissionSetLicenseId: pslId });
  }

  /** Re-copies a profile-owned set's permissions to its profile (after editing the set in a seed). */
  mirror(setId: string): void {
    const set = this.core.get('PermissionSet', setId);
    if (set) mirrorProfile(this.core, set, this.actorId);
  }
}
