/**
 * Bulk API 2.0 ingest of FieldPermissions, as Data Loader does for large permission loads: create a job, upload CSV,
 * close it, poll until it finishes, and read the successful and failed records. Each HTTP call counts as one API
 * request, and records are saved with the running user's permission rules.
 */
import type { Connection } from 'jsforce';
import type { RunningEmulator } from '../../src/index';
import { parseCsv } from '../../src/http/bulk/csv';
import { ACME_INTEGRATION, API_VERSION, DEMO_ORGS, connect, startTestEmulator } from './support/emulator';

let emulator: RunningEmulator;
let conn: Connection;

beforeAll(async () => {
  emulator = await startTestEmulator();
  conn = (await connect(emulator.productionLoginUrl, ACME_INTEGRATION.username, ACME_INTEGRATION.password)).conn;
});
afterAll(() => emulator.close());

async function call(method: string, path: string, body?: string, contentType = 'application/json') {
  const res = await fetch(`${conn.instanceUrl}/services/data/v${API_VERSION}/jobs/ingest${path}`, {
    method,
    headers: { Authorization: `Bearer ${conn.accessToken}`, 'content-type': contentType },
    body,
  });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

function used(): number {
  return emulator.control.stats().apiUsage[DEMO_ORGS.acmeProduction.id]?.used ?? -1;
}

async function waitForEnd(jobId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const job = JSON.parse((await call('GET', `/${jobId}`)).text) as Record<string, unknown>;
    if (job['state'] === 'JobComplete' || job['state'] === 'Failed') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('job did not finish');
}

describe('Bulk API 2.0 ingest', () => {
  it('loads FieldPermissions from CSV and reports successes and failures', async () => {
    const set = await conn
      .sobject('PermissionSet')
      .create({ Name: 'Emulator_Bulk_Fields', Label: 'Emulator Bulk Fields' });
    const parentId = (set as { id: string }).id;
    const before = used();

    const created = await call(
      'POST',
      '',
      JSON.stringify({ object: 'FieldPermissions', operation: 'insert', lineEnding: 'LF' }),
    );
    expect(created.status).toBe(200);
    const job = JSON.parse(created.text) as { id: string; state: string; contentUrl: string };
    expect(job.state).toBe('Open');
    expect(job.id).toMatch(/^750/);
    expect(job.contentUrl).toBe(`services/data/v${API_VERSION}/jobs/ingest/${job.id}/batches`);

    const csv = [
      'ParentId,SobjectType,Field,PermissionsRead,PermissionsEdit',
      `${parentId},Account,Account.Website,true,false`,
      `${parentId},Account,Account.AnnualRevenue,true,true`,
      `${parentId},Account,Account.Nope__c,true,false`,
    ].join('\n');
    expect((await call('PUT', `/${job.id}/batches`, csv, 'text/csv')).status).toBe(201);
    const closed = await call('PATCH', `/${job.id}`, JSON.stringify({ state: 'UploadComplete' }));
    expect(JSON.parse(closed.text)).toMatchObject({ state: 'UploadComplete' });

    const done = await waitForEnd(job.id);
    expect(done).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 3, numberRecordsFailed: 1 });

    const successes = await call('GET', `/${job.id}/successfulResults`);
    expect(successes.type).toMatch(/^text\/csv/);
    const successRows = parseCsv(successes.text);
    expect(successRows[0]).toEqual([
      'sf__Id',
      'sf__Created',
      'ParentId',
      'SobjectType',
      'Field',
      'PermissionsRead',
      'PermissionsEdit',
    ]);
    expect(successRows.slice(1).map((r) => r[4])).toEqual(['Account.Website', 'Account.AnnualRevenue']);
    expect(successRows[1]?.[0]).toMatch(/^01k/);

    const failures = parseCsv((await call('GET', `/${job.id}/failedResults`)).text);
    expect(failures[0]?.slice(0, 2)).toEqual(['sf__Id', 'sf__Error']);
    expect(failures[1]?.[1]).toMatch(/^[A-Z_]+:.+ --$/);
    expect(failures[1]?.[4]).toBe('Account.Nope__c');

    const rows = await conn.query<{ Field: string }>(
      `SELECT Field FROM FieldPermissions WHERE ParentId = '${parentId}'`,
    );
    expect(rows.records.map((r) => r.Field).sort()).toEqual(['Account.AnnualRevenue', 'Account.Website']);
    // Create, upload, close, every poll, and the two result downloads each counted once.
    expect(used() - before).toBeGreaterThanOrEqual(6);
  });

  it('fails a job whose CSV names a column that is not a field', async () => {
    const job = JSON.parse(
      (await call('POST', '', JSON.stringify({ object: 'FieldPermissions', operation: 'insert' }))).text,
    ) as {
      id: string;
    };
    await call('PUT', `/${job.id}/batches`, 'ParentId,Bogus\nx,y\n', 'text/csv');
    await call('PATCH', `/${job.id}`, JSON.stringify({ state: 'UploadComplete' }));
    expect(await waitForEnd(job.id)).toMatchObject({
      state: 'Failed',
      errorMessage: 'InvalidBatch : Field name not found : Bogus',
    });
  });

  it('refuses a second upload and an unknown operation', async () => {
    const job = JSON.parse(
      (await call('POST', '', JSON.stringify({ object: 'Account', operation: 'insert' }))).text,
    ) as { id: string };
    expect((await call('PUT', `/${job.id}/batches`, 'Name\nA\n', 'text/csv')).status).toBe(201);
    expect((await call('PUT', `/${job.id}/batches`, 'Name\nB\n', 'text/csv')).status).toBe(400);
    const bad = await call('POST', '', JSON.stringify({ object: 'Account', operation: 'merge' }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject([{ errorCode: 'INVALIDJOB' }]);
  });
});
