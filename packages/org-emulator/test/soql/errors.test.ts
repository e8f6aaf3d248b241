/**
 * Every error the SOQL engine raises: errorCode, HTTP status and Salesforce's wording, in the caret form
 * ("\n<query excerpt>\n   ^\nERROR at Row:r:Column:c\n<text>") where Salesforce uses it.
 */
import { fixtureView } from './support/fixtureOrg';
import { query, queryError } from './support/run';

const { ds } = fixtureView();
const WSDL = 'Please reference your WSDL or the describe call for the appropriate names.';

/** The error text after the caret block. */
function text(soql: string, errorCode: string): string {
  const error = queryError(ds, soql);
  expect(error).toMatchObject({ status: 400, errorCode });
  return error.message.split('\n').pop() as string;
}

describe('SOQL syntax errors (MALFORMED_QUERY)', () => {
  it('names the unexpected token and points at it', () => {
    expect(queryError(ds, 'SELECT Id, FROM Account')).toEqual({
      status: 400,
      errorCode: 'MALFORMED_QUERY',
      message: "\nSELECT Id, FROM Account\n           ^\nERROR at Row:1:Column:12\nunexpected token: 'FROM'",
    });
  });

  it('reads a misspelt FROM as a field alias and stops at the object name, as the grammar allows aliases', () => {
    expect(text('SELECT Id FRM Account', 'MALFORMED_QUERY')).toBe("unexpected token: 'Account'");
  });

  it("reports '<EOF>' with the caret after the text when the query stops early", () => {
    expect(queryError(ds, 'SELECT Id FROM Account WHERE').message).toBe(
      "\nSELECT Id FROM Account WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: '<EOF>'",
    );
  });

  it('refuses AND and OR mixed without parentheses at the second operator', () => {
    const error = queryError(ds, "SELECT Id FROM Account WHERE Name = 'a' AND Rating = 'b' OR Rating = null");
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.message).toMatch(/\^\nERROR at Row:1:Column:58\nunexpected token: 'OR'$/);
  });

  it('refuses Apex bind variables', () => {
    expect(text('SELECT Id FROM Account WHERE Id = :accountId', 'MALFORMED_QUERY')).toBe(
      'Bind variables only allowed in Apex code',
    );
  });

  it('refuses a character SOQL does not know, giving line and 0-based column', () => {
    expect(text('SELECT Id FROM Account WHERE Name = #x', 'MALFORMED_QUERY')).toBe("line 1:36 unexpected token: '#'");
  });

  it('refuses a string literal that never closes', () => {
    expect(text("SELECT Id FROM Account WHERE Name = 'open", 'MALFORMED_QUERY')).toBe("unexpected token: '''");
  });

  it('refuses an unknown escape sequence in a string literal', () => {
    expect(text("SELECT Id FROM Account WHERE Name = 'a\\qb'", 'MALFORMED_QUERY')).toBe(
      "Invalid string literal 'a\\qb'. Illegal character sequence '\\q' in string literal.",
    );
  });

  it('reports the row and column of an error on a later line, showing that line', () => {
    const error = queryError(ds, 'SELECT Id\nFROM Account\nWHERE Nope__c = 1');
    expect(error.message).toMatch(/^\nWHERE Nope__c = 1\n {6}\^\nERROR at Row:3:Column:7\nNo such column 'Nope__c'/);
  });
});

describe('SOQL unknown objects (INVALID_TYPE)', () => {
  it('refuses an object that does not exist, in caret form', () => {
    expect(queryError(ds, 'SELECT Id FROM Acount')).toEqual({
      status: 400,
      errorCode: 'INVALID_TYPE',
      message:
        "\nSELECT Id FROM Acount\n               ^\nERROR at Row:1:Column:16\nsObject type 'Acount' is not supported. If you " +
        `are attempting to use a custom object, be sure to append the '__c' after the entity name. ${WSDL}`,
    });
  });

  it('refuses an object the running user cannot see exactly like a missing one', () => {
    const { ds: restricted } = fixtureView({ hiddenObjects: ['Secret__c'] });
    expect(queryError(restricted, 'SELECT Id FROM Secret__c').message).toContain(
      "sObject type 'Secret__c' is not supported.",
    );
  });

  it('refuses a Tooling-only object through the data API, and a data object through the Tooling API', () => {
    expect(text('SELECT Id FROM PermissionDependency', 'INVALID_TYPE')).toContain(
      "'PermissionDependency' is not supported",
    );
    const { ds: tooling } = fixtureView({ tooling: true });
    expect(queryError(tooling, 'SELECT Id FROM Account').errorCode).toBe('INVALID_TYPE');
    expect(query(tooling, 'SELECT Permission FROM PermissionDependency').totalSize).toBe(1);
  });

  it('refuses an object newer than the API version of the call', () => {
    expect(text('SELECT Id FROM FuturePilot__c', 'INVALID_TYPE')).toContain("sObject type 'FuturePilot__c'");
  });

  it('refuses an object that does not support query', () => {
    expect(text('SELECT Id FROM Name', 'INVALID_TYPE_FOR_OPERATION')).toBe('entity type Name does not support query');
  });

  it('refuses an unknown child relationship in a subquery', () => {
    expect(queryError(ds, 'SELECT Id, (SELECT Id FROM Contactz) FROM Account')).toEqual({
      status: 400,
      errorCode: 'INVALID_TYPE',
      message:
        '\nSELECT Id, (SELECT Id FROM Contactz) FROM Account\n                           ^\nERROR at Row:1:Column:28\n' +
        "Didn't understand relationship 'Contactz' in FROM part of query call. If you are attempting to use a custom " +
        `relationship, be sure to append the '__r' after the custom relationship name. ${WSDL}`,
    });
  });
});

describe('SOQL unknown fields (INVALID_FIELD)', () => {
  const noSuchColumn = (column: string, entity: string) =>
    `No such column '${column}' on entity '${entity}'. If you are attempting to use a custom field, be sure to ` +
    `append the '__c' after the custom field name. ${WSDL}`;

  it('refuses a field that does not exist, pointing at it', () => {
    expect(queryError(ds, 'SELECT Id, Nmae FROM Account')).toEqual({
      status: 400,
      errorCode: 'INVALID_FIELD',
      message: `\nSELECT Id, Nmae FROM Account\n           ^\nERROR at Row:1:Column:12\n${noSuchColumn('Nmae', 'Account')}`,
    });
  });

  it('refuses a field hidden by field-level security with the same error', () => {
    expect(text('SELECT Id, Hidden__c FROM Secret__c', 'INVALID_FIELD')).toBe(noSuchColumn('Hidden__c', 'Secret__c'));
  });

  it('refuses a field newer than the API version of the call', () => {
    expect(text('SELECT Region__c FROM Account', 'INVALID_FIELD')).toBe(noSuchColumn('Region__c', 'Account'));
    const { ds: newer } = fixtureView({ apiVersion: 64 });
    expect(query(newer, 'SELECT Region__c FROM Account').totalSize).toBe(5);
  });

  it('points at unknown fields in WHERE and ORDER BY', () => {
    expect(queryError(ds, "SELECT Id FROM Account WHERE Indstry = 'x'").message).toContain(
      'ERROR at Row:1:Column:30\n',
    );
    expect(queryError(ds, 'SELECT Id FROM Account ORDER BY Nmae').message).toContain('ERROR at Row:1:Column:33\n');
  });

  it('refuses a relationship whose lookup field the running user cannot see', () => {
    const { ds: restricted } = fixtureView({ hiddenFields: ['User.ProfileId'] });
    expect(queryError(restricted, 'SELECT Profile.Name FROM User').message).toContain(
      "Didn't understand relationship 'Profile' in field path.",
    );
    expect(queryError(restricted, 'SELECT Id, (SELECT Id FROM Users) FROM Profile').errorCode).toBe('INVALID_TYPE');
  });

  it('refuses a relationship name that does not exist', () => {
    expect(text('SELECT Prfile.Name FROM User', 'INVALID_FIELD')).toBe(
      "Didn't understand relationship 'Prfile' in field path. If you are attempting to use a custom relationship, " +
        `be sure to append the '__r' after the custom relationship name. ${WSDL}`,
    );
  });

  it('refuses filtering, sorting and grouping on fields that do not allow it', () => {
    expect(text("SELECT Id FROM Account WHERE Description = 'x'", 'INVALID_FIELD')).toBe(
      "field 'Description' can not be filtered in a query call",
    );
    expect(text('SELECT Id FROM Account ORDER BY Description', 'MALFORMED_QUERY')).toBe(
      "field 'Description' can not be sorted in a query call",
    );
    expect(text('SELECT Description, COUNT(Id) FROM Account GROUP BY Description', 'INVALID_FIELD')).toBe(
      "field 'Description' can not be grouped in a query call",
    );
  });
});

describe('SOQL SELECT list errors', () => {
  it('refuses a field selected twice', () => {
    expect(text('SELECT Id, Name, id FROM Account', 'MALFORMED_QUERY')).toBe('duplicate field selected: id');
  });

  it('refuses an alias outside aggregate queries', () => {
    expect(text('SELECT Name n FROM Account', 'MALFORMED_QUERY')).toBe('only aggregate expressions use field aliasing');
  });

  it('refuses COUNT() next to other fields', () => {
    expect(text('SELECT Id, COUNT() FROM Account', 'MALFORMED_QUERY')).toBe("unexpected token: ','");
  });
});

describe('SOQL aggregate errors', () => {
  it('refuses a field that is neither grouped nor aggregated', () => {
    expect(queryError(ds, 'SELECT Name, COUNT(Id) FROM Account').message).toBe(
      '\nSELECT Name, COUNT(Id) FROM Account\n       ^\nERROR at Row:1:Column:8\nField must be grouped or aggregated: Name',
    );
  });

  it('refuses ORDER BY and HAVING on fields that are not grouped', () => {
    expect(text('SELECT Rating, COUNT(Id) FROM Account GROUP BY Rating ORDER BY Name', 'MALFORMED_QUERY')).toBe(
      'Ordered field must be grouped or aggregated: Name',
    );
    expect(text('SELECT Rating FROM Account GROUP BY Rating HAVING Name = null', 'MALFORMED_QUERY')).toBe(
      'Having field must be grouped or aggregated: Name',
    );
  });

  it('refuses an aggregate function on a field that does not support it', () => {
    expect(text('SELECT SUM(Name) FROM Account', 'MALFORMED_QUERY')).toBe(
      'field Name does not support aggregate operator SUM',
    );
    expect(text('SELECT MAX(Active__c) FROM Account', 'MALFORMED_QUERY')).toBe(
      'field Active__c does not support aggregate operator MAX',
    );
  });

  it('refuses aggregates in a child subquery', () => {
    expect(text('SELECT Id, (SELECT COUNT(Id) FROM Contacts) FROM Account', 'MALFORMED_QUERY')).toBe(
      'only root queries support aggregate expressions',
    );
  });

  it('refuses a duplicate alias', () => {
    expect(text('SELECT COUNT(Id) c, MAX(Name) c FROM Account', 'MALFORMED_QUERY')).toBe('duplicate alias: c');
  });

  it('refuses more aggregate rows than fit one batch, as aggregates cannot be paged', () => {
    expect(queryError(ds, 'SELECT Name, COUNT(Id) FROM Contact GROUP BY Name')).toEqual({
      status: 400,
      errorCode: 'EXCEEDED_ID_LIMIT',
      message: 'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch',
    });
  });
});

describe('SOQL value errors', () => {
  it('refuses an OFFSET above 2,000', () => {
    expect(queryError(ds, 'SELECT Id FROM Account LIMIT 10 OFFSET 2001')).toEqual({
      status: 400,
      errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
      message: 'Maximum SOQL offset allowed is 2000',
    });
  });

  it('refuses literals of the wrong type for the field', () => {
    expect(text("SELECT Id FROM Account WHERE Active__c = 'true'", 'MALFORMED_QUERY')).toBe(
      "value of filter criterion for field 'Active__c' must be of type boolean and should not be enclosed in quotes",
    );
    expect(text('SELECT Id FROM Account WHERE Name = 5', 'MALFORMED_QUERY')).toBe(
      "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes",
    );
    expect(text('SELECT Id FROM Account WHERE CreatedDate = 2020-01-01', 'MALFORMED_QUERY')).toBe(
      "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
    );
  });

  it('refuses an id that is not well formed, pointing at the value', () => {
    expect(queryError(ds, "SELECT Id FROM Account WHERE Id = 'abc'").message).toBe(
      "\nSELECT Id FROM Account WHERE Id = 'abc'\n                                  ^\nERROR at Row:1:Column:35\ninvalid ID field: abc",
    );
  });

  it('refuses dates and dateTimes that do not exist', () => {
    expect(text('SELECT Id FROM Account WHERE Founded__c = 2021-02-30', 'MALFORMED_QUERY')).toBe(
      'Invalid date: 2021-02-30',
    );
    expect(text('SELECT Id FROM Account WHERE CreatedDate > 2020-12-12T12:12:00-25:00', 'MALFORMED_QUERY')).toBe(
      'Invalid datetime: 2020-12-12T12:12:00-25:00',
    );
  });

  it('refuses operators the field type does not support', () => {
    expect(text("SELECT Id FROM Account WHERE Id LIKE '001%'", 'MALFORMED_QUERY')).toBe('invalid operator on id field');
    expect(text('SELECT Id FROM Account WHERE Active__c > true', 'MALFORMED_QUERY')).toBe(
      'invalid operator on boolean field',
    );
    expect(text("SELECT Id FROM Account WHERE Rating INCLUDES ('Hot')", 'MALFORMED_QUERY')).toBe(
      'includes or excludes operator only valid on multipicklist field',
    );
  });
});

describe('SOQL semi-join errors', () => {
  it('refuses a subquery that selects a field other than an id', () => {
    expect(text('SELECT Id FROM Contact WHERE AccountId IN (SELECT Name FROM Account)', 'MALFORMED_QUERY')).toBe(
      "semi join sub selects can only query id fields, cannot use: 'Name'",
    );
  });

  it('refuses inner and outer queries on the same object', () => {
    expect(text('SELECT Id FROM Account WHERE Id IN (SELECT Id FROM Account)', 'MALFORMED_QUERY')).toBe(
      'The inner and outer selects should not be on the same object type',
    );
  });

  it('refuses a semi-join under OR', () => {
    expect(
      text("SELECT Id FROM Contact WHERE LastName = 'x' OR AccountId IN (SELECT Id FROM Account)", 'MALFORMED_QUERY'),
    ).toBe("Semi join sub-selects are not allowed with the 'OR' operator");
  });

  it('refuses a subquery whose ids point to another object than the left field', () => {
    expect(text('SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM User)', 'MALFORMED_QUERY')).toBe(
      "The selected field 'Id' in the subquery and the left operand field in the where expression in the outer " +
        "query 'AccountId' must point to the same object type",
    );
  });
});

describe('SOQL features the emulator refuses instead of ignoring', () => {
  it.each([
    ['SELECT TYPEOF Owner WHEN User THEN Username END FROM Case', 'TYPEOF'],
    ['SELECT FIELDS(ALL) FROM Account LIMIT 200', 'The function FIELDS()'],
    ['SELECT toLabel(Rating) FROM Account', 'The function toLabel()'],
    ['SELECT Id FROM Account FOR UPDATE', 'FOR UPDATE'],
    ['SELECT Id FROM Account UPDATE TRACKING', 'UPDATE TRACKING'],
    ['SELECT Rating, COUNT(Id) FROM Account GROUP BY ROLLUP(Rating)', 'GROUP BY ROLLUP()'],
    ['SELECT Id FROM Account USING SCOPE mine', 'USING SCOPE'],
    ['SELECT Id FROM Account WITH USER_MODE', 'WITH USER_MODE'],
    ['SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2020', 'The function CALENDAR_YEAR() in WHERE'],
    ['SELECT Id FROM Account WHERE AnnualRevenue = USD500', 'The literal USD500'],
  ])('refuses %s with MALFORMED_QUERY naming the feature', (soql, feature) => {
    expect(text(soql, 'MALFORMED_QUERY')).toBe(
      `${feature} is not supported by the org emulator's SOQL engine. Rewrite the query without it, or extend ` +
        'packages/org-emulator/src/soql to emulate it faithfully.',
    );
  });

  it('answers WITH SECURITY_ENFORCED as Salesforce does outside Apex', () => {
    expect(text('SELECT Id FROM Account WITH SECURITY_ENFORCED', 'MALFORMED_QUERY')).toBe(
      'rule soqlWithIdentifierClause failed predicate: {this.helper.allowApexSyntax() && this.helper.hasApexContext()}?',
    );
  });
});
