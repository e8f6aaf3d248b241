import { acmeCtx, acmeUserId, profileSetId, testWorld } from './orgTestKit';

const world = testWorld();
const acme = world.org('acmeProduction');

afterEach(() => acme.reset());

describe('control API edits', () => {
  it('adds a custom field that only System Administrator can see, so drift shows up', () => {
    const f = acme.addCustomField('Account', {
      name: 'Churn_Risk__c',
      label: 'Churn Risk',
      type: 'double',
      precision: 5,
      scale: 2,
    });
    expect(f).toMatchObject({ name: 'Churn_Risk__c', permissionable: true, custom: true });
    expect(acme.dataSource(acmeCtx(world, 'ssoAdmin')).getField('Account', 'churn_risk__c')).toBeDefined();
    expect(acme.dataSource(acmeCtx(world, 'standard')).getField('Account', 'Churn_Risk__c')).toBeUndefined();
    expect(
      acme.core.store.lookup(
        'FieldPermissions',
        'parentField',
        `${profileSetId(acme, 'System Administrator')}|account.churn_risk__c`,
      ),
    ).toHaveLength(1);
  });

  it('adds a custom field for the named profiles only', () => {
    acme.addCustomField('Account', { name: 'Region__c', label: 'Region', type: 'string', length: 20 }, [
      'Standard User',
    ]);
    expect(acme.dataSource(acmeCtx(world, 'standard')).getField('Account', 'Region__c')).toBeDefined();
    expect(acme.dataSource(acmeCtx(world, 'ssoAdmin')).getField('Account', 'Region__c')).toBeUndefined();
  });

  it('adds a custom object with System Administrator access and a fresh key prefix', () => {
    const obj = acme.addCustomObject({ name: 'Shipment__c', label: 'Shipment', fields: [] });
    expect(obj.keyPrefix).toMatch(/^a0[0-9A-Za-z]$/);
    expect(acme.dataSource(acmeCtx(world, 'ssoAdmin')).getObject('Shipment__c')).toBeDefined();
    expect(acme.dataSource(acmeCtx(world, 'standard')).getObject('Shipment__c')).toBeUndefined();
    expect(() => acme.addCustomObject({ name: 'Shipment', label: 'Bad' })).toThrow('ends in __c');
  });

  it('deletes field permission rows behind the product’s back and updates effective access', () => {
    const userId = acmeUserId(world, 'integration');
    expect(acme.effectiveAccess(userId).fields.get('account.phone')?.read).toBe(true);
    const deleted = acme.deletePermissionRows({
      object: 'FieldPermissions',
      parentId: profileSetId(acme, 'GRAX Integration'),
      field: 'Account.Phone',
    });
    expect(deleted).toBe(1);
    expect(acme.effectiveAccess(userId).fields.get('account.phone')).toBeUndefined();
    expect(() => acme.deletePermissionRows({ object: 'ObjectPermissions' })).toThrow(
      'Say which ObjectPermissions rows to delete',
    );
  });

  it('deactivates and reactivates a user', () => {
    const userId = acmeUserId(world, 'viewer');
    acme.setUserActive(userId, false);
    expect(acme.getUser(userId)?.IsActive).toBe(false);
    acme.setUserActive(userId.slice(0, 15), true);
    expect(acme.getUser(userId)?.IsActive).toBe(true);
  });

  it('records logins in LoginHistory and LastLoginDate', () => {
    const userId = acmeUserId(world, 'integration');
    acme.recordLogin(userId, {
      application: 'GRAX Connect',
      status: 'Success',
      loginType: 'Remote Access 2.0',
      sourceIp: '127.0.0.1',
    });
    const rows = acme.core.store.lookupRows('LoginHistory', 'user', userId);
    expect(rows.at(-1)).toMatchObject({
      Application: 'GRAX Connect',
      Status: 'Success',
      LoginType: 'Remote Access 2.0',
      SourceIp: '127.0.0.1',
      LoginTime: '2026-01-15T09:00:00.000+0000',
    });
    expect(acme.getUser(userId)?.LastLoginDate).toBe('2026-01-15T09:00:00.000+0000');
    acme.recordLogin(userId, {
      application: 'GRAX Connect',
      status: 'Invalid Password',
      loginType: 'Remote Access 2.0',
      sourceIp: '127.0.0.1',
    });
    expect(acme.core.store.lookupRows('LoginHistory', 'user', userId).at(-1)?.Status).toBe('Invalid Password');
  });

  it('counts API calls against the daily allowance', () => {
    acme.limits.countApiCall();
    acme.limits.countApiCall(4);
    expect(acme.limits.dailyApiRequests).toEqual({ max: 15000, used: 5 });
    expect(acme.limits.remaining()).toBe(14995);
  });
});
