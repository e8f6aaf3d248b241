import { executeQuery } from '../../src/soql';
import { acmeCtx, acmeUserId, testWorld } from './orgTestKit';

const world = testWorld();
const acme = world.org('acmeProduction');

describe('SOQL data source', () => {
  it('hides objects the user cannot read and objects newer than the API version', () => {
    const source = acme.dataSource(acmeCtx(world, 'integration'));
    expect(source.getObject('opportunity')).toBeUndefined();
    expect(source.getObject('PERMISSIONSETGROUP')?.name).toBe('PermissionSetGroup');
    expect(
      acme.dataSource(acmeCtx(world, 'integration', { apiVersion: 44 })).getObject('PermissionSetGroup'),
    ).toBeUndefined();
  });

  it('hides fields without read access', () => {
    const source = acme.dataSource(acmeCtx(world, 'integration'));
    expect(source.getField('Account', 'industry')?.name).toBe('Industry');
    expect(source.getField('Account', 'AnnualRevenue')).toBeUndefined();
  });

  it('shows a user only their own login history unless they may monitor logins', () => {
    const own = [...acme.dataSource(acmeCtx(world, 'integration')).rows('LoginHistory', false)];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.UserId === acmeUserId(world, 'integration'))).toBe(true);
    const all = [...acme.dataSource(acmeCtx(world, 'ssoAdmin')).rows('LoginHistory', false)];
    expect(new Set(all.map((r) => r.UserId)).size).toBeGreaterThan(1);
  });

  it('serves PermissionDependency rows in Tooling calls only, in the format real orgs use', () => {
    const tooling = acme.dataSource(acmeCtx(world, 'integration', { tooling: true }));
    const rows = [...tooling.rows('PermissionDependency', false)];
    const edge = (permission: string, required: string) =>
      rows.find((r) => r.Permission === permission && r.RequiredPermission === required);
    expect(edge('QueryAllFiles', 'ViewAllData')).toMatchObject({
      PermissionType: 'User Permission',
      RequiredPermissionType: 'User Permission',
    });
    expect(edge('ConvertLeads', 'Account<create>')).toMatchObject({
      PermissionType: 'User Permission',
      RequiredPermissionType: 'Object Permission',
    });
    expect(edge('Account<create>', 'Account<read>')).toMatchObject({ PermissionType: 'Object Permission' });
    expect(edge('Account<delete>', 'Account<update>')).toBeDefined();
    expect(edge('Invoice_Line__c<read>', 'Invoice__c<read>')).toBeDefined();
    expect(rows.some((r) => String(r.Permission).startsWith('Acme_Settings__c<'))).toBe(false);
    expect(rows[0]?.Id).toMatch(/^2Pd/);
    expect(acme.dataSource(acmeCtx(world, 'integration')).getObject('PermissionDependency')).toBeUndefined();
    expect(
      acme
        .dataSource(acmeCtx(world, 'integration', { tooling: true, apiVersion: 45 }))
        .getObject('PermissionDependency'),
    ).toBeUndefined();
    expect(
      acme.dataSource(acmeCtx(world, 'standard', { tooling: true })).getObject('PermissionDependency'),
    ).toBeUndefined();
  });

  it('resolves records by id (15 or 18 characters) for relationships, with their type, when the user can see them', () => {
    const admin = acme.dataSource(acmeCtx(world, 'ssoAdmin'));
    const contact = [...admin.rows('Contact', false)][0];
    const accountId = String(contact?.AccountId);
    expect(admin.getRecord(accountId.slice(0, 15))?.Id).toBe(accountId);
    expect(admin.getRecordType?.(accountId)).toBe('Account');
    const integration = acme.dataSource(acmeCtx(world, 'integration'));
    const opportunity = [...admin.rows('Opportunity', false)][0];
    expect(integration.getRecord(opportunity?.Id ?? '')).toBeUndefined();
  });

  it('includes recycle-bin rows only for queryAll', () => {
    const admin = acmeCtx(world, 'ssoAdmin');
    const lead = [...acme.core.store.rows('Lead')][0]?.Id ?? '';
    acme.remove(admin, 'Lead', lead);
    expect([...acme.dataSource(admin).rows('Lead', false)].map((r) => r.Id)).not.toContain(lead);
    expect([...acme.dataSource(admin).rows('Lead', true)].map((r) => r.Id)).toContain(lead);
    acme.reset();
  });

  it('answers the queries the product makes, through the SOQL engine', () => {
    const integration = acmeCtx(world, 'integration');
    const grants = executeQuery(
      acme.dataSource(integration),
      `SELECT SobjectType, PermissionsRead, Parent.Name, Parent.IsOwnedByProfile FROM ObjectPermissions
       WHERE ParentId IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = '${integration.userId}')
       ORDER BY SobjectType`,
      { includeDeleted: false },
    );
    expect(grants.records.map((r) => [r.SobjectType, (r.Parent as Record<string, unknown>).IsOwnedByProfile])).toEqual([
      ['Account', true],
      ['Contact', true],
    ]);
    const org = executeQuery(acme.dataSource(integration), 'SELECT Name, IsSandbox, InstanceName FROM Organization', {
      includeDeleted: false,
    });
    expect(org.records[0]).toMatchObject({ Name: 'Acme Production', IsSandbox: false, InstanceName: 'USA1023' });
    const dependencies = executeQuery(
      acme.dataSource({ ...integration, tooling: true }),
      "SELECT RequiredPermission FROM PermissionDependency WHERE Permission = 'QueryAllFiles'",
      { includeDeleted: false },
    );
    expect(dependencies.records.map((r) => r.RequiredPermission)).toEqual(['ViewAllData']);
  });

  it('offers the engine indexed rows for id and lookup filters, and the org clock', () => {
    const userId = acmeUserId(world, 'integration');
    const source = acme.dataSource(acmeCtx(world, 'integration'));
    const assignments = [...(source.rowsWhere('PermissionSetAssignment', 'AssigneeId', [userId], false) ?? [])];
    expect(assignments.length).toBeGreaterThan(0);
    expect(assignments.every((a) => a.AssigneeId === userId)).toBe(true);
    expect([...(source.rowsWhere('LoginHistory', 'UserId', [acmeUserId(world, 'ssoAdmin')], false) ?? [])]).toEqual([]);
    expect(source.rowsWhere('Account', 'Industry', ['Technology'], false)).toBeUndefined();
    expect(source.now()).toEqual(world.clock.now());
  });
});
