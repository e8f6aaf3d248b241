/**
 * The package's ControlClient drives an emulator over HTTP as a test in another process would: it lists the orgs,
 * injects a fault that a Salesforce call then meets, expires tokens and reports statistics, and turns a refusal into
 * an error carrying the emulator's message.
 */
import type { Connection } from 'jsforce';
import { ControlClient, ControlClientError, type RunningEmulator } from '../../src/index';
import { ACME_INTEGRATION, API_VERSION, DEMO_ORGS, connect, startTestEmulator } from './support/emulator';

let emulator: RunningEmulator;
let conn: Connection;
let client: ControlClient;

beforeAll(async () => {
  emulator = await startTestEmulator();
  conn = (await connect(emulator.productionLoginUrl, ACME_INTEGRATION.username, ACME_INTEGRATION.password)).conn;
  client = new ControlClient(`${emulator.controlUrl}/`);
});
afterAll(() => emulator.close());

const limits = (): Promise<Response> =>
  fetch(`${conn.instanceUrl}/services/data/v${API_VERSION}/limits`, {
    headers: { Authorization: `Bearer ${conn.accessToken}` },
  });

it('lists the running orgs with their My Domain URLs', async () => {
  const orgs = await client.orgs();
  const acme = orgs.find((o) => o.id === DEMO_ORGS.acmeProduction.id);
  expect(acme?.instanceUrl).toBe(conn.instanceUrl);
});

it('injects a fault that the next Salesforce call meets, then clears it', async () => {
  await client.addFault({ method: 'GET', path: '/services/data/*/limits', count: 5, status: 503 });
  expect((await limits()).status).toBe(503);
  await client.clearFaults();
  expect((await limits()).status).toBe(200);
});

it('expires the integration user’s tokens so the next call needs a refresh', async () => {
  expect(await client.expireTokens({ username: ACME_INTEGRATION.username })).toBeGreaterThan(0);
  const res = await limits();
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_SESSION_ID' })]);
});

it('reports the calls it served', async () => {
  const stats = await client.stats();
  expect(JSON.stringify(stats)).toContain('limits');
});

it('throws the emulator’s own message for a refused call', async () => {
  const refused = client.setLatency(-1);
  await expect(refused).rejects.toBeInstanceOf(ControlClientError);
  await expect(refused).rejects.toThrow(/POST \/latency: Invalid request body: ms/);
});
