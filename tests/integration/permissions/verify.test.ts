/**
 * Verify (Skip Auto Config) against the org emulator: an admin sets things up by hand with the deployable template and
 * the downloaded org access, then breaks it in the ways admins do (a system permission switched off, object and field
 * access removed, a set renamed, the sets put in a permission set group that mutes some of their permissions). Every
 * finding names its subject and says how to fix it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Connection } from 'jsforce';
import { DEMO_CLIENT_APP, DEMO_USERS } from '@grax-connect/org-emulator';
import { AUTH_AUDIT } from '@service/domain/audit';
import { countIntegrationUserLogins } from '@service/auth/integrationUserLogins';
import type { Finding } from '@service/permissions/verify/finding';
import type { PermissionConnection } from '@service/permissions/connection';
import { ACME, runJob, startHarness, TEST_ACTOR, type Harness } from '@test-support/engine/harness';
import { deployPermissionSet } from '@test-support/engine/deployPermissionSet';
import { jsforceAs, queryAll } from '@test-support/engine/orgQueries';
import { unzip } from '@test-support/engine/unzip';

const TEMPLATE_FILE = path.join(
  __dirname,
  '../../../integration-user/main/default/permissionsets/GRAX_Integration_User.permissionset-meta.xml',
);

let h: Harness;
let admin: Connection;
let integration: PermissionConnection;

async function verify(): Promise<Finding[]> {
  const started = await h.engine.startVerify({ connection: integration, trigger: TEST_ACTOR });
  const job = await runJob(h, started.jobId);
  expect(job.state).toBe('succeeded');
  return (await h.engine.getPermissionStatus(ACME.id)).permissions.findings;
}

async function assign(setId: string): Promise<void> {
  const existing = await queryAll(
    admin,
    `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${integration.userId}' AND PermissionSetId = '${setId}'`,
  );
  if (existing.length === 0)
    await admin.sobject('PermissionSetAssignment').create({ AssigneeId: integration.userId, PermissionSetId: setId });
}

/** The manual setup: deploy the template, assign it, download the org access, deploy and assign it. */
async function manualSetup(): Promise<{ templateId: string; accessId: string }> {
  const templateId = await deployPermissionSet(admin, 'GRAX_Integration_User', readFileSync(TEMPLATE_FILE, 'utf8'));
  await assign(templateId);
  const download = await h.engine.buildOrgAccessMetadata({ connection: integration });
  expect(download.filename).toBe('grax-org-access.zip');
  const files = unzip(download.body);
  expect([...files.keys()].sort()).toEqual([
    'package.xml',
    'permissionsets/GRAX_Integration_User_Access.permissionset',
  ]);
  const xml = files.get('permissionsets/GRAX_Integration_User_Access.permissionset')?.toString('utf8') ?? '';
  const accessId = await deployPermissionSet(admin, 'GRAX_Integration_User_Access', xml);
  await assign(accessId);
  return { templateId, accessId };
}

/**
 * Puts the GRAX sets into a new permission set group whose muting set mutes Query All Files, View All Fields on Account
 * and Edit on `field`, and assigns the group to the integration user (as an admin reorganising access would). Modify
 * All Data in the template covers object Edit and Delete everywhere, so View All Fields is the object verb to mute.
 */
async function assignMutedGroup(setIds: string[], field: string): Promise<void> {
  const muting = await created(
    admin.sobject('MutingPermissionSet').create({
      DeveloperName: 'GRAX_Restricted_Muting',
      MasterLabel: 'GRAX Restricted - Muting',
      PermissionsQueryAllFiles: true,
    }),
  );
  await created(
    admin.sobject('ObjectPermissions').create({
      ParentId: muting,
      SobjectType: 'Account',
      PermissionsViewAllFields: true,
    }),
  );
  await created(
    admin
      .sobject('FieldPermissions')
      .create({ ParentId: muting, SobjectType: 'Account', Field: field, PermissionsEdit: true }),
  );
  const group = await created(
    admin.sobject('PermissionSetGroup').create({ DeveloperName: 'GRAX_Restricted', MasterLabel: 'GRAX Restricted' }),
  );
  for (const component of [...setIds, muting])
    await created(
      admin.sobject('PermissionSetGroupComponent').create({ PermissionSetGroupId: group, PermissionSetId: component }),
    );
  await created(
    admin.sobject('PermissionSetAssignment').create({ AssigneeId: integration.userId, PermissionSetGroupId: group }),
  );
}

async function created(result: Promise<{ success: boolean; id?: string; errors?: unknown }>): Promise<string> {
  const outcome = await result;
  if (!outcome.success || !outcome.id) throw new Error(`create failed: ${JSON.stringify(outcome.errors)}`);
  return outcome.id;
}

/** Signs in as the integration user from another application, as a data loader sharing the user would. */
async function signInFromAnotherApplication(name: string): Promise<void> {
  const other = {
    clientId: 'AcmeDataSyncClientId',
    clientSecret: 'AcmeDataSyncSecret',
    name,
    callbackUrls: ['http://127.0.0.1:9/callback'],
    requireSecret: true,
    refreshTokenRotation: false,
    consentRequired: false,
    installedOrgIds: [ACME.id],
  };
  h.emulator.control.registerClientApp(other);
  const response = await fetch(`${h.emulator.productionLoginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: other.clientId,
      client_secret: other.clientSecret,
      username: DEMO_USERS.acmeProduction.integration.username,
      password: DEMO_USERS.acmeProduction.integration.password,
    }),
  });
  expect(response.status).toBe(200);
}

beforeEach(async () => {
  h = await startHarness({
    usernamePasswordFlow: true,
    // The service's own wiring (composition.ts): web-app sign-ins come from the audit log.
    engine: {
      verify: {
        ownApplications: [DEMO_CLIENT_APP.name],
        webLoginsAs: (userId) => countIntegrationUserLogins(h.store.audit, userId),
      },
    },
  });
  admin = jsforceAs(h.emulator, DEMO_USERS.acmeProduction.ssoAdmin.username, ACME.id);
  integration = h.connect('integration');
});
afterEach(async () => {
  await h.close();
});

describe('Verify', () => {
  it('finds nothing on a correct manual setup (template + downloaded org access)', async () => {
    await manualSetup();
    const findings = await verify();
    expect(findings).toEqual([]);
    const status = await h.engine.getPermissionStatus(ACME.id);
    expect(status.permissions.state).toBe('ok');
  });

  it('names a missing system permission, 3 objects and 50 fields, each with its remediation', async () => {
    const { templateId, accessId } = await manualSetup();
    await admin.sobject('PermissionSet').update({ Id: templateId, PermissionsQueryAllFiles: false });
    const objects = ['Campaign', 'Lead', 'Case'];
    for (const sobjectType of objects) {
      h.emulator.control.deletePermissionRows(ACME.id, {
        object: 'ObjectPermissions',
        parentId: accessId,
        sobjectType,
      });
    }
    const editable = await queryAll<{ Field: string }>(
      admin,
      `SELECT Field FROM FieldPermissions WHERE ParentId = '${accessId}' AND PermissionsEdit = true AND SobjectType NOT IN ('Campaign', 'Lead', 'Case') ORDER BY Field`,
    );
    const removed = editable.slice(0, 50).map((r) => r.Field);
    expect(removed).toHaveLength(50);
    for (const field of removed)
      h.emulator.control.deletePermissionRows(ACME.id, { object: 'FieldPermissions', parentId: accessId, field });

    const findings = await verify();
    const system = findings.filter((f) => f.code === 'SYSTEM_PERMISSION_MISSING');
    expect(system).toEqual([
      expect.objectContaining({
        severity: 'error',
        subject: 'System permission: Query All Files',
        remediation: expect.stringContaining('GRAX Integration User > System Permissions, enable Query All Files'),
      }),
    ]);
    const objectFindings = findings.filter((f) => f.code === 'OBJECT_ACCESS_MISSING');
    expect(objectFindings.map((f) => f.subject).sort()).toEqual(['Object: Campaign', 'Object: Case', 'Object: Lead']);
    for (const f of objectFindings) {
      expect(f.message).toMatch(/lacks .*View All Fields/);
      expect(f.remediation).toContain(`Object Settings > ${f.subject.slice('Object: '.length)}`);
    }
    const fieldFindings = findings.filter((f) => f.code === 'FIELD_EDIT_MISSING');
    expect(fieldFindings.map((f) => f.subject.slice('Field: '.length)).sort()).toEqual([...removed].sort());
    for (const f of fieldFindings) {
      const [object, field] = f.subject.slice('Field: '.length).split('.');
      expect(f.remediation).toContain(`Object Settings > ${object}, give ${field} Edit Access`);
    }
    expect(findings).toHaveLength(1 + 3 + 50);
  });

  it('counts permissions a muted group mutes but the directly assigned GRAX sets grant, and reports them once only the group holds them', async () => {
    const { templateId, accessId } = await manualSetup();
    const [editable] = await queryAll<{ Field: string }>(
      admin,
      `SELECT Field FROM FieldPermissions WHERE ParentId = '${accessId}' AND SobjectType = 'Account' AND PermissionsEdit = true ORDER BY Field LIMIT 1`,
    );
    const field = editable?.Field ?? '';
    expect(field).toMatch(/^Account\./);
    await assignMutedGroup([templateId, accessId], field);
    expect(await verify()).toEqual([]);

    const direct = await queryAll<{ Id: string }>(
      admin,
      `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${integration.userId}' AND PermissionSetId IN ('${templateId}', '${accessId}') AND PermissionSetGroupId = null`,
    );
    expect(direct).toHaveLength(2);
    await admin.sobject('PermissionSetAssignment').destroy(direct.map((a) => a.Id));
    const findings = await verify();
    expect(findings.map((f) => [f.code, f.subject])).toEqual([
      ['SYSTEM_PERMISSION_MISSING', 'System permission: Query All Files'],
      ['OBJECT_ACCESS_MISSING', 'Object: Account'],
      ['FIELD_EDIT_MISSING', `Field: ${field}`],
    ]);
    expect(findings[1]?.message).toMatch(/lacks View All Fields/);
  });

  it('reports a renamed permission set and Auto Config then refuses to create a duplicate', async () => {
    const { accessId } = await manualSetup();
    await admin.sobject('PermissionSet').update({ Id: accessId, Name: 'GRAX_Org_Access_Renamed' });
    const findings = await verify();
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'PERMISSION_SET_RENAMED',
        subject: 'Permission set: GRAX Integration User - Org Access',
        message: expect.stringContaining('renamed to GRAX_Org_Access_Renamed'),
        remediation: expect.stringContaining('set the API Name back to GRAX_Integration_User_Access'),
      }),
    ]);
    const started = await h.engine.startAutoConfig({ connection: integration, trigger: TEST_ACTOR });
    const job = await runJob(h, started.jobId);
    expect(job.state).toBe('succeeded');
    const sets = await queryAll(
      admin,
      "SELECT Id FROM PermissionSet WHERE Label = 'GRAX Integration User - Org Access'",
    );
    expect(sets).toHaveLength(1);
    expect((job.result as { failures: { errorCode: string }[] }).failures.map((f) => f.errorCode)).toContain(
      'PERMISSION_SET_RENAMED',
    );
  });

  it('reports a GRAX permission set that was deleted, with how to get it back', async () => {
    const { templateId } = await manualSetup();
    await admin.sobject('PermissionSet').destroy(templateId);
    const findings = await verify();
    expect(findings).toContainEqual(
      expect.objectContaining({
        code: 'PERMISSION_SET_MISSING',
        severity: 'error',
        subject: 'Permission set: GRAX Integration User',
        message: 'The permission set GRAX Integration User (GRAX_Integration_User) does not exist in this org.',
        remediation: expect.stringContaining('sf project deploy start -m PermissionSet:GRAX_Integration_User'),
      }),
    );
  });

  it('warns when the integration user is shared: its profile, another application, a person in the web app', async () => {
    await manualSetup();
    const [integrationUser] = await queryAll<{ ProfileId: string }>(
      admin,
      `SELECT ProfileId FROM User WHERE Id = '${integration.userId}'`,
    );
    const viewer = DEMO_USERS.acmeProduction.viewer.username;
    const [viewerUser] = await queryAll<{ Id: string }>(admin, `SELECT Id FROM User WHERE Username = '${viewer}'`);
    await admin.sobject('User').update({ Id: String(viewerUser?.Id), ProfileId: String(integrationUser?.ProfileId) });
    await signInFromAnotherApplication('Acme Data Sync');
    await signInFromAnotherApplication('Acme Data Sync');
    await h.store.audit.append({
      actor: { kind: 'sso', id: integration.userId, name: 'GRAX Integration' },
      action: AUTH_AUDIT.integrationUserLogin,
      target: integration.username,
      orgId: ACME.id,
    });

    const findings = await verify();
    const username = DEMO_USERS.acmeProduction.integration.username;
    expect(findings).toEqual([
      {
        severity: 'warning',
        code: 'PROFILE_SHARED',
        subject: 'Profile: GRAX Integration',
        message: "The integration user's profile is also used by 1 other active user.",
        remediation: expect.stringContaining('Give the integration user a profile of its own'),
      },
      {
        severity: 'warning',
        code: 'USER_SHARED_WITH_APPLICATION',
        subject: 'Application: Acme Data Sync',
        message: `Acme Data Sync signed in as the integration user ${username} 2 times in the last 30 days.`,
        remediation: expect.stringContaining('Use a dedicated integration user for GRAX only'),
      },
      {
        severity: 'warning',
        code: 'USER_USED_BY_PERSON',
        subject: `User: ${username}`,
        message: `Someone signed into the GRAX web app as the integration user ${username} (1 time).`,
        remediation: expect.stringContaining('People should sign in with their own Salesforce user'),
      },
    ]);
  });
});
