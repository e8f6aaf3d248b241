/**
 * Save rules of users and of what is assigned to them: PermissionSetAssignment (one per user and set, never a
 * profile's set, license compatibility, groups assigned through their aggregate set), PermissionSetLicenseAssign, and
 * User (unique usernames across the world, the profile assignment every user has).
 */
import type { SfRecord } from '../types';
import type { OrgCore } from '../core';
import { aggregateSetOf } from '../permissions/groupAggregation';
import { assignProfileSet, userLicenseOf } from '../permissions/setMaintenance';
import { enabledSystemPermissions, findSystemPermission } from '../permissions/systemPermissions';
import type { RuleBook } from './rules';
import { fail, messages, SaveFailure } from './saveErrors';

/** Tells whether a username is used in another org of the world (usernames are unique across all orgs). */
export type UsernameRegistry = (username: string, exceptOrgId: string) => boolean;

const DUPLICATE_USERNAME =
  "Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn't need to match the user's email address).";

/** Refuses an assignment the user's license does not permit. */
export function assertLicenseFits(core: OrgCore, set: SfRecord, user: SfRecord): void {
  const prefix = `Can't assign permission set ${String(set.Label)} to user ${String(user.Name)}.`;
  const license = userLicenseOf(core, user);
  const refused = license?.spec
    ? enabledSystemPermissions(set).find((p) => license.spec?.disallowedPermissions.includes(p))
    : undefined;
  if (refused) {
    fail(
      'FIELD_INTEGRITY_EXCEPTION',
      `${prefix} The user license doesn't allow the permission: ${findSystemPermission(refused)?.label ?? refused}`,
      ['PermissionSetId'],
    );
  }
  if (typeof set.LicenseId !== 'string') return;
  const setLicense = core.get('UserLicense', set.LicenseId);
  if (setLicense && setLicense.Id !== license?.row.Id) {
    fail(
      'FIELD_INTEGRITY_EXCEPTION',
      `${prefix} The user license doesn't match the permission set license: ${String(setLicense.Name)}.`,
      ['PermissionSetId'],
    );
  }
  const psl = core.get('PermissionSetLicense', set.LicenseId);
  if (
    psl &&
    !core.store
      .lookupRows('PermissionSetLicenseAssign', 'assignee', user.Id)
      .some((a) => a.PermissionSetLicenseId === psl.Id)
  ) {
    fail(
      'FIELD_INTEGRITY_EXCEPTION',
      `${prefix} The user doesn't have the permission set license: ${String(psl.MasterLabel)}.`,
      ['PermissionSetId'],
    );
  }
}

/** Rules of users and assignments; `usernameTaken` checks the other orgs of the world. */
export function assignmentRules(usernameTaken: UsernameRegistry): RuleBook {
  const assertUsernameFree = (core: OrgCore, username: unknown, selfId: string | undefined): void => {
    if (typeof username !== 'string') return;
    const here = core.store.lookup('User', 'username', username.toLowerCase()).filter((id) => id !== selfId);
    if (here.length > 0 || usernameTaken(username, core.orgId))
      fail('DUPLICATE_USERNAME', DUPLICATE_USERNAME, ['Username']);
  };
  return {
    PermissionSetAssignment: {
      beforeInsert({ core }, row) {
        if (typeof row.PermissionSetGroupId === 'string') {
          const aggregate = aggregateSetOf(core, row.PermissionSetGroupId);
          if (!aggregate) throw new SaveFailure([messages.invalidReference(['PermissionSetGroupId'])]);
          if (typeof row.PermissionSetId === 'string' && row.PermissionSetId !== aggregate.Id) {
            fail('FIELD_INTEGRITY_EXCEPTION', 'Specify either a permission set or a permission set group, not both.', [
              'PermissionSetId',
            ]);
          }
          row.PermissionSetId = aggregate.Id;
        }
        const set = core.get('PermissionSet', row.PermissionSetId);
        if (!set) throw new SaveFailure([messages.requiredMissing(['PermissionSetId'])]);
        if (set.Type === 'Group') row.PermissionSetGroupId = set.PermissionSetGroupId;
        if (set.IsOwnedByProfile === true) {
          fail(
            'FIELD_INTEGRITY_EXCEPTION',
            "You can't assign a permission set that's owned by a profile. Change the user's profile instead.",
            ['PermissionSetId'],
          );
        }
        const user = core.get('User', row.AssigneeId);
        if (!user) throw new SaveFailure([messages.invalidReference(['AssigneeId'])]);
        if (
          core.store
            .lookupRows('PermissionSetAssignment', 'assignee', user.Id)
            .some((a) => a.PermissionSetId === set.Id)
        ) {
          fail('DUPLICATE_VALUE', `Duplicate PermissionSetAssignment. Assignee: ${user.Id}, Permission Set: ${set.Id}`);
        }
        assertLicenseFits(core, set, user);
        row.IsActive = set.HasActivationRequired !== true;
      },
      beforeDelete({ core }, row) {
        if (core.get('PermissionSet', row.PermissionSetId)?.IsOwnedByProfile === true) {
          fail(
            'DELETE_FAILED',
            "You can't delete the assignment of a user's profile permission set. Change the user's profile instead.",
          );
        }
      },
    },
    PermissionSetLicenseAssign: {
      beforeInsert({ core }, row) {
        const existing = core.store.lookupRows('PermissionSetLicenseAssign', 'assignee', String(row.AssigneeId));
        if (existing.some((a) => a.PermissionSetLicenseId === row.PermissionSetLicenseId))
          throw new SaveFailure([messages.duplicateUnknown()]);
      },
    },
    User: {
      beforeInsert({ core }, row) {
        assertUsernameFree(core, row.Username, undefined);
        row.UserType = core.get('Profile', row.ProfileId)?.UserType ?? 'Standard';
      },
      afterInsert(w, row) {
        assignProfileSet(w.core, row.Id, String(row.ProfileId), w.actorId);
      },
      beforeUpdate({ core }, previous, next) {
        if (next.Username !== previous.Username) assertUsernameFree(core, next.Username, previous.Id);
        if (next.ProfileId !== previous.ProfileId)
          next.UserType = core.get('Profile', next.ProfileId)?.UserType ?? 'Standard';
      },
      afterUpdate(w, row, previous) {
        if (row.ProfileId !== previous.ProfileId) assignProfileSet(w.core, row.Id, String(row.ProfileId), w.actorId);
      },
    },
  };
}
