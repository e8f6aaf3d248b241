/**
 * Token lifecycle against the emulator: an expired session is refreshed once for every caller, rotated refresh
 * tokens are stored, and a refused refresh token turns the connection into `reauthorization_required` with an audit
 * event, a banner with Reconnect on every connection page, and a working Reconnect.
 */
import { refreshTokens } from '@service/salesforce/oauthClient';
import { DEMO_USERS } from '@grax-connect/org-emulator';
import type { ConnectionWorld, GraxBrowser } from '@test-support/worlds/connectionWorld';
import { startConnectionWorld, textOf } from '@test-support/worlds/connectionWorld';

const integration = DEMO_USERS.acmeProduction.integration;
const noJobs = { engine: { startAfterConnect: async () => 'no-job', kick: () => undefined } };

async function connectAsAdmin(world: ConnectionWorld): Promise<GraxBrowser> {
  const browser = world.browser();
  await browser.connect({ setupToken: world.setupToken }, integration);
  await browser.signIn();
  return browser;
}

function tokenCalls(world: ConnectionWorld): number {
  return world.emulator.control.stats().calls['POST /services/oauth2/token'] ?? 0;
}

describe('token lifecycle', () => {
  let world: ConnectionWorld;

  afterEach(async () => {
    await world.stop();
  });

  it('refreshes an expired session once for all concurrent calls', async () => {
    world = await startConnectionWorld({ composition: noJobs });
    await connectAsAdmin(world);
    const connections = world.features.flows.connections;
    const before = await connections.active();
    if (!before) throw new Error('not connected');
    world.emulator.control.expireTokens({ username: integration.username });
    const callsBefore = tokenCalls(world);

    const client = connections.client(before);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => client.query<{ Name: string }>('SELECT Name FROM Organization')),
    );
    expect(results.map((r) => r.records[0]?.Name)).toEqual(Array(5).fill('Acme Production'));
    expect(tokenCalls(world) - callsBefore).toBe(1);
    const after = await connections.active();
    expect(after?.state).toBe('connected');
    expect(after?.accessToken).not.toBe(before.accessToken);
    expect(after?.refreshToken).toBe(before.refreshToken);
  });

  it('stores a rotated refresh token; the old one stops working', async () => {
    world = await startConnectionWorld({ composition: noJobs, clientApp: { refreshTokenRotation: true } });
    await connectAsAdmin(world);
    const connections = world.features.flows.connections;
    const before = await connections.active();
    if (!before?.refreshToken) throw new Error('not connected');
    world.emulator.control.expireTokens({ username: integration.username });
    await connections.client(before).query('SELECT Id FROM Organization');
    const after = await connections.active();
    expect(after?.refreshToken).toBeTruthy();
    expect(after?.refreshToken).not.toBe(before.refreshToken);
    const app = connections.clientApp();
    await expect(refreshTokens(before.loginUrl, app, before.refreshToken)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('asks for reauthorization when Salesforce refuses the refresh token, and Reconnect restores it', async () => {
    world = await startConnectionWorld({ composition: noJobs });
    const browser = await connectAsAdmin(world);
    const connections = world.features.flows.connections;
    const connection = await connections.active();
    if (!connection) throw new Error('not connected');
    world.emulator.control.revokeTokens({ username: integration.username });

    await expect(connections.client(connection).query('SELECT Id FROM Organization')).rejects.toMatchObject({
      code: 'RECONNECT_REQUIRED',
    });
    const needing = await connections.active();
    expect(needing?.state).toBe('reauthorization_required');
    expect(needing?.lastError?.message).toContain('expired access/refresh token');
    const audit = await world.service.store.audit.list({ action: 'connection.reauthorization_required' });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor.kind).toBe('system');

    for (const path of ['/web', '/web/settings/salesforce']) {
      const page = await browser.get(path);
      expect(textOf(page.html)).toContain('GRAX needs to be reconnected');
      expect(page.html).toContain('href="/web/connect?reconnect=1"');
    }

    const form = await browser.get('/web/connect?reconnect=1');
    expect(textOf(form.html)).toContain('Reconnect Salesforce');
    expect(form.html).toMatch(/<option value="production" selected>/);
    const landed = await browser.connect({}, integration);
    expect(landed.status).toBe(303);
    expect(landed.location).toBe('/web?done=reconnected');
    expect(textOf((await browser.get(landed.location ?? '')).html)).toContain(
      `GRAX is reconnected to Acme Production as ${integration.username}.`,
    );
    const reconnected = await connections.active();
    expect(reconnected?.state).toBe('connected');
    expect(reconnected?.id).not.toBe(connection.id);
    expect((await world.service.store.audit.list({ action: 'connection.reconnected' })).length).toBe(1);
    await expect(
      connections.client(reconnected ?? connection).query('SELECT Id FROM Organization'),
    ).resolves.toBeTruthy();
    expect(textOf((await browser.get('/web')).html)).not.toContain('GRAX needs to be reconnected');
  });
});
