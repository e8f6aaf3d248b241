/**
 * WHERE clauses: comparison operators per field type, LIKE, IN lists, null, booleans, numbers, dates and dateTimes,
 * date literals, string escapes, ids in both forms, relationship fields, AND/OR/NOT, semi-joins and anti-joins.
 * The fixture's clock stands at 2026-01-15T09:00:00Z (a Thursday).
 */
import { toId15 } from '../../src/org/ids';
import { MemoryOrg } from './support/memoryDataSource';
import { fixtureView } from './support/fixtureOrg';
import { records } from './support/run';
import { field, object } from './support/schema';

const { ds, ids } = fixtureView();

/** Names of the accounts a WHERE clause selects, sorted. */
function accounts(where: string): string[] {
  return records(ds, `SELECT Name FROM Account WHERE ${where}`)
    .map((r) => String(r.Name))
    .sort();
}

describe('SOQL comparisons on text', () => {
  it('compares text with = case-insensitively', () => {
    expect(accounts("Industry = 'TECHNOLOGY'")).toEqual(['Acme Corporation', 'acme labs']);
  });

  it('keeps rows whose field is null for != (SOQL treats null as a value)', () => {
    expect(accounts("Industry != 'Technology'")).toEqual(['Bulk Holdings', 'Globex', "O'Brien & Sons"]);
  });

  it('accepts <> as a synonym of !=', () => {
    expect(accounts("Rating <> 'Hot'")).toEqual(accounts("Rating != 'Hot'"));
  });

  it('orders text case-insensitively for < and >', () => {
    expect(accounts("Name < 'b'")).toEqual(['Acme Corporation', 'acme labs']);
  });

  it('matches LIKE patterns with % and _ case-insensitively', () => {
    expect(accounts("Name LIKE 'ACME%'")).toEqual(['Acme Corporation', 'acme labs']);
    expect(accounts("Name LIKE '_lobex'")).toEqual(['Globex']);
    expect(accounts("Name LIKE '%&%'")).toEqual(["O'Brien & Sons"]);
  });

  it('reads escaped quotes and backslashes in string literals', () => {
    expect(accounts("Name = 'O\\'Brien & Sons'")).toEqual(["O'Brien & Sons"]);
  });

  it('treats \\% and \\_ in a LIKE pattern as the characters themselves', () => {
    const org = new MemoryOrg([object('Promo__c', 'a02', [field('Name', 'string')])]);
    org.insert('Promo__c', [
      { Id: 'a02Ab000000000AAAA', Name: '50%_off' },
      { Id: 'a02Ab000000000BAAA', Name: '50 off' },
      { Id: 'a02Ab000000000CAAA', Name: '50%xoff' },
    ]);
    const names = (where: string) => records(org.view(), `SELECT Name FROM Promo__c WHERE ${where}`).map((r) => r.Name);
    expect(names("Name LIKE '50\\%\\_off'")).toEqual(['50%_off']);
    expect(names("Name LIKE '50%off'")).toEqual(['50%_off', '50 off', '50%xoff']);
  });

  it('selects rows whose value is in an IN list, and the others with NOT IN', () => {
    expect(accounts("Rating IN ('hot', 'Cold')")).toEqual(['Acme Corporation', 'acme labs']);
    expect(accounts("Rating NOT IN ('Hot', 'Cold')")).toEqual(['Bulk Holdings', 'Globex', "O'Brien & Sons"]);
  });

  it('compares with null using = null and != null', () => {
    expect(accounts('Industry = null')).toEqual(["O'Brien & Sons"]);
    expect(accounts('Industry != null')).toHaveLength(4);
  });

  it('matches multi-select picklists with INCLUDES and EXCLUDES (; means all of)', () => {
    expect(accounts("Interests__c INCLUDES ('archive')")).toEqual(['Acme Corporation', 'Globex']);
    expect(accounts("Interests__c INCLUDES ('Backup;Archive', 'nothing')")).toEqual(['Acme Corporation']);
    expect(accounts("Interests__c EXCLUDES ('Backup')")).toEqual(['Bulk Holdings', 'Globex', "O'Brien & Sons"]);
  });
});

describe('SOQL comparisons on booleans, numbers and ids', () => {
  it('filters booleans with true and false in any case', () => {
    expect(accounts('Active__c = TRUE')).toEqual(['Acme Corporation', 'Globex', 'acme labs']);
    expect(accounts('Active__c = false')).toEqual(['Bulk Holdings', "O'Brien & Sons"]);
  });

  it('compares numbers with <, >, <= and >=, never matching null', () => {
    expect(accounts('NumberOfEmployees > 40')).toEqual(['Acme Corporation', 'Bulk Holdings']);
    expect(accounts('NumberOfEmployees <= 12')).toEqual(["O'Brien & Sons", 'acme labs']);
    expect(accounts('AnnualRevenue >= 1200000.50')).toEqual(['Acme Corporation']);
    expect(accounts('Score__c < 8')).toEqual(['Globex', 'acme labs']);
  });

  it('compares ids in 15- and 18-character form and in any letter case of the 18-character form', () => {
    expect(accounts(`Id = '${toId15(ids.globex)}'`)).toEqual(['Globex']);
    expect(accounts(`Id = '${ids.globex.toLowerCase()}'`)).toEqual(['Globex']);
    expect(accounts(`OwnerId IN ('${toId15(ids.uAlice)}')`)).toEqual(['Globex', "O'Brien & Sons"]);
  });

  it('filters on a parent relationship field', () => {
    const users = records(ds, "SELECT Username FROM User WHERE Profile.Name = 'standard user' ORDER BY Username");
    expect(users.map((u) => u.Username)).toEqual(['alice@acme.test', 'bob@acme.test']);
  });

  it('filters on the Type of a polymorphic parent', () => {
    expect(records(ds, "SELECT Subject FROM Case WHERE Owner.Type = 'Queue'")).toMatchObject([
      { Subject: 'Restore request' },
    ]);
  });
});

describe('SOQL comparisons on dates and dateTimes', () => {
  it('compares date fields with date literals', () => {
    expect(accounts('Founded__c > 2000-01-01')).toEqual(['Globex', 'acme labs']);
    expect(accounts('Founded__c = 2021-01-31')).toEqual(['acme labs']);
  });

  it('compares dateTime fields with dateTime literals in UTC or with an offset', () => {
    expect(accounts('CreatedDate > 2026-01-01T00:00:00Z')).toEqual(['Globex', "O'Brien & Sons"]);
    expect(accounts('CreatedDate = 2026-01-15T09:00:00.000+01:00')).toEqual(["O'Brien & Sons"]);
  });

  it('matches TODAY, YESTERDAY and LAST_N_DAYS:n against dateTimes', () => {
    expect(accounts('CreatedDate = TODAY')).toEqual(["O'Brien & Sons"]);
    expect(accounts('CreatedDate = YESTERDAY')).toEqual(['Globex']);
    expect(accounts('CreatedDate = LAST_N_DAYS:1')).toEqual(['Globex', "O'Brien & Sons"]);
  });

  it('matches week, month and N-ago literals', () => {
    expect(accounts('CreatedDate = THIS_WEEK')).toEqual(['Globex', "O'Brien & Sons"]);
    expect(accounts('CreatedDate = LAST_MONTH')).toEqual(['acme labs']);
    expect(accounts('CreatedDate = N_DAYS_AGO:26')).toEqual(['acme labs']);
  });

  it('compares against the start and the end of a date literal range with < and >', () => {
    expect(accounts('CreatedDate < THIS_YEAR')).toEqual(['Acme Corporation', 'Bulk Holdings', 'acme labs']);
    expect(accounts('CreatedDate > LAST_MONTH')).toEqual(['Globex', "O'Brien & Sons"]);
  });

  it('applies date literals to date fields too', () => {
    expect(accounts('Founded__c = LAST_N_YEARS:5')).toEqual(['acme labs']);
  });
});

describe('SOQL logical operators', () => {
  it('combines conditions with AND, OR and parentheses', () => {
    expect(accounts("Name LIKE 'acme%' AND (Rating = 'Cold' OR Rating = null)")).toEqual(['acme labs']);
    expect(accounts("(Rating = 'Hot' OR Rating = 'Warm') AND NumberOfEmployees > 100")).toEqual(['Acme Corporation']);
  });

  it('binds NOT to the condition or parenthesised group that follows it', () => {
    expect(accounts("NOT Industry = 'Technology' AND NumberOfEmployees > 20")).toEqual(['Bulk Holdings', 'Globex']);
    expect(accounts("NOT (Industry = 'Technology' OR Industry = null)")).toEqual(['Bulk Holdings', 'Globex']);
  });

  it('accepts several operators of the same kind without parentheses', () => {
    expect(accounts("Active__c = true AND Rating != null AND Rating != 'Hot'")).toEqual(['Globex', 'acme labs']);
  });
});

describe('SOQL semi-joins and anti-joins', () => {
  it('selects rows whose Id is among the ids a subquery selects', () => {
    const sets = records(
      ds,
      "SELECT Name FROM PermissionSet WHERE Id IN (SELECT ParentId FROM ObjectPermissions WHERE SobjectType = 'Case') ",
    );
    expect(sets).toMatchObject([{ Name: 'GRAX_Integration_User_Access' }]);
  });

  it('excludes rows whose Id a subquery selects with NOT IN', () => {
    const sets = records(
      ds,
      'SELECT Name FROM PermissionSet WHERE Id NOT IN (SELECT ParentId FROM ObjectPermissions) ORDER BY Name',
    );
    expect(sets.map((s) => s.Name)).toEqual(['GRAX_Integration_User', 'X00eAb0000000002']);
  });

  it('joins on a reference field and lets the subquery filter on relationships', () => {
    const contacts = records(
      ds,
      "SELECT LastName FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE Owner.Alias = 'admin' AND Rating != null) ORDER BY LastName",
    );
    expect(contacts.map((c) => c.LastName)).toEqual(['Hopper', 'Lovelace']);
  });

  it('combines a semi-join with other conditions under AND', () => {
    const users = records(
      ds,
      `SELECT Username FROM User WHERE IsActive = true AND Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSetId = '${ids.psGraxAccess}') ORDER BY Username`,
    );
    expect(users.map((u) => u.Username)).toEqual(['alice@acme.test', 'grax@acme.test']);
  });
});
