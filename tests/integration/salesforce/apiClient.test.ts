/**
 * The Salesforce API client against the emulator over HTTP: counting calls the way Salesforce does, the Bearer header,
 * one refresh on an expired session, retries only where safe, stopping on REQUEST_LIMIT_EXCEEDED, and Query More
 * chained inside one composite call.
 */
import { readBatch, readQueries } from '@service/salesforce/api/compositeReader';
import { SalesforceClient, RequestLimitExceededError, SalesforceApiError } from '@service/salesforce/apiClient';
import { runIngestJob } from '@service/salesforce/api/bulkIngest';
import { ACME, startHarness, type Harness } from '@test-support/engine/harness';

let h: Harness;
let accounted: number[];

beforeEach(async () => {
  h = await startHarness();
  accounted = [];
});
afterEach(async () => {
  await h.close();
});

function client(options: { maxConcurrent?: number } = {}): SalesforceClient {
  const connection = h.connect('integration');
  return new SalesforceClient({
    instanceUrl: connection.instanceUrl,
    apiVersion: connection.apiVersion,
    tokens: connection.tokens,
    orgId: connection.orgId,
    maxConcurrent: options.maxConcurrent ?? 8,
    accounting: (_org, calls) => accounted.push(calls),
    retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 },
  });
}

const used = (): number => h.emulator.control.stats().apiUsage[ACME.id]?.used ?? 0;

it('counts every call as the org counts it, and reads Sforce-Limit-Info', async () => {
  const c = client();
  const before = used();
  await c.describeGlobal();
  await c.query('SELECT Id FROM User LIMIT 1');
  await c.composite([
    { method: 'GET', url: `${c.dataPath}/sobjects/Account/describe`, referenceId: 'a' },
    { method: 'GET', url: `${c.dataPath}/sobjects/Contact/describe`, referenceId: 'b' },
  ]);
  expect(c.calls).toBe(3);
  expect(used() - before).toBe(3);
  expect(accounted).toEqual([1, 1, 1]);
  expect(c.lastLimitInfo).toEqual({ used: used(), max: 15000 });
});

it('refreshes once on an expired session and retries the call', async () => {
  const c = client();
  await c.describeGlobal();
  h.emulator.control.expireTokens({ orgId: ACME.id });
  await expect(c.describe('Account')).resolves.toMatchObject({ name: 'Account' });
});

it('retries a 503 on a read, but never resends a write whose connection dropped', async () => {
  const c = client();
  h.emulator.control.addFault({ method: 'GET', path: '/services/data/*/sobjects', status: 503, count: 2 });
  await expect(c.describeGlobal()).resolves.toHaveProperty('sobjects');
  h.emulator.control.addFault({
    method: 'POST',
    path: '/services/data/*/sobjects/PermissionSet',
    dropConnection: true,
  });
  await expect(c.createRecord('PermissionSet', { Name: 'Never_Twice', Label: 'Never Twice' })).rejects.toMatchObject({
    errorCode: 'NETWORK_ERROR',
  });
  const sets = await c.query("SELECT Id FROM PermissionSet WHERE Name = 'Never_Twice'");
  expect(sets.totalSize).toBe(0);
});

it('retries UNABLE_TO_LOCK_ROW', async () => {
  const c = client();
  h.emulator.control.addFault({
    method: 'GET',
    path: '/services/data/*/limits',
    status: 400,
    body: [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' }],
  });
  await expect(c.limits()).resolves.toHaveProperty('DailyApiRequests');
});

it('stops for good on REQUEST_LIMIT_EXCEEDED without sending more calls', async () => {
  const c = client();
  h.emulator.control.spendAllowance(ACME.id, 0);
  await expect(c.describeGlobal()).rejects.toBeInstanceOf(RequestLimitExceededError);
  h.emulator.control.spendAllowance(ACME.id, 100);
  const before = h.emulator.control.stats().total;
  await expect(c.describe('Account')).rejects.toBeInstanceOf(RequestLimitExceededError);
  expect(h.emulator.control.stats().total).toBe(before);
});

it('chains Query More inside one composite call', async () => {
  const c = client();
  const soql = 'SELECT Id, Field FROM FieldPermissions';
  const total = (await c.query(soql)).totalSize;
  const pages = Math.ceil(total / 200);
  expect(pages).toBeGreaterThan(1);
  const before = c.calls;
  const rows = await readQueries(c, [{ key: 'fp', soql, batchSize: 200 }]);
  expect(rows.get('fp')).toHaveLength(total);
  expect(c.calls - before).toBe(Math.ceil(pages / 5));
});

it('reads 24 describes together with a query, within 25 subrequests per composite call', async () => {
  const c = client();
  const names = (await c.describeGlobal()).sobjects.slice(0, 24).map((o) => o.name);
  expect(names).toHaveLength(24);
  const before = c.calls;
  const batch = await readBatch(c, {
    describes: names,
    queries: [{ key: 'me', soql: `SELECT Id FROM User WHERE Id = '${h.connect('integration').userId}'` }],
  });
  expect([...batch.describes.keys()].sort()).toEqual([...names].sort());
  expect([...batch.describes.values()].filter((d) => d instanceof SalesforceApiError)).toEqual([]);
  expect(batch.queries.get('me')).toHaveLength(1);
  expect(c.calls - before).toBe(2);
});

it('types Salesforce errors', async () => {
  const c = client();
  await expect(c.query('SELECT Nope FROM Account')).rejects.toMatchObject({ status: 400, errorCode: 'INVALID_FIELD' });
  await expect(c.query('SELECT Nope FROM Account')).rejects.toBeInstanceOf(SalesforceApiError);
});

it('loads rows with a Bulk API 2.0 job, each HTTP call counted once', async () => {
  const c = client();
  const created = await c.createRecord('PermissionSet', { Name: 'Bulk_Test', Label: 'Bulk Test' });
  const before = used();
  const outcome = await runIngestJob(
    c,
    {
      object: 'ObjectPermissions',
      operation: 'insert',
      csv: `ParentId,SobjectType,PermissionsRead\n${created},Account,true\n${created},Nope__c,true\n`,
    },
    { poll: { initialMs: 10, maxMs: 50, timeoutMs: 10_000 } },
  );
  expect(outcome).toMatchObject({ state: 'JobComplete', processed: 2 });
  expect(outcome.failed).toHaveLength(1);
  expect(outcome.failed[0]?.row).toMatchObject({ SobjectType: 'Nope__c' });
  expect(used() - before).toBe(c.calls - 1);
});
