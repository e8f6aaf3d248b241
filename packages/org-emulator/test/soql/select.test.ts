/**
 * SELECT lists and the shape of query results: REST attributes, field order and case, parent relationships (also
 * polymorphic ones), child subqueries, object aliases, deleted rows and paging-sized results.
 */
import { toId15 } from '../../src/org/ids';
import { fixtureView } from './support/fixtureOrg';
import { query, queryError, records } from './support/run';

const { ds, ids } = fixtureView();

describe('SOQL result shape', () => {
  it('returns each record with its type and a versioned REST url, then the selected fields', () => {
    const [record] = records(ds, `SELECT Id, Name FROM Account WHERE Id = '${ids.globex}'`);
    expect(record).toEqual({
      attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${ids.globex}` },
      Id: ids.globex,
      Name: 'Globex',
    });
  });

  it('uses the Tooling sobjects url when the query runs through the Tooling API', () => {
    const { ds: tooling, ids: toolingIds } = fixtureView({ tooling: true, apiVersion: 63 });
    const [record] = records(tooling, `SELECT Id FROM User WHERE Id = '${toolingIds.uAdmin}'`);
    expect(record?.attributes).toEqual({
      type: 'User',
      url: `/services/data/v63.0/tooling/sobjects/User/${toolingIds.uAdmin}`,
    });
  });

  it('lists fields in SELECT order with the schema case, whatever case the query used', () => {
    const [record] = records(ds, `select numberofemployees, NAME, id from ACCOUNT where id = '${ids.acme}'`);
    expect(Object.keys(record ?? {})).toEqual(['attributes', 'NumberOfEmployees', 'Name', 'Id']);
    expect(query(ds, 'select id from account limit 1').entityName).toBe('Account');
  });

  it('returns null for a selected field that has no value', () => {
    const [record] = records(ds, `SELECT Industry, AnnualRevenue FROM Account WHERE Id = '${ids.obrien}'`);
    expect(record).toMatchObject({ Industry: null, AnnualRevenue: null });
  });

  it('returns numbers, booleans, dates and dateTimes as stored JSON values', () => {
    const [record] = records(
      ds,
      `SELECT NumberOfEmployees, Score__c, Active__c, Founded__c, CreatedDate FROM Account WHERE Id = '${ids.acme}'`,
    );
    expect(record).toMatchObject({
      NumberOfEmployees: 250,
      Score__c: 9.5,
      Active__c: true,
      Founded__c: '1999-03-15',
      CreatedDate: '2025-06-01T10:00:00.000+0000',
    });
  });
});

describe('SOQL parent relationships', () => {
  it('nests a parent field as a record with its own attributes', () => {
    const [record] = records(ds, `SELECT Username, Profile.Name FROM User WHERE Id = '${ids.uAlice}'`);
    expect(record).toEqual({
      attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${ids.uAlice}` },
      Username: 'alice@acme.test',
      Profile: {
        attributes: { type: 'Profile', url: `/services/data/v62.0/sobjects/Profile/${ids.pStandard}` },
        Name: 'Standard User',
      },
    });
  });

  it('merges several fields of the same parent into one nested record placed at its first field', () => {
    const [record] = records(ds, `SELECT Profile.Name, Id, Profile.Id FROM User WHERE Id = '${ids.uAlice}'`);
    expect(Object.keys(record ?? {})).toEqual(['attributes', 'Profile', 'Id']);
    expect(record?.Profile).toMatchObject({ Name: 'Standard User', Id: ids.pStandard });
  });

  it('follows relationships several levels deep', () => {
    const [record] = records(ds, `SELECT Manager.Profile.Name FROM User WHERE Id = '${ids.uAlice}'`);
    expect(record?.Manager).toEqual({
      attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${ids.uAdmin}` },
      Profile: {
        attributes: { type: 'Profile', url: `/services/data/v62.0/sobjects/Profile/${ids.pAdmin}` },
        Name: 'System Administrator',
      },
    });
  });

  it('returns null for a relationship whose lookup is empty', () => {
    const [record] = records(ds, `SELECT Name, Manager.Name FROM User WHERE Id = '${ids.uAdmin}'`);
    expect(record).toMatchObject({ Name: 'Admin User', Manager: null });
  });

  it('reads the actual type of a polymorphic parent and its Name-entity fields', () => {
    const rows = records(ds, 'SELECT Subject, Owner.Name, Owner.Type FROM Case ORDER BY Subject');
    expect(rows.map((r) => r.Owner)).toEqual([
      {
        attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${ids.uAlice}` },
        Name: 'Alice Smith',
        Type: 'User',
      },
      {
        attributes: { type: 'Group', url: `/services/data/v62.0/sobjects/Group/${ids.queue}` },
        Name: 'Support Queue',
        Type: 'Queue',
      },
    ]);
  });

  it('gives Name-entity fields a null value on parents of a type that lacks them', () => {
    const rows = records(ds, 'SELECT Owner.Username FROM Case ORDER BY Subject');
    expect(rows.map((r) => (r.Owner as { Username: unknown }).Username)).toEqual(['alice@acme.test', null]);
  });

  it('reads fields of the primary target through a polymorphic reference not marked namePointing', () => {
    const rows = records(
      ds,
      `SELECT PermissionSet.Name, PermissionSet.IsOwnedByProfile FROM PermissionSetAssignment WHERE AssigneeId = '${ids.uGrax}' ORDER BY PermissionSet.Name`,
    );
    expect(rows.map((r) => r.PermissionSet)).toEqual([
      {
        attributes: { type: 'PermissionSet', url: `/services/data/v62.0/sobjects/PermissionSet/${ids.psGrax}` },
        Name: 'GRAX_Integration_User',
        IsOwnedByProfile: false,
      },
      {
        attributes: { type: 'PermissionSet', url: `/services/data/v62.0/sobjects/PermissionSet/${ids.psGraxAccess}` },
        Name: 'GRAX_Integration_User_Access',
        IsOwnedByProfile: false,
      },
    ]);
  });

  it("refuses a field of a namePointing relationship that is not on the 'Name' entity", () => {
    const error = queryError(ds, 'SELECT Owner.LastLoginDate FROM Case');
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toContain("No such column 'LastLoginDate' on entity 'Name'.");
  });
});

describe('SOQL child relationship subqueries', () => {
  it('returns child rows as {totalSize, done, records}, filtered by the subquery WHERE', () => {
    const [record] = records(
      ds,
      `SELECT Name, (SELECT AssigneeId FROM Assignments WHERE ExpirationDate = null) FROM PermissionSet WHERE Id = '${ids.psGraxAccess}'`,
    );
    expect(record?.Assignments).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: {
            type: 'PermissionSetAssignment',
            url: expect.stringMatching(/sobjects\/PermissionSetAssignment\/0Pa/),
          },
          AssigneeId: ids.uGrax,
        },
      ],
    });
  });

  it('returns null for a child subquery without rows', () => {
    const [record] = records(ds, `SELECT Name, (SELECT Id FROM Contacts) FROM Account WHERE Id = '${ids.obrien}'`);
    expect(record).toMatchObject({ Name: "O'Brien & Sons", Contacts: null });
  });

  it('applies ORDER BY and LIMIT inside a child subquery to each parent separately', () => {
    const rows = records(
      ds,
      `SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName DESC LIMIT 1) FROM Account WHERE Id IN ('${ids.acme}', '${ids.globex}') ORDER BY Name`,
    );
    expect(rows.map((r) => (r.Contacts as { records: { LastName: string }[] }).records.map((c) => c.LastName))).toEqual(
      [['Lovelace'], ['Torvalds']],
    );
  });

  it('places the subquery among the fields in SELECT order under its relationship name', () => {
    const [record] = records(ds, `SELECT Id, (SELECT Id FROM contacts), Name FROM Account WHERE Id = '${ids.globex}'`);
    expect(Object.keys(record ?? {})).toEqual(['attributes', 'Id', 'Contacts', 'Name']);
  });
});

describe('SOQL row selection', () => {
  it('accepts the FROM object alias as a prefix of fields', () => {
    const rows = records(ds, `SELECT a.Name, a.Owner.Alias FROM Account a WHERE a.Id = '${ids.globex}'`);
    expect(rows[0]).toMatchObject({ Name: 'Globex', Owner: { Alias: 'alice' } });
  });

  it('leaves out deleted rows unless the query runs as queryAll', () => {
    const soql = `SELECT Name, IsDeleted FROM Account WHERE Name = 'Deleted Industries'`;
    expect(query(ds, soql).totalSize).toBe(0);
    expect(query(ds, soql, true).records).toMatchObject([{ Name: 'Deleted Industries', IsDeleted: true }]);
  });

  it('returns every matching row, more than one REST page of 2,000', () => {
    const outcome = query(ds, `SELECT Id, LastName FROM Contact WHERE AccountId = '${ids.bulk}'`);
    expect(outcome.totalSize).toBe(2500);
    expect(outcome.records).toHaveLength(2500);
  });

  it('matches an id given in its 15-character form', () => {
    expect(records(ds, `SELECT Name FROM Account WHERE Id = '${toId15(ids.acme)}'`)).toMatchObject([
      { Name: 'Acme Corporation' },
    ]);
  });
});
