/**
 * Aggregate SOQL: COUNT(), COUNT(field), COUNT_DISTINCT, MIN, MAX, SUM, AVG, GROUP BY (also on relationship fields),
 * HAVING, ORDER BY on aggregates, Salesforce's exprN naming and aliases, AggregateResult records.
 */
import { fixtureView } from './support/fixtureOrg';
import { query, records } from './support/run';

const { ds, ids } = fixtureView();
const AGGREGATE = { attributes: { type: 'AggregateResult' } };

describe('SOQL COUNT()', () => {
  it('answers with totalSize only: no records, isCount set', () => {
    expect(query(ds, 'SELECT COUNT() FROM Contact')).toEqual({
      totalSize: 2504,
      records: [],
      entityName: 'Contact',
      isCount: true,
    });
  });

  it('counts only the rows the WHERE clause keeps, up to LIMIT', () => {
    expect(query(ds, 'SELECT COUNT() FROM Account WHERE Active__c = true').totalSize).toBe(3);
    expect(query(ds, 'SELECT COUNT() FROM Contact LIMIT 10').totalSize).toBe(10);
  });

  it('counts groups when the query has GROUP BY', () => {
    expect(query(ds, 'SELECT COUNT() FROM Account GROUP BY OwnerId').totalSize).toBe(2);
  });
});

describe('SOQL aggregate functions', () => {
  it('names unaliased aggregates expr0, expr1... in SELECT order and returns one AggregateResult', () => {
    const outcome = query(ds, 'SELECT COUNT(Id), MAX(NumberOfEmployees), MIN(Founded__c) FROM Account');
    expect(outcome).toMatchObject({ totalSize: 1, isCount: false, entityName: 'Account' });
    expect(outcome.records).toEqual([{ ...AGGREGATE, expr0: 5, expr1: 5000, expr2: '1999-03-15' }]);
  });

  it('uses the alias of an aliased aggregate and keeps counting exprN for the others', () => {
    const [row] = records(ds, 'SELECT MAX(Score__c), MIN(Score__c) low, SUM(NumberOfEmployees) FROM Account');
    expect(row).toEqual({ ...AGGREGATE, expr0: 9.5, low: 3, expr1: 5310 });
  });

  it('ignores nulls in COUNT(field), AVG and COUNT_DISTINCT', () => {
    const [row] = records(
      ds,
      'SELECT COUNT(Industry) withIndustry, AVG(AnnualRevenue) average, COUNT_DISTINCT(OwnerId) owners FROM Account',
    );
    expect(row).toEqual({ ...AGGREGATE, withIndustry: 4, average: 6500000 / 3, owners: 2 });
  });

  it('returns one row of zero and nulls when no row matches and there is no GROUP BY', () => {
    const [row] = records(ds, "SELECT COUNT(Id), MAX(Name) FROM Account WHERE Name = 'nobody'");
    expect(row).toEqual({ ...AGGREGATE, expr0: 0, expr1: null });
  });
});

describe('SOQL GROUP BY and HAVING', () => {
  it('returns one row per group with the grouped field under its name', () => {
    const rows = records(ds, 'SELECT Rating, COUNT(Id) FROM Account GROUP BY Rating ORDER BY Rating NULLS LAST');
    expect(rows).toEqual([
      { ...AGGREGATE, Rating: 'Cold', expr0: 1 },
      { ...AGGREGATE, Rating: 'Hot', expr0: 1 },
      { ...AGGREGATE, Rating: 'Warm', expr0: 1 },
      { ...AGGREGATE, Rating: null, expr0: 2 },
    ]);
  });

  it('groups by a relationship field and names the column after the field', () => {
    const rows = records(ds, 'SELECT Owner.Name, COUNT(Id) total FROM Account GROUP BY Owner.Name ORDER BY Owner.Name');
    expect(rows).toEqual([
      { ...AGGREGATE, Name: 'Admin User', total: 3 },
      { ...AGGREGATE, Name: 'Alice Smith', total: 2 },
    ]);
  });

  it('uses an alias given to a grouped field', () => {
    const [row] = records(
      ds,
      'SELECT Owner.Alias who, COUNT(Id) FROM Account GROUP BY Owner.Alias ORDER BY Owner.Alias',
    );
    expect(row).toEqual({ ...AGGREGATE, who: 'admin', expr0: 3 });
  });

  it('keeps the groups a HAVING clause accepts', () => {
    const rows = records(ds, 'SELECT OwnerId, COUNT(Id) FROM Account GROUP BY OwnerId HAVING COUNT(Id) > 2');
    expect(rows).toEqual([{ ...AGGREGATE, OwnerId: ids.uAdmin, expr0: 3 }]);
  });

  it('orders groups by an aggregate and cuts them with LIMIT', () => {
    const rows = records(
      ds,
      'SELECT AccountId, COUNT(Id) FROM Contact WHERE AccountId != null GROUP BY AccountId ORDER BY COUNT(Id) DESC LIMIT 2',
    );
    expect(rows).toEqual([
      { ...AGGREGATE, AccountId: ids.bulk, expr0: 2500 },
      { ...AGGREGATE, AccountId: ids.acme, expr0: 2 },
    ]);
  });

  it('counts permission rows per object for a list of permission sets', () => {
    const rows = records(
      ds,
      `SELECT SobjectType, COUNT(Id) FROM FieldPermissions WHERE ParentId IN ('${ids.psGraxAccess}', '${ids.psStandard}') GROUP BY SobjectType`,
    );
    expect(rows).toEqual([
      { ...AGGREGATE, SobjectType: 'Account', expr0: 3 },
      { ...AGGREGATE, SobjectType: 'Contact', expr0: 1 },
    ]);
  });

  it('behaves as a distinct list with GROUP BY and no aggregate function', () => {
    const rows = records(ds, 'SELECT Status FROM Case GROUP BY Status');
    expect(rows).toEqual([
      { ...AGGREGATE, Status: 'Closed' },
      { ...AGGREGATE, Status: 'New' },
    ]);
  });
});
