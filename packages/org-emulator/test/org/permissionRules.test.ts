import { DEMO_USERS } from '../../src/org/demoCatalog';
import { permissionLabel, userPermissionRequirements } from '../../src/org/permissions/dependencies';
import { acmeCtx, acmeUserId, firstError, permissionSetId, profileSetId, savedId, testWorld } from './orgTestKit';

const world = testWorld();
const acme = world.org('acmeProduction');
const integration = acmeCtx(world, 'integration');

afterEach(() => acme.reset());

function newSet(name: string, fields: Record<string, unknown> = {}): string {
  return savedId(acme.create(integration, 'PermissionSet', { Name: name, Label: name.replace(/_/g, ' '), ...fields }));
}

/** Modify All Data with everything it requires in the default org shape. */
const MODIFY_ALL_DATA_FLAGS = Object.fromEntries(
  ['ModifyAllData', ...userPermissionRequirements('ModifyAllData')].map((p) => [`Permissions${p}`, true]),
);

function objectRow(parentId: string, sobjectType: string, flags: Record<string, boolean>) {
  return acme.create(integration, 'ObjectPermissions', { ParentId: parentId, SobjectType: sobjectType, ...flags });
}

describe('who may see and change permission objects', () => {
  it('shows permission sets to View Setup, Assign Permission Sets or Manage Profiles users and hides them from others', () => {
    expect(acme.dataSource(acmeCtx(world, 'restrictedIntegration')).getObject('PermissionSet')).toBeDefined();
    expect(acme.dataSource(integration).getObject('permissionset')).toBeDefined();
    expect(acme.dataSource(acmeCtx(world, 'standard')).getObject('PermissionSet')).toBeUndefined();
    expect(acme.dataSource(acmeCtx(world, 'standard')).getObject('ObjectPermissions')).toBeUndefined();
  });

  it('refuses to create a permission set without Manage Profiles and Permission Sets', () => {
    const result = acme.create(acmeCtx(world, 'restrictedIntegration'), 'PermissionSet', {
      Name: 'X_Set',
      Label: 'X Set',
    });
    expect(firstError(result)).toEqual({
      statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
      message: 'insufficient access rights on object id',
      fields: [],
    });
  });

  it('refuses to assign a permission set without Assign Permission Sets', () => {
    const result = acme.create(acmeCtx(world, 'restrictedIntegration'), 'PermissionSetAssignment', {
      AssigneeId: acmeUserId(world, 'standard'),
      PermissionSetId: permissionSetId(acme, 'GRAX_Viewer'),
    });
    expect(firstError(result).statusCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });

  it('creates a custom Regular permission set and fills the fields Salesforce derives', () => {
    const id = newSet('GRAX_Integration_User_Access', { Description: 'Org access' });
    expect(acme.core.get('PermissionSet', id)).toMatchObject({
      IsOwnedByProfile: false,
      IsCustom: true,
      Type: 'Regular',
      ProfileId: null,
      NamespacePrefix: null,
    });
  });
});

describe('unique names and assignments', () => {
  it('refuses a second permission set with the same Name, in any case', () => {
    const first = newSet('GRAX_Access');
    const result = acme.create(integration, 'PermissionSet', { Name: 'grax_access', Label: 'Other' });
    expect(firstError(result)).toEqual({
      statusCode: 'DUPLICATE_VALUE',
      message: `duplicate value found: Name duplicates value on record with id: ${first}`,
      fields: ['Name'],
    });
  });

  it('refuses an API name that is not letters, digits and single inner underscores starting with a letter', () => {
    // PermissionSet.Name, and DeveloperName of permission set groups and muting permission sets.
    const rule =
      'The Permission Set API Name can only contain underscores and alphanumeric characters. It must be unique, ' +
      'begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.';
    for (const name of ['1_Access', '_Access', 'GRAX Access', 'GRAX-Access', 'GRAX_Access_', 'GRAX__Access', 'Accès']) {
      const result = acme.create(integration, 'PermissionSet', { Name: name, Label: 'Bad name' });
      expect([name, firstError(result)]).toEqual([
        name,
        { statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: `Name: ${rule}`, fields: ['Name'] },
      ]);
    }
    const group = acme.create(integration, 'PermissionSetGroup', { DeveloperName: 'GRAX__Group', MasterLabel: 'G' });
    expect(firstError(group)).toMatchObject({
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: expect.stringMatching(/^Developer Name: The Permission Set Group API Name can only contain/),
      fields: ['DeveloperName'],
    });
    const muting = acme.create(integration, 'MutingPermissionSet', { DeveloperName: 'Mute_', MasterLabel: 'M' });
    expect(firstError(muting).message).toMatch(/^Developer Name: The Muting Permission Set API Name can only/);
    const id = newSet('GRAX_Access_2');
    expect(firstError(acme.update(integration, 'PermissionSet', id, { Name: 'GRAX_Access__2' })).statusCode).toBe(
      'FIELD_INTEGRITY_EXCEPTION',
    );
    expect(acme.update(integration, 'PermissionSet', id, { Name: 'G2' }).success).toBe(true);
  });

  it('refuses a duplicate assignment with Salesforce’s message', () => {
    const assignee = acmeUserId(world, 'standard');
    const set = permissionSetId(acme, 'GRAX_Viewer');
    savedId(acme.create(integration, 'PermissionSetAssignment', { AssigneeId: assignee, PermissionSetId: set }));
    const again = acme.create(integration, 'PermissionSetAssignment', { AssigneeId: assignee, PermissionSetId: set });
    expect(firstError(again)).toEqual({
      statusCode: 'DUPLICATE_VALUE',
      message: `Duplicate PermissionSetAssignment. Assignee: ${assignee}, Permission Set: ${set}`,
      fields: [],
    });
  });

  it('refuses a second ObjectPermissions row for the same set and object, and a second FieldPermissions row for the same field', () => {
    const set = newSet('Dup_Rows');
    savedId(objectRow(set, 'Account', { PermissionsRead: true }));
    expect(firstError(objectRow(set, 'account', { PermissionsRead: true })).message).toBe(
      'duplicate value found: <unknown> duplicates value on record with id: <unknown>',
    );
    savedId(
      acme.create(integration, 'FieldPermissions', {
        ParentId: set,
        SobjectType: 'Account',
        Field: 'Account.Industry',
        PermissionsRead: true,
      }),
    );
    const dup = acme.create(integration, 'FieldPermissions', {
      ParentId: set,
      SobjectType: 'Account',
      Field: 'Account.industry',
      PermissionsRead: true,
    });
    expect(firstError(dup).statusCode).toBe('DUPLICATE_VALUE');
  });
});

describe('licenses', () => {
  it("refuses a permission the assignee's user license does not allow", () => {
    const set = newSet('Too_Powerful', MODIFY_ALL_DATA_FLAGS);
    const result = acme.create(integration, 'PermissionSetAssignment', {
      AssigneeId: acmeUserId(world, 'apiOnly'),
      PermissionSetId: set,
    });
    expect(firstError(result)).toEqual({
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message:
        "Can't assign permission set Too Powerful to user API Only Integration. The user license doesn't allow the permission: Modify All Data",
      fields: ['PermissionSetId'],
    });
  });

  it('refuses a permission set whose license is not the assignee’s user license', () => {
    const integrationLicense = [...acme.core.store.rows('UserLicense')].find(
      (l) => l.LicenseDefinitionKey === 'SFDC_INTEGRATION',
    );
    const set = newSet('Integration_Only', { LicenseId: integrationLicense?.Id });
    const result = acme.create(integration, 'PermissionSetAssignment', {
      AssigneeId: acmeUserId(world, 'standard'),
      PermissionSetId: set,
    });
    expect(firstError(result).message).toBe(
      "Can't assign permission set Integration Only to user Sam Standard. The user license doesn't match the permission set license: Salesforce Integration.",
    );
    savedId(
      acme.create(integration, 'PermissionSetAssignment', {
        AssigneeId: acmeUserId(world, 'apiOnly'),
        PermissionSetId: set,
      }),
    );
  });

  it('needs the permission set license of a set that names one', () => {
    const psl = [...acme.core.store.rows('PermissionSetLicense')][0];
    const set = newSet('Api_Integration_Access', { LicenseId: psl?.Id });
    const refused = acme.create(integration, 'PermissionSetAssignment', {
      AssigneeId: acmeUserId(world, 'standard'),
      PermissionSetId: set,
    });
    expect(firstError(refused).message).toContain(
      "The user doesn't have the permission set license: Salesforce API Integration.",
    );
    savedId(
      acme.create(integration, 'PermissionSetAssignment', {
        AssigneeId: acmeUserId(world, 'apiOnly'),
        PermissionSetId: set,
      }),
    );
  });
});

describe('object permission dependencies', () => {
  it('refuses Create without Read', () => {
    const set = newSet('Create_Only');
    expect(firstError(objectRow(set, 'Account', { PermissionsCreate: true }))).toEqual({
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: 'Permission Create Account depends on permission(s): Read Account',
      fields: [],
    });
  });

  it('refuses Delete without Edit', () => {
    const set = newSet('Delete_No_Edit');
    expect(firstError(objectRow(set, 'Account', { PermissionsRead: true, PermissionsDelete: true })).message).toBe(
      'Permission Delete Account depends on permission(s): Edit Account',
    );
  });

  it('refuses Modify All without Edit, Delete and View All', () => {
    const set = newSet('Modify_All_Only');
    expect(
      firstError(objectRow(set, 'Account', { PermissionsRead: true, PermissionsModifyAllRecords: true })).message,
    ).toBe('Permission Modify All Account depends on permission(s): Edit Account, Delete Account, Read All Account');
  });

  it('refuses View All Fields without Read', () => {
    const set = newSet('Fields_No_Read');
    expect(firstError(objectRow(set, 'Account', { PermissionsViewAllFields: true })).message).toBe(
      'Permission View All Fields Account depends on permission(s): Read Account',
    );
  });

  it('refuses Read on a detail object without Read on its master, and on Contact without Account', () => {
    const set = newSet('Detail_Only');
    expect(firstError(objectRow(set, 'Invoice_Line__c', { PermissionsRead: true })).message).toBe(
      'Permission Read Invoice_Line__c depends on permission(s): Read Invoice__c',
    );
    expect(firstError(objectRow(set, 'Contact', { PermissionsRead: true })).message).toBe(
      'Permission Read Contact depends on permission(s): Read Account',
    );
    savedId(objectRow(set, 'Invoice__c', { PermissionsRead: true }));
    savedId(objectRow(set, 'Invoice_Line__c', { PermissionsRead: true }));
  });

  it('refuses to remove an object permission that a user permission of the set needs', () => {
    const set = newSet('Lead_Converter');
    const account = savedId(objectRow(set, 'Account', { PermissionsRead: true, PermissionsCreate: true }));
    savedId(objectRow(set, 'Contact', { PermissionsRead: true, PermissionsCreate: true }));
    savedId(objectRow(set, 'Opportunity', { PermissionsRead: true, PermissionsCreate: true }));
    savedId(objectRow(set, 'Lead', { PermissionsRead: true, PermissionsEdit: true }));
    savedId(acme.update(integration, 'PermissionSet', set, { PermissionsConvertLeads: true }));
    expect(
      firstError(acme.update(integration, 'ObjectPermissions', account, { PermissionsCreate: false })).message,
    ).toBe('Permission Convert Leads depends on permission(s): Create Account');
  });
});

describe('rows that cannot exist', () => {
  it('refuses an ObjectPermissions row with every permission false', () => {
    const set = newSet('Nothing');
    expect(firstError(objectRow(set, 'Account', { PermissionsRead: false })).statusCode).toBe(
      'FIELD_INTEGRITY_EXCEPTION',
    );
    expect(acme.core.store.lookup('ObjectPermissions', 'parent', set)).toEqual([]);
  });

  it('deletes an object permission row when an update sets every flag false', () => {
    const set = newSet('Read_Then_Clear');
    const row = savedId(objectRow(set, 'Account', { PermissionsRead: true, PermissionsCreate: true }));
    const cleared = { PermissionsRead: false, PermissionsCreate: false };
    expect(acme.update(integration, 'ObjectPermissions', row, cleared)).toEqual({
      id: row,
      success: true,
      errors: [],
    });
    expect(acme.core.get('ObjectPermissions', row)).toBeUndefined();
  });

  it('deletes a field permission row when an update sets every flag false', () => {
    const set = newSet('Field_Then_Clear');
    const row = savedId(
      acme.create(integration, 'FieldPermissions', {
        ParentId: set,
        SobjectType: 'Account',
        Field: 'Account.Industry',
        PermissionsRead: true,
      }),
    );
    savedId(acme.update(integration, 'FieldPermissions', row, { PermissionsRead: false }));
    expect(acme.core.get('FieldPermissions', row)).toBeUndefined();
  });

  it('refuses field Edit without Read', () => {
    const set = newSet('Edit_No_Read');
    const result = acme.create(integration, 'FieldPermissions', {
      ParentId: set,
      SobjectType: 'Account',
      Field: 'Account.Industry',
      PermissionsEdit: true,
    });
    expect(firstError(result).message).toBe(
      'Permission Edit Account.Industry depends on permission(s): Read Account.Industry',
    );
  });

  it('refuses field permissions on non-permissionable and non-existent fields', () => {
    const set = newSet('Bad_Fields');
    for (const field of ['Account.Name', 'Account.Nope__c', 'Contact.Industry']) {
      const result = acme.create(integration, 'FieldPermissions', {
        ParentId: set,
        SobjectType: field.split('.')[0],
        Field: field,
        PermissionsRead: true,
      });
      expect(firstError(result)).toEqual({
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: `Field Name: bad value for restricted picklist field: ${field}`,
        fields: ['Field'],
      });
    }
  });

  it('accepts a lookup field with or without Id and stores the API name', () => {
    const set = newSet('Lookup_Field');
    savedId(objectRow(set, 'Account', { PermissionsRead: true }));
    const row = savedId(
      acme.create(integration, 'FieldPermissions', {
        ParentId: set,
        SobjectType: 'contact',
        Field: 'Contact.Account',
        PermissionsRead: true,
      }),
    );
    expect(acme.core.get('FieldPermissions', row)).toMatchObject({
      SobjectType: 'Contact',
      Field: 'Contact.AccountId',
    });
  });

  it('takes the lookup field without Id only from API 50.0', () => {
    const set = newSet('Lookup_Field_49');
    savedId(objectRow(set, 'Account', { PermissionsRead: true }));
    const v49 = acmeCtx(world, 'integration', { apiVersion: 49 });
    const row = { ParentId: set, SobjectType: 'Contact', PermissionsRead: true };
    expect(firstError(acme.create(v49, 'FieldPermissions', { ...row, Field: 'Contact.Account' }))).toEqual({
      statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'Field Name: bad value for restricted picklist field: Contact.Account',
      fields: ['Field'],
    });
    savedId(acme.create(v49, 'FieldPermissions', { ...row, Field: 'Contact.AccountId' }));
  });

  it('grants formula and auto-number fields Read only', () => {
    const set = newSet('Formula_Fields');
    savedId(
      acme.create(integration, 'FieldPermissions', {
        ParentId: set,
        SobjectType: 'Opportunity',
        Field: 'Opportunity.ExpectedRevenue',
        PermissionsRead: true,
      }),
    );
    const edit = acme.create(integration, 'FieldPermissions', {
      ParentId: set,
      SobjectType: 'Project__c',
      Field: 'Project__c.Project_Number__c',
      PermissionsRead: true,
      PermissionsEdit: true,
    });
    expect(firstError(edit).statusCode).toBe('FIELD_INTEGRITY_EXCEPTION');
  });

  it('gives custom settings and custom metadata types no object permissions', () => {
    const set = newSet('Settings_Access');
    for (const name of ['Acme_Settings__c', 'Region__mdt', 'Task', 'PermissionSet']) {
      expect(firstError(objectRow(set, name, { PermissionsRead: true }))).toEqual({
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: `Sobject Type Name: bad value for restricted picklist field: ${name}`,
        fields: ['SobjectType'],
      });
    }
  });

  it('keeps the object permissions of a profile that has Modify All Data', () => {
    const adminSet = profileSetId(acme, 'System Administrator');
    const accountRow = acme.core.store.lookup('ObjectPermissions', 'parentObject', `${adminSet}|account`)[0] ?? '';
    const result = acme.update(integration, 'ObjectPermissions', accountRow, {
      PermissionsDelete: false,
      PermissionsModifyAllRecords: false,
    });
    expect(firstError(result)).toEqual({
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: "You can't change object permissions on a profile that has the Modify All Data permission.",
      fields: [],
    });
  });

  it("refuses changes to a permission set group's aggregate permission set", () => {
    const group = [...acme.core.store.rows('PermissionSetGroup')][0];
    const aggregate = acme.core.store.lookupRows('PermissionSet', 'group', group?.Id ?? '')[0];
    expect(firstError(objectRow(aggregate?.Id ?? '', 'Account', { PermissionsRead: true })).statusCode).toBe(
      'FIELD_INTEGRITY_EXCEPTION',
    );
  });
});

describe('system permission dependencies', () => {
  it('refuses Modify All Data without what it requires, named by label', () => {
    const result = acme.create(integration, 'PermissionSet', {
      Name: 'Mad_Only',
      Label: 'Mad Only',
      PermissionsModifyAllData: true,
      PermissionsViewAllData: true,
      PermissionsViewSetup: true,
    });
    expect(firstError(result)).toEqual({
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message:
        'Permission Modify All Data depends on permission(s): Edit Events, Edit Tasks, Import Leads, Manage Categories, Manage Public List Views, Run Reports, Transfer Record, Transfer Leads, Use Team Reassignment Wizards',
      fields: [],
    });
  });

  it('refuses user permissions that need object permissions the set lacks', () => {
    const result = acme.create(integration, 'PermissionSet', {
      Name: 'Converter',
      Label: 'Converter',
      PermissionsConvertLeads: true,
    });
    expect(firstError(result).message).toBe(
      'Permission Convert Leads depends on permission(s): Create Account, Create Contact, Create Opportunity, Edit Lead',
    );
  });

  it('refuses to switch off a permission another enabled permission needs', () => {
    const set = newSet('Mad_And_Vad', MODIFY_ALL_DATA_FLAGS);
    expect(firstError(acme.update(integration, 'PermissionSet', set, { PermissionsViewAllData: false })).message).toBe(
      'Permission Modify All Data depends on permission(s): View All Data',
    );
  });

  it('enforces exactly the user-permission rows that PermissionDependency reports', () => {
    const rows = [
      ...acme.dataSource(acmeCtx(world, 'integration', { tooling: true })).rows('PermissionDependency', false),
    ];
    const userRows = rows.filter(
      (r) => r.PermissionType === 'User Permission' && r.RequiredPermissionType === 'User Permission',
    );
    expect(userRows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Permission: 'QueryAllFiles', RequiredPermission: 'ViewAllData' }),
      ]),
    );
    // Modify All Data's requirements are enforced without rows, as a probe of a real org found.
    expect(userRows.filter((r) => r.Permission === 'ModifyAllData')).toEqual([]);
    expect(permissionLabel('ModifyAllData')).toBe('Modify All Data');
    for (const row of userRows) {
      const result = acme.create(integration, 'PermissionSet', {
        Name: `Dep_${String(row.Permission)}`,
        Label: 'Dep',
        [`Permissions${String(row.Permission)}`]: true,
      });
      expect(firstError(result).message).toContain(`depends on permission(s)`);
    }
  });
});

describe('profile-owned permission sets', () => {
  it('cannot be assigned', () => {
    const result = acme.create(integration, 'PermissionSetAssignment', {
      AssigneeId: acmeUserId(world, 'standard'),
      PermissionSetId: profileSetId(acme, 'System Administrator'),
    });
    expect(firstError(result)).toEqual({
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: "You can't assign a permission set that's owned by a profile. Change the user's profile instead.",
      fields: ['PermissionSetId'],
    });
  });

  it('cannot be deleted', () => {
    const result = acme.remove(integration, 'PermissionSet', profileSetId(acme, 'Standard User'));
    expect(firstError(result)).toEqual({
      statusCode: 'DELETE_FAILED',
      message: 'Cannot delete a permission set that is owned by a profile.',
      fields: [],
    });
  });

  it("edit the profile: Profile.Permissions* follow the profile's permission set", () => {
    const set = profileSetId(acme, 'GRAX Restricted Integration');
    savedId(acme.update(integration, 'PermissionSet', set, { PermissionsExportReport: true }));
    const profile = [...acme.core.store.rows('Profile')].find((p) => p.Name === 'GRAX Restricted Integration');
    expect(profile?.PermissionsExportReport).toBe(true);
    expect(acme.effectiveAccess(acmeUserId(world, 'restrictedIntegration')).systemPermissions.has('ExportReport')).toBe(
      true,
    );
  });
});

describe('deleting a permission set', () => {
  it('removes its rows and assignments', () => {
    const set = newSet('Short_Lived');
    savedId(objectRow(set, 'Account', { PermissionsRead: true }));
    savedId(
      acme.create(integration, 'PermissionSetAssignment', {
        AssigneeId: acmeUserId(world, 'standard'),
        PermissionSetId: set,
      }),
    );
    savedId(acme.remove(integration, 'PermissionSet', set));
    expect(acme.core.store.lookup('ObjectPermissions', 'parent', set)).toEqual([]);
    expect(acme.core.store.lookup('PermissionSetAssignment', 'set', set)).toEqual([]);
  });
});

describe('usernames', () => {
  it('are unique across every org of the world', () => {
    const admin = acmeCtx(world, 'ssoAdmin');
    const profileId = acme.findUserByUsername(DEMO_USERS.acmeProduction.standard.username)?.ProfileId;
    const result = acme.create(admin, 'User', {
      Username: DEMO_USERS.globex.admin.username,
      LastName: 'Copy',
      Alias: 'copy',
      Email: 'copy@acme.example',
      ProfileId: profileId,
      TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
    });
    expect(firstError(result).statusCode).toBe('DUPLICATE_USERNAME');
  });
});
