import { acmeCtx, acmeUserId, permissionSetId, savedId, testWorld } from './orgTestKit';
import { userPermissionRequirements } from '../../src/org/permissions/dependencies';

const world = testWorld();
const acme = world.org('acmeProduction');
const integration = acmeCtx(world, 'integration');
const HOUR = 3_600_000;

afterEach(() => acme.reset());

function setWith(name: string, fields: Record<string, unknown> = {}): string {
  return savedId(acme.create(integration, 'PermissionSet', { Name: name, Label: name, ...fields }));
}

function assign(persona: Parameters<typeof acmeUserId>[1], setId: string, extra: Record<string, unknown> = {}): string {
  return savedId(
    acme.create(integration, 'PermissionSetAssignment', {
      AssigneeId: acmeUserId(world, persona),
      PermissionSetId: setId,
      ...extra,
    }),
  );
}

/** A group whose muting set mutes Export Reports, Edit on Account and Edit on Account.AnnualRevenue of its one set. */
function mutedPowerGroup(): { set: string; group: string } {
  const set = setWith('Account_Power', { PermissionsViewSetup: true, PermissionsExportReport: true });
  savedId(
    acme.create(integration, 'ObjectPermissions', {
      ParentId: set,
      SobjectType: 'Account',
      PermissionsRead: true,
      PermissionsEdit: true,
    }),
  );
  savedId(
    acme.create(integration, 'FieldPermissions', {
      ParentId: set,
      SobjectType: 'Account',
      Field: 'Account.AnnualRevenue',
      PermissionsRead: true,
      PermissionsEdit: true,
    }),
  );
  const muting = savedId(
    acme.create(integration, 'MutingPermissionSet', {
      DeveloperName: 'No_Export',
      MasterLabel: 'No Export',
      PermissionsExportReport: true,
    }),
  );
  savedId(
    acme.create(integration, 'ObjectPermissions', {
      ParentId: muting,
      SobjectType: 'Account',
      PermissionsEdit: true,
    }),
  );
  savedId(
    acme.create(integration, 'FieldPermissions', {
      ParentId: muting,
      SobjectType: 'Account',
      Field: 'Account.AnnualRevenue',
      PermissionsEdit: true,
    }),
  );
  const group = groupOf('Muted_Power', [set, muting]);
  return { set, group };
}

function groupOf(name: string, components: string[]): string {
  const group = savedId(acme.create(integration, 'PermissionSetGroup', { DeveloperName: name, MasterLabel: name }));
  for (const id of components)
    savedId(
      acme.create(integration, 'PermissionSetGroupComponent', { PermissionSetGroupId: group, PermissionSetId: id }),
    );
  return group;
}

function assignGroup(persona: Parameters<typeof acmeUserId>[1], group: string): void {
  savedId(
    acme.create(integration, 'PermissionSetAssignment', {
      AssigneeId: acmeUserId(world, persona),
      PermissionSetGroupId: group,
    }),
  );
}

/** Whether the user can export reports, edit accounts and edit Account.AnnualRevenue (what mutedPowerGroup mutes). */
function powers(persona: Parameters<typeof acmeUserId>[1]): boolean[] {
  const access = acme.effectiveAccess(acmeUserId(world, persona));
  return [
    access.systemPermissions.has('ExportReport'),
    access.objects.get('account')?.edit === true,
    access.fields.get('account.annualrevenue')?.edit === true,
  ];
}

describe('effective access', () => {
  it("starts from the profile's permissions", () => {
    const access = acme.effectiveAccess(acmeUserId(world, 'integration'));
    expect([...access.systemPermissions].sort()).toEqual([
      'ApiEnabled',
      'AssignPermissionSets',
      'CustomizeApplication',
      'ManageProfilesPermissionsets',
      'ViewSetup',
    ]);
    expect(access.objects.get('account')).toMatchObject({ read: true, create: false });
    expect(access.fields.get('account.industry')).toEqual({ read: true, edit: false });
  });

  it('adds an assigned permission set at once (the cache follows every write)', () => {
    const userId = acmeUserId(world, 'standard');
    expect(acme.effectiveAccess(userId).systemPermissions.has('ViewSetup')).toBe(false);
    assign('standard', setWith('Setup_Viewer', { PermissionsViewSetup: true }));
    expect(acme.effectiveAccess(userId).systemPermissions.has('ViewSetup')).toBe(true);
  });

  it('counts a permission set group', () => {
    const a = setWith('Group_Part_A', { PermissionsExportReport: true });
    const b = setWith('Group_Part_B', { PermissionsViewSetup: true });
    const group = groupOf('Reporting', [a, b]);
    assignGroup('standard', group);
    const access = acme.effectiveAccess(acmeUserId(world, 'standard'));
    expect(access.systemPermissions.has('ExportReport') && access.systemPermissions.has('ViewSetup')).toBe(true);
    expect(acme.core.get('PermissionSetGroup', group)?.Status).toBe('Updated');
  });

  it('removes what the muting permission set of a group mutes (user, object, field and custom permissions)', () => {
    assignGroup('restrictedIntegration', mutedPowerGroup().group);
    const access = acme.effectiveAccess(acmeUserId(world, 'restrictedIntegration'));
    expect(access.systemPermissions.has('ViewSetup')).toBe(true);
    expect(access.objects.get('account')).toMatchObject({ read: true, edit: false });
    expect(access.fields.get('account.annualrevenue')).toEqual({ read: true, edit: false });
    expect(powers('restrictedIntegration')).toEqual([false, false, false]);
  });

  it('mutes only within its own group: the same set assigned directly keeps its permissions', () => {
    const { set, group } = mutedPowerGroup();
    assignGroup('restrictedIntegration', group);
    assign('restrictedIntegration', set);
    expect(powers('restrictedIntegration')).toEqual([true, true, true]);
  });

  it('mutes only within its own group: another group without muting keeps the same permissions', () => {
    const { set, group } = mutedPowerGroup();
    assignGroup('restrictedIntegration', group);
    assignGroup('restrictedIntegration', groupOf('Plain_Power', [set]));
    expect(powers('restrictedIntegration')).toEqual([true, true, true]);
  });

  it('gives the seeded muted-group admin GRAX_Manage_Connection once GRAX_Setup_Admin is also assigned directly', () => {
    assign('mutedGroupAdmin', permissionSetId(acme, 'GRAX_Setup_Admin'));
    expect([...acme.effectiveAccess(acmeUserId(world, 'mutedGroupAdmin')).customPermissions].sort()).toEqual([
      'GRAX_Manage_Connection',
      'GRAX_View',
    ]);
  });

  it('gives the seeded muted-group admin GRAX_View but not the muted GRAX_Manage_Connection, until the muting set leaves the group', () => {
    const userId = acmeUserId(world, 'mutedGroupAdmin');
    expect([...acme.effectiveAccess(userId).customPermissions]).toEqual(['GRAX_View']);
    const muting = [...acme.core.store.rows('MutingPermissionSet')][0]?.Id ?? '';
    const component = acme.core.store.lookupRows('PermissionSetGroupComponent', 'set', muting)[0]?.Id ?? '';
    savedId(acme.remove(integration, 'PermissionSetGroupComponent', component));
    expect([...acme.effectiveAccess(userId).customPermissions].sort()).toEqual(['GRAX_Manage_Connection', 'GRAX_View']);
  });

  it('ignores an assignment once its expiration date passes', () => {
    const userId = acmeUserId(world, 'standard');
    const inOneHour = new Date(world.clock.now().getTime() + HOUR).toISOString();
    assign('standard', setWith('Temporary', { PermissionsViewSetup: true }), { ExpirationDate: inOneHour });
    expect(acme.effectiveAccess(userId).systemPermissions.has('ViewSetup')).toBe(true);
    world.clock.advance(2 * HOUR);
    expect(acme.effectiveAccess(userId).systemPermissions.has('ViewSetup')).toBe(false);
  });

  it('gives nothing for the seeded expired GRAX_Setup_Admin assignment', () => {
    expect(acme.effectiveAccess(acmeUserId(world, 'expiredAdmin')).customPermissions.size).toBe(0);
  });

  it('ignores session-based permission sets (not activated in API sessions)', () => {
    const set = setWith('Session_Elevation', { PermissionsViewSetup: true, HasActivationRequired: true });
    expect(acme.core.get('PermissionSet', set)?.Type).toBe('Session');
    assign('standard', set);
    expect(acme.effectiveAccess(acmeUserId(world, 'standard')).systemPermissions.has('ViewSetup')).toBe(false);
  });

  it('lets View All Fields show every field of the object without field permissions', () => {
    const set = setWith('Account_All_Fields');
    savedId(
      acme.create(integration, 'ObjectPermissions', {
        ParentId: set,
        SobjectType: 'Account',
        PermissionsRead: true,
        PermissionsViewAllFields: true,
      }),
    );
    const source = () => acme.dataSource(acmeCtx(world, 'restrictedIntegration'));
    expect(source().getField('Account', 'AnnualRevenue')).toBeUndefined();
    assign('restrictedIntegration', set);
    expect(source().getField('Account', 'AnnualRevenue')?.name).toBe('AnnualRevenue');
  });

  it('does not let View All Data bypass field-level security', () => {
    assign('restrictedIntegration', setWith('All_Data', { PermissionsViewAllData: true }));
    const source = acme.dataSource(acmeCtx(world, 'restrictedIntegration'));
    expect(source.getObject('Opportunity')?.name).toBe('Opportunity');
    expect(source.getField('Opportunity', 'Amount')).toBeUndefined();
    expect(source.getField('Opportunity', 'Name')?.name).toBe('Name');
    expect(source.getField('Account', 'Industry')?.name).toBe('Industry');
  });

  it('does not let Modify All Data bypass field-level security either', () => {
    const set = setWith(
      'Modify_All',
      Object.fromEntries(
        ['ModifyAllData', ...userPermissionRequirements('ModifyAllData')].map((p) => [`Permissions${p}`, true]),
      ),
    );
    assign('restrictedIntegration', set);
    const access = acme.effectiveAccess(acmeUserId(world, 'restrictedIntegration'));
    expect(access.objects.get('opportunity')?.edit).toBe(true);
    expect(access.fields.get('opportunity.amount')).toBeUndefined();
    expect(acme.dataSource(acmeCtx(world, 'restrictedIntegration')).getField('Opportunity', 'Amount')).toBeUndefined();
  });

  it('always shows fields without field-level security once the object is readable', () => {
    const source = acme.dataSource(integration);
    for (const f of ['Id', 'Name', 'OwnerId', 'CreatedDate', 'SystemModstamp'])
      expect(source.getField('Account', f)).toBeDefined();
    expect(source.getObject('Opportunity')).toBeUndefined();
  });

  it('governs setup objects by user permissions: users are visible to all, permission rows need View Setup', () => {
    const standard = acme.dataSource(acmeCtx(world, 'standard'));
    expect(standard.getObject('User')).toBeDefined();
    expect(standard.getObject('Organization')).toBeDefined();
    expect(standard.getObject('FieldPermissions')).toBeUndefined();
    expect(acme.dataSource(acmeCtx(world, 'restrictedIntegration')).getObject('FieldPermissions')).toBeDefined();
  });

  it("keeps a user's cached access while unrelated permission sets, other users and logins change", () => {
    const adminId = acmeUserId(world, 'ssoAdmin');
    const cached = acme.effectiveAccess(adminId);
    const other = setWith('Unrelated', { PermissionsViewSetup: true });
    assign('standard', other);
    acme.recordLogin(adminId, {
      application: 'Browser',
      status: 'Success',
      loginType: 'Application',
      sourceIp: '198.51.100.7',
    });
    expect(acme.effectiveAccess(adminId)).toBe(cached);
    assign('ssoAdmin', other);
    expect(acme.effectiveAccess(adminId)).not.toBe(cached);
  });

  it('keeps the permission set of a removed assignment out', () => {
    const userId = acmeUserId(world, 'viewer');
    expect(acme.effectiveAccess(userId).customPermissions.has('GRAX_View')).toBe(true);
    const assignment = acme.core.store
      .lookupRows('PermissionSetAssignment', 'assignee', userId)
      .find((a) => a.PermissionSetId === permissionSetId(acme, 'GRAX_Viewer'));
    savedId(acme.remove(integration, 'PermissionSetAssignment', assignment?.Id ?? ''));
    expect(acme.effectiveAccess(userId).customPermissions.has('GRAX_View')).toBe(false);
  });
});
