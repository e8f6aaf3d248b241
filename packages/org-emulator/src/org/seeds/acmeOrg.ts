/**
 * Seeds an Acme org (production and sandbox share the blueprint): standard and custom profiles, every documented
 * persona, the GRAX package with its assignments (direct, through a muted group, expired), business data and a short
 * login history, including one login of the integration user from another application.
 */
import type { AcmePersona, DemoUser } from '../demoCatalog';
import { EXPIRED_ASSIGNMENT_DATE, GRAX_PACKAGE } from '../demoCatalog';
import { installGraxPackage } from './graxPackage';
import { createStandardProfiles, grantStandardUserAccess, STANDARD_USER_PERMISSIONS } from './profiles';
import { seedBusinessData } from './demoData';
import type { SeedWriter } from './seedWriter';

/** User id and password of every seeded user. */
export type SeededUsers = Map<string, { userId: string; password: string }>;

/** Seeds one Acme org; returns the users by persona. */
export function seedAcmeOrg(
  w: SeedWriter,
  users: Readonly<Record<AcmePersona, DemoUser>>,
  loginUrl: string,
): SeededUsers {
  const profiles = createStandardProfiles(w);
  const integration = w.createProfile({
    name: 'GRAX Integration',
    license: 'salesforce',
    permissions: [
      'ApiEnabled',
      'ViewSetup',
      'ManageProfilesPermissionsets',
      'AssignPermissionSets',
      'CustomizeApplication',
    ],
    custom: true,
    description: 'Dedicated profile of the GRAX integration user.',
  });
  w.grantObject(integration.setId, 'Account', ['read']);
  w.grantObject(integration.setId, 'Contact', ['read']);
  for (const f of ['Account.Industry', 'Account.Phone', 'Contact.Email']) w.grantField(integration.setId, f, 'read');
  const restricted = w.createProfile({
    name: 'GRAX Restricted Integration',
    license: 'salesforce',
    permissions: ['ApiEnabled', 'ViewSetup'],
    custom: true,
    description: 'Integration profile without permission set administration.',
  });
  w.grantObject(restricted.setId, 'Account', ['read']);
  w.grantField(restricted.setId, 'Account.Industry', 'read');
  const noApi = w.createProfile({
    name: 'Acme Standard (No API)',
    license: 'salesforce',
    permissions: STANDARD_USER_PERMISSIONS.filter((p) => p !== 'ApiEnabled'),
    custom: true,
    description: 'Standard User without API access.',
  });
  grantStandardUserAccess(w, noApi.setId);

  const profileIds: Record<string, string> = {
    'System Administrator': profiles.admin.profileId,
    'Standard User': profiles.standard.profileId,
    'Minimum Access - API Only Integrations': profiles.apiOnly.profileId,
    'GRAX Integration': integration.profileId,
    'GRAX Restricted Integration': restricted.profileId,
    'Acme Standard (No API)': noApi.profileId,
  };
  const seeded: SeededUsers = new Map();
  const order: AcmePersona[] = [
    'ssoAdmin',
    'integration',
    'restrictedIntegration',
    'apiOnly',
    'apiDisabled',
    'inactive',
    'viewer',
    'standard',
    'mutedGroupAdmin',
    'expiredAdmin',
  ];
  for (const persona of order) {
    const u = users[persona];
    const profileId = profileIds[u.profile];
    if (!profileId) throw new Error(`No seeded profile ${u.profile}.`);
    const userId = w.createUser(
      {
        username: u.username,
        firstName: u.firstName,
        lastName: u.lastName,
        email: u.email,
        profileId,
        isActive: persona !== 'inactive',
      },
      persona === 'ssoAdmin' ? (w.actorId ?? undefined) : undefined,
    );
    seeded.set(persona, { userId, password: u.password });
  }
  const id = (persona: AcmePersona): string => seeded.get(persona)?.userId ?? '';

  const pkg = installGraxPackage(w);
  w.assign(id('ssoAdmin'), pkg.setupAdminSetId);
  w.assign(id('viewer'), pkg.viewerSetId);
  w.assign(id('expiredAdmin'), pkg.setupAdminSetId, EXPIRED_ASSIGNMENT_DATE);
  const muting = w.createMutingSet(GRAX_PACKAGE.mutedGroup.muting, 'GRAX Admins (muted) - Muting');
  w.grantSetupEntity(muting, pkg.manageConnectionId);
  const group = w.createGroup(GRAX_PACKAGE.mutedGroup.group, 'GRAX Admins (muted)', [pkg.setupAdminSetId], muting);
  w.assignGroup(id('mutedGroupAdmin'), group);
  const psl = w.pslIds.get('apiIntegration');
  if (psl) w.assignLicense(id('apiOnly'), psl);

  seedBusinessData(w, id('ssoAdmin'), { accounts: 5 });
  const login = (userId: string, at: string, application: string, loginType: string): void => {
    w.insert('LoginHistory', {
      UserId: userId,
      LoginTime: at,
      LoginType: loginType,
      SourceIp: '203.0.113.10',
      LoginUrl: loginUrl,
      Browser: 'Unknown',
      Platform: 'Unknown',
      Status: 'Success',
      Application: application,
      ApiType: null,
      ApiVersion: null,
      CountryIso: 'US',
    });
  };
  login(id('ssoAdmin'), '2026-01-12T08:30:00.000+0000', 'Browser', 'Application');
  login(id('integration'), '2026-01-13T02:00:00.000+0000', 'Dataloader Partner', 'Partner Product');
  return seeded;
}
