/**
 * The three ways an admin sets GRAX up, end to end over HTTP: the GRAX package (force-app, converted with
 * `sf project convert source`) is first installed into Acme Production through the emulator's control API, as a
 * package install does (the org had an older version, whose GRAX_Integration_User the install left empty); then the
 * admin connects through the service's pages and the emulator's login form, and each path must end with a clean
 * Verify, or with GRAX naming exactly what is missing and how to fix it (ADR 11):
 * (a) Connect with Auto Config; (b) Skip Auto Config with a manual setup; (c) `sf project deploy start` of the project.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Connection } from 'jsforce';
import {
  convertPackage,
  DEMO_ORGS,
  DEMO_USERS,
  startEmulator,
  type InstallReport,
  type RunningEmulator,
} from '@grax-connect/org-emulator';
import type { Finding } from '@service/permissions/verify/finding';
import { TEMPLATE_PATH } from '@service/permissions/metadata/template';
import { testSignInRouter, type GraxBrowser } from '@test-support/browser';
import { deployPermissionSet } from '@test-support/engine/deployPermissionSet';
import { jsforceAs, queryAll } from '@test-support/engine/orgQueries';
import { unzip } from '@test-support/engine/unzip';
import { REPO_ROOT } from '@test-support/repoRoot';
import { startTestService, type TestService } from '@test-support/testService';

const ACME = DEMO_ORGS.acmeProduction;
const INTEGRATION = DEMO_USERS.acmeProduction.integration;

interface StatusJson {
  permissions: { state: string; findings: Finding[] };
  jobs: { kind: string; state: string; error: unknown }[];
}

let metadataDir: string;
let packageName: string;
let emulator: RunningEmulator;
let service: TestService;
let browser: GraxBrowser;
let admin: Connection;

beforeAll(async () => {
  ({ metadataDir, packageName } = await convertPackage(REPO_ROOT));
}, 120_000);
afterAll(() => rmSync(path.dirname(metadataDir), { recursive: true, force: true }));

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, sandboxPort: 0 });
  service = await startTestService({ name: 'package-paths', emulator, routers: () => [testSignInRouter()] });
  browser = service.browser();
  admin = jsforceAs(emulator, DEMO_USERS.acmeProduction.ssoAdmin.username, ACME.id);
  const response = await fetch(`${emulator.controlUrl}/package/install`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orgIds: [ACME.id], metadataDir, packageName }),
  });
  expect(response.status).toBe(200);
  const [report] = (await response.json()) as InstallReport[];
  expect(report).toMatchObject({ orgId: ACME.id, upgrade: true, dropped: [] });
}, 60_000);
afterEach(async () => {
  await service.stop();
  await emulator.close();
});

/** The status the web app shows, once every job has finished. */
async function settledStatus(): Promise<StatusJson> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = JSON.parse((await browser.get('/web/permissions/status.json')).html) as StatusJson;
    const done = status.jobs.length > 0 && status.jobs.every((j) => j.state === 'succeeded' || j.state === 'failed');
    if (done) {
      expect(status.jobs.filter((j) => j.state === 'failed')).toEqual([]);
      return status;
    }
    if (Date.now() > deadline) throw new Error(`jobs still running: ${JSON.stringify(status.jobs)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Connects Acme Production as the integration user, then signs in to GRAX as an admin. */
async function connect(mode: 'auto_config' | 'manual'): Promise<void> {
  const landed = await browser.connect({ setupToken: service.setupToken, mode }, INTEGRATION);
  expect(landed.status).toBe(303);
  await browser.signIn();
}

/** Runs Verify from Settings > Salesforce > Permissions and returns its findings. */
async function verify(): Promise<StatusJson['permissions']> {
  const csrf = await browser.csrf('/web/permissions');
  // The service's clock stands still in tests: move it so the new run is the latest of its kind.
  service.clock.advance(1000);
  expect((await browser.post('/web/permissions/verify', {}, { csrf })).status).toBe(303);
  return (await settledStatus()).permissions;
}

async function setId(name: string): Promise<string> {
  const [set] = await queryAll<{ Id: string }>(admin, `SELECT Id FROM PermissionSet WHERE Name = '${name}'`);
  if (!set) throw new Error(`no permission set ${name}`);
  return set.Id;
}

async function assign(name: string, userId: string): Promise<void> {
  const permissionSetId = await setId(name);
  const existing = await queryAll(
    admin,
    `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${userId}' AND PermissionSetId = '${permissionSetId}'`,
  );
  if (existing.length === 0)
    await admin.sobject('PermissionSetAssignment').create({ AssigneeId: userId, PermissionSetId: permissionSetId });
}

async function integrationUserId(): Promise<string> {
  const [user] = await queryAll<{ Id: string }>(
    admin,
    `SELECT Id FROM User WHERE Username = '${INTEGRATION.username}'`,
  );
  return user?.Id ?? '';
}

/** Settings > Salesforce > Permissions > Download org access, deployed and assigned by the admin. */
async function deployOrgAccess(userId: string): Promise<void> {
  const response = await fetch(new URL('/web/permissions/org-access.zip', service.publicUrl), {
    headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  expect(response.status).toBe(200);
  const files = unzip(Buffer.from(await response.arrayBuffer()));
  const xml = files.get('permissionsets/GRAX_Integration_User_Access.permissionset')?.toString('utf8') ?? '';
  await deployPermissionSet(admin, 'GRAX_Integration_User_Access', xml);
  await assign('GRAX_Integration_User_Access', userId);
}

/** `sf project deploy start` of the template in integration-user/ (a deploy keeps every system permission). */
async function deployTemplate(): Promise<void> {
  await deployPermissionSet(admin, 'GRAX_Integration_User', readFileSync(path.join(REPO_ROOT, TEMPLATE_PATH), 'utf8'));
}

describe('after a package install', () => {
  it('(a) Connect with Auto Config ends with a clean Verify', async () => {
    await connect('auto_config');
    const status = await settledStatus();
    expect(status.jobs.map((j) => j.kind)).toContain('autoconfig');
    expect(status.permissions).toEqual(expect.objectContaining({ state: 'ok', findings: [] }));
    // The empty set the install left stays as it is; the Org Access set Auto Config owns carries the permissions.
    const [access] = await queryAll<Record<string, unknown>>(
      admin,
      "SELECT PermissionsApiEnabled, PermissionsViewAllData FROM PermissionSet WHERE Name = 'GRAX_Integration_User_Access'",
    );
    expect(access).toMatchObject({ PermissionsApiEnabled: true, PermissionsViewAllData: true });
  }, 120_000);

  it('(b) Skip Auto Config names each system permission the installed set lacks, then verifies clean once the template is deployed', async () => {
    await connect('manual');
    await settledStatus();
    const userId = await integrationUserId();
    // The admin assigns what the install gave, and the downloaded org access.
    await assign('GRAX_Integration_User', userId);
    await deployOrgAccess(userId);

    const before = await verify();
    expect(before.state).not.toBe('ok');
    const missing = before.findings.filter((f) => f.code === 'SYSTEM_PERMISSION_MISSING');
    expect(missing.map((f) => f.subject)).toEqual(
      expect.arrayContaining(['System permission: View All Data', 'System permission: Modify All Data']),
    );
    for (const f of missing) {
      expect(f.remediation).toMatch(
        /^In Setup > Permission Sets > GRAX Integration User > System Permissions, enable /,
      );
    }

    await deployTemplate();
    expect(await verify()).toEqual(expect.objectContaining({ state: 'ok', findings: [] }));
  }, 120_000);

  it('(c) sf project deploy start of the project, then a manual setup, verifies clean', async () => {
    await deployTemplate();
    await connect('manual');
    await settledStatus();
    const userId = await integrationUserId();
    await assign('GRAX_Integration_User', userId);
    await deployOrgAccess(userId);
    expect(await verify()).toEqual(expect.objectContaining({ state: 'ok', findings: [] }));
  }, 120_000);
});
