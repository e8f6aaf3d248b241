/**
 * SF_MAX_CONCURRENT_REQUESTS as the org sees it: a local server counts the client's requests that are open at once.
 * It answers only once as many requests as the cap are waiting (or the last ones arrived), so reaching the cap never
 * depends on timing; it then holds them a little longer, so a client that sent more would show it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SalesforceClient } from '@service/salesforce/apiClient';

const CAP = 3;
const REQUESTS = 12;

let server: http.Server;
let open = 0;
let peak = 0;
let received = 0;
let held: http.ServerResponse[] = [];

function release(): void {
  for (const res of held) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ name: 'Account', fields: [] }));
  }
  held = [];
}

beforeEach(async () => {
  open = 0;
  peak = 0;
  received = 0;
  held = [];
  server = http.createServer((req, res) => {
    open++;
    received++;
    peak = Math.max(peak, open);
    res.on('finish', () => open--);
    held.push(res);
    if (held.length === CAP || received === REQUESTS) setTimeout(release, 50);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterEach(async () => {
  release();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(orgId: string): SalesforceClient {
  return new SalesforceClient({
    instanceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    apiVersion: '62.0',
    orgId,
    tokens: { accessToken: async () => 'token', refresh: async () => 'token' },
    maxConcurrent: CAP,
  });
}

it('never has more requests open at the org than SF_MAX_CONCURRENT_REQUESTS, and uses all of them', async () => {
  const c = client('00D000000000001EAA');
  const answers = await Promise.all(Array.from({ length: REQUESTS }, () => c.describe('Account')));
  expect(answers).toHaveLength(REQUESTS);
  expect(received).toBe(REQUESTS);
  expect(peak).toBe(CAP);
  expect(c.calls).toBe(REQUESTS);
});

it('shares the cap between every client of the same org (a job, a preview and a web page at once)', async () => {
  const clients = [client('00D000000000002EAA'), client('00D000000000002'), client('00D000000000002EAA')];
  await Promise.all(Array.from({ length: REQUESTS }, (_, i) => clients[i % clients.length]?.describe('Account')));
  expect(received).toBe(REQUESTS);
  expect(peak).toBe(CAP);
});
