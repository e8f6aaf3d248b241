/**
 * Bulk API 2.0 query jobs: the result read as CSV in chunks with Sforce-Locator, parent fields as dotted columns, and
 * the queries Bulk API 2.0 refuses.
 */
import type { RunningEmulator } from '../../src/index';
import { parseCsv } from '../../src/http/bulk/csv';
import { API_VERSION, DEMO_USERS, startTestEmulator } from './support/emulator';

let emulator: RunningEmulator;
let token: string;
let base: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  const issued = emulator.control.issueToken({ username: DEMO_USERS.acmeProduction.ssoAdmin.username });
  token = issued.access_token;
  base = `${issued.instance_url}/services/data/v${API_VERSION}/jobs/query`;
});
afterAll(() => emulator.close());

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function finished(id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const job = JSON.parse((await call('GET', `/${id}`)).text) as Record<string, unknown>;
    if (job['state'] === 'JobComplete' || job['state'] === 'Failed') return job;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('query job did not finish');
}

describe('Bulk API 2.0 query jobs', () => {
  it('runs a query and returns the result as CSV in chunks', async () => {
    const created = await call('POST', '', {
      operation: 'query',
      query: 'SELECT Id, Field, Parent.Name FROM FieldPermissions ORDER BY Field',
    });
    expect(created.status).toBe(200);
    const job = JSON.parse(created.text) as { id: string; state: string; object: string };
    expect(job).toMatchObject({ state: 'UploadComplete', object: 'FieldPermissions' });
    const done = await finished(job.id);
    const total = done['numberRecordsProcessed'] as number;
    expect(total).toBeGreaterThan(10);

    const first = await call('GET', `/${job.id}/results?maxRecords=10`);
    expect(first.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(first.headers.get('sforce-numberofrecords')).toBe('10');
    const rows = parseCsv(first.text);
    expect(rows[0]).toEqual(['Id', 'Field', 'Parent.Name']);
    expect(rows[1]?.[0]).toMatch(/^01k/);
    const locator = first.headers.get('sforce-locator') as string;
    expect(locator).not.toBe('null');
    const rest = await call('GET', `/${job.id}/results?locator=${locator}`);
    expect(rest.headers.get('sforce-locator')).toBe('null');
    expect(parseCsv(rest.text).length - 1).toBe(total - 10);
  });

  it('refuses malformed SOQL and aggregates when the job is created', async () => {
    const malformed = await call('POST', '', { operation: 'query', query: 'SELECT Id FRM Account' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text)).toMatchObject([{ errorCode: 'MALFORMED_QUERY' }]);
    const aggregate = await call('POST', '', { operation: 'query', query: 'SELECT COUNT(Id) FROM Account' });
    expect(JSON.parse(aggregate.text)).toMatchObject([{ errorCode: 'INVALIDJOB' }]);
  });
});
