/**
 * Reads the org's PermissionDependency rows (Tooling API, View Setup and Configuration) into a DependencyGraph. Only
 * read when something is about to be written: an org whose grants are complete never pays for it.
 *
 * Real orgs serve thousands of rows, ignore LIMIT on this object, and Query More can serve a batch a second time, so
 * the reader never follows nextRecordsUrl: it reads first pages only, walking by Id (`WHERE Id > last ORDER BY Id`),
 * and drops rows it already has. A walk costs one call per page, as Query More would.
 */
import type { SalesforceClient } from '../../salesforce/apiClient';
import { DependencyGraph, PERMISSION_DEPENDENCY_SOQL, type PermissionDependencyRow } from '../dependencies';
import { soqlString } from './soql';

/** Pages at most: 200,000 rows at 2,000 a page; a walk that does not move forward stops instead of looping. */
const MAX_PAGES = 100;

/** Every PermissionDependency row of one permission type, each once, in Id order. */
export async function readDependencyRows(
  client: SalesforceClient,
  type: 'User Permission' | 'Object Permission',
): Promise<PermissionDependencyRow[]> {
  const rows = new Map<string, PermissionDependencyRow>();
  let last: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const after = last ? ` AND Id > ${soqlString(last)}` : '';
    const soql = `${PERMISSION_DEPENDENCY_SOQL} WHERE PermissionType = ${soqlString(type)}${after} ORDER BY Id`;
    const page = await client.query<Required<PermissionDependencyRow>>(soql, { tooling: true });
    let moved = false;
    for (const row of page.records) {
      if (rows.has(row.Id)) continue;
      rows.set(row.Id, row);
      if (!last || row.Id > last) {
        last = row.Id;
        moved = true;
      }
    }
    if (page.done || !moved) break;
  }
  return [...rows.values()];
}

/** The dependency graph of one permission type ('User Permission' or 'Object Permission'). */
export async function readDependencies(
  client: SalesforceClient,
  type: 'User Permission' | 'Object Permission',
): Promise<DependencyGraph> {
  return DependencyGraph.fromRows(await readDependencyRows(client, type));
}
