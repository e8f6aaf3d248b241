/**
 * Save rules of PermissionSet, MutingPermissionSet, PermissionSetGroup and PermissionSetGroupComponent: API names
 * (Salesforce's character rule, unique), the license's disallowed permissions, user-permission dependencies (only violations a save introduces are
 * refused), profile-owned and group-owned sets that cannot be deleted, and the follow-up writes (profile mirror,
 * group aggregate and recalculation, cascades).
 */
import type { SfRecord } from '../types';
import type { OrgCore } from '../core';
import { findViolations, formatViolations, newViolations } from '../permissions/dependencies';
import {
  aggregateSetOf,
  groupsContaining,
  recalculateGroup,
  recalculateGroupsContaining,
} from '../permissions/groupAggregation';
import { userLicenseByDefinitionKey } from '../permissions/licenses';
import { afterSetChanged, createGroupAggregate, enabledPermissionsOf } from '../permissions/setMaintenance';
import { enabledSystemPermissions, findSystemPermission } from '../permissions/systemPermissions';
import type { RuleBook } from './rules';
import { fail, messages, SaveFailure } from './saveErrors';

/** Salesforce's API name rule: letters, digits and single underscores, starting with a letter, not ending with `_`. */
const API_NAME = /^[A-Za-z](?:_?[A-Za-z0-9])*$/;

/** Refuses an API name that breaks the rule, with Salesforce's message for that object and field. */
function assertApiName(value: unknown, objectLabel: string, field: string, fieldLabel: string): void {
  if (typeof value !== 'string' || API_NAME.test(value)) return;
  fail(
    'FIELD_INTEGRITY_EXCEPTION',
    `${fieldLabel}: The ${objectLabel} API Name can only contain underscores and alphanumeric characters. It must be ` +
      'unique, begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive ' +
      'underscores.',
    [field],
  );
}

/** Refuses a name already used by another record of the table (case-insensitive). */
function assertUniqueName(
  core: OrgCore,
  table: string,
  field: string,
  value: unknown,
  selfId: string | undefined,
  ignore?: (r: SfRecord) => boolean,
): void {
  if (typeof value !== 'string') return;
  for (const other of core.store.lookupRows(table, 'name', value.toLowerCase())) {
    if (other.Id !== selfId && !(ignore?.(other) ?? false))
      throw new SaveFailure([messages.duplicateValue(field, other.Id)]);
  }
}

/** A permission set whose LicenseId is a user license cannot enable what that license disallows. */
function assertLicenseAllows(core: OrgCore, set: Record<string, unknown>): void {
  const license = core.get('UserLicense', set.LicenseId);
  const spec = license ? userLicenseByDefinitionKey(license.LicenseDefinitionKey) : undefined;
  if (!spec) return;
  const refused = enabledSystemPermissions(set).find((p) => spec.disallowedPermissions.includes(p));
  if (refused) {
    fail(
      'FIELD_INTEGRITY_EXCEPTION',
      `The user license doesn't allow the permission: ${findSystemPermission(refused)?.label ?? refused}`,
    );
  }
}

/** Refuses a save that leaves a permission depending on one that is not enabled (and was not already missing). */
export function assertNoNewViolations(
  core: OrgCore,
  before: Parameters<typeof findViolations>[1] | null,
  after: Parameters<typeof findViolations>[1],
): void {
  const introduced = newViolations(before ? findViolations(core, before) : [], findViolations(core, after));
  if (introduced.length > 0) fail('FIELD_INTEGRITY_EXCEPTION', formatViolations(introduced));
}

function removeRowsOf(core: OrgCore, parentId: string): void {
  for (const table of ['ObjectPermissions', 'FieldPermissions', 'SetupEntityAccess']) {
    for (const id of core.store.lookup(table, 'parent', parentId)) core.remove(table, id);
  }
}

function removeComponentsOf(core: OrgCore, setId: string, actorId: string): void {
  const groups = groupsContaining(core, setId);
  for (const id of core.store.lookup('PermissionSetGroupComponent', 'set', setId))
    core.remove('PermissionSetGroupComponent', id);
  for (const groupId of groups) recalculateGroup(core, groupId, actorId);
}

const setType = (row: Record<string, unknown>): string => (row.HasActivationRequired === true ? 'Session' : 'Regular');

/** Rules of the permission set family. */
export const permissionSetRules: RuleBook = {
  PermissionSet: {
    beforeInsert({ core }, row) {
      Object.assign(row, {
        IsOwnedByProfile: false,
        IsCustom: true,
        ProfileId: null,
        NamespacePrefix: null,
        PermissionSetGroupId: null,
        Type: setType(row),
      });
      assertApiName(row.Name, 'Permission Set', 'Name', 'Name');
      assertUniqueName(core, 'PermissionSet', 'Name', row.Name, undefined, (r) => r.Type === 'Group');
      assertLicenseAllows(core, row);
      assertNoNewViolations(core, null, enabledPermissionsOf(core, row));
    },
    beforeUpdate({ core }, previous, next) {
      if (previous.Type === 'Group') throw new SaveFailure([messages.insufficientAccess()]);
      if (next.Name !== previous.Name) {
        assertApiName(next.Name, 'Permission Set', 'Name', 'Name');
        assertUniqueName(core, 'PermissionSet', 'Name', next.Name, previous.Id, (r) => r.Type === 'Group');
      }
      if (previous.IsOwnedByProfile !== true) next.Type = setType(next);
      assertLicenseAllows(core, next);
      assertNoNewViolations(core, enabledPermissionsOf(core, previous), enabledPermissionsOf(core, next));
    },
    afterUpdate(w, row) {
      afterSetChanged(w.core, row.Id, w.actorId);
    },
    beforeDelete(_w, row) {
      if (row.IsOwnedByProfile === true)
        fail('DELETE_FAILED', 'Cannot delete a permission set that is owned by a profile.');
      if (row.Type === 'Group')
        fail('DELETE_FAILED', 'Cannot delete the permission set of a permission set group. Delete the group instead.');
    },
    afterDelete(w, row) {
      removeRowsOf(w.core, row.Id);
      for (const id of w.core.store.lookup('PermissionSetAssignment', 'set', row.Id))
        w.core.remove('PermissionSetAssignment', id);
      removeComponentsOf(w.core, row.Id, w.actorId);
    },
  },
  MutingPermissionSet: {
    beforeInsert({ core }, row) {
      assertApiName(row.DeveloperName, 'Muting Permission Set', 'DeveloperName', 'Developer Name');
      assertUniqueName(core, 'MutingPermissionSet', 'DeveloperName', row.DeveloperName, undefined);
      row.NamespacePrefix = null;
    },
    beforeUpdate({ core }, previous, next) {
      if (next.DeveloperName !== previous.DeveloperName) {
        assertApiName(next.DeveloperName, 'Muting Permission Set', 'DeveloperName', 'Developer Name');
        assertUniqueName(core, 'MutingPermissionSet', 'DeveloperName', next.DeveloperName, previous.Id);
      }
    },
    afterUpdate(w, row) {
      recalculateGroupsContaining(w.core, row.Id, w.actorId);
    },
    afterDelete(w, row) {
      removeRowsOf(w.core, row.Id);
      removeComponentsOf(w.core, row.Id, w.actorId);
    },
  },
  PermissionSetGroup: {
    beforeInsert({ core }, row) {
      assertApiName(row.DeveloperName, 'Permission Set Group', 'DeveloperName', 'Developer Name');
      assertUniqueName(core, 'PermissionSetGroup', 'DeveloperName', row.DeveloperName, undefined);
      Object.assign(row, { Status: 'Updated', NamespacePrefix: null });
    },
    afterInsert(w, row) {
      createGroupAggregate(w.core, row, w.actorId);
    },
    beforeUpdate({ core }, previous, next) {
      if (next.DeveloperName !== previous.DeveloperName) {
        assertApiName(next.DeveloperName, 'Permission Set Group', 'DeveloperName', 'Developer Name');
        assertUniqueName(core, 'PermissionSetGroup', 'DeveloperName', next.DeveloperName, previous.Id);
      }
    },
    afterUpdate(w, row) {
      const aggregate = aggregateSetOf(w.core, row.Id);
      if (aggregate) {
        w.core.update(
          'PermissionSet',
          aggregate.Id,
          { Label: row.MasterLabel, HasActivationRequired: row.HasActivationRequired === true },
          w.actorId,
        );
      }
    },
    afterDelete(w, row) {
      for (const id of w.core.store.lookup('PermissionSetGroupComponent', 'group', row.Id))
        w.core.remove('PermissionSetGroupComponent', id);
      for (const id of w.core.store.lookup('PermissionSetAssignment', 'group', row.Id))
        w.core.remove('PermissionSetAssignment', id);
      const aggregate = aggregateSetOf(w.core, row.Id);
      if (aggregate) {
        removeRowsOf(w.core, aggregate.Id);
        w.core.remove('PermissionSet', aggregate.Id);
      }
    },
  },
  PermissionSetGroupComponent: {
    beforeInsert({ core }, row) {
      const set = core.get('PermissionSet', row.PermissionSetId);
      if (set?.IsOwnedByProfile === true) {
        fail(
          'FIELD_INTEGRITY_EXCEPTION',
          "You can't add a permission set that's owned by a profile to a permission set group.",
          ['PermissionSetId'],
        );
      }
      if (set?.Type === 'Group') {
        fail(
          'FIELD_INTEGRITY_EXCEPTION',
          "You can't add the permission set of a permission set group to a permission set group.",
          ['PermissionSetId'],
        );
      }
      const siblings = core.store.lookupRows('PermissionSetGroupComponent', 'group', String(row.PermissionSetGroupId));
      if (siblings.some((c) => c.PermissionSetId === row.PermissionSetId))
        throw new SaveFailure([messages.duplicateUnknown()]);
      if (!set && siblings.some((c) => core.get('MutingPermissionSet', c.PermissionSetId))) {
        fail('FIELD_INTEGRITY_EXCEPTION', 'A permission set group can contain only one muting permission set.', [
          'PermissionSetId',
        ]);
      }
    },
    afterInsert(w, row) {
      recalculateGroup(w.core, String(row.PermissionSetGroupId), w.actorId);
    },
    afterDelete(w, row) {
      recalculateGroup(w.core, String(row.PermissionSetGroupId), w.actorId);
    },
  },
};
