/**
 * What the tests read and change in the emulated org as an administrator, through unmodified jsforce (the way an
 * admin's own tools would), so assertions never go through the code under test.
 */
import { Connection } from 'jsforce';
import { DEMO_CLIENT_APP, type RunningEmulator } from '@grax-connect/org-emulator';

/** A jsforce connection as `username`. */
export function jsforceAs(emulator: RunningEmulator, username: string, orgId: string): Connection {
  const org = emulator.orgs.find((o) => o.id === orgId);
  if (!org) throw new Error(`org ${orgId} is not running`);
  const token = emulator.control.issueToken({ username, clientId: DEMO_CLIENT_APP.clientId });
  return new Connection({ instanceUrl: org.instanceUrl, accessToken: token.access_token, version: '62.0' });
}

/** Every record of a query (all pages). */
export async function queryAll<T extends Record<string, unknown>>(conn: Connection, soql: string): Promise<T[]> {
  const result = await conn.query<T>(soql, { autoFetch: true, maxFetch: 1_000_000 });
  return result.records;
}

/** The GRAX sets by API name. */
export async function graxSets(conn: Connection): Promise<Map<string, Record<string, unknown>>> {
  const rows = await queryAll<Record<string, unknown>>(
    conn,
    "SELECT Id, Name, Label, LicenseId, PermissionsApiEnabled, PermissionsViewAllData, PermissionsModifyAllData, PermissionsQueryAllFiles, PermissionsViewSetup FROM PermissionSet WHERE Name IN ('GRAX_Integration_User', 'GRAX_Integration_User_Access')",
  );
  return new Map(rows.map((r) => [String(r.Name), r]));
}

/** Number of rows per object (or field) of a set, to prove there are no duplicates. */
export async function rowCounts(
  conn: Connection,
  table: 'ObjectPermissions' | 'FieldPermissions',
  parentId: string,
): Promise<Map<string, number>> {
  const key = table === 'ObjectPermissions' ? 'SobjectType' : 'Field';
  const rows = await queryAll<Record<string, unknown>>(
    conn,
    `SELECT ${key} FROM ${table} WHERE ParentId = '${parentId}'`,
  );
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(String(r[key]), (counts.get(String(r[key])) ?? 0) + 1);
  return counts;
}

/**
 * Everything the GRAX sets hold (sets, assignments, object and field rows, each with its LastModifiedDate), to prove
 * that a run changed nothing.
 */
export async function graxSnapshot(conn: Connection, userId: string): Promise<string> {
  const sets = await queryAll<Record<string, unknown>>(
    conn,
    "SELECT Id, Name, LastModifiedDate FROM PermissionSet WHERE Name IN ('GRAX_Integration_User', 'GRAX_Integration_User_Access') ORDER BY Name",
  );
  const ids = sets.map((s) => `'${String(s.Id)}'`).join(', ');
  if (ids === '') return JSON.stringify({ sets });
  const assignments = await queryAll(
    conn,
    `SELECT Id, PermissionSetId, ExpirationDate FROM PermissionSetAssignment WHERE AssigneeId = '${userId}' ORDER BY Id`,
  );
  const objects = await queryAll(
    conn,
    `SELECT Id, SobjectType, LastModifiedDate FROM ObjectPermissions WHERE ParentId IN (${ids}) ORDER BY Id`,
  );
  const fields = await queryAll(
    conn,
    `SELECT Id, Field, PermissionsEdit, LastModifiedDate FROM FieldPermissions WHERE ParentId IN (${ids}) ORDER BY Id`,
  );
  return JSON.stringify({ sets, assignments, objects, fields });
}
