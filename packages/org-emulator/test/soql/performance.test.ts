/**
 * The engine on a generated org's scale: 200,000 FieldPermissions rows over 2,000 objects. The queries Auto Config
 * and Verify run (one permission set's rows; rows per object for a list of sets) must take well under a second,
 * with the data source's index and also by scanning.
 */
import { IdFactory } from '../../src/org/ids';
import { MemoryOrg, type MemoryDataSource } from './support/memoryDataSource';
import { query } from './support/run';
import { field, lookup, object } from './support/schema';

const OBJECTS = 2000;
const SETS = 100;
const ROWS = 200_000;
const BUDGET_MS = 1000;

function buildLargeOrg(): { org: MemoryOrg; sets: string[] } {
  const ids = new IdFactory('Zz', 1);
  const org = new MemoryOrg([
    object('PermissionSet', '0PS', [field('Name', 'string')]),
    object('FieldPermissions', '01k', [
      lookup('ParentId', ['PermissionSet'], 'Parent'),
      field('SobjectType', 'picklist'),
      field('Field', 'string'),
      field('PermissionsRead', 'boolean'),
      field('PermissionsEdit', 'boolean'),
    ]),
  ]);
  const sets = Array.from({ length: SETS }, () => ids.next('0PS'));
  org.insert(
    'PermissionSet',
    sets.map((Id, i) => ({ Id, Name: `Set_${i}` })),
  );
  org.insert(
    'FieldPermissions',
    Array.from({ length: ROWS }, (_, i) => {
      const type = `Object${i % OBJECTS}__c`;
      return {
        Id: ids.next('01k'),
        ParentId: sets[Math.floor(i / (ROWS / SETS))] as string,
        SobjectType: type,
        Field: `${type}.Field${i}__c`,
        PermissionsRead: true,
        PermissionsEdit: i % 3 === 0,
      };
    }),
  );
  return { org, sets };
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = run();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

describe('SOQL on 200,000 FieldPermissions rows', () => {
  const { org, sets } = buildLargeOrg();
  const [first, second, third] = sets as [string, string, string];
  const oneSet = `SELECT SobjectType, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId = '${first}'`;
  const perObject =
    `SELECT SobjectType, COUNT(Id) FROM FieldPermissions WHERE ParentId IN ('${first}', '${second}', '${third}') ` +
    'GROUP BY SobjectType';

  function check(ds: MemoryDataSource): void {
    const rowsOfOneSet = timed(() => query(ds, oneSet));
    expect(rowsOfOneSet.result.totalSize).toBe(ROWS / SETS);
    expect(rowsOfOneSet.ms).toBeLessThan(BUDGET_MS);
    const counts = timed(() => query(ds, perObject));
    expect(counts.result.totalSize).toBe(OBJECTS);
    expect(counts.result.records.every((r) => r.expr0 === 3)).toBe(true);
    expect(counts.ms).toBeLessThan(BUDGET_MS);
    console.log(
      `${ds.rowsWhere ? 'indexed' : 'scan'}: one set ${rowsOfOneSet.ms.toFixed(1)} ms, per object ${counts.ms.toFixed(1)} ms`,
    );
  }

  it('reads one permission set and counts rows per object through the index', () => {
    const ds = org.view({ indexed: true });
    check(ds);
    expect(ds.calls).toEqual({ rowsWhere: 2, rows: 0 });
  });

  it('answers the same queries by scanning when the data source has no index', () => {
    const ds = org.view();
    check(ds);
    expect(ds.calls.rows).toBe(2);
  });

  it('reads a semi-join through the index as well', () => {
    const ds = org.view({ indexed: true });
    const { result, ms } = timed(() =>
      query(
        ds,
        "SELECT COUNT() FROM FieldPermissions WHERE ParentId IN (SELECT Id FROM PermissionSet WHERE Name = 'Set_7')",
      ),
    );
    expect(result.totalSize).toBe(ROWS / SETS);
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(ds.calls.rowsWhere).toBe(1);
  });
});
