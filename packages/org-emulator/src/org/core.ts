/**
 * The internals of one org shared by the access, DML, describe and seed modules: schema, record store, id factory,
 * clock, and system-mode writes that stamp audit fields. "System mode" means no permission checks: seeds, group
 * recalculation and the control API use it; the REST operations go through dml/ instead.
 */
import { DEFAULT_ORG_SHAPE, type OrgShape } from './permissions/dependencies';
import type { Clock, ObjectDef, SfRecord } from './types';
import type { Schema } from './schema/schema';
import type { IdFactory } from './ids';
import { RecordStore } from './store';

/** Salesforce's REST datetime format: 2026-01-15T09:00:00.000+0000. */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

const lower = (v: unknown): string | undefined => (typeof v === 'string' ? v.toLowerCase() : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const pair = (a: unknown, b: unknown): string | undefined =>
  typeof a === 'string' && typeof b === 'string' ? `${a}|${b.toLowerCase()}` : undefined;

/** Secondary indexes every org keeps (lookups the rules and effective access need to be fast). */
const INDEXES: ReadonlyArray<[string, string, (row: SfRecord) => string | undefined, { lazy: boolean }?]> = [
  ['User', 'username', (r) => lower(r.Username)],
  ['PermissionSet', 'name', (r) => lower(r.Name)],
  ['PermissionSet', 'profile', (r) => str(r.ProfileId)],
  ['PermissionSet', 'group', (r) => str(r.PermissionSetGroupId)],
  ['PermissionSetGroup', 'name', (r) => lower(r.DeveloperName)],
  ['MutingPermissionSet', 'name', (r) => lower(r.DeveloperName)],
  ['PermissionSetGroupComponent', 'group', (r) => str(r.PermissionSetGroupId)],
  ['PermissionSetGroupComponent', 'set', (r) => str(r.PermissionSetId)],
  ['PermissionSetAssignment', 'assignee', (r) => str(r.AssigneeId)],
  ['PermissionSetAssignment', 'set', (r) => str(r.PermissionSetId)],
  ['PermissionSetAssignment', 'group', (r) => str(r.PermissionSetGroupId)],
  ['PermissionSetLicenseAssign', 'assignee', (r) => str(r.AssigneeId)],
  ['ObjectPermissions', 'parent', (r) => str(r.ParentId)],
  ['ObjectPermissions', 'parentObject', (r) => pair(r.ParentId, r.SobjectType)],
  ['FieldPermissions', 'parent', (r) => str(r.ParentId)],
  ['FieldPermissions', 'parentField', (r) => pair(r.ParentId, r.Field), { lazy: true }],
  ['SetupEntityAccess', 'parent', (r) => str(r.ParentId)],
  ['SetupEntityAccess', 'parentEntity', (r) => pair(r.ParentId, r.SetupEntityId)],
  ['CustomPermission', 'name', (r) => lower(r.DeveloperName)],
  ['LoginHistory', 'user', (r) => str(r.UserId)],
  ['ExternalCredential', 'name', (r) => lower(r.DeveloperName)],
  ['ExternalCredentialParameter', 'credential', (r) => str(r.ExternalCredentialId)],
];

function bump(versions: Map<string, number>, key: unknown): void {
  if (typeof key === 'string') versions.set(key, (versions.get(key) ?? 0) + 1);
}

interface AuditShape {
  created: boolean;
  modified: boolean;
  modstamp: boolean;
  isDeleted: boolean;
}

/** Schema, store, ids and clock of one org, with system-mode writes. */
export class OrgCore {
  readonly store = new RecordStore();
  /**
   * Bumped by setup writes that may change anyone's access (and by schema edits and rollback). Writes to one
   * permission set or one user's assignments bump only that set's or user's version, so a busy Auto Config run does not
   * throw away every cached effective access (an administrator's takes a second to rebuild in a large org).
   */
  accessVersion = 0;
  private readonly setVersions = new Map<string, number>();
  private readonly userVersions = new Map<string, number>();
  /** While set (during seeding), every write is stamped with this time instead of the clock's. */
  fixedTime: string | undefined;
  private readonly auditShapes = new WeakMap<ObjectDef, AuditShape>();

  constructor(
    readonly orgId: string,
    readonly schema: Schema,
    readonly ids: IdFactory,
    readonly clock: Clock,
    /** How the org answers about permission dependencies (PermissionDependency rows, Forecasts). */
    readonly shape: OrgShape = DEFAULT_ORG_SHAPE,
  ) {
    for (const [table, name, key, options] of INDEXES)
      this.store.defineIndex(table, { name, key, lazy: options?.lazy });
  }

  /** The current time in Salesforce's datetime format. */
  nowIso(): string {
    return this.fixedTime ?? formatDateTime(this.clock.now());
  }

  /** The object of a name; throws for an object the org does not have (a programming error in seeds or rules). */
  object(name: string): ObjectDef {
    const obj = this.schema.getObject(name);
    if (!obj) throw new Error(`This org has no object ${name}.`);
    return obj;
  }

  /** A live record by object and id. */
  get(objectName: string, id: unknown): SfRecord | undefined {
    return typeof id === 'string' ? this.store.get(this.object(objectName).name, id) : undefined;
  }

  /** A live record by id alone (its object comes from the key prefix). */
  find(id: string): { obj: ObjectDef; row: SfRecord } | undefined {
    const obj = this.schema.objectForId(id);
    const row = obj ? this.store.get(obj.name, id) : undefined;
    return obj && row ? { obj, row } : undefined;
  }

  /** Inserts a record without permission checks: assigns the id and stamps the audit fields the object has. */
  insert(
    objectName: string,
    fields: Record<string, unknown>,
    actorId: string | null,
    at = this.nowIso(),
    id?: string,
  ): SfRecord {
    const obj = this.object(objectName);
    if (!obj.keyPrefix) throw new Error(`${obj.name} has no key prefix.`);
    const shape = this.auditShape(obj);
    const row: SfRecord = { ...fields, Id: id ?? this.ids.next(obj.keyPrefix) } as SfRecord;
    if (shape.created) {
      row.CreatedDate = at;
      row.CreatedById = actorId;
    }
    if (shape.modified) {
      row.LastModifiedDate = at;
      row.LastModifiedById = actorId;
    }
    if (shape.modstamp) row.SystemModstamp = at;
    if (shape.isDeleted) row.IsDeleted = false;
    this.store.put(obj.name, row);
    this.touched(obj, row);
    return row;
  }

  /**
   * Stores a complete row built by the caller (Id from `ids`, audit fields filled): the bulk path of seeds, which
   * write hundreds of thousands of permission rows and cannot afford a copy per row.
   */
  insertPrepared(obj: ObjectDef, row: SfRecord): void {
    this.store.put(obj.name, row);
    this.touched(obj, row);
  }

  /** Updates a record without permission checks, stamping LastModified* and SystemModstamp. */
  update(objectName: string, id: string, changes: Record<string, unknown>, actorId: string | null): SfRecord {
    const obj = this.object(objectName);
    const previous = this.store.get(obj.name, id);
    if (!previous) throw new Error(`No ${obj.name} ${id}.`);
    const shape = this.auditShape(obj);
    const at = this.nowIso();
    const row: SfRecord = { ...previous, ...changes, Id: id };
    if (shape.modified) {
      row.LastModifiedDate = at;
      row.LastModifiedById = actorId;
    }
    if (shape.modstamp) row.SystemModstamp = at;
    this.store.put(obj.name, row);
    this.touched(obj, row, previous);
    return row;
  }

  /** Deletes a record without permission checks; soft when the object has a recycle bin. */
  remove(objectName: string, id: string): void {
    const obj = this.object(objectName);
    const row = this.store.get(obj.name, id);
    if (!row) return;
    this.store.remove(obj.name, id, obj.recycleBin === true);
    this.touched(obj, row);
  }

  /** Version of one permission set's own permissions (its record and its object, field and entity rows). */
  setVersion(setId: string): number {
    return this.setVersions.get(setId) ?? 0;
  }

  /** Version of one user's record and assignments. */
  userVersion(userId: string): number {
    return this.userVersions.get(userId) ?? 0;
  }

  private touched(obj: ObjectDef, row: SfRecord, previous?: SfRecord): void {
    switch (obj.name) {
      case 'PermissionSet':
        return bump(this.setVersions, row.Id);
      case 'ObjectPermissions':
      case 'FieldPermissions':
      case 'SetupEntityAccess':
        return bump(this.setVersions, row.ParentId);
      case 'PermissionSetAssignment':
        return bump(this.userVersions, row.AssigneeId);
      case 'User':
        // Only the profile feeds effective access; logins update LastLoginDate all the time.
        if (previous?.ProfileId !== row.ProfileId) bump(this.userVersions, row.Id);
        return;
      case 'LoginHistory':
        return;
      default:
        if (obj.accessModel === 'setup') this.accessVersion++;
    }
  }

  private auditShape(obj: ObjectDef): AuditShape {
    let shape = this.auditShapes.get(obj);
    if (!shape) {
      const names = new Set(obj.fields.map((f) => f.name));
      shape = {
        created: names.has('CreatedDate'),
        modified: names.has('LastModifiedDate'),
        modstamp: names.has('SystemModstamp'),
        isDeleted: names.has('IsDeleted'),
      };
      this.auditShapes.set(obj, shape);
    }
    return shape;
  }
}
