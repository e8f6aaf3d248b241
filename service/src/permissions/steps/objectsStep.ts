/**
 * Step 2 of Auto Config: object permissions on GRAX_Integration_User_Access. One row per covered object with Read and
 * View All Fields (read coverage of every field, including fields added later) plus Create/Edit/Delete where the
 * chosen features need them and the object supports them. Rows are only ever added to or widened, never narrowed.
 * Cost: describeGlobal, one describe, the set's rows (one call per 10,000), and a write only when something changed.
 */
import { readBatch } from '../../salesforce/api/compositeReader';
import { SalesforceApiError } from '../../salesforce/apiClient';
import type { DependencyGraph } from '../dependencies';
import { readDependencies } from '../org/dependencyReader';
import { buildCatalog, permissionableObjectNames, type CatalogObject } from '../org/objectCatalog';
import { readObjectPermissions, type ObjectPermissionRow } from '../org/objectGrants';
import { readUserAccess, type UserAccess } from '../org/userAccess';
import { OBJECT_VERBS, objectVerbsFor, type Feature, type ObjectVerb } from '../profile';
import type { RunContext } from '../run/context';
import { writeRecords, type WriteRow } from '../run/recordWriter';

/** One object row to create or widen. */
export interface ObjectChange {
  object: string;
  action: 'create' | 'update';
  rowId: string | null;
  /** Verbs the row gains. */
  add: ObjectVerb[];
  /** Every verb the row has afterwards. */
  verbs: ObjectVerb[];
}

/** The plan of the objects step. */
export interface ObjectsPlan {
  covered: number;
  changes: ObjectChange[];
  /** Objects the integration user cannot see yet (Read only until the template is assigned). */
  invisible: number;
}

/**
 * Reads the integration user's access (kept in the run's cache). While the object catalog is still to be read, the
 * ObjectPermissions describe it needs rides along in the same composite call instead of costing one of its own.
 */
export async function readRunAccess(ctx: RunContext): Promise<UserAccess> {
  const describeAlong = !ctx.cache.catalog && !ctx.cache.objectPermissionsDescribe;
  const access = await readUserAccess(ctx.client, ctx.connection.userId, ctx.now(), {
    describes: describeAlong ? ['ObjectPermissions'] : [],
    onDescribe: (_name, result) => {
      ctx.cache.objectPermissionsDescribe = result;
    },
    // Whether the sets already hold what Salesforce required in earlier runs (so a plan does not add it again).
    permissions: ctx.knownRequirements.map((r) => r.name),
  });
  ctx.cache.access = access;
  return access;
}

/** Reads the covered objects (cached for the run). */
export async function readCatalog(ctx: RunContext): Promise<CatalogObject[]> {
  if (ctx.cache.catalog) return ctx.cache.catalog;
  const global = await ctx.client.describeGlobal();
  const describe =
    ctx.cache.objectPermissionsDescribe ??
    (await readBatch(ctx.client, { describes: ['ObjectPermissions'] })).describes.get('ObjectPermissions');
  const names = describe && !(describe instanceof SalesforceApiError) ? permissionableObjectNames(describe) : undefined;
  const catalog = buildCatalog(global, names);
  ctx.cache.catalog = catalog;
  return catalog;
}

/** Desired verbs per object for the features (before dependency expansion). */
export function desiredObjectVerbs(
  features: readonly Feature[],
  catalog: readonly CatalogObject[],
): Map<string, { object: string; verbs: Set<ObjectVerb> }> {
  const out = new Map<string, { object: string; verbs: Set<ObjectVerb> }>();
  for (const o of catalog) {
    const verbs = o.visible ? objectVerbsFor(features, o) : new Set<ObjectVerb>(['Read', 'ViewAllFields']);
    if (verbs.size > 0) out.set(o.name.toLowerCase(), { object: o.name, verbs });
  }
  return out;
}

/** Computes the changes that make the set's rows cover `desired` (pure). */
export function diffObjectRows(
  desired: ReadonlyMap<string, { object: string; verbs: ReadonlySet<ObjectVerb> }>,
  rows: readonly ObjectPermissionRow[],
): ObjectChange[] {
  const byObject = new Map(rows.map((r) => [r.object.toLowerCase(), r]));
  const changes: ObjectChange[] = [];
  for (const [key, want] of desired) {
    const row = byObject.get(key);
    const add = OBJECT_VERBS.filter((v) => want.verbs.has(v) && !row?.verbs.has(v));
    if (add.length === 0) continue;
    const verbs = OBJECT_VERBS.filter((v) => want.verbs.has(v) || row?.verbs.has(v));
    changes.push({
      object: row?.object ?? want.object,
      action: row ? 'update' : 'create',
      rowId: row?.id ?? null,
      add,
      verbs,
    });
  }
  return changes;
}

/** Reads the org and computes the objects step's changes for the access set (absent: everything is new). */
export async function planObjects(ctx: RunContext, accessSetId: string | undefined): Promise<ObjectsPlan> {
  const catalog = await readCatalog(ctx);
  const rows =
    accessSetId && !ctx.cache.createdSets?.has(accessSetId)
      ? await readObjectPermissions(ctx.client, [accessSetId])
      : [];
  const desired = desiredObjectVerbs(ctx.features, catalog);
  let changes = diffObjectRows(desired, rows);
  if (changes.length > 0) {
    // Dependencies (Delete needs Edit, a detail object's Read needs its master's) are only read when writing.
    const graph = await readDependencies(ctx.client, 'Object Permission');
    changes = diffObjectRows(withDependencies(graph, desired), rows);
    changes = orderByDependency(graph, changes);
  }
  return { covered: desired.size, changes, invisible: catalog.filter((o) => !o.visible).length };
}

/** The desired verbs plus what they require (Delete needs Edit, a detail's Read its master's), per covered object. */
export function withDependencies(
  graph: DependencyGraph,
  desired: ReadonlyMap<string, { object: string; verbs: Iterable<ObjectVerb> }>,
): Map<string, { object: string; verbs: Set<ObjectVerb> }> {
  const closed = graph.objectClosure(desired);
  // Requirements on objects outside the catalog cannot be granted in this set; keep what the catalog covers.
  for (const key of [...closed.keys()]) if (!desired.has(key)) closed.delete(key);
  return closed;
}

/** Rows whose requirements live on other objects (detail -> master) go after those objects' rows. */
function orderByDependency(graph: DependencyGraph, changes: ObjectChange[]): ObjectChange[] {
  const order = new Map<string, number>();
  const refs = changes.flatMap((c) => c.verbs.map((verb) => ({ kind: 'object' as const, object: c.object, verb })));
  graph.closure(refs).forEach((ref, i) => {
    if (ref.kind === 'object' && !order.has(ref.object.toLowerCase())) order.set(ref.object.toLowerCase(), i);
  });
  return [...changes].sort(
    (a, b) => (order.get(a.object.toLowerCase()) ?? 0) - (order.get(b.object.toLowerCase()) ?? 0),
  );
}

/** The ObjectPermissions record a change writes: a new row of the Access set, or the existing row widened. */
export function objectPermissionRecord(change: ObjectChange, accessSetId: string): WriteRow {
  const flags = Object.fromEntries(OBJECT_VERBS.map((v) => [`Permissions${v}`, change.verbs.includes(v)]));
  return change.action === 'create'
    ? { ParentId: accessSetId, SobjectType: change.object, ...flags }
    : { Id: change.rowId, ...flags };
}

/** Writes the objects step's changes. */
export async function applyObjects(ctx: RunContext, accessSetId: string, plan: ObjectsPlan): Promise<number> {
  const objectOf = new Map(plan.changes.flatMap((c) => (c.rowId ? [[c.rowId, c.object] as const] : [])));
  const label = (row: WriteRow): string =>
    `Object permission ${String(row.SobjectType ?? objectOf.get(String(row.Id)) ?? row.Id)}`;
  const verbColumns = OBJECT_VERBS.map((v) => `Permissions${v}`);
  const common = { object: 'ObjectPermissions', kind: 'objectPermission' as const, label };
  const recordsOf = (action: ObjectChange['action']): WriteRow[] =>
    plan.changes.filter((c) => c.action === action).map((c) => objectPermissionRecord(c, accessSetId));
  const inserted = await writeRecords(ctx, 'objects', {
    ...common,
    operation: 'insert',
    rows: recordsOf('create'),
    columns: ['ParentId', 'SobjectType', ...verbColumns],
  });
  const updated = await writeRecords(ctx, 'objects', {
    ...common,
    operation: 'update',
    rows: recordsOf('update'),
    columns: ['Id', ...verbColumns],
  });
  ctx.failures.push(...inserted.failures, ...updated.failures);
  return inserted.written + updated.written;
}
