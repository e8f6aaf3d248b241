/**
 * The PermissionDependency reader never trusts Query More or LIMIT (real orgs ignore LIMIT on this object and can serve
 * a batch twice): it walks first pages by Id and keeps each row once.
 */
import type { SalesforceClient } from '@service/salesforce/apiClient';
import { readDependencyRows } from '@service/permissions/org/dependencyReader';

const row = (n: number) => ({
  Id: `2Pd00000000000${String(n).padStart(2, '0')}AAA`,
  Permission: `P${n}`,
  PermissionType: 'User Permission',
  RequiredPermission: 'ViewSetup',
  RequiredPermissionType: 'User Permission',
});

/** A Tooling endpoint that answers pages of 3 rows after the `Id >` bound, repeating the bound row as real orgs may. */
function fakeClient(total: number): { client: SalesforceClient; soql: string[] } {
  const rows = Array.from({ length: total }, (_, i) => row(i + 1));
  const soql: string[] = [];
  const client = {
    query: async (q: string, options: { tooling?: boolean }) => {
      expect(options.tooling).toBe(true);
      soql.push(q);
      const after = /Id > '([^']+)'/.exec(q)?.[1];
      const start = after
        ? Math.max(
            0,
            rows.findIndex((r) => r.Id === after),
          )
        : 0;
      const page = rows.slice(start, start + 3);
      return { totalSize: total, done: start + 3 >= total, records: page, nextRecordsUrl: '/never/followed' };
    },
    queryMore: async () => {
      throw new Error('the reader must not follow nextRecordsUrl');
    },
  } as unknown as SalesforceClient;
  return { client, soql };
}

describe('readDependencyRows', () => {
  it('walks by Id with ORDER BY Id, never Query More, and keeps each row once', async () => {
    const { client, soql } = fakeClient(8);
    const rows = await readDependencyRows(client, 'User Permission');
    expect(rows.map((r) => r.Permission)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8']);
    expect(soql[0]).toBe(
      "SELECT Id, Permission, PermissionType, RequiredPermission, RequiredPermissionType FROM PermissionDependency WHERE PermissionType = 'User Permission' ORDER BY Id",
    );
    expect(soql[1]).toContain(`AND Id > '${row(3).Id}' ORDER BY Id`);
    expect(soql).toHaveLength(4);
  });
});
