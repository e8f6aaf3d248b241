/**
 * Step 3 of Auto Config (restore only): field edit permissions on GRAX_Integration_User_Access for every field restore
 * writes back. The gap is found with one aggregate count per object list; rows are read only for objects with a gap,
 * and written through Bulk API 2.0 when there are many (a first run on a large org loads 200,000 rows in a handful of
 * calls). Describes stream through, keeping field names of gap objects only.
 */
import { countEditableFields, objectOfField, readFieldPermissions } from '../org/fieldGrants';
import { streamEditableFields } from '../org/fieldCatalog';
import { needsFieldEdit } from '../profile';
import type { RunContext } from '../run/context';
import { settlePendingBulkJob, writeRecords, type Rows, type WriteRow } from '../run/recordWriter';
import { readCatalog } from './objectsStep';

/** One field row to create or to widen to Edit. */
export interface FieldChange {
  /** `Object.Field`. */
  field: string;
  action: 'create' | 'update';
  rowId: string | null;
}

/** The plan of the fields step. */
export interface FieldsPlan {
  needed: boolean;
  objectsDescribed: number;
  /**
   * Rows to create, per object, as field API names without the object: a first run on an XL org creates 480,000, and
   * this form keeps the plan to a third of the memory of one change object per field.
   */
  creates: { object: string; fields: string[] }[];
  /** Read-only rows to widen to Edit. */
  updates: FieldChange[];
  /** Objects whose fields could not be described (invisible to the integration user). */
  undescribable: { object: string; message: string }[];
}

/** Rows the plan creates. */
export function fieldCreateCount(plan: FieldsPlan): number {
  return plan.creates.reduce((n, c) => n + c.fields.length, 0);
}

/** Rows the plan creates or widens, per object. */
export function fieldChangesByObject(plan: FieldsPlan): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of plan.creates) out.set(c.object, (out.get(c.object) ?? 0) + c.fields.length);
  for (const u of plan.updates) {
    const object = objectOfField(u.field);
    out.set(object, (out.get(object) ?? 0) + 1);
  }
  return out;
}

/** Computes the field changes for the objects with a gap (pure): missing rows are created, read-only rows widened. */
export function diffFieldRows(
  wanted: readonly string[],
  existing: ReadonlyMap<string, { id: string; edit: boolean }>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of wanted) {
    const row = existing.get(field.toLowerCase());
    if (!row) changes.push({ field, action: 'create', rowId: null });
    else if (!row.edit) changes.push({ field, action: 'update', rowId: row.id });
  }
  return changes;
}

/** Reads the org and computes the fields step's changes. */
export async function planFields(ctx: RunContext, accessSetId: string | undefined): Promise<FieldsPlan> {
  const none = { creates: [], updates: [], undescribable: [] };
  if (!needsFieldEdit(ctx.features)) return { needed: false, objectsDescribed: 0, ...none };
  if (accessSetId) await settlePendingBulkJob(ctx, 'fields');
  const catalog = await readCatalog(ctx);
  const objects = catalog.filter((o) => o.visible).map((o) => o.name);
  // A set this attempt created holds no field rows: nothing to count or read.
  const existingSet = accessSetId && !ctx.cache.createdSets?.has(accessSetId) ? accessSetId : undefined;
  const granted = existingSet
    ? await countEditableFields(ctx.client, [existingSet], objects)
    : new Map<string, number>();
  const expected = new Map<string, number>();
  const gaps = new Map<string, string[]>();
  let described = 0;
  const { failed } = await streamEditableFields(ctx.client, objects, async (object, fields) => {
    const key = object.toLowerCase();
    expected.set(key, fields.length);
    if ((granted.get(key) ?? 0) < fields.length) gaps.set(object, fields);
    described++;
    if (described % 250 === 0)
      await ctx.report('fields', { done: described, total: objects.length, message: 'Reading fields' });
  });
  ctx.cache.editableCounts = expected;
  ctx.cache.undescribable = failed;
  const gapObjects = [...gaps.keys()];
  const rows =
    existingSet && gapObjects.length > 0 ? await readFieldPermissions(ctx.client, [existingSet], gapObjects) : [];
  const existing = new Map(rows.map((r) => [r.field.toLowerCase(), { id: r.id, edit: r.edit }]));
  const withRows = new Set(rows.map((r) => objectOfField(r.field).toLowerCase()));
  const plan: FieldsPlan = {
    needed: true,
    objectsDescribed: described,
    creates: [],
    updates: [],
    undescribable: failed,
  };
  for (const [object, fields] of gaps) {
    // An object without any row of the set needs every field created: no change objects for those.
    if (!withRows.has(object.toLowerCase())) {
      plan.creates.push({ object, fields });
      continue;
    }
    const created: string[] = [];
    for (const change of diffFieldRows(
      fields.map((f) => `${object}.${f}`),
      existing,
    )) {
      if (change.action === 'update') plan.updates.push(change);
      else created.push(change.field.slice(object.length + 1));
    }
    if (created.length > 0) plan.creates.push({ object, fields: created });
  }
  return plan;
}

/** The FieldPermissions record a change writes: a new Read + Edit row of the Access set, or the row widened to Edit. */
export function fieldPermissionRecord(change: FieldChange, accessSetId: string): WriteRow {
  const flags = { PermissionsRead: true, PermissionsEdit: true };
  return change.action === 'create'
    ? { ParentId: accessSetId, SobjectType: objectOfField(change.field), Field: change.field, ...flags }
    : { Id: change.rowId, ...flags };
}

/** Writes the fields step's changes. */
export async function applyFields(ctx: RunContext, accessSetId: string, plan: FieldsPlan): Promise<number> {
  const label = (row: WriteRow): string =>
    `Field permission ${String(row.Field ?? fieldOf.get(String(row.Id)) ?? row.Id)}`;
  const fieldOf = new Map<string, string>();
  // Built as the writer pulls them: a first run on an XL org creates 480,000 rows.
  const create: Rows = {
    length: fieldCreateCount(plan),
    *[Symbol.iterator]() {
      for (const { object, fields } of plan.creates)
        for (const f of fields)
          yield fieldPermissionRecord({ field: `${object}.${f}`, action: 'create', rowId: null }, accessSetId);
    },
  };
  const update: WriteRow[] = [];
  for (const c of plan.updates) {
    if (!c.rowId) continue;
    fieldOf.set(c.rowId, c.field);
    update.push(fieldPermissionRecord(c, accessSetId));
  }
  const common = { object: 'FieldPermissions', kind: 'fieldPermission' as const, label };
  const inserted = await writeRecords(ctx, 'fields', {
    ...common,
    operation: 'insert',
    rows: create,
    columns: ['ParentId', 'SobjectType', 'Field', 'PermissionsRead', 'PermissionsEdit'],
  });
  const updated = await writeRecords(ctx, 'fields', {
    ...common,
    operation: 'update',
    rows: update,
    columns: ['Id', 'PermissionsRead', 'PermissionsEdit'],
  });
  ctx.failures.push(...inserted.failures, ...updated.failures);
  return inserted.written + updated.written;
}
