/**
 * Reads the org's PermissionDependency rows (Tooling API, View Setup and Configuration) into a DependencyGraph. Only
 * read when something is about to be written: an org whose grants are complete never pays for it.
 */
import type { SalesforceClient } from '../../salesforce/apiClient';
import { DependencyGraph, PERMISSION_DEPENDENCY_SOQL, type PermissionDependencyRow } from '../dependencies';

/** The dependency rows of one permission type ('User Permission' or 'Object Permission'). */
export async function readDependencies(
  client: SalesforceClient,
  type: 'User Permission' | 'Object Permission',
): Promise<DependencyGraph> {
  const rows: PermissionDependencyRow[] = [];
  const soql = `${PERMISSION_DEPENDENCY_SOQL} WHERE PermissionType = '${type}'`;
  for await (const r of client.queryAll<PermissionDependencyRow>(soql, { tooling: true })) rows.push(r);
  return DependencyGraph.fromRows(rows);
}
