/**
 * The SOQL engine's view of an org for one call (SoqlDataSource): objects and fields the running user can read at
 * this API version, their rows with row-level visibility applied, and the Tooling object PermissionDependency, whose
 * rows are computed from the org's dependency graph.
 */
import type { CallContext, EffectiveAccess, FieldDef, ObjectDef, SfRecord, SoqlDataSource } from './types';
import type { OrgCore } from './core';
import { UserView } from './access/userView';
import { canHaveObjectPermissions } from './access/objectPolicy';
import { dependencyEdges } from './permissions/dependencies';
import { base62, checksumSuffix, toId18 } from './ids';
import { KEY_PREFIXES } from './schema/keyPrefixes';

/** PermissionDependency rows of an org (stable ids: one per edge, in graph order). */
export function* permissionDependencyRows(core: OrgCore): Generator<SfRecord> {
  let n = 0;
  for (const edge of dependencyEdges(core, canHaveObjectPermissions)) {
    const id15 = `${KEY_PREFIXES.PermissionDependency}000${base62(++n, 9)}`;
    yield {
      Id: id15 + checksumSuffix(id15),
      Permission: edge.permission,
      PermissionType: edge.permissionType,
      RequiredPermission: edge.requiredPermission,
      RequiredPermissionType: edge.requiredPermissionType,
    };
  }
}

/** Store indexes the SOQL engine may use for `field = value` / `field IN (...)` filters, by object and field. */
const INDEXED_FIELDS: Readonly<Record<string, Readonly<Record<string, { index: string; lowerCase?: boolean }>>>> = {
  ObjectPermissions: { ParentId: { index: 'parent' } },
  FieldPermissions: { ParentId: { index: 'parent' } },
  SetupEntityAccess: { ParentId: { index: 'parent' } },
  PermissionSetAssignment: {
    AssigneeId: { index: 'assignee' },
    PermissionSetId: { index: 'set' },
    PermissionSetGroupId: { index: 'group' },
  },
  PermissionSet: {
    ProfileId: { index: 'profile' },
    Name: { index: 'name', lowerCase: true },
    PermissionSetGroupId: { index: 'group' },
  },
  PermissionSetGroupComponent: { PermissionSetGroupId: { index: 'group' }, PermissionSetId: { index: 'set' } },
  LoginHistory: { UserId: { index: 'user' } },
  User: { Username: { index: 'username', lowerCase: true } },
};

/** A SoqlDataSource for one user and call, with the SOQL engine's optional extras (rowsWhere, now). */
export class OrgDataSource implements SoqlDataSource {
  readonly apiVersion: number;
  readonly tooling: boolean;
  private readonly view: UserView;

  constructor(core: OrgCore, access: EffectiveAccess, ctx: CallContext) {
    this.view = new UserView(core, access, ctx);
    this.apiVersion = ctx.apiVersion;
    this.tooling = ctx.tooling;
  }

  getObject(name: string): ObjectDef | undefined {
    return this.view.object(name);
  }

  getField(objectName: string, fieldName: string): FieldDef | undefined {
    const obj = this.view.object(objectName);
    return obj ? this.view.field(obj, fieldName) : undefined;
  }

  *rows(objectName: string, includeDeleted: boolean): Iterable<SfRecord> {
    const obj = this.view.object(objectName);
    if (!obj) return;
    if (obj.name === 'PermissionDependency') {
      yield* permissionDependencyRows(this.view.core);
      return;
    }
    for (const row of this.view.core.store.rows(obj.name, includeDeleted)) {
      if (this.view.rowVisible(obj, row)) yield row;
    }
  }

  getRecord(id: string): SfRecord | undefined {
    const id18 = toId18(id);
    const found = id18 ? this.view.core.find(id18) : undefined;
    if (!found || !this.view.object(found.obj.name) || !this.view.rowVisible(found.obj, found.row)) return undefined;
    return found.row;
  }

  /** Indexed rows for `field = value` filters, or undefined (the engine then scans). */
  rowsWhere(
    objectName: string,
    fieldName: string,
    values: readonly string[],
    includeDeleted: boolean,
  ): Iterable<SfRecord> | undefined {
    const obj = this.view.object(objectName);
    if (!obj) return undefined;
    const store = this.view.core.store;
    const out: SfRecord[] = [];
    if (fieldName === 'Id') {
      for (const value of values) {
        const row = store.get(obj.name, value) ?? (includeDeleted ? store.getDeleted(obj.name, value) : undefined);
        if (row && this.view.rowVisible(obj, row)) out.push(row);
      }
      return out;
    }
    const indexed = INDEXED_FIELDS[obj.name]?.[fieldName];
    if (!indexed || includeDeleted) return undefined;
    for (const value of values) {
      for (const row of store.lookupRows(obj.name, indexed.index, indexed.lowerCase ? value.toLowerCase() : value)) {
        if (this.view.rowVisible(obj, row)) out.push(row);
      }
    }
    return out;
  }

  /** The org's clock (date literals such as TODAY). */
  now(): Date {
    return this.view.core.clock.now();
  }

  getRecordType(id: string): string | undefined {
    const obj = this.view.core.schema.objectForId(id);
    return obj && this.view.object(obj.name) ? obj.name : undefined;
  }
}
