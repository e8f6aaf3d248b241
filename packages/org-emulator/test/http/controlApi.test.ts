/**
 * The control API under /__emulator/ over HTTP: faults (status, dropped connection, latency), token expiry and
 * revocation, allowance, clock, statistics, client apps, data edits and reset; and that nothing of it leaks onto
 * Salesforce paths.
 */
import type { Connection } from 'jsforce';
import type { RunningEmulator } from '../../src/index';
import {
  ACME_INTEGRATION,
  API_VERSION,
  DEMO_ORGS,
  DEMO_USERS,
  TEST_APP,
  connect,
  oauthClient,
  startTestEmulator,
} from './support/emulator';
import { logIn, open, redirectParams } from './support/browser';

let emulator: RunningEmulator;
let conn: Connection;

beforeAll(async () => {
  emulator = await startTestEmulator();
  conn = (await connect(emulator.productionLoginUrl, ACME_INTEGRATION.username, ACME_INTEGRATION.password)).conn;
});
afterAll(() => emulator.close());

async function control(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
  const res = await fetch(`${emulator.controlUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const data = `/services/data/v${API_VERSION}`;

function api(path: string, token = conn.accessToken): Promise<Response> {
  return fetch(`${conn.instanceUrl}${data}${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

describe('faults', () => {
  it('answers the next matching calls with the given status and body, then recovers', async () => {
    const added = await control('/faults', {
      method: 'GET',
      path: '/services/data/*/limits',
      count: 2,
      status: 503,
      body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Down for maintenance' }],
    });
    expect(added.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await api('/limits');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual([{ errorCode: 'SERVER_UNAVAILABLE', message: 'Down for maintenance' }]);
    }
    expect((await api('/limits')).status).toBe(200);
  });

  it('drops the connection', async () => {
    await control('/faults', { pathRegex: '/sobjects$', dropConnection: true });
    await expect(api('/sobjects')).rejects.toThrow();
    expect((await api('/sobjects')).status).toBe(200);
  });

  it('adds latency to matching calls, and to every call with /latency', async () => {
    await control('/faults', { path: '/services/data/*/limits', latencyMs: 150 });
    let started = Date.now();
    expect((await api('/limits')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await control('/latency', { ms: 100 });
    started = Date.now();
    await api('/limits');
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    await control('/latency', { ms: 0 });
  });

  it('explains bad input with 400', async () => {
    const res = await control('/faults', { status: 503 });
    expect(res.status).toBe(400);
    expect(String(res.json['error'])).toContain('path');
    const unknown = await control('/nothing', {});
    expect(unknown.status).toBe(404);
  });
});

describe('tokens, allowance and clock', () => {
  it("expires a user's sessions; jsforce refreshes", async () => {
    const before = conn.accessToken as string;
    const expired = await control('/tokens/expire', { username: ACME_INTEGRATION.username });
    expect(expired.json['count']).toBeGreaterThan(0);
    expect((await api('/limits', before)).status).toBe(401);
    await conn.query('SELECT Id FROM User LIMIT 1');
    expect(conn.accessToken).not.toBe(before);
  });

  it('revokes every token of an org, refresh tokens included', async () => {
    const other = await connect(
      emulator.productionLoginUrl,
      DEMO_USERS.acmeProduction.viewer.username,
      DEMO_USERS.acmeProduction.viewer.password,
    );
    await control('/tokens/revoke', { orgId: DEMO_ORGS.acmeProduction.id });
    try {
      await expect(other.conn.query('SELECT Id FROM User LIMIT 1')).rejects.toThrow(
        'Unable to refresh session due to: expired access/refresh token',
      );
    } finally {
      conn = (await connect(emulator.productionLoginUrl, ACME_INTEGRATION.username, ACME_INTEGRATION.password)).conn;
    }
  });

  it('spends the allowance', async () => {
    await control('/allowance/spend', { orgId: DEMO_ORGS.acmeProduction.id, remaining: 0 });
    const res = await api('/limits');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual([
      { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
    await control('/allowance/spend', { orgId: DEMO_ORGS.acmeProduction.id, remaining: 14000 });
  });

  it('moves the clock, which expires authorization codes', async () => {
    const oauth2 = oauthClient(emulator.productionLoginUrl);
    const after = await logIn(
      await open(oauth2.getAuthorizationUrl({ scope: 'api' })),
      ACME_INTEGRATION.username,
      ACME_INTEGRATION.password,
    );
    await control('/clock/advance', { ms: 16 * 60 * 1000 });
    await expect(oauth2.requestToken(redirectParams(after).get('code') as string)).rejects.toMatchObject({
      name: 'invalid_grant',
    });
  });

  it('issues tokens for test set-up without a browser', async () => {
    const res = await control('/tokens/issue', { username: ACME_INTEGRATION.username, clientId: TEST_APP.clientId });
    expect(res.json).toMatchObject({
      token_type: 'Bearer',
      scope: 'api refresh_token offline_access id profile email openid web',
    });
    expect((await api('/limits', res.json['access_token'] as string)).status).toBe(200);
  });
});

describe('statistics', () => {
  it('counts calls by method and route, and reports API usage per org', async () => {
    const before = (await control('/stats')).json as { calls: Record<string, number> };
    await api('/sobjects');
    await api('/sobjects');
    const after = (await control('/stats')).json as {
      calls: Record<string, number>;
      apiUsage: Record<string, { used: number; max: number }>;
    };
    const key = 'GET /services/data/v{version}/sobjects';
    expect((after.calls[key] ?? 0) - (before.calls[key] ?? 0)).toBe(2);
    expect(after.apiUsage[DEMO_ORGS.acmeProduction.id]?.max).toBe(15000);
  });
});

describe('client apps and data edits', () => {
  it('registers a client app that can then be used for OAuth', async () => {
    const app = { ...TEST_APP, clientId: 'registered-over-http', name: 'Registered' };
    expect((await control('/client-apps', app)).status).toBe(200);
    const { conn: other } = await connect(
      emulator.productionLoginUrl,
      ACME_INTEGRATION.username,
      ACME_INTEGRATION.password,
      app,
    );
    expect(other.accessToken).toBeTruthy();
  });

  it('adds a custom object and custom fields that admins then see', async () => {
    const orgId = DEMO_ORGS.acmeProduction.id;
    const object = await control('/data/custom-object', {
      orgId,
      name: 'Emulator_Drift__c',
      label: 'Emulator Drift',
      fields: [{ name: 'Score__c', label: 'Score', type: 'double', precision: 18, scale: 2 }],
    });
    expect(object.status).toBe(200);
    const fields = await control('/data/custom-fields', { orgId, objectName: 'Account', count: 20 });
    expect(fields.json).toHaveLength(20);
    const admin = DEMO_USERS.acmeProduction.ssoAdmin;
    const { conn: adminConn } = await connect(emulator.productionLoginUrl, admin.username, admin.password);
    const account = await adminConn.describe('Account');
    expect(account.fields.map((f) => f.name)).toContain('Emulator_Added_20__c');
    const drift = await adminConn.describe('Emulator_Drift__c');
    expect(drift.fields.map((f) => f.name)).toContain('Score__c');
  });

  it("deletes permission rows behind the product's back", async () => {
    const admin = DEMO_USERS.acmeProduction.ssoAdmin;
    const { conn: adminConn } = await connect(emulator.productionLoginUrl, admin.username, admin.password);
    const before = await adminConn.query<{ Id: string }>(
      "SELECT Id FROM FieldPermissions WHERE SobjectType = 'Account' LIMIT 1",
    );
    const id = before.records[0]?.Id as string;
    const res = await control('/data/permission-rows/delete', {
      orgId: DEMO_ORGS.acmeProduction.id,
      object: 'FieldPermissions',
      ids: [id],
    });
    expect(res.json).toEqual({ deleted: 1 });
    expect((await adminConn.query(`SELECT Id FROM FieldPermissions WHERE Id = '${id}'`)).totalSize).toBe(0);
  });

  it('deactivates a user, whose session then stops working', async () => {
    const viewer = DEMO_USERS.acmeProduction.standard;
    const { conn: viewerConn } = await connect(emulator.productionLoginUrl, viewer.username, viewer.password);
    await control('/data/user-active', { username: viewer.username, active: false });
    try {
      await expect(viewerConn.query('SELECT Id FROM User LIMIT 1')).rejects.toThrow(
        'Unable to refresh session due to: inactive user',
      );
    } finally {
      await control('/data/user-active', { username: viewer.username, active: true });
    }
  });
});

describe('reset', () => {
  it('returns to the seeded state: data edits, tokens and statistics are gone', async () => {
    await control('/reset', {});
    const stats = (await control('/stats')).json as { total: number };
    expect(stats.total).toBe(0);
    expect((await api('/limits')).status).toBe(401);
    const admin = DEMO_USERS.acmeProduction.ssoAdmin;
    const { conn: adminConn } = await connect(emulator.productionLoginUrl, admin.username, admin.password);
    const account = await adminConn.describe('Account');
    expect(account.fields.map((f) => f.name)).not.toContain('Emulator_Added_1__c');
  });
});
