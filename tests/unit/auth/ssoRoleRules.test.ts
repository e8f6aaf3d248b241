/**
 * Deny-by-default SSO roles from resolved access sources: custom permissions, per-group muting, expiry, session-based
 * sets, mapped sets.
 */
import type { RoleSetInfo, SsoRoleInput } from '@service/auth/ssoRoleRules';
import { decideSsoRole } from '@service/auth/ssoRoleRules';
import type { AccessSource } from '@service/permissions/org/accessSources';

const ADMIN = 'GRAX_Manage_Connection';
const VIEW = 'GRAX_View';

const sets = new Map<string, RoleSetInfo>([
  ['0PSprofile', { name: 'X00ex00000018ozh_128_09_04_12_1', isOwnedByProfile: true, isMuting: false }],
  ['0PSsetupAdmin', { name: 'GRAX_Setup_Admin', isOwnedByProfile: false, isMuting: false }],
  ['0PSviewer', { name: 'GRAX_Viewer', isOwnedByProfile: false, isMuting: false }],
  ['0PSsalesOps', { name: 'Sales_Ops', isOwnedByProfile: false, isMuting: false }],
  ['0PSsessionAdmin', { name: 'GRAX_Admin_On_Demand', isOwnedByProfile: false, isMuting: false }],
  ['0QMmuting', { name: 'GRAX_Admins_Muted_Muting', isOwnedByProfile: false, isMuting: true }],
]);

const customPermissionsBySet = new Map<string, Set<string>>([
  ['0PSsetupAdmin', new Set([ADMIN, VIEW])],
  ['0PSviewer', new Set([VIEW])],
  ['0PSsessionAdmin', new Set([ADMIN, VIEW])],
  ['0QMmuting', new Set([ADMIN])],
]);

const profile: AccessSource = { kind: 'profile', id: '0PSprofile', granting: ['0PSprofile'], muting: [] };

/** A directly assigned permission set. */
function direct(setId: string): AccessSource {
  return { kind: 'permissionSet', id: setId, granting: [setId], muting: [] };
}

/** A permission set group with its components and, optionally, its muting set. */
function group(groupId: string, setIds: string[], muting: string[] = []): AccessSource {
  return { kind: 'group', id: groupId, granting: setIds, muting };
}

const mutedAdminGroup = group('0PGmuted', ['0PSsetupAdmin'], ['0QMmuting']);

function input(overrides: Partial<SsoRoleInput>): SsoRoleInput {
  return {
    user: { isActive: true, userType: 'Standard' },
    sources: [profile],
    ignored: [],
    sets,
    customPermissionsBySet,
    mappings: [],
    ...overrides,
  };
}

describe('SSO role rules', () => {
  it('gives admin for GRAX_Manage_Connection and viewer for GRAX_View', () => {
    expect(decideSsoRole(input({ sources: [profile, direct('0PSsetupAdmin')] }))).toEqual({
      kind: 'allowed',
      role: 'admin',
      sources: [{ via: 'customPermission', name: ADMIN }],
    });
    expect(decideSsoRole(input({ sources: [profile, direct('0PSviewer')] }))).toMatchObject({
      kind: 'allowed',
      role: 'viewer',
    });
  });

  it('denies a user with no GRAX permission, however powerful the profile', () => {
    expect(decideSsoRole(input({}))).toEqual({ kind: 'noRole', notes: [] });
  });

  it('subtracts what a muting set mutes: an admin set in a muted group leaves only the viewer role', () => {
    const decision = decideSsoRole(input({ sources: [profile, mutedAdminGroup] }));
    expect(decision).toEqual({ kind: 'allowed', role: 'viewer', sources: [{ via: 'customPermission', name: VIEW }] });
  });

  it('keeps the admin role when the muted permission is also held through a directly assigned set', () => {
    const decision = decideSsoRole(input({ sources: [profile, mutedAdminGroup, direct('0PSsetupAdmin')] }));
    expect(decision).toMatchObject({ kind: 'allowed', role: 'admin' });
  });

  it('keeps the admin role when another, unmuted group grants the muted permission', () => {
    const decision = decideSsoRole(
      input({ sources: [profile, mutedAdminGroup, group('0PGplain', ['0PSsetupAdmin', '0PSviewer'])] }),
    );
    expect(decision).toEqual({ kind: 'allowed', role: 'admin', sources: [{ via: 'customPermission', name: ADMIN }] });
  });

  it('keeps the admin role when the profile grants the muted permission', () => {
    const adminProfile = new Map(customPermissionsBySet).set('0PSprofile', new Set([ADMIN]));
    const decision = decideSsoRole(
      input({ sources: [profile, mutedAdminGroup], customPermissionsBySet: adminProfile }),
    );
    expect(decision).toMatchObject({ kind: 'allowed', role: 'admin' });
  });

  it("mutes only within its own group: a muting set does not reach a direct set that its group doesn't contain", () => {
    const mutingOnly = group('0PGempty', ['0PSsalesOps'], ['0QMmuting']);
    const decision = decideSsoRole(input({ sources: [profile, mutingOnly, direct('0PSsetupAdmin')] }));
    expect(decision).toMatchObject({ kind: 'allowed', role: 'admin' });
  });

  it('explains a muted permission when nothing else is left', () => {
    const onlyAdmin = new Map(customPermissionsBySet).set('0PSsetupAdmin', new Set([ADMIN]));
    const decision = decideSsoRole(input({ sources: [mutedAdminGroup], customPermissionsBySet: onlyAdmin }));
    expect(decision).toEqual({ kind: 'noRole', notes: [{ kind: 'muted', permission: ADMIN }] });
  });

  it('counts nothing from an expired assignment and says which one expired', () => {
    const decision = decideSsoRole(
      input({
        ignored: [{ setId: '0PSsetupAdmin', reason: 'expired', expirationDate: '2025-12-31T23:59:59.000+0000' }],
      }),
    );
    expect(decision).toEqual({
      kind: 'noRole',
      notes: [{ kind: 'expired', setName: 'GRAX_Setup_Admin', expirationDate: '2025-12-31T23:59:59.000+0000' }],
    });
  });

  it('counts nothing from a session-based set and says so', () => {
    const decision = decideSsoRole(
      input({ ignored: [{ setId: '0PSsessionAdmin', reason: 'sessionBased', expirationDate: null }] }),
    );
    expect(decision).toEqual({ kind: 'noRole', notes: [{ kind: 'sessionBased', setName: 'GRAX_Admin_On_Demand' }] });
  });

  it('does not mention ignored assignments that would not have given a role', () => {
    const decision = decideSsoRole(
      input({ ignored: [{ setId: '0PSsalesOps', reason: 'expired', expirationDate: '2025-01-01T00:00:00.000+0000' }] }),
    );
    expect(decision).toEqual({ kind: 'noRole', notes: [] });
  });

  it('gives the role an admin mapped to a permission set the user holds (names compare case-insensitively)', () => {
    const decision = decideSsoRole(
      input({ sources: [profile, direct('0PSsalesOps')], mappings: [{ permissionSet: 'sales_ops', role: 'viewer' }] }),
    );
    expect(decision).toEqual({ kind: 'allowed', role: 'viewer', sources: [{ via: 'mappedSet', name: 'Sales_Ops' }] });
  });

  it('never maps a profile-owned set, and ignores mappings of sets the user does not hold', () => {
    const decision = decideSsoRole(
      input({
        mappings: [
          { permissionSet: 'X00ex00000018ozh_128_09_04_12_1', role: 'admin' },
          { permissionSet: 'GRAX_Viewer', role: 'admin' },
        ],
      }),
    );
    expect(decision.kind).toBe('noRole');
  });

  it('gives nothing for a mapped set whose assignment expired, and explains it', () => {
    const decision = decideSsoRole(
      input({
        ignored: [{ setId: '0PSsalesOps', reason: 'expired', expirationDate: '2026-01-31T00:00:00.000+0000' }],
        mappings: [{ permissionSet: 'Sales_Ops', role: 'admin' }],
      }),
    );
    expect(decision).toMatchObject({ kind: 'noRole', notes: [{ kind: 'expired', setName: 'Sales_Ops' }] });
  });

  it('takes the highest role when several sources apply', () => {
    const decision = decideSsoRole(
      input({
        sources: [direct('0PSviewer'), direct('0PSsalesOps')],
        mappings: [{ permissionSet: 'Sales_Ops', role: 'admin' }],
      }),
    );
    expect(decision).toEqual({ kind: 'allowed', role: 'admin', sources: [{ via: 'mappedSet', name: 'Sales_Ops' }] });
  });

  it('refuses inactive users and users who are not Standard users, whatever they hold', () => {
    const admin = { sources: [direct('0PSsetupAdmin')] };
    expect(decideSsoRole(input({ ...admin, user: { isActive: false, userType: 'Standard' } }))).toEqual({
      kind: 'inactive',
    });
    expect(decideSsoRole(input({ ...admin, user: { isActive: true, userType: 'PowerCustomerSuccess' } }))).toEqual({
      kind: 'notStandard',
      userType: 'PowerCustomerSuccess',
    });
    expect(decideSsoRole(input({ ...admin, user: { isActive: true, userType: null } })).kind).toBe('notStandard');
  });
});
