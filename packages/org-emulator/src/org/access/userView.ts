/**
 * The org as one running user sees it through one API call: which objects and fields exist for them (API version,
 * Tooling vs data API, object and field access) and which rows they may see. Describe, retrieve, DML and the SOQL data
 * source all ask this one view, so they agree.
 */
import type { CallContext, EffectiveAccess, FieldDef, ObjectDef, SfRecord } from '../types';
import type { OrgCore } from '../core';
import { fieldReadable, fieldWritable, objectRights, type ObjectRights } from './objectPolicy';

/** Login history of other users needs one of these; everyone sees their own logins. */
const LOGIN_HISTORY_READERS = ['ManageUsers', 'MonitorLoginHistory'];

/** One user's view of one org for one call. */
export class UserView {
  constructor(
    readonly core: OrgCore,
    readonly access: EffectiveAccess,
    readonly ctx: CallContext,
  ) {}

  /** An object that exists for this call (API version, API flavour) and that the user can read. */
  object(name: string): ObjectDef | undefined {
    const obj = this.core.schema.getObject(name);
    if (!obj || !this.inApi(obj)) return undefined;
    return objectRights(obj, this.access).read ? obj : undefined;
  }

  /** Whether the object exists at this API version in this API (data or Tooling), regardless of access. */
  inApi(obj: ObjectDef): boolean {
    if (obj.minApiVersion > this.ctx.apiVersion) return false;
    return this.ctx.tooling ? obj.toolingOnly || obj.alsoInTooling === true : !obj.toolingOnly;
  }

  /** A field the user can read, or undefined (hidden fields behave as if they did not exist). */
  field(obj: ObjectDef, name: string): FieldDef | undefined {
    const f = this.core.schema.getField(obj.name, name);
    return f && this.fieldVisible(obj, f) ? f : undefined;
  }

  /** Whether a field of a visible object is visible to the user. */
  fieldVisible(obj: ObjectDef, f: FieldDef): boolean {
    if (f.minApiVersion !== undefined && f.minApiVersion > this.ctx.apiVersion) return false;
    return fieldReadable(obj, f, this.access);
  }

  /** Every visible field of a visible object, in schema order. */
  fields(obj: ObjectDef): FieldDef[] {
    return obj.fields.filter((f) => this.fieldVisible(obj, f));
  }

  /** Object rights combined with what the object itself allows. */
  rights(obj: ObjectDef): ObjectRights {
    const r = objectRights(obj, this.access);
    return {
      read: r.read,
      create: r.create && obj.createable,
      edit: r.edit && obj.updateable,
      delete: r.delete && obj.deletable,
    };
  }

  /** Whether the user may set this field on create (false = INVALID_FIELD_FOR_INSERT_UPDATE). */
  canCreateField(obj: ObjectDef, f: FieldDef): boolean {
    return f.createable && fieldWritable(obj, f, this.access);
  }

  /** Whether the user may change this field on update. */
  canUpdateField(obj: ObjectDef, f: FieldDef): boolean {
    return f.updateable && fieldWritable(obj, f, this.access);
  }

  /** Row-level visibility (record sharing is modelled as public read; login history is per user). */
  rowVisible(obj: ObjectDef, row: SfRecord): boolean {
    if (obj.name !== 'LoginHistory') return true;
    if (LOGIN_HISTORY_READERS.some((p) => this.access.systemPermissions.has(p))) return true;
    return row.UserId === this.ctx.userId;
  }
}
