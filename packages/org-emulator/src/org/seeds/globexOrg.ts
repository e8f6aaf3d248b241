/**
 * Seeds Globex: no GRAX package and the demo app not installed; one administrator with "Approve Uninstalled
 * Connected Apps" (System Administrator) and one without it (a custom admin profile).
 */
import { DEMO_USERS } from '../demoCatalog';
import { ADMIN_PERMISSIONS, createStandardProfiles } from './profiles';
import { seedBusinessData } from './demoData';
import type { SeededUsers } from './acmeOrg';
import type { SeedWriter } from './seedWriter';

/** Seeds Globex; returns the users by persona. */
export function seedGlobexOrg(w: SeedWriter): SeededUsers {
  const profiles = createStandardProfiles(w);
  const ops = w.createProfile({
    name: 'Globex Operations Admin',
    license: 'salesforce',
    permissions: ADMIN_PERMISSIONS.filter((p) => p !== 'CanApproveUninstalledApps'),
    custom: true,
    description: 'Administrators who may not approve uninstalled connected apps.',
  });
  w.grantEverything(ops.setId);
  const seeded: SeededUsers = new Map();
  const admin = DEMO_USERS.globex.admin;
  seeded.set('admin', {
    userId: w.createUser(
      {
        username: admin.username,
        firstName: admin.firstName,
        lastName: admin.lastName,
        email: admin.email,
        profileId: profiles.admin.profileId,
      },
      w.actorId ?? undefined,
    ),
    password: admin.password,
  });
  const opsAdmin = DEMO_USERS.globex.adminWithoutAppApproval;
  seeded.set('adminWithoutAppApproval', {
    userId: w.createUser({
      username: opsAdmin.username,
      firstName: opsAdmin.firstName,
      lastName: opsAdmin.lastName,
      email: opsAdmin.email,
      profileId: ops.profileId,
    }),
    password: opsAdmin.password,
  });
  seedBusinessData(w, seeded.get('admin')?.userId ?? '', { accounts: 2 });
  return seeded;
}
