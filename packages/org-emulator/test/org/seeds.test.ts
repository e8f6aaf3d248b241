import { DEMO_CLIENT_APP, DEMO_ORGS, DEMO_USERS, GRAX_PACKAGE, type AcmePersona } from '../../src/org/demoCatalog';
import { findViolations } from '../../src/org/permissions/dependencies';
import { enabledPermissionsOf } from '../../src/org/permissions/setMaintenance';
import { toId18 } from '../../src/org/ids';
import type { OrgModel } from '../../src/org/orgModel';
import { createManualClock } from '../../src/org/clock';
import { createWorld } from '../../src/org/world';
import { acmeCtx, permissionSetId, savedId, testWorld } from './orgTestKit';

const world = testWorld();

function access(org: OrgModel, username: string) {
  const user = org.findUserByUsername(username);
  if (!user) throw new Error(`${username} is not seeded in ${org.name}.`);
  return { user, access: org.effectiveAccess(user.Id) };
}

describe('seeded orgs', () => {
  it('match the catalog: ids, names, kinds, My Domains and login hosts, and an Organization record', () => {
    for (const entry of Object.values(DEMO_ORGS)) {
      const org = world.findOrgById(entry.id.slice(0, 15));
      expect(org).toMatchObject({
        id: entry.id,
        name: entry.name,
        kind: entry.kind,
        isSandbox: entry.isSandbox,
        myDomain: entry.myDomain,
        loginHost: entry.loginHost,
      });
      expect(toId18(entry.id)).toBe(entry.id);
      expect(org?.core.get('Organization', entry.id)).toMatchObject({
        Name: entry.name,
        IsSandbox: entry.isSandbox,
        InstanceName: entry.instanceName,
        TrialExpirationDate: null,
      });
    }
    expect(world.org('acmeSandbox').myDomain).toBe('acme--uat');
    expect(world.org('acmeSandbox').loginHost).toBe('sandbox');
  });

  it('install the demo client app in both Acme orgs and not in Globex', () => {
    expect(world.org('acmeProduction').installedClientAppIds.has(DEMO_CLIENT_APP.clientId)).toBe(true);
    expect(world.org('acmeSandbox').installedClientAppIds.has(DEMO_CLIENT_APP.clientId)).toBe(true);
    expect(world.org('globex').installedClientAppIds.size).toBe(0);
  });

  it('have every documented user with the documented profile and password', () => {
    for (const key of ['acmeProduction', 'acmeSandbox', 'globex'] as const) {
      const org = world.org(key);
      for (const demo of Object.values(DEMO_USERS[key])) {
        const user = org.findUserByUsername(demo.username.toUpperCase());
        expect(user).toBeDefined();
        const profile = org.core.get('Profile', user?.ProfileId);
        expect(profile?.Name).toBe(demo.profile);
        expect(org.checkPassword(user?.Id ?? '', demo.password)).toBe(true);
        expect(org.checkPassword(user?.Id ?? '', `${demo.password}x`)).toBe(false);
        expect(world.findOrgByUsername(demo.username)?.org).toBe(org);
      }
    }
    expect(DEMO_USERS.acmeSandbox.integration.username).toBe('grax.integration@acme.example.uat');
  });

  it.each(['acmeProduction', 'acmeSandbox'] as const)(
    'give the %s personas the abilities the catalog states',
    (key) => {
      const org = world.org(key);
      const users = DEMO_USERS[key];
      const has = (persona: AcmePersona, permission: string) =>
        access(org, users[persona].username).access.systemPermissions.has(permission);
      const custom = (persona: AcmePersona) =>
        [...access(org, users[persona].username).access.customPermissions].sort();
      for (const p of [
        'ApiEnabled',
        'ViewSetup',
        'ManageProfilesPermissionsets',
        'AssignPermissionSets',
        'CustomizeApplication',
      ])
        expect(has('integration', p)).toBe(true);
      expect(has('restrictedIntegration', 'ApiEnabled')).toBe(true);
      expect(
        has('restrictedIntegration', 'ManageProfilesPermissionsets') ||
          has('restrictedIntegration', 'AssignPermissionSets'),
      ).toBe(false);
      expect(org.isApiOnlyUser(access(org, users.apiOnly.username).user.Id)).toBe(true);
      expect(has('apiDisabled', 'ApiEnabled')).toBe(false);
      expect(access(org, users.inactive.username).user.IsActive).toBe(false);
      expect(custom('ssoAdmin')).toEqual([
        GRAX_PACKAGE.customPermissions.manageConnection,
        GRAX_PACKAGE.customPermissions.view,
      ]);
      expect(custom('viewer')).toEqual([GRAX_PACKAGE.customPermissions.view]);
      expect(custom('standard')).toEqual([]);
      expect(custom('mutedGroupAdmin')).toEqual([GRAX_PACKAGE.customPermissions.view]);
      expect(custom('expiredAdmin')).toEqual([]);
    },
  );

  it('let the integration user create and assign permission sets, and not the restricted one', () => {
    const acme = world.org('acmeProduction');
    const integration = acmeCtx(world, 'integration');
    const set = savedId(
      acme.create(integration, 'PermissionSet', {
        Name: 'GRAX_Integration_User_Access',
        Label: 'GRAX Integration User - Org Access',
      }),
    );
    savedId(
      acme.create(integration, 'PermissionSetAssignment', { AssigneeId: integration.userId, PermissionSetId: set }),
    );
    expect(
      acme.create(acmeCtx(world, 'restrictedIntegration'), 'PermissionSet', { Name: 'Other', Label: 'Other' }).success,
    ).toBe(false);
    acme.reset();
  });

  it('give the integration user narrow object access so Auto Config has work to do', () => {
    const { access: a } = access(world.org('acmeProduction'), DEMO_USERS.acmeProduction.integration.username);
    expect([...a.objects.keys()].sort()).toEqual(['account', 'contact']);
    expect([...a.fields.keys()].sort()).toEqual(['account.industry', 'account.phone', 'contact.email']);
  });

  it('give Globex one admin who may approve uninstalled connected apps and one who may not, and no GRAX package', () => {
    const globex = world.org('globex');
    expect(
      access(globex, DEMO_USERS.globex.admin.username).access.systemPermissions.has('CanApproveUninstalledApps'),
    ).toBe(true);
    expect(
      access(globex, DEMO_USERS.globex.adminWithoutAppApproval.username).access.systemPermissions.has(
        'CanApproveUninstalledApps',
      ),
    ).toBe(false);
    expect(globex.core.store.lookup('PermissionSet', 'name', 'grax_setup_admin')).toEqual([]);
    expect(globex.core.store.count('CustomPermission')).toBe(0);
  });

  it('install the GRAX package: permission sets, custom permissions, credentials without a stored secret', () => {
    const acme = world.org('acmeProduction');
    const template = acme.core.get('PermissionSet', permissionSetId(acme, GRAX_PACKAGE.permissionSets.integrationUser));
    // As a package install leaves it: the install drops a packaged set's user permissions.
    expect(template).toMatchObject({
      Label: 'GRAX Integration User',
      PermissionsApiEnabled: false,
      PermissionsViewAllData: false,
      IsOwnedByProfile: false,
    });
    expect(acme.core.store.lookup('ObjectPermissions', 'parent', template?.Id ?? '')).toEqual([]);
    const adminSet = permissionSetId(acme, GRAX_PACKAGE.permissionSets.setupAdmin);
    const types = acme.core.store.lookupRows('SetupEntityAccess', 'parent', adminSet).map((r) => r.SetupEntityType);
    expect(types).toEqual(expect.arrayContaining(['CustomPermission', 'ApexClass', 'ExternalCredentialParameter']));
    expect([...acme.core.store.rows('NamedCredential')].map((r) => r.DeveloperName)).toEqual(['GRAX_Service']);
    expect(acme.debugCredentialValue('GRAX_Service', 'Link')).toBeUndefined();
  });

  it('give every user the assignment of their profile permission set, as real orgs do', () => {
    const acme = world.org('acmeProduction');
    for (const user of acme.listUsers()) {
      const sets = acme.core.store
        .lookupRows('PermissionSetAssignment', 'assignee', user.Id)
        .map((a) => acme.core.get('PermissionSet', a.PermissionSetId));
      expect(sets.filter((s) => s?.IsOwnedByProfile === true && s.ProfileId === user.ProfileId)).toHaveLength(1);
    }
  });

  it('contain no permission set that breaks a dependency rule', () => {
    for (const org of world.orgs) {
      for (const set of org.core.store.rows('PermissionSet')) {
        expect({
          set: set.Name,
          violations: findViolations(org.core, enabledPermissionsOf(org.core, set)),
        }).toEqual({ set: set.Name, violations: [] });
      }
    }
  });

  it('are the same, id for id and date for date, for the same seed', () => {
    const again = createWorld({ clock: createManualClock('2030-01-01T00:00:00Z') });
    for (const key of ['acmeProduction', 'globex'] as const) {
      const rows = (org: OrgModel) => [...org.core.store.rows('PermissionSetAssignment')];
      expect(rows(again.org(key))).toEqual(rows(world.org(key)));
      expect(again.org(key).listUsers()).toEqual(world.org(key).listUsers());
    }
  });

  it('come back to the seeded state on reset, in the same OrgModel instances', () => {
    const acme = world.org('acmeProduction');
    const integration = acmeCtx(world, 'integration');
    const set = savedId(acme.create(integration, 'PermissionSet', { Name: 'Temp', Label: 'Temp' }));
    acme.limits.countApiCall(3);
    world.reset();
    expect(world.org('acmeProduction')).toBe(acme);
    expect(acme.core.get('PermissionSet', set)).toBeUndefined();
    expect(acme.limits.dailyApiRequests).toEqual({ max: 15000, used: 0 });
  });
});
