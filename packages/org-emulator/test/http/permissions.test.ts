/**
 * The permission rules as a REST client meets them: assigning twice, a user who may not create permission sets,
 * object, field and user-permission dependencies, licenses, rows deleted when Read is cleared, lookup field names
 * without Id (API 50.0+), field-level security hiding fields until View All Fields is granted, and Tooling
 * PermissionDependency.
 */
import type { Connection } from 'jsforce';
import type { RunningEmulator } from '../../src/index';
import { ACME_INTEGRATION, API_VERSION, DEMO_USERS, connect, startTestEmulator } from './support/emulator';
import { userPermissionRequirements } from '../../src/org/permissions/dependencies';

let emulator: RunningEmulator;
let integration: Connection;

beforeAll(async () => {
  emulator = await startTestEmulator();
  integration = (await connect(emulator.productionLoginUrl, ACME_INTEGRATION.username, ACME_INTEGRATION.password)).conn;
});
afterAll(() => emulator.close());

async function userId(conn: Connection): Promise<string> {
  return (await conn.identity()).user_id;
}

async function createPermissionSet(conn: Connection, name: string): Promise<string> {
  const result = await conn.sobject('PermissionSet').create({ Name: name, Label: name.replace(/_/g, ' ') });
  if (!result.success) throw new Error(JSON.stringify(result));
  return (result as { id: string }).id;
}

describe('permission rules through REST', () => {
  it('refuses a second assignment of the same set with DUPLICATE_VALUE', async () => {
    const setId = await createPermissionSet(integration, 'Emulator_Duplicate_Test');
    const assignee = await userId(integration);
    const first = await integration
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: assignee, PermissionSetId: setId });
    expect(first.success).toBe(true);
    await expect(
      integration.sobject('PermissionSetAssignment').create({ AssigneeId: assignee, PermissionSetId: setId }),
    ).rejects.toMatchObject({
      errorCode: 'DUPLICATE_VALUE',
      message: `Duplicate PermissionSetAssignment. Assignee: ${assignee}, Permission Set: ${setId}`,
    });
  });

  it('refuses to let a user without Manage Profiles and Permission Sets create a permission set', async () => {
    const restricted = DEMO_USERS.acmeProduction.restrictedIntegration;
    const { conn } = await connect(emulator.productionLoginUrl, restricted.username, restricted.password);
    const res = await fetch(`${conn.instanceUrl}/services/data/v${API_VERSION}/sobjects/PermissionSet`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Name: 'Not_Allowed', Label: 'Not Allowed' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([
      { message: 'insufficient access rights on object id', errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY', fields: [] },
    ]);
  });

  it('refuses to let a user without Assign Permission Sets assign one', async () => {
    const restricted = DEMO_USERS.acmeProduction.restrictedIntegration;
    const { conn } = await connect(emulator.productionLoginUrl, restricted.username, restricted.password);
    const viewer = await conn.query<{ Id: string }>("SELECT Id FROM PermissionSet WHERE Name = 'GRAX_Viewer'");
    await expect(
      conn
        .sobject('PermissionSetAssignment')
        .create({ AssigneeId: await userId(conn), PermissionSetId: viewer.records[0]?.Id }),
    ).rejects.toMatchObject({
      errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
      message: 'insufficient access rights on object id',
    });
  });

  it('hides a field without field permission (INVALID_FIELD) until View All Fields is granted', async () => {
    const soql = 'SELECT Id, AnnualRevenue FROM Account';
    await expect(integration.query(soql)).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    const setId = await createPermissionSet(integration, 'Emulator_View_All_Fields');
    const grant = await integration.sobject('ObjectPermissions').create({
      ParentId: setId,
      SobjectType: 'Account',
      PermissionsRead: true,
      PermissionsViewAllFields: true,
    });
    expect(grant.success).toBe(true);
    await integration
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: await userId(integration), PermissionSetId: setId });
    const result = await integration.query<{ AnnualRevenue: unknown }>(soql);
    expect(result.records.length).toBeGreaterThan(0);
    expect(result.records[0]).toHaveProperty('AnnualRevenue');
  });

  it('serves PermissionDependency through the Tooling API only', async () => {
    const soql = "SELECT Permission, RequiredPermission FROM PermissionDependency WHERE Permission = 'QueryAllFiles'";
    const tooling = await integration.tooling.query<{ RequiredPermission: string }>(soql);
    expect(tooling.records.map((r) => r.RequiredPermission)).toContain('ViewAllData');
    await expect(integration.query(soql)).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
  });
});

describe('permission dependency and license rules through REST', () => {
  it('refuses object Create without Read, field Edit without Read and Modify All Data without View All Data', async () => {
    const setId = await createPermissionSet(integration, 'Emulator_Dependencies');
    await expect(
      integration
        .sobject('ObjectPermissions')
        .create({ ParentId: setId, SobjectType: 'Account', PermissionsCreate: true }),
    ).rejects.toMatchObject({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: 'Permission Create Account depends on permission(s): Read Account',
    });
    await expect(
      integration.sobject('FieldPermissions').create({
        ParentId: setId,
        SobjectType: 'Account',
        Field: 'Account.Industry',
        PermissionsEdit: true,
      }),
    ).rejects.toMatchObject({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: 'Permission Edit Account.Industry depends on permission(s): Read Account.Industry',
    });
    await expect(
      integration
        .sobject('PermissionSet')
        .create({ Name: 'Emulator_Mad', Label: 'Emulator Mad', PermissionsModifyAllData: true }),
    ).rejects.toMatchObject({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: expect.stringContaining('View All Data'),
    });
  });

  it('refuses field permissions on a field that is not permissionable', async () => {
    const setId = await createPermissionSet(integration, 'Emulator_Not_Permissionable');
    await expect(
      integration.sobject('FieldPermissions').create({
        ParentId: setId,
        SobjectType: 'Account',
        Field: 'Account.Name',
        PermissionsRead: true,
      }),
    ).rejects.toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'Field Name: bad value for restricted picklist field: Account.Name',
    });
  });

  it('deletes a FieldPermissions row when an update clears Read', async () => {
    const setId = await createPermissionSet(integration, 'Emulator_Clear_Read');
    const row = await integration.sobject('FieldPermissions').create({
      ParentId: setId,
      SobjectType: 'Account',
      Field: 'Account.Industry',
      PermissionsRead: true,
    });
    const rowId = (row as { id: string }).id;
    const soql = `SELECT Id FROM FieldPermissions WHERE ParentId = '${setId}'`;
    expect((await integration.query(soql)).totalSize).toBe(1);
    await integration.sobject('FieldPermissions').update({ Id: rowId, PermissionsRead: false });
    expect((await integration.query(soql)).totalSize).toBe(0);
  });

  it('finds a lookup field permission by the field name without Id from API 50.0 only', async () => {
    const setId = await createPermissionSet(integration, 'Emulator_Lookup_Query');
    await integration
      .sobject('ObjectPermissions')
      .create({ ParentId: setId, SobjectType: 'Account', PermissionsRead: true });
    await integration
      .sobject('FieldPermissions')
      .create({ ParentId: setId, SobjectType: 'Contact', Field: 'Contact.AccountId', PermissionsRead: true });
    const soql = `SELECT Field FROM FieldPermissions WHERE ParentId = '${setId}' AND Field IN ('Contact.Account')`;
    const fieldsAt = async (version: string) => {
      const res = await fetch(
        `${integration.instanceUrl}/services/data/v${version}/query?q=${encodeURIComponent(soql)}`,
        {
          headers: { Authorization: `Bearer ${integration.accessToken}` },
        },
      );
      return ((await res.json()) as { records: { Field: string }[] }).records.map((r) => r.Field);
    };
    expect(await fieldsAt(API_VERSION)).toEqual(['Contact.AccountId']);
    expect(await fieldsAt('49.0')).toEqual([]);
  });

  it("refuses to assign a set with a permission the user's license does not allow", async () => {
    const apiOnly = DEMO_USERS.acmeProduction.apiOnly;
    const setId = await createPermissionSet(integration, 'Emulator_Too_Powerful');
    await integration.sobject('PermissionSet').update({
      Id: setId,
      ...Object.fromEntries(userPermissionRequirements('ModifyAllData').map((p) => [`Permissions${p}`, true])),
    });
    await integration.sobject('PermissionSet').update({ Id: setId, PermissionsModifyAllData: true });
    const user = await integration.query<{ Id: string }>(`SELECT Id FROM User WHERE Username = '${apiOnly.username}'`);
    await expect(
      integration
        .sobject('PermissionSetAssignment')
        .create({ AssigneeId: user.records[0]?.Id, PermissionSetId: setId }),
    ).rejects.toMatchObject({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      message:
        "Can't assign permission set Emulator Too Powerful to user API Only Integration. The user license doesn't allow the permission: Modify All Data",
    });
  });
});
