/**
 * ORDER BY (direction, NULLS FIRST/LAST, several keys, relationship fields, case-insensitive text), LIMIT and OFFSET.
 */
import { fixtureView } from './support/fixtureOrg';
import { query, records } from './support/run';

const { ds } = fixtureView();

function names(soql: string): unknown[] {
  return records(ds, soql).map((r) => r.Name);
}

describe('SOQL ORDER BY', () => {
  it('sorts ascending by default, ignoring letter case', () => {
    expect(names('SELECT Name FROM Account ORDER BY Name')).toEqual([
      'Acme Corporation',
      'acme labs',
      'Bulk Holdings',
      'Globex',
      "O'Brien & Sons",
    ]);
  });

  it('sorts descending with DESC', () => {
    expect(names('SELECT Name FROM Account ORDER BY NumberOfEmployees DESC')).toEqual([
      'Bulk Holdings',
      'Acme Corporation',
      'Globex',
      "O'Brien & Sons",
      'acme labs',
    ]);
  });

  it('puts nulls first by default in both directions, and last with NULLS LAST', () => {
    const nulls = ['Bulk Holdings', "O'Brien & Sons"];
    expect(names('SELECT Name FROM Account ORDER BY AnnualRevenue').slice(0, 2).sort()).toEqual(nulls);
    const descending = names('SELECT Name FROM Account ORDER BY AnnualRevenue DESC');
    expect(descending.slice(0, 2).sort()).toEqual(nulls);
    expect(descending.slice(2)).toEqual(['Acme Corporation', 'Globex', 'acme labs']);
    const nullsLast = names('SELECT Name FROM Account ORDER BY AnnualRevenue DESC NULLS LAST');
    expect(nullsLast.slice(0, 3)).toEqual(['Acme Corporation', 'Globex', 'acme labs']);
    expect(nullsLast.slice(3).sort()).toEqual(nulls);
  });

  it('breaks ties with the next ORDER BY field', () => {
    expect(names('SELECT Name FROM Account ORDER BY Active__c DESC, Name DESC')).toEqual([
      'Globex',
      'acme labs',
      'Acme Corporation',
      "O'Brien & Sons",
      'Bulk Holdings',
    ]);
  });

  it('sorts by a parent relationship field', () => {
    const users = records(ds, 'SELECT Username FROM User ORDER BY Profile.Name DESC, Username');
    expect(users.map((u) => u.Username)).toEqual([
      'admin@acme.test',
      'alice@acme.test',
      'bob@acme.test',
      'grax@acme.test',
    ]);
  });

  it('sorts dateTimes chronologically', () => {
    expect(names('SELECT Name FROM Account WHERE CreatedDate > 2025-06-01T00:00:00Z ORDER BY CreatedDate')).toEqual([
      'Acme Corporation',
      'acme labs',
      'Globex',
      "O'Brien & Sons",
    ]);
  });
});

describe('SOQL LIMIT and OFFSET', () => {
  it('returns at most LIMIT rows, and totalSize counts what is returned', () => {
    const outcome = query(ds, 'SELECT Name FROM Account ORDER BY Name LIMIT 2');
    expect(outcome.totalSize).toBe(2);
    expect(outcome.records.map((r) => r.Name)).toEqual(['Acme Corporation', 'acme labs']);
  });

  it('skips OFFSET rows before applying LIMIT', () => {
    expect(names('SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 2')).toEqual(['Bulk Holdings', 'Globex']);
  });

  it('returns nothing when OFFSET passes the last row', () => {
    expect(query(ds, 'SELECT Name FROM Account ORDER BY Name OFFSET 2000').totalSize).toBe(0);
  });

  it('accepts LIMIT 0', () => {
    expect(query(ds, 'SELECT Name FROM Account LIMIT 0')).toMatchObject({ totalSize: 0, records: [] });
  });
});
