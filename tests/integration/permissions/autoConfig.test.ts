/**
 * Auto Config against the org emulator over HTTP: a fresh org without the package, an org with the package, a
 * half-configured org, a Salesforce error midway, a restricted user and a license conflict. Assertions read the org
 * through jsforce as an administrator, never through the engine.
 */
import type { Connection } from 'jsforce';
import { DEMO_ORGS, DEMO_USERS } from '@grax-connect/org-emulator';
import { ACME, runJob, startHarness, TEST_ACTOR, type Harness } from '@test-support/engine/harness';
import { graxSets, graxSnapshot, jsforceAs, queryAll, rowCounts } from '@test-support/engine/orgQueries';

const GLOBEX = DEMO_ORGS.globex;

interface ApplyJobResult {
  writes: number;
  failures: { item: string; errorCode: string; message: string; nextStep: string }[];
  summary: { error: number; warning: number; info: number };
  apiCalls: number;
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function autoConfig(
  connection = h.connect('integration'),
): Promise<{ state: string; result: ApplyJobResult; error: unknown }> {
  const started = await h.engine.startAutoConfig({ connection, trigger: TEST_ACTOR });
  const job = await runJob(h, started.jobId);
  return { state: job.state, result: job.result as unknown as ApplyJobResult, error: job.error };
}

function acmeAdmin(): Connection {
  return jsforceAs(h.emulator, DEMO_USERS.acmeProduction.ssoAdmin.username, ACME.id);
}

async function expectNoDuplicates(admin: Connection, accessSetId: string): Promise<void> {
  for (const table of ['ObjectPermissions', 'FieldPermissions'] as const) {
    const counts = await rowCounts(admin, table, accessSetId);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
  }
}

describe('Auto Config', () => {
  it('configures a fresh org without the package: creates both sets, assigns them, and Verify finds nothing', async () => {
    const connection = h.connect({ username: DEMO_USERS.globex.admin.username, orgId: GLOBEX.id });
    const run = await autoConfig(connection);
    expect(run.state).toBe('succeeded');
    expect(run.result.failures).toEqual([]);
    expect(run.result.summary).toEqual({ error: 0, warning: 0, info: 0 });

    const admin = jsforceAs(h.emulator, DEMO_USERS.globex.admin.username, GLOBEX.id);
    const sets = await graxSets(admin);
    const template = sets.get('GRAX_Integration_User');
    const access = sets.get('GRAX_Integration_User_Access');
    expect(template).toMatchObject({
      Label: 'GRAX Integration User',
      PermissionsApiEnabled: true,
      PermissionsViewAllData: true,
      PermissionsQueryAllFiles: true,
    });
    expect(access).toMatchObject({ Label: 'GRAX Integration User - Org Access' });
    const assigned = await queryAll(
      admin,
      `SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '${connection.userId}'`,
    );
    expect(assigned.map((a) => (a.PermissionSet as { Name: string }).Name)).toEqual(
      expect.arrayContaining(['GRAX_Integration_User', 'GRAX_Integration_User_Access']),
    );
    const objectRows = await queryAll(
      admin,
      `SELECT SobjectType, PermissionsRead, PermissionsViewAllFields FROM ObjectPermissions WHERE ParentId = '${String(access?.Id)}'`,
    );
    expect(objectRows.length).toBeGreaterThan(5);
    expect(objectRows.every((r) => r.PermissionsRead === true && r.PermissionsViewAllFields === true)).toBe(true);
    await expectNoDuplicates(admin, String(access?.Id));
  });

  it('spends no call reading back the sets it has just created, and Verify shares its reads', async () => {
    const connection = h.connect({ username: DEMO_USERS.globex.admin.username, orgId: GLOBEX.id });
    const before = h.emulator.control.stats().total;
    const run = await autoConfig(connection);
    expect(run.state).toBe('succeeded');
    expect(run.result.apiCalls).toBe(h.emulator.control.stats().total - before);
    // 12 today (17 when the new sets' object and field rows were read back and Verify read in three calls); the
    // headroom is what learning a dependency from Salesforce's answer may add (at most 2 calls).
    expect(run.result.apiCalls).toBeLessThanOrEqual(14);
  });

  it('previews what it will create, change and assign without writing, then applies exactly that', async () => {
    const connection = h.connect({ username: DEMO_USERS.globex.admin.username, orgId: GLOBEX.id });
    const admin = jsforceAs(h.emulator, DEMO_USERS.globex.admin.username, GLOBEX.id);
    const before = await graxSnapshot(admin, connection.userId);
    const preview = await h.engine.planAutoConfig({ connection });
    expect(await graxSnapshot(admin, connection.userId)).toBe(before);
    expect(preview.sets.map((s) => [s.label, s.action])).toEqual([
      ['GRAX Integration User', 'create'],
      ['GRAX Integration User - Org Access', 'create'],
    ]);
    expect(preview.sets[0]?.addPermissions.map((p) => p.label)).toEqual(
      expect.arrayContaining(['API Enabled', 'View All Data', 'Query All Files']),
    );
    expect(preview.assignments).toEqual([
      { set: 'GRAX Integration User', action: 'create' },
      { set: 'GRAX Integration User - Org Access', action: 'create' },
    ]);
    expect(preview.objects.create).toBeGreaterThan(5);
    expect(preview.fields).toMatchObject({ needed: true, create: expect.any(Number) });
    expect(preview.fields.create).toBeGreaterThan(0);
    expect(preview.blocked).toEqual([]);

    const run = await autoConfig(connection);
    expect(run.state).toBe('succeeded');
    expect(run.result.writes).toBe(preview.writes);
    const again = await h.engine.planAutoConfig({ connection });
    expect(again).toMatchObject({ writes: 0, objects: { create: 0, update: 0 }, fields: { create: 0, update: 0 } });
    expect(again.assignments.map((a) => a.action)).toEqual(['none', 'none']);
  });

  it('writes nothing on a second run', async () => {
    const connection = h.connect('integration');
    const first = await autoConfig(connection);
    expect(first.result.writes).toBeGreaterThan(100);
    const admin = acmeAdmin();
    const before = await graxSnapshot(admin, connection.userId);
    const second = await autoConfig(connection);
    expect(second.state).toBe('succeeded');
    expect(second.result.writes).toBe(0);
    expect(await graxSnapshot(admin, connection.userId)).toBe(before);
    expect(second.result.apiCalls).toBeLessThan(first.result.apiCalls);
  });

  it('keeps the template an older package version left (empty) as it is and puts what it lacks into the Org Access set', async () => {
    const admin = acmeAdmin();
    const before = (await graxSets(admin)).get('GRAX_Integration_User');
    expect(before).toBeDefined();
    const [templateBefore] = await queryAll(
      admin,
      `SELECT LastModifiedDate FROM PermissionSet WHERE Id = '${String(before?.Id)}'`,
    );
    const run = await autoConfig();
    expect(run.state).toBe('succeeded');
    const [templateAfter] = await queryAll(
      admin,
      `SELECT LastModifiedDate FROM PermissionSet WHERE Id = '${String(before?.Id)}'`,
    );
    expect(templateAfter).toEqual(templateBefore);
    expect(run.result.summary.error).toBe(0);
  });

  it('completes a half-configured org without duplicating what exists', async () => {
    const connection = h.connect('integration');
    const admin = acmeAdmin();
    const created = await admin.sobject('PermissionSet').create({
      Name: 'GRAX_Integration_User_Access',
      Label: 'GRAX Integration User - Org Access',
    });
    const setId = String((created as { id: string }).id);
    await admin.sobject('ObjectPermissions').create({ ParentId: setId, SobjectType: 'Account', PermissionsRead: true });
    await admin.sobject('FieldPermissions').create([
      {
        ParentId: setId,
        SobjectType: 'Account',
        Field: 'Account.Industry',
        PermissionsRead: true,
        PermissionsEdit: false,
      },
      {
        ParentId: setId,
        SobjectType: 'Account',
        Field: 'Account.Rating',
        PermissionsRead: true,
        PermissionsEdit: true,
      },
    ]);
    await admin.sobject('PermissionSetAssignment').create({ AssigneeId: connection.userId, PermissionSetId: setId });

    const run = await autoConfig(connection);
    expect(run.state).toBe('succeeded');
    expect(run.result.failures).toEqual([]);
    expect(run.result.summary.error).toBe(0);
    await expectNoDuplicates(admin, setId);
    const [account] = await queryAll(
      admin,
      `SELECT Id, PermissionsRead, PermissionsViewAllFields, PermissionsEdit FROM ObjectPermissions WHERE ParentId = '${setId}' AND SobjectType = 'Account'`,
    );
    expect(account).toMatchObject({ PermissionsRead: true, PermissionsViewAllFields: true, PermissionsEdit: true });
    const [industry] = await queryAll(
      admin,
      `SELECT PermissionsEdit FROM FieldPermissions WHERE ParentId = '${setId}' AND Field = 'Account.Industry'`,
    );
    expect(industry).toMatchObject({ PermissionsEdit: true });
    const sets = await queryAll(admin, "SELECT Id FROM PermissionSet WHERE Name = 'GRAX_Integration_User_Access'");
    expect(sets).toHaveLength(1);
  });

  it('stops on REQUEST_LIMIT_EXCEEDED midway, says why, and completes on the next run without duplicates', async () => {
    const connection = h.connect('integration');
    const admin = acmeAdmin();
    // Enough allowance to create and assign the sets, not enough to write the object permissions.
    h.emulator.control.spendAllowance(ACME.id, 6);
    const first = await autoConfig(connection);
    expect(first.state).toBe('failed');
    expect(first.error).toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED' });
    expect(String((first.error as { message: string }).message)).toMatch(/daily API allowance is used up/);
    // The allowance is the org's: the admin's own reads wait for it too.
    h.emulator.control.spendAllowance(ACME.id, 15000);
    const halfway = (await graxSets(admin)).get('GRAX_Integration_User_Access');
    expect(halfway).toBeDefined();
    const rowsHalfway = await rowCounts(admin, 'ObjectPermissions', String(halfway?.Id));
    const second = await autoConfig(connection);
    expect(second.state).toBe('succeeded');
    expect(second.result.summary.error).toBe(0);
    const rowsAfter = await rowCounts(admin, 'ObjectPermissions', String(halfway?.Id));
    expect(rowsAfter.size).toBeGreaterThan(rowsHalfway.size);
    await expectNoDuplicates(admin, String(halfway?.Id));
    expect(
      await queryAll(admin, "SELECT Id FROM PermissionSet WHERE Name = 'GRAX_Integration_User_Access'"),
    ).toHaveLength(1);
  });

  it('refuses clearly for a user who cannot create permission sets, and writes nothing', async () => {
    const connection = h.connect('restrictedIntegration');
    const admin = acmeAdmin();
    const before = await graxSnapshot(admin, connection.userId);
    const run = await autoConfig(connection);
    expect(run.state).toBe('failed');
    expect(run.error).toMatchObject({
      code: 'NOT_PERMITTED',
      actions: [
        'Connect as a user with Manage Profiles and Permission Sets and Assign Permission Sets, or choose Skip Auto Config.',
      ],
    });
    expect(String((run.error as { message: string }).message)).toMatch(/changed nothing/);
    expect(await graxSnapshot(admin, connection.userId)).toBe(before);
  });

  it('reports a permission set tied to another license in the admin words, with the next step', async () => {
    const connection = h.connect('integration');
    const admin = acmeAdmin();
    const template = (await graxSets(admin)).get('GRAX_Integration_User');
    await admin.sobject('PermissionSet').destroy(String(template?.Id));
    const [integrationLicense] = await queryAll(
      admin,
      "SELECT Id FROM UserLicense WHERE LicenseDefinitionKey = 'SFDC_INTEGRATION'",
    );
    await admin.sobject('PermissionSet').create({
      Name: 'GRAX_Integration_User',
      Label: 'GRAX Integration User',
      LicenseId: integrationLicense?.Id,
      PermissionsApiEnabled: true,
    });

    const run = await autoConfig(connection);
    expect(run.state).toBe('succeeded');
    const conflict = run.result.failures.find((f) => f.errorCode === 'LICENSE_CONFLICT');
    expect(conflict?.message).toMatch(
      /GRAX Integration User \(GRAX_Integration_User\) is tied to the license "Salesforce Integration", but grax\.integration@acme\.example has "Salesforce"/,
    );
    expect(conflict?.nextStep).toMatch(/Delete GRAX_Integration_User in Setup > Permission Sets/);
    const status = await h.engine.getPermissionStatus(ACME.id);
    expect(status.permissions.findings.map((f) => f.code)).toContain('LICENSE_CONFLICT');
    // The rest of the configuration went ahead.
    const access = (await graxSets(admin)).get('GRAX_Integration_User_Access');
    expect(access).toBeDefined();
  });
});
