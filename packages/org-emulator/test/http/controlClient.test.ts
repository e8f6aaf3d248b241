/**
 * The package's ControlClient drives an emulator over HTTP as a test in another process would: it lists the orgs,
 * injects a fault that a Salesforce call then meets, expires tokens and reports statistics, and turns a refusal into
 * an error carrying the emulator's message.
 */
import type { Connection } from 'jsforce';
import { ControlClient, ControlClientError, type RunningEmulator } from '../../src/index';
import { ACME_INTEGRATION, API_VERSION, DEMO_ORGS, DEMO_USERS, connect, startTestEmulator } from './support/emulator';

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

describe('sandbox refresh', () => {
  const integration = DEMO_USERS.acmeSandbox.integration;
  let own: RunningEmulator;
  let control: ControlClient;

  beforeEach(async () => {
    own = await startTestEmulator();
    control = new ControlClient(own.controlUrl);
  });
  afterEach(() => own.close());

  it('gives the sandbox a new org id at the same My Domain and ends every token issued before', async () => {
    const before = await connect(own.sandboxLoginUrl, integration.username, integration.password);
    const refreshToken = before.conn.refreshToken ?? '';
    expect(refreshToken).not.toBe('');

    const newId = await control.refreshSandbox(DEMO_ORGS.acmeSandbox.id);
    expect(newId).toMatch(/^00D[A-Za-z0-9]{15}$/);
    expect(newId).not.toBe(DEMO_ORGS.acmeSandbox.id);
    const sandbox = (await control.orgs()).find((o) => o.name === 'Acme Sandbox');
    expect(sandbox).toMatchObject({ id: newId, instanceUrl: before.conn.instanceUrl });

    const call = await fetch(`${before.conn.instanceUrl}/services/data/v${API_VERSION}/limits`, {
      headers: { Authorization: `Bearer ${before.conn.accessToken}` },
    });
    expect(call.status).toBe(401);
    await expect(before.oauth2.refreshToken(refreshToken)).rejects.toThrow(
      /invalid_grant|expired access\/refresh token/,
    );

    // The same integration user signs in again, now in the org with the new id.
    const after = await connect(own.sandboxLoginUrl, integration.username, integration.password);
    const identity = await after.conn.identity();
    expect(identity.organization_id).toBe(newId);
    expect((await after.conn.query('SELECT Id FROM Organization')).records[0]?.Id).toBe(newId);
  });

  it('refuses to refresh a production org, and a reset brings back the seeded id', async () => {
    await expect(control.refreshSandbox(DEMO_ORGS.acmeProduction.id)).rejects.toThrow(/is not a sandbox/);
    await control.refreshSandbox(DEMO_ORGS.acmeSandbox.id);
    await control.reset();
    expect((await control.orgs()).map((o) => o.id)).toContain(DEMO_ORGS.acmeSandbox.id);
  });
});
