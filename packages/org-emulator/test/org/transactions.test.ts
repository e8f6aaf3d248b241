import { acmeCtx, acmeUserId, permissionSetId, savedId, testWorld } from './orgTestKit';

const world = testWorld();
const acme = world.org('acmeProduction');
const integration = acmeCtx(world, 'integration');

afterEach(() => acme.reset());

describe('savepoints', () => {
  it('rollback restores every record, issues the same ids again and undoes effective access', () => {
    const userId = acmeUserId(world, 'standard');
    const before = acme.core.store.count('PermissionSet');
    const savepoint = acme.savepoint();
    const set = savedId(
      acme.create(integration, 'PermissionSet', {
        Name: 'Rolled_Back',
        Label: 'Rolled Back',
        PermissionsViewSetup: true,
      }),
    );
    savedId(acme.create(integration, 'PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: set }));
    expect(acme.effectiveAccess(userId).systemPermissions.has('ViewSetup')).toBe(true);
    acme.rollback(savepoint);
    expect(acme.core.store.count('PermissionSet')).toBe(before);
    expect(acme.core.get('PermissionSet', set)).toBeUndefined();
    expect(acme.effectiveAccess(userId).systemPermissions.has('ViewSetup')).toBe(false);
    expect(savedId(acme.create(integration, 'PermissionSet', { Name: 'Again', Label: 'Again' }))).toBe(set);
  });

  it('restores updated and deleted records, including the recycle bin', () => {
    const admin = acmeCtx(world, 'ssoAdmin');
    const [first, second] = [...acme.core.store.rows('Account')];
    const savepoint = acme.savepoint();
    savedId(acme.update(admin, 'Account', first?.Id ?? '', { Name: 'Renamed' }));
    savedId(acme.remove(admin, 'Account', second?.Id ?? ''));
    acme.rollback(savepoint);
    expect(acme.core.get('Account', first?.Id)?.Name).toBe(first?.Name);
    expect(acme.core.get('Account', second?.Id)).toEqual(second);
    expect(acme.core.store.getDeleted('Account', second?.Id ?? '')).toBeUndefined();
  });

  it('rolls back group recalculation with the component change that caused it', () => {
    const userId = acmeUserId(world, 'mutedGroupAdmin');
    const muting = [...acme.core.store.rows('MutingPermissionSet')][0]?.Id ?? '';
    const component = acme.core.store.lookupRows('PermissionSetGroupComponent', 'set', muting)[0]?.Id ?? '';
    const savepoint = acme.savepoint();
    savedId(acme.remove(integration, 'PermissionSetGroupComponent', component));
    expect(acme.effectiveAccess(userId).customPermissions.has('GRAX_Manage_Connection')).toBe(true);
    acme.rollback(savepoint);
    expect(acme.effectiveAccess(userId).customPermissions.has('GRAX_Manage_Connection')).toBe(false);
  });

  it('closes later savepoints on rollback and refuses to roll back twice', () => {
    const outer = acme.savepoint();
    const inner = acme.savepoint();
    acme.rollback(outer);
    expect(() => acme.rollback(inner)).toThrow('already rolled back or released');
    expect(() => acme.rollback(outer)).toThrow('already rolled back or released');
  });

  it('rolls back to an inner savepoint and keeps what came before it', () => {
    const outer = acme.savepoint();
    const kept = savedId(acme.create(integration, 'PermissionSet', { Name: 'Kept', Label: 'Kept' }));
    const inner = acme.savepoint();
    const dropped = savedId(acme.create(integration, 'PermissionSet', { Name: 'Dropped', Label: 'Dropped' }));
    acme.rollback(inner);
    expect(acme.core.get('PermissionSet', kept)).toBeDefined();
    expect(acme.core.get('PermissionSet', dropped)).toBeUndefined();
    acme.release(outer);
  });

  it('stops journaling once every savepoint is released (one savepoint per composite request stays cheap)', () => {
    const savepoint = acme.savepoint();
    savedId(
      acme.create(integration, 'PermissionSetAssignment', {
        AssigneeId: acmeUserId(world, 'standard'),
        PermissionSetId: permissionSetId(acme, 'GRAX_Viewer'),
      }),
    );
    expect(acme.core.store.journalSize()).toBeGreaterThan(0);
    acme.release(savepoint);
    expect(acme.core.store.journalSize()).toBe(0);
  });

  it('covers stored credentials', () => {
    const body = {
      externalCredential: 'GRAX_Service',
      principalName: 'Link',
      principalType: 'NamedPrincipal' as const,
      authenticationProtocol: 'Custom',
      credentials: { LinkKey: { value: 'k1', encrypted: true } },
    };
    const savepoint = acme.savepoint();
    acme.putCredential(integration, body, 'create');
    acme.rollback(savepoint);
    expect(acme.debugCredentialValue('GRAX_Service', 'Link')).toBeUndefined();
  });
});
