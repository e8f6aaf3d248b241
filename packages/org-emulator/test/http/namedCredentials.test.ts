/**
 * The Connect REST credential resource for External Credential principals: create, read (masked), patch, delete,
 * the version rules (56+, PATCH 59+) and who may use it.
 */
import type { Connection } from 'jsforce';
import type { RunningEmulator } from '../../src/index';
import { DEMO_ORGS, DEMO_USERS, connect, startTestEmulator } from './support/emulator';

let emulator: RunningEmulator;
let admin: Connection;

beforeAll(async () => {
  emulator = await startTestEmulator();
  const user = DEMO_USERS.acmeProduction.ssoAdmin;
  admin = (await connect(emulator.productionLoginUrl, user.username, user.password)).conn;
});
afterAll(() => emulator.close());

const TARGET = 'externalCredential=GRAX_Service&principalName=Link&principalType=NamedPrincipal';

function credential(value: string) {
  return {
    externalCredential: 'GRAX_Service',
    principalName: 'Link',
    principalType: 'NamedPrincipal',
    authenticationProtocol: 'Custom',
    credentials: { LinkKey: { value, encrypted: true } },
  };
}

async function call(conn: Connection, method: string, version: string, query = '', body?: unknown) {
  const res = await fetch(`${conn.instanceUrl}/services/data/v${version}/named-credentials/credential${query}`, {
    method,
    headers: { Authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('named-credentials/credential', () => {
  it('stores a principal credential, reads it masked, patches it and deletes it', async () => {
    const created = await call(admin, 'POST', '62.0', '', credential('first-key'));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      externalCredential: 'GRAX_Service',
      principalName: 'Link',
      authenticationStatus: 'Configured',
    });
    const read = await call(admin, 'GET', '62.0', `?${TARGET}`);
    expect(JSON.stringify(read.json)).not.toContain('first-key');
    const patched = await call(admin, 'PATCH', '62.0', '', credential('second-key'));
    expect(patched.status).toBe(200);
    const org = emulator.world.findOrgById(DEMO_ORGS.acmeProduction.id);
    expect(org?.debugCredentialValue('GRAX_Service', 'Link')).toEqual({ LinkKey: 'second-key' });
    expect((await call(admin, 'DELETE', '62.0', `?${TARGET}`)).status).toBe(204);
    expect(org?.debugCredentialValue('GRAX_Service', 'Link')).toBeUndefined();
  });

  it('does not exist before API 56, and PATCH not before 59', async () => {
    expect((await call(admin, 'GET', '55.0', `?${TARGET}`)).status).toBe(404);
    expect((await call(admin, 'PATCH', '58.0', '', credential('x'))).status).toBe(404);
  });

  it('refuses a user without Manage Named Credentials or Customize Application', async () => {
    const viewer = DEMO_USERS.acmeProduction.viewer;
    const { conn } = await connect(emulator.productionLoginUrl, viewer.username, viewer.password);
    const res = await call(conn, 'POST', '62.0', '', credential('x'));
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject([{ errorCode: 'INSUFFICIENT_ACCESS' }]);
  });
});
