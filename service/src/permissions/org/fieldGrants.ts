/**
 * Field edit grants, read the cheap way: an aggregate query counts, per object, the distinct fields the given sets
 * allow editing (COUNT_DISTINCT over the union of the sets). An object whose count matches the fields restore needs is
 * complete and costs nothing more; rows are fetched only for objects with a gap. On an org where everything is in
 * place this reads 200,000 field permissions with a handful of aggregate rows.
 */
import type { SalesforceClient, SfRecord } from '../../salesforce/apiClient';
import { streamQueries, type QuerySpec } from '../../salesforce/api/compositeReader';
import { COMPOSITE_IN_LIST, inChunks, soqlIn } from './soql';

/**
 * The aggregate queries that count distinct editable fields per object over `parentIds`, keyed `fc<n>`. GROUP BY
 * results are capped at 2,000 rows and cannot be paged, so objects are split into IN lists.
 */
export function editableCountSpecs(parentIds: readonly string[], objects: readonly string[]): QuerySpec[] {
  if (parentIds.length === 0 || objects.length === 0) return [];
  const parents = soqlIn(parentIds);
  return inChunks([...objects], COMPOSITE_IN_LIST.maxChars, COMPOSITE_IN_LIST.maxItems).map((chunk, i) => ({
    key: `fc${i}`,
    soql:
      `SELECT SobjectType, COUNT_DISTINCT(Field) n FROM FieldPermissions WHERE ParentId IN ${parents} ` +
      `AND PermissionsEdit = true AND SobjectType IN ${soqlIn(chunk)} GROUP BY SobjectType`,
  }));
}

/** Adds the rows of `editableCountSpecs` queries to `counts` (lower-case object name -> distinct editable fields). */
export function addEditableCounts(counts: Map<string, number>, records: readonly SfRecord[]): void {
  for (const r of records) counts.set(String(r.SobjectType).toLowerCase(), Number(r.n ?? r.expr0 ?? 0));
}

/** Count of distinct editable fields per object (lower-case object name). */
export async function countEditableFields(
  client: SalesforceClient,
  parentIds: readonly string[],
  objects: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const specs = editableCountSpecs(parentIds, objects);
  if (specs.length === 0) return counts;
  await streamQueries(client, specs, (_key, records) => addEditableCounts(counts, records));
  return counts;
}

/** The object of a FieldPermissions `Field` (`Object.Field`). */
export function objectOfField(field: string): string {
  return field.slice(0, field.indexOf('.'));
}

/** One FieldPermissions row. */
export interface FieldPermissionRow {
  id: string;
  parentId: string;
  /** `Object.Field` as Salesforce returns it. */
  field: string;
  read: boolean;
  edit: boolean;
}

/** FieldPermissions rows of the given parents on the given objects. */
export async function readFieldPermissions(
  client: SalesforceClient,
  parentIds: readonly string[],
  objects: readonly string[],
  options: { editOnly?: boolean } = {},
): Promise<FieldPermissionRow[]> {
  if (parentIds.length === 0 || objects.length === 0) return [];
  const rows: FieldPermissionRow[] = [];
  const parents = soqlIn(parentIds);
  const specs = inChunks([...objects], COMPOSITE_IN_LIST.maxChars, COMPOSITE_IN_LIST.maxItems).map((chunk, i) => ({
    key: `fp${i}`,
    soql:
      `SELECT Id, ParentId, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId IN ${parents} ` +
      `AND SobjectType IN ${soqlIn(chunk)}${options.editOnly ? ' AND PermissionsEdit = true' : ''}`,
  }));
  await streamQueries(client, specs, (_key, records) => {
    for (const r of records) {
      rows.push({
        id: String(r.Id),
        parentId: String(r.ParentId),
        field: String(r.Field),
        read: r.PermissionsRead === true,
        edit: r.PermissionsEdit === true,
      });
    }
  });
  return rows;
}
