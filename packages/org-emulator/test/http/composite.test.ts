/**
 * sObject Collections, composite and composite batch through jsforce 3 and raw HTTP: per-record results, allOrNone
 * rollback, references between subrequests (Query More chained by nextRecordsUrl), the limits on subrequests and
 * records, and how each call is counted against the API allowance.
 */
import type { Connection } from 'jsforce';
import type { RunningEmulator } from '../../src/index';
import { API_VERSION, DEMO_ORGS, DEMO_USERS, connect, startTestEmulator } from './support/emulator';

let emulator: RunningEmulator;
let admin: Connection;

beforeAll(async () => {
  emulator = await startTestEmulator();
  const user = DEMO_USERS.acmeProduction.ssoAdmin;
  admin = (await connect(emulator.productionLoginUrl, user.username, user.password)).conn;
});
afterAll(() => emulator.close());

const data = `/services/data/v${API_VERSION}`;

async function post(path: string, body: unknown, method = 'POST'): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${admin.instanceUrl}${data}${path}`, {
    method,
    headers: { Authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

function apiUsed(): number {
  return emulator.control.stats().apiUsage[DEMO_ORGS.acmeProduction.id]?.used ?? -1;
}

async function countOf(soql: string): Promise<number> {
  return (await admin.query(soql)).totalSize;
}

describe('sObject Collections', () => {
  it('creates, retrieves, updates and deletes records with per-record results in order', async () => {
    const created = await admin.sobject('Account').create([{ Name: 'Col A' }, { Name: 'Col B' }], { allOrNone: false });
    expect(created.map((r) => r.success)).toEqual([true, true]);
    const ids = created.map((r) => (r as { id: string }).id);
    const retrieved = (await admin.sobject('Account').retrieve(ids, { fields: ['Name'] })) as unknown as {
      Name: string;
    }[];
    expect(retrieved.map((r) => r.Name)).toEqual(['Col A', 'Col B']);
    const updated = await admin.sobject('Account').update(ids.map((Id, i) => ({ Id, Name: `Col ${i} updated` })));
    expect(updated.every((r) => r.success)).toBe(true);
    const destroyed = await admin.sobject('Account').destroy(ids);
    expect(destroyed.every((r) => r.success)).toBe(true);
    expect(await countOf("SELECT COUNT() FROM Account WHERE Name LIKE 'Col %'")).toBe(0);
  });

  it('keeps the good records and reports the bad one without allOrNone', async () => {
    const res = await post('/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, Name: 'Partial Good' },
        { attributes: { type: 'Account' }, Industry: 'No name' },
      ],
    });
    expect(res.status).toBe(200);
    const [good, bad] = res.json as Record<string, unknown>[];
    expect(good).toMatchObject({ success: true, errors: [] });
    expect(bad).toEqual({
      success: false,
      errors: [
        { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] },
      ],
    });
    expect(await countOf("SELECT COUNT() FROM Account WHERE Name = 'Partial Good'")).toBe(1);
  });

  it('rolls everything back with allOrNone and marks the good records ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const results = await admin.sobject('Account').create([{ Name: 'Rollback A' }, { Industry: 'No name' }], {
      allOrNone: true,
    });
    expect(results[0]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
          message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
          fields: [],
        },
      ],
    });
    expect(results[1]?.success).toBe(false);
    expect(await countOf("SELECT COUNT() FROM Account WHERE Name = 'Rollback A'")).toBe(0);
  });

  it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const records = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Account' }, Name: `Too many ${i}` }));
    const res = await post('/composite/sobjects', { records });
    expect(res).toEqual({
      status: 400,
      json: [
        {
          message: 'record limit reached. cannot submit more than 200 records into this call',
          errorCode: 'EXCEEDED_ID_LIMIT',
        },
      ],
    });
  });

  it('processes records of several types in up to 10 chunks and refuses an 11th', async () => {
    const alternating = (count: number) =>
      Array.from({ length: count }, (_, i) =>
        i % 2 === 0
          ? { attributes: { type: 'Account' }, Name: `Chunk ${i}` }
          : { attributes: { type: 'Contact' }, LastName: `Chunk ${i}` },
      );
    const ten = await post('/composite/sobjects', { records: alternating(10) });
    expect(ten.status).toBe(200);
    expect((ten.json as { success: boolean }[]).every((r) => r.success)).toBe(true);
    const eleven = await post('/composite/sobjects', { records: alternating(11) });
    expect(eleven).toEqual({
      status: 400,
      json: [
        {
          message:
            'Cannot have more than 10 chunks in a single operation. Please rearrange the data to reduce chunking.',
          errorCode: 'EXCEEDED_ID_LIMIT',
        },
      ],
    });
    expect(await countOf("SELECT COUNT() FROM Account WHERE Name LIKE 'Chunk %'")).toBe(5);
  });

  it('refuses records of several types when one of them is a setup object, and saves none', async () => {
    const records = [
      { attributes: { type: 'Account' }, Name: 'Mixed setup' },
      { attributes: { type: 'PermissionSet' }, Name: 'Mixed_Setup', Label: 'Mixed setup' },
    ];
    const res = await post('/composite/sobjects', { records });
    expect(res).toEqual({
      status: 400,
      json: [
        {
          message:
            'DML operation on setup object is not permitted after you have updated a non-setup object (or vice versa): PermissionSet, original object: Account',
          errorCode: 'MIXED_DML_OPERATION',
        },
      ],
    });
    expect(await countOf("SELECT COUNT() FROM Account WHERE Name = 'Mixed setup'")).toBe(0);
    const setRows = [
      { attributes: { type: 'PermissionSet' }, Name: 'Mixed_Setup', Label: 'Mixed setup' },
      { attributes: { type: 'PermissionSet' }, Name: 'Mixed_Setup_2', Label: 'Mixed setup 2' },
    ];
    const oneSetupType = await post('/composite/sobjects', { records: setRows });
    expect((oneSetupType.json as { success: boolean }[]).map((r) => r.success)).toEqual([true, true]);
  });

  it('upserts by external id (API 46+)', async () => {
    const body = {
      records: [
        { attributes: { type: 'Project__c' }, Code__c: 'COL-UP-1', Name: 'Collection upsert' },
        { attributes: { type: 'Project__c' }, Code__c: 'COL-UP-1', Name: 'Collection upsert again' },
      ],
    };
    const res = await post('/composite/sobjects/Project__c/Code__c', body, 'PATCH');
    const [first, second] = res.json as { created: boolean; success: boolean }[];
    expect(first).toMatchObject({ success: true, created: true });
    expect(second).toMatchObject({ success: true, created: false });
  });
});

describe('composite', () => {
  it('lists every composite resource of the version, as the documented example shows', async () => {
    expect(Object.entries(await admin.request<Record<string, string>>(`${data}/composite`))).toEqual([
      ['tree', `${data}/composite/tree`],
      ['batch', `${data}/composite/batch`],
      ['sobjects', `${data}/composite/sobjects`],
      ['graph', `${data}/composite/graph`],
    ]);
    expect(await admin.request('/services/data/v45.0/composite')).toEqual({
      tree: '/services/data/v45.0/composite/tree',
      batch: '/services/data/v45.0/composite/batch',
      sobjects: '/services/data/v45.0/composite/sobjects',
    });
  });

  it('runs dependent subrequests with references and counts as one API request', async () => {
    const before = apiUsed();
    const res = await post('/composite', {
      compositeRequest: [
        { method: 'POST', url: `${data}/sobjects/Account`, referenceId: 'acct', body: { Name: 'Composite Parent' } },
        {
          method: 'POST',
          url: `${data}/sobjects/Project__c`,
          referenceId: 'proj',
          body: { Name: 'Composite Child', Code__c: 'CMP-1', Account__c: '@{acct.id}' },
        },
        { method: 'GET', url: `${data}/sobjects/Project__c/@{proj.id}?fields=Account__c`, referenceId: 'read' },
        { method: 'GET', url: `${data}/sobjects/Account/describe`, referenceId: 'describe' },
      ],
    });
    expect(apiUsed()).toBe(before + 1);
    const responses = (
      res.json as {
        compositeResponse: {
          httpStatusCode: number;
          body: Record<string, unknown>;
          httpHeaders: Record<string, string>;
        }[];
      }
    ).compositeResponse;
    expect(responses.map((r) => r.httpStatusCode)).toEqual([201, 201, 200, 200]);
    const accountId = responses[0]?.body['id'];
    expect(responses[0]?.httpHeaders['Location']).toBe(`${data}/sobjects/Account/${String(accountId)}`);
    expect(responses[2]?.body['Account__c']).toBe(accountId);
    expect(responses[3]?.body['name']).toBe('Account');
  });

  it('chains Query More through @{ref.nextRecordsUrl} and reads array elements', async () => {
    const names = Array.from({ length: 210 }, (_, i) => ({
      Name: `Chain ${String(i).padStart(3, '0')}`,
      Industry: 'Chain',
    }));
    await admin.sobject('Account').create(names.slice(0, 200), { allOrNone: true });
    await admin.sobject('Account').create(names.slice(200), { allOrNone: true });
    const res = await post('/composite', {
      compositeRequest: [
        {
          method: 'GET',
          url: `${data}/query?q=${encodeURIComponent("SELECT Id, Name FROM Account WHERE Industry = 'Chain' ORDER BY Name")}`,
          referenceId: 'page1',
          httpHeaders: { 'Sforce-Query-Options': 'batchSize=200' },
        },
        { method: 'GET', url: '@{page1.nextRecordsUrl}', referenceId: 'page2' },
        { method: 'GET', url: `${data}/sobjects/Account/@{page2.records[9].Id}?fields=Name`, referenceId: 'last' },
      ],
    });
    const responses = (res.json as { compositeResponse: { httpStatusCode: number; body: Record<string, unknown> }[] })
      .compositeResponse;
    expect(responses.map((r) => r.httpStatusCode)).toEqual([200, 200, 200]);
    expect((responses[1]?.body['records'] as unknown[]).length).toBe(10);
    expect(responses[1]?.body['done']).toBe(true);
    expect(responses[2]?.body['Name']).toBe('Chain 209');
  });

  it('stops a subrequest whose reference has no value with PROCESSING_HALTED', async () => {
    const res = await post('/composite', {
      compositeRequest: [
        {
          method: 'GET',
          url: `${data}/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'none'")}`,
          referenceId: 'q',
        },
        { method: 'GET', url: `${data}/sobjects/Account/@{q.records[0].Id}`, referenceId: 'missing' },
      ],
    });
    const second = (res.json as { compositeResponse: { httpStatusCode: number; body: unknown }[] })
      .compositeResponse[1];
    expect(second).toMatchObject({
      httpStatusCode: 400,
      body: [
        {
          errorCode: 'PROCESSING_HALTED',
          message: 'Invalid reference specified. No value for q.records[0].Id found in q',
        },
      ],
    });
  });

  it('rolls back with allOrNone: the others answer PROCESSING_HALTED', async () => {
    const res = await post('/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${data}/sobjects/Account`, referenceId: 'good', body: { Name: 'All or none good' } },
        { method: 'POST', url: `${data}/sobjects/Account`, referenceId: 'bad', body: { Industry: 'No name' } },
        { method: 'POST', url: `${data}/sobjects/Account`, referenceId: 'after', body: { Name: 'All or none after' } },
      ],
    });
    expect(res.status).toBe(200);
    const responses = (res.json as { compositeResponse: { httpStatusCode: number; body: { errorCode: string }[] }[] })
      .compositeResponse;
    expect(responses.map((r) => r.httpStatusCode)).toEqual([400, 400, 400]);
    expect(responses.map((r) => r.body[0]?.errorCode)).toEqual([
      'PROCESSING_HALTED',
      'REQUIRED_FIELD_MISSING',
      'PROCESSING_HALTED',
    ]);
    expect(await countOf("SELECT COUNT() FROM Account WHERE Name LIKE 'All or none%'")).toBe(0);
  });

  it('refuses 26 subrequests, and more than 5 queries or collections', async () => {
    const describe = (i: number) => ({ method: 'GET', url: `${data}/sobjects/Account`, referenceId: `d${i}` });
    const tooMany = await post('/composite', { compositeRequest: Array.from({ length: 26 }, (_, i) => describe(i)) });
    expect(tooMany.status).toBe(400);
    expect((tooMany.json as { errorCode: string }[])[0]?.errorCode).toBe('LIMIT_EXCEEDED');
    const query = (i: number) => ({ method: 'GET', url: `${data}/query?q=SELECT+Id+FROM+User`, referenceId: `q${i}` });
    const queries = await post('/composite', { compositeRequest: Array.from({ length: 6 }, (_, i) => query(i)) });
    expect(queries.status).toBe(400);
    const five = await post('/composite', { compositeRequest: Array.from({ length: 5 }, (_, i) => query(i)) });
    expect(five.status).toBe(200);
  });

  it('refuses a body without referenceId, and invalid JSON', async () => {
    const missing = await post('/composite', {
      compositeRequest: [{ method: 'GET', url: `${data}/sobjects/Account` }],
    });
    expect(missing).toEqual({
      status: 400,
      json: [{ message: "'referenceId' is a required field.", errorCode: 'JSON_PARSER_ERROR' }],
    });
    const invalid = await post('/composite', '{"compositeRequest": [}');
    expect((invalid.json as { errorCode: string }[])[0]?.errorCode).toBe('JSON_PARSER_ERROR');
  });
});

describe('composite batch', () => {
  it('runs independent subrequests and counts each one', async () => {
    const before = apiUsed();
    const res = await post('/composite/batch', {
      batchRequests: [
        { method: 'GET', url: `v${API_VERSION}/limits` },
        { method: 'POST', url: `v${API_VERSION}/sobjects/Account`, richInput: { Name: 'Batch made' } },
        { method: 'GET', url: `v${API_VERSION}/sobjects/Nope__c/describe` },
      ],
    });
    expect(apiUsed()).toBe(before + 3);
    const body = res.json as { hasErrors: boolean; results: { statusCode: number }[] };
    expect(body.hasErrors).toBe(true);
    expect(body.results.map((r) => r.statusCode)).toEqual([200, 201, 404]);
  });

  it('halts after the first error when asked', async () => {
    const res = await post('/composite/batch', {
      haltOnError: true,
      batchRequests: [
        { method: 'GET', url: `v${API_VERSION}/sobjects/Nope__c/describe` },
        { method: 'GET', url: `v${API_VERSION}/limits` },
      ],
    });
    const results = (res.json as { results: { statusCode: number; result: unknown }[] }).results;
    expect(results[1]).toEqual({
      statusCode: 412,
      result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }],
    });
  });

  it('refuses 26 subrequests', async () => {
    const batchRequests = Array.from({ length: 26 }, () => ({ method: 'GET', url: `v${API_VERSION}/limits` }));
    expect((await post('/composite/batch', { batchRequests })).status).toBe(400);
  });
});
