import { SfApiError } from '../../src/org/types';
import { singleRecordError } from '../../src/org/dml/saveErrors';
import { acmeCtx, firstError, permissionSetId, savedId, testWorld } from './orgTestKit';

const world = testWorld();
const acme = world.org('acmeProduction');
const admin = acmeCtx(world, 'ssoAdmin');

afterEach(() => acme.reset());

function anAccountId(): string {
  const row = [...acme.core.store.rows('Account')][0];
  if (!row) throw new Error('No seeded account.');
  return row.Id;
}

describe('creating records', () => {
  it('refuses a record without its required fields', () => {
    expect(firstError(acme.create(admin, 'Account', { Industry: 'Energy' }))).toEqual({
      statusCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [Name]',
      fields: ['Name'],
    });
    expect(firstError(acme.create(admin, 'Opportunity', { Name: 'Deal' })).fields).toEqual(['StageName', 'CloseDate']);
  });

  it('refuses an unknown field with INVALID_FIELD', () => {
    expect(firstError(acme.create(admin, 'Account', { Name: 'A', Nope__c: 1 }))).toEqual({
      statusCode: 'INVALID_FIELD',
      message: "No such column 'Nope__c' on sobject of type Account",
      fields: [],
    });
  });

  it('treats a field hidden by field-level security as unknown', () => {
    const result = acme.create(acmeCtx(world, 'standard'), 'Project__c', {
      Name: 'P',
      Code__c: 'P-9',
      Secret_Notes__c: 'x',
    });
    expect(firstError(result).message).toBe("No such column 'Secret_Notes__c' on sobject of type Project__c");
  });

  it('refuses fields that are not createable', () => {
    const result = acme.create(admin, 'Opportunity', {
      Name: 'D',
      StageName: 'Proposal',
      CloseDate: '2026-05-01',
      ExpectedRevenue: 5,
      CreatedDate: '2026-01-01T00:00:00Z',
    });
    expect(firstError(result)).toEqual({
      statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message:
        'Unable to create/update fields: ExpectedRevenue, CreatedDate. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
      fields: ['ExpectedRevenue', 'CreatedDate'],
    });
  });

  it('refuses a field the user may read but not edit', () => {
    const integration = acmeCtx(world, 'integration');
    const set = savedId(acme.create(integration, 'PermissionSet', { Name: 'Account_Editor', Label: 'Account Editor' }));
    savedId(
      acme.create(integration, 'ObjectPermissions', {
        ParentId: set,
        SobjectType: 'Account',
        PermissionsRead: true,
        PermissionsEdit: true,
      }),
    );
    savedId(
      acme.create(integration, 'PermissionSetAssignment', { AssigneeId: integration.userId, PermissionSetId: set }),
    );
    expect(acme.update(integration, 'Account', anAccountId(), { Phone: '1' }).success).toBe(false);
    expect(firstError(acme.update(integration, 'Account', anAccountId(), { Industry: 'Energy' })).statusCode).toBe(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
    );
  });

  it('refuses malformed ids, ids of the wrong object and ids of missing records in lookups', () => {
    const contactId = [...acme.core.store.rows('Contact')][0]?.Id;
    expect(firstError(acme.create(admin, 'Contact', { LastName: 'X', AccountId: 'abc' }))).toEqual({
      statusCode: 'MALFORMED_ID',
      message: 'Account ID: id value of incorrect type: abc',
      fields: ['AccountId'],
    });
    expect(firstError(acme.create(admin, 'Contact', { LastName: 'X', AccountId: contactId })).statusCode).toBe(
      'FIELD_INTEGRITY_EXCEPTION',
    );
    expect(firstError(acme.create(admin, 'Contact', { LastName: 'X', AccountId: '001000000000000AAA' }))).toEqual({
      statusCode: 'INVALID_CROSS_REFERENCE_KEY',
      message: 'invalid cross reference id',
      fields: ['AccountId'],
    });
  });

  it('checks value types, lengths, emails and restricted picklists', () => {
    expect(firstError(acme.create(admin, 'Account', { Name: 'A', NumberOfEmployees: 'many' })).statusCode).toBe(
      'JSON_PARSER_ERROR',
    );
    expect(firstError(acme.create(admin, 'Account', { Name: 'A', SLA_Expiration__c: 'soon' })).statusCode).toBe(
      'JSON_PARSER_ERROR',
    );
    expect(firstError(acme.create(admin, 'Account', { Name: 'x'.repeat(256) })).message).toMatch(
      /^Account Name: data value too large: x+ \(max length=255\)$/,
    );
    expect(firstError(acme.create(admin, 'Contact', { LastName: 'X', Email: 'not-an-email' }))).toEqual({
      statusCode: 'INVALID_EMAIL_ADDRESS',
      message: 'Email: invalid email address: not-an-email',
      fields: ['Email'],
    });
  });

  it('accepts ids in 15-character form and stores the 18-character form', () => {
    const account = anAccountId();
    const id = savedId(acme.create(admin, 'Contact', { LastName: 'Short', AccountId: account.slice(0, 15) }));
    expect(acme.core.get('Contact', id)?.AccountId).toBe(account);
  });

  it('refuses a duplicate value in a unique field', () => {
    const existing = [...acme.core.store.rows('Project__c')][0];
    const result = acme.create(admin, 'Project__c', { Name: 'Copy', Code__c: String(existing?.Code__c).toLowerCase() });
    expect(firstError(result)).toEqual({
      statusCode: 'DUPLICATE_VALUE',
      message: `duplicate value found: Code__c duplicates value on record with id: ${existing?.Id}`,
      fields: ['Code__c'],
    });
  });

  it('answers INVALID_TYPE_FOR_OPERATION for objects that cannot be inserted and INSUFFICIENT_ACCESS without create access', () => {
    expect(firstError(acme.create(admin, 'LoginHistory', {}))).toEqual({
      statusCode: 'INVALID_TYPE_FOR_OPERATION',
      message: 'entity type cannot be inserted: Login History',
      fields: [],
    });
    expect(firstError(acme.create(acmeCtx(world, 'standard'), 'Campaign', { Name: 'C' })).statusCode).toBe(
      'INSUFFICIENT_ACCESS_OR_READONLY',
    );
  });

  it('answers NOT_FOUND (thrown) for an object the user cannot see', () => {
    expect(() => acme.create(acmeCtx(world, 'integration'), 'Opportunity', { Name: 'x' })).toThrow(SfApiError);
  });
});

describe('updating and deleting records', () => {
  it('reports a malformed target id and a missing record per record, and maps them to 404 for single-record calls', () => {
    const malformed = acme.update(admin, 'Account', '001xyz', { Name: 'N' });
    expect(firstError(malformed)).toEqual({
      statusCode: 'MALFORMED_ID',
      message: 'Account ID: id value of incorrect type: 001xyz',
      fields: [],
    });
    expect(singleRecordError(malformed, '001xyz')).toEqual({
      status: 404,
      body: [
        {
          errorCode: 'NOT_FOUND',
          message: 'Provided external ID field does not exist or is not accessible: 001xyz',
        },
      ],
    });
    const missing = acme.remove(admin, 'Account', '001000000000000AAA');
    expect(firstError(missing).statusCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    expect(singleRecordError(missing, '001000000000000AAA').status).toBe(404);
  });

  it('moves deleted data records to the recycle bin, where queryAll still sees them', () => {
    const id = anAccountId();
    savedId(acme.remove(admin, 'Account', id));
    const rows = [...acme.dataSource(admin).rows('Account', true)].filter((r) => r.Id === id);
    expect(rows).toEqual([expect.objectContaining({ Id: id, IsDeleted: true })]);
    expect([...acme.dataSource(admin).rows('Account', false)].some((r) => r.Id === id)).toBe(false);
    expect(firstError(acme.update(admin, 'Account', id, { Name: 'Back' }))).toEqual({
      statusCode: 'ENTITY_IS_DELETED',
      message: 'entity is deleted',
      fields: [],
    });
  });

  it('deletes master-detail children with their master', () => {
    const invoice = [...acme.core.store.rows('Invoice__c')][0]?.Id ?? '';
    const lines = () => [...acme.core.store.rows('Invoice_Line__c')].filter((l) => l.Invoice__c === invoice);
    expect(lines().length).toBe(2);
    savedId(acme.remove(admin, 'Invoice__c', invoice));
    expect(lines()).toEqual([]);
  });

  it('refuses to clear a required field', () => {
    expect(firstError(acme.update(admin, 'Account', anAccountId(), { Name: null })).statusCode).toBe(
      'REQUIRED_FIELD_MISSING',
    );
  });
});

describe('upsert', () => {
  it('creates on the first call and updates on the second, saying which', () => {
    const created = acme.upsert(admin, 'Project__c', 'Code__c', 'UP-1', { Name: 'Upserted' });
    expect(created).toMatchObject({ success: true, created: true });
    const updated = acme.upsert(admin, 'Project__c', 'code__c', 'up-1', { Name: 'Upserted again' });
    expect(updated).toEqual({ id: created.id, success: true, errors: [], created: false });
    expect(acme.core.get('Project__c', created.id)?.Name).toBe('Upserted again');
  });

  it('reports several matches as DUPLICATE_EXTERNAL_ID (300 for single-record calls)', () => {
    const rows = [...acme.core.store.rows('Invoice__c')].slice(0, 2);
    for (const row of rows) acme.core.update('Invoice__c', row.Id, { External_Ref__c: 'SAME' }, null);
    const result = acme.upsert(admin, 'Invoice__c', 'External_Ref__c', 'SAME', { Amount__c: 1 });
    expect(firstError(result).statusCode).toBe('DUPLICATE_EXTERNAL_ID');
    expect(singleRecordError(result).status).toBe(300);
  });

  it('refuses a field that is not an external id', () => {
    expect(() => acme.upsert(admin, 'Account', 'Industry', 'Energy', {})).toThrow(
      'Provided external ID field does not exist or is not accessible: Industry',
    );
  });
});

describe('retrieve', () => {
  it('returns the requested fields with attributes', () => {
    const id = anAccountId();
    expect(acme.retrieve(admin, 'account', id.slice(0, 15), ['Name', 'industry'])).toEqual({
      attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${id}` },
      Name: 'Initech',
      Industry: 'Technology',
    });
  });

  it('returns only the fields the user can read', () => {
    const record = acme.retrieve(acmeCtx(world, 'integration'), 'Account', anAccountId());
    expect(Object.keys(record)).toEqual(expect.arrayContaining(['Id', 'Name', 'Industry', 'Phone']));
    expect(Object.keys(record)).not.toContain('AnnualRevenue');
  });

  it('answers INVALID_FIELD for hidden fields and NOT_FOUND for bad or missing ids', () => {
    const integration = acmeCtx(world, 'integration');
    expect(() => acme.retrieve(integration, 'Account', anAccountId(), ['AnnualRevenue'])).toThrow(
      /No such column 'AnnualRevenue' on entity 'Account'/,
    );
    expect(() => acme.retrieve(admin, 'Account', 'nope')).toThrow(
      'Provided external ID field does not exist or is not accessible: nope',
    );
    expect(() => acme.retrieve(admin, 'Account', permissionSetId(acme, 'GRAX_Viewer'))).toThrow(
      'Provided external ID field does not exist',
    );
    expect(() => acme.retrieve(admin, 'Account', '001000000000000AAA')).toThrow(
      'The requested resource does not exist',
    );
  });
});
