/**
 * The REST API through unmodified jsforce 3 and raw HTTP: versions, describe, CRUD and upsert, query and queryAll
 * paging (2,000 by default) with Query More and autoFetch, column metadata, aggregates, the API allowance and its header, and Salesforce's error for
 * each bad request.
 */
import type { Connection } from 'jsforce';
import type { RunningEmulator } from '../../src/index';
import { ACME_INTEGRATION, API_VERSION, DEMO_ORGS, DEMO_USERS, connect, startTestEmulator } from './support/emulator';

let emulator: RunningEmulator;
let admin: Connection;
let integration: Connection;
let acmeUrl: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  const login = emulator.productionLoginUrl;
  admin = (
    await connect(login, DEMO_USERS.acmeProduction.ssoAdmin.username, DEMO_USERS.acmeProduction.ssoAdmin.password)
  ).conn;
  integration = (await connect(login, ACME_INTEGRATION.username, ACME_INTEGRATION.password)).conn;
  acmeUrl = admin.instanceUrl;
});
afterAll(() => emulator.close());

async function raw(
  conn: Connection | undefined,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: unknown; text: string }> {
  const res = await fetch(path.startsWith('http') ? path : `${acmeUrl}${path}`, {
    method,
    headers: {
      ...(conn ? { Authorization: `Bearer ${conn.accessToken}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

const data = `/services/data/v${API_VERSION}`;

describe('versions and resources', () => {
  it('lists versions without authentication and without a limit header, also at //services/data', async () => {
    for (const path of ['/services/data', '/services/data/', '//services/data']) {
      const res = await raw(undefined, 'GET', path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
      expect(res.headers.get('sforce-limit-info')).toBeNull();
      expect(res.json).toEqual(
        expect.arrayContaining([{ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' }]),
      );
    }
  });

  it('lists the resources of a version, with the identity URL, and counts the call', async () => {
    const res = await raw(admin, 'GET', `${data}/`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ sobjects: `${data}/sobjects`, query: `${data}/query`, limits: `${data}/limits` });
    expect((res.json as Record<string, string>)['identity']).toContain(`/id/${DEMO_ORGS.acmeProduction.id}/`);
    expect(res.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/15000$/);
  });

  it('answers NOT_FOUND for unknown paths, unknown versions and resources newer than the version', async () => {
    const notFound = [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }];
    expect((await raw(admin, 'GET', `${data}/nothing-here`)).json).toEqual(notFound);
    expect((await raw(admin, 'GET', '/services/data/v99.0/sobjects')).json).toEqual(notFound);
    expect((await raw(admin, 'GET', '/services/data/v41.0/composite/sobjects/Account?ids=x')).status).toBe(404);
    expect((await raw(admin, 'GET', '/services/data/v55.0/named-credentials/credential')).status).toBe(404);
    expect((await raw(admin, 'GET', '/services/apexrest/x')).status).toBe(404);
  });

  it('answers 405 for a known resource with the wrong method', async () => {
    const res = await raw(admin, 'PUT', `${data}/sobjects`);
    expect(res.status).toBe(405);
    expect(res.json).toEqual([
      { errorCode: 'METHOD_NOT_ALLOWED', message: "HTTP Method 'PUT' not allowed. Allowed are GET,HEAD" },
    ]);
  });
});

describe('authentication', () => {
  it('answers 401 INVALID_SESSION_ID without or with a bad token', async () => {
    const expected = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
    expect(await raw(undefined, 'GET', `${data}/sobjects`)).toMatchObject({ status: 401, json: expected });
    const bad = await fetch(`${acmeUrl}${data}/sobjects`, {
      headers: { Authorization: 'Bearer 00D5g0000004CSw!nope' },
    });
    expect(bad.status).toBe(401);
  });

  it("refuses another org's token on this org's My Domain", async () => {
    const globex = await connect(
      emulator.productionLoginUrl,
      DEMO_USERS.globex.admin.username,
      DEMO_USERS.globex.admin.password,
    );
    const res = await fetch(`${acmeUrl}${data}/sobjects`, {
      headers: { Authorization: `Bearer ${globex.conn.accessToken}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });

  it('refuses a token without the api scope with the message jsforce does not refresh on', async () => {
    const token = emulator.control.issueToken({ username: ACME_INTEGRATION.username, scopes: ['id'] }).access_token;
    const res = await fetch(`${acmeUrl}${data}/sobjects`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([
      { message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });

  it('refuses a user without API Enabled with API_DISABLED_FOR_ORG', async () => {
    const token = emulator.control.issueToken({
      username: DEMO_USERS.acmeProduction.apiDisabled.username,
    }).access_token;
    const res = await fetch(`${acmeUrl}${data}/sobjects`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual([
      { message: 'The REST API is not enabled for this Organization.', errorCode: 'API_DISABLED_FOR_ORG' },
    ]);
  });
});

describe('describe', () => {
  it('describes the org and an object through jsforce', async () => {
    const global = await admin.describeGlobal();
    expect(global.sobjects.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Account', 'PermissionSet', 'Project__c']),
    );
    const account = await admin.describe('Account');
    expect(account.name).toBe('Account');
    expect(account.fields.map((f) => f.name)).toContain('AnnualRevenue');
    const info = await raw(admin, 'GET', `${data}/sobjects/account`);
    expect(info.json).toMatchObject({ objectDescribe: { name: 'Account' }, recentItems: [] });
  });

  it('hides fields the user cannot read', async () => {
    const account = await integration.describe('Account');
    expect(account.fields.map((f) => f.name)).not.toContain('AnnualRevenue');
  });

  it('answers NOT_FOUND for an unknown object', async () => {
    expect((await raw(admin, 'GET', `${data}/sobjects/Nope__c/describe`)).status).toBe(404);
  });
});

describe('records', () => {
  it('creates, reads, updates and deletes a record through jsforce', async () => {
    const created = await admin.sobject('Account').create({ Name: 'Initech', Industry: 'Technology' });
    expect(created).toMatchObject({ success: true, errors: [] });
    const id = (created as { id: string }).id;
    expect((await admin.sobject('Account').retrieve(id)) as Record<string, unknown>).toMatchObject({ Name: 'Initech' });
    await admin.sobject('Account').update({ Id: id, Name: 'Initech Corp' });
    const fields = await raw(admin, 'GET', `${data}/sobjects/Account/${id}?fields=Name`);
    expect(fields.json).toMatchObject({ Name: 'Initech Corp' });
    await admin.sobject('Account').destroy(id);
    expect((await raw(admin, 'GET', `${data}/sobjects/Account/${id}`)).status).toBe(404);
  });

  it("answers a failed save with Salesforce's error body", async () => {
    const res = await raw(admin, 'POST', `${data}/sobjects/Account`, JSON.stringify({ Industry: 'Technology' }));
    expect(res.status).toBe(400);
    expect(res.json).toEqual([
      { message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] },
    ]);
  });

  it('answers invalid JSON with JSON_PARSER_ERROR', async () => {
    const res = await raw(admin, 'POST', `${data}/sobjects/Account`, '{"Name": Initech}');
    expect(res.status).toBe(400);
    expect((res.json as { errorCode: string }[])[0]?.errorCode).toBe('JSON_PARSER_ERROR');
  });

  it('upserts by external id: 201 when created, 200 when updated', async () => {
    const path = `${data}/sobjects/Project__c/Code__c/PRJ-UPSERT-1`;
    const first = await raw(admin, 'PATCH', path, JSON.stringify({ Name: 'Upserted' }));
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ success: true, created: true });
    const second = await raw(admin, 'PATCH', path, JSON.stringify({ Name: 'Upserted again' }));
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ success: true, created: false, id: (first.json as { id: string }).id });
    const read = await raw(admin, 'GET', path);
    expect(read.json).toMatchObject({ Name: 'Upserted again' });
  });
});

describe('queries', () => {
  beforeAll(async () => {
    for (let batch = 0; batch < 3; batch++) {
      const records = Array.from({ length: 150 }, (_, i) => ({
        Name: `Paging ${batch * 150 + i}`,
        Industry: 'Paging',
      }));
      const results = await admin.sobject('Account').create(records, { allOrNone: true });
      expect(results.every((r) => r.success)).toBe(true);
    }
  });

  it('pages a result across three pages with Query More', async () => {
    const soql = "SELECT Id, Name FROM Account WHERE Industry = 'Paging' ORDER BY Name";
    const headers = { 'Sforce-Query-Options': 'batchSize=200' };
    const first = await admin.query(soql, { headers, autoFetch: false });
    expect(first.totalSize).toBe(450);
    expect(first.records).toHaveLength(200);
    expect(first.done).toBe(false);
    expect(first.nextRecordsUrl).toMatch(new RegExp(`${data}/query/01g\\w{15}-200$`));
    const second = await admin.queryMore(first.nextRecordsUrl as string);
    expect(second.records).toHaveLength(200);
    const third = await admin.queryMore(second.nextRecordsUrl as string);
    expect(third.records).toHaveLength(50);
    expect(third.done).toBe(true);
    expect(third.nextRecordsUrl).toBeUndefined();
  });

  it('fetches every page with autoFetch', async () => {
    const records: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      admin
        .query("SELECT Id FROM Account WHERE Industry = 'Paging'", {
          headers: { 'Sforce-Query-Options': 'batchSize=200' },
        })
        .on('record', (r: unknown) => records.push(r))
        .on('end', () => resolve())
        .on('error', reject)
        .run({ autoFetch: true, maxFetch: 1000 });
    });
    expect(records).toHaveLength(450);
  });

  it('pages 2,000 records by default, and no fewer than 200 whatever batchSize asks', async () => {
    const records = Array.from({ length: 2050 }, (_, i) => ({ Name: `Default Page ${i}`, Industry: 'Default Page' }));
    for (let start = 0; start < records.length; start += 200) {
      const saved = await admin.sobject('Account').create(records.slice(start, start + 200), { allOrNone: true });
      expect(saved.every((r) => r.success)).toBe(true);
    }
    const soql = "SELECT Id FROM Account WHERE Industry = 'Default Page'";
    const first = await admin.query(soql, { autoFetch: false });
    expect(first.records).toHaveLength(2000);
    expect(first.done).toBe(false);
    const rest = await admin.queryMore(first.nextRecordsUrl as string);
    expect(rest.records).toHaveLength(50);
    expect(rest.done).toBe(true);
    const small = await admin.query(soql, { headers: { 'Sforce-Query-Options': 'batchSize=50' }, autoFetch: false });
    expect(small.records).toHaveLength(200);
  });

  it('includes deleted records with queryAll (jsforce scanAll) and pages them with Query More', async () => {
    const saved = [];
    for (let start = 0; start < 201; start += 200) {
      const batch = Array.from({ length: Math.min(200, 201 - start) }, (_, i) => ({
        Name: `Recycled ${start + i}`,
        Industry: 'Recycled',
      }));
      saved.push(...(await admin.sobject('Account').create(batch, { allOrNone: true })));
    }
    const victim = (saved[0] as { id: string }).id;
    await admin.sobject('Account').destroy(victim);
    const soql = "SELECT Id, IsDeleted FROM Account WHERE Industry = 'Recycled'";
    expect((await admin.query(soql)).totalSize).toBe(200);
    const headers = { 'Sforce-Query-Options': 'batchSize=200' };
    const first = await admin.query<{ Id: string; IsDeleted: boolean }>(soql, {
      headers,
      autoFetch: false,
      scanAll: true,
    });
    expect(first.totalSize).toBe(201);
    const rest = await admin.queryMore<{ Id: string; IsDeleted: boolean }>(first.nextRecordsUrl as string);
    expect(rest.done).toBe(true);
    const all = [...first.records, ...rest.records];
    expect(all).toHaveLength(201);
    expect(all.find((r) => r.Id === victim)?.IsDeleted).toBe(true);

    // Salesforce's QueryAll answer names /query/ in nextRecordsUrl; both /query/ and /queryAll/ continue it.
    const raw1 = await raw(admin, 'GET', `${data}/queryAll?q=${encodeURIComponent(soql)}`, undefined, headers);
    const next = (raw1.json as { nextRecordsUrl: string }).nextRecordsUrl;
    expect(next).toMatch(new RegExp(`^${data}/query/01g\\w{15}-200$`));
    for (const path of [next, next.replace('/query/', '/queryAll/')]) {
      expect((await raw(admin, 'GET', path)).json).toMatchObject({ done: true, records: [{}] });
    }
  });

  it('answers relative nextRecordsUrl locators that expire after 15 minutes idle', async () => {
    const q = encodeURIComponent("SELECT Id FROM Account WHERE Industry = 'Paging'");
    const first = await raw(admin, 'GET', `${data}/query?q=${q}`, undefined, {
      'Sforce-Query-Options': 'batchSize=200',
    });
    const next = (first.json as { nextRecordsUrl: string }).nextRecordsUrl;
    expect(next).toMatch(new RegExp(`^${data}/query/01g\\w{15}-200$`));
    emulator.control.advanceClock(15 * 60 * 1000);
    const res = await raw(admin, 'GET', next);
    expect(res.status).toBe(400);
    expect(res.json).toEqual([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
    expect((await raw(admin, 'GET', `${data}/query/01gXXXXXXXXXXXXXXX-200`)).status).toBe(400);
  });

  it('answers aggregate queries and COUNT()', async () => {
    const grouped = await admin.query(
      "SELECT Industry, COUNT(Id) FROM Account WHERE Industry = 'Paging' GROUP BY Industry",
    );
    expect(grouped.records).toEqual([{ attributes: { type: 'AggregateResult' }, Industry: 'Paging', expr0: 450 }]);
    const count = await admin.query("SELECT COUNT() FROM Account WHERE Industry = 'Paging'");
    expect(count.totalSize).toBe(450);
    expect(count.records).toEqual([]);
  });

  it('answers column metadata with columns=true, as the Salesforce CLI asks', async () => {
    const q = encodeURIComponent('SELECT Id, Name FROM Organization');
    const res = await raw(admin, 'GET', `${data}/query?q=${q}&columns=true`);
    expect(res.json).toMatchObject({ entityName: 'Organization', idSelected: true, keyPrefix: '00D' });
  });

  it("answers malformed SOQL, unknown objects and hidden fields with Salesforce's errors", async () => {
    const malformed = await raw(admin, 'GET', `${data}/query?q=${encodeURIComponent('SELECT Id FRM Account')}`);
    expect(malformed.status).toBe(400);
    expect((malformed.json as { errorCode: string }[])[0]?.errorCode).toBe('MALFORMED_QUERY');
    const unknown = await raw(admin, 'GET', `${data}/query?q=${encodeURIComponent('SELECT Id FROM Nope__c')}`);
    expect((unknown.json as { errorCode: string }[])[0]?.errorCode).toBe('INVALID_TYPE');
    const unreadable = await raw(
      integration,
      'GET',
      `${data}/query?q=${encodeURIComponent('SELECT Id FROM Opportunity')}`,
    );
    expect(unreadable.status).toBe(400);
    expect((unreadable.json as { errorCode: string; message: string }[])[0]).toMatchObject({
      errorCode: 'INVALID_TYPE',
      message: expect.stringContaining("sObject type 'Opportunity' is not supported."),
    });
    const hidden = await raw(
      integration,
      'GET',
      `${data}/query?q=${encodeURIComponent('SELECT AnnualRevenue FROM Account')}`,
    );
    expect((hidden.json as { errorCode: string; message: string }[])[0]).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'AnnualRevenue' on entity 'Account'"),
    });
    const empty = await raw(admin, 'GET', `${data}/query?q=`);
    expect(empty.json).toEqual([{ message: 'A query string has to be specified', errorCode: 'MALFORMED_QUERY' }]);
  });
});

describe('error bodies', () => {
  /** The keys of each item of an error body, in order. */
  function keysOf(json: unknown): string[][] {
    return (json as Record<string, unknown>[]).map((item) => Object.keys(item));
  }

  it('carry fields only for errors about a record, as recorded responses show', async () => {
    const requestLevel = [
      await raw(undefined, 'GET', `${data}/sobjects`),
      await raw(admin, 'GET', `${data}/sobjects/Nope__c/describe`),
      await raw(admin, 'GET', `${data}/query?q=${encodeURIComponent('SELECT Nope__c FROM Account')}`),
      await raw(admin, 'POST', `${data}/sobjects/Account`, JSON.stringify({ Name: 'Initech', Nope__c: 1 })),
      await raw(admin, 'GET', `${data}/sobjects/Account/001000000000000AAA`),
    ];
    expect(requestLevel.map((r) => [r.status, (r.json as { errorCode: string }[])[0]?.errorCode])).toEqual([
      [401, 'INVALID_SESSION_ID'],
      [404, 'NOT_FOUND'],
      [400, 'INVALID_FIELD'],
      [400, 'INVALID_FIELD'],
      [404, 'NOT_FOUND'],
    ]);
    for (const r of requestLevel) expect(keysOf(r.json)).toEqual([['message', 'errorCode']]);
    const recordLevel = await raw(admin, 'POST', `${data}/sobjects/Account`, JSON.stringify({ Industry: 'Energy' }));
    expect(keysOf(recordLevel.json)).toEqual([['message', 'errorCode', 'fields']]);
  });
});

describe('API allowance', () => {
  it('reports usage in Sforce-Limit-Info, which jsforce reads, and in /limits', async () => {
    await admin.query('SELECT Id FROM User LIMIT 1');
    const usage = admin.limitInfo.apiUsage as { used: number; limit: number };
    expect(usage.limit).toBe(15000);
    const limits = (await admin.limits()) as unknown as { DailyApiRequests: { Max: number; Remaining: number } };
    expect(limits.DailyApiRequests.Max).toBe(15000);
    expect(limits.DailyApiRequests.Remaining).toBe(15000 - usage.used - 1);
  });

  it('refuses /limits to a user without View Setup and Configuration', async () => {
    const viewer = emulator.control.issueToken({ username: DEMO_USERS.acmeProduction.viewer.username });
    const res = await fetch(`${acmeUrl}${data}/limits`, {
      headers: { Authorization: `Bearer ${viewer.access_token}` },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { errorCode: string }[])[0]?.errorCode).toBe('INSUFFICIENT_ACCESS');
  });

  it('answers REQUEST_LIMIT_EXCEEDED once the allowance is spent, and does not count versions', async () => {
    emulator.control.spendAllowance(DEMO_ORGS.acmeProduction.id, 1);
    await admin.query('SELECT Id FROM User LIMIT 1');
    expect((await raw(undefined, 'GET', '/services/data')).status).toBe(200);
    await expect(admin.query('SELECT Id FROM User LIMIT 1')).rejects.toMatchObject({
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
      message: 'TotalRequests Limit exceeded.',
    });
    const res = await raw(admin, 'GET', `${data}/sobjects`);
    expect(res.status).toBe(403);
    expect(res.headers.get('sforce-limit-info')).toBe('api-usage=15000/15000');
    emulator.control.spendAllowance(DEMO_ORGS.acmeProduction.id, 10000);
  });
});
