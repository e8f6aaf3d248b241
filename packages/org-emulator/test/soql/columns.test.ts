/**
 * The `&columns=true` answer the Salesforce CLI requests after `sf data query` (facts file §6): entity, Id and
 * GROUP BY flags, and column metadata for fields, parent relationships, child subqueries and aggregates.
 */
import { describeQueryColumns, type QueryColumn } from '../../src/soql';
import { fixtureView } from './support/fixtureOrg';
import { sfError } from './support/run';

const { ds } = fixtureView();

/** A column as the facts file shows it, for a non-aggregate field. */
function column(columnName: string, overrides: Partial<QueryColumn> = {}): QueryColumn {
  return {
    aggregate: false,
    apexType: 'String',
    booleanType: false,
    columnName,
    custom: false,
    displayName: columnName,
    foreignKeyName: null,
    insertable: true,
    joinColumns: [],
    numberType: false,
    textType: true,
    updatable: true,
    ...overrides,
  };
}

describe('SOQL columns answer', () => {
  it('answers the Organization query of the Salesforce CLI exactly as observed', () => {
    const answer = describeQueryColumns(ds, 'SELECT Id FROM Organization');
    expect(JSON.stringify(answer)).toBe(
      JSON.stringify({
        entityName: 'Organization',
        groupBy: false,
        idSelected: true,
        keyPrefix: '00D',
        columnMetadata: [
          {
            aggregate: false,
            apexType: 'Id',
            booleanType: false,
            columnName: 'Id',
            custom: false,
            displayName: 'Id',
            foreignKeyName: null,
            insertable: false,
            joinColumns: [],
            numberType: false,
            textType: false,
            updatable: false,
          },
        ],
      }),
    );
  });

  it('types columns by field type and marks custom and read-only fields', () => {
    const answer = describeQueryColumns(ds, 'SELECT name, NumberOfEmployees, Active__c, CreatedDate FROM account');
    expect(answer).toMatchObject({ entityName: 'Account', idSelected: false, keyPrefix: '001' });
    expect(answer.columnMetadata).toEqual([
      column('Name'),
      column('NumberOfEmployees', { apexType: 'Integer', numberType: true, textType: false }),
      column('Active__c', { apexType: 'Boolean', booleanType: true, textType: false, custom: true }),
      column('CreatedDate', { apexType: 'Datetime', textType: false, insertable: false, updatable: false }),
    ]);
  });

  it('describes parent relationship fields as one column per relationship with joinColumns', () => {
    const answer = describeQueryColumns(ds, 'SELECT Manager.Profile.Name, Manager.Username FROM User');
    expect(answer.columnMetadata).toEqual([
      column('Manager', {
        apexType: 'User',
        foreignKeyName: 'ManagerId',
        insertable: false,
        updatable: false,
        textType: false,
        joinColumns: [
          column('Profile', {
            apexType: 'Profile',
            foreignKeyName: 'ProfileId',
            insertable: false,
            updatable: false,
            textType: false,
            joinColumns: [column('Name')],
          }),
          column('Username'),
        ],
      }),
    ]);
  });

  it('describes a child subquery as an aggregate column with the subquery fields as joinColumns', () => {
    const answer = describeQueryColumns(
      ds,
      'SELECT Name, (SELECT Id, PermissionSetId FROM Assignments) FROM PermissionSet',
    );
    expect(answer.columnMetadata[1]).toEqual(
      column('Assignments', {
        aggregate: true,
        apexType: 'PermissionSetAssignment',
        insertable: false,
        updatable: false,
        textType: false,
        joinColumns: [
          column('Id', { apexType: 'Id', insertable: false, updatable: false, textType: false }),
          column('PermissionSetId', { apexType: 'Id', textType: false }),
        ],
      }),
    );
  });

  it('names aggregate columns by alias or exprN and shows the function as displayName', () => {
    const answer = describeQueryColumns(ds, 'SELECT Rating, COUNT(Id), MAX(Score__c) top FROM Account GROUP BY Rating');
    expect(answer).toMatchObject({ groupBy: true, idSelected: false });
    expect(answer.columnMetadata.map((c) => [c.columnName, c.displayName, c.aggregate, c.apexType])).toEqual([
      ['Rating', 'Rating', false, 'String'],
      ['expr0', 'COUNT(Id)', true, 'Integer'],
      ['top', 'MAX(Score__c)', true, 'Double'],
    ]);
  });

  it('validates the query exactly as running it does', () => {
    expect(sfError(() => describeQueryColumns(ds, 'SELECT Nope FROM Account')).errorCode).toBe('INVALID_FIELD');
  });
});
