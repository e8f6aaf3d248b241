/** The permission profile: what each feature needs, what the template holds, and why. */
import { readFileSync } from 'node:fs';
import {
  applicableSystemPermissions,
  FEATURES,
  findSystemPermissionRule,
  needsFieldEdit,
  objectVerbsFor,
  SYSTEM_PERMISSION_RULES,
  templateSystemPermissions,
} from '@service/permissions/profile';
import { repoPath } from '@test-support/repoRoot';

const names = (rules: { name: string }[]): string[] => rules.map((r) => r.name).sort();

describe('permission profile', () => {
  it('starts from what GRAX documents: API Enabled required for every feature', () => {
    const api = findSystemPermissionRule('PermissionsApiEnabled');
    expect(api).toMatchObject({ level: 'required', features: FEATURES });
    for (const name of [
      'ViewAllData',
      'ModifyAllData',
      'QueryAllFiles',
      'ViewEncryptedData',
      'ViewSetup',
      'ManageUsers',
      'CreateAuditFields',
    ]) {
      expect(findSystemPermissionRule(name)).toBeDefined();
    }
  });

  it('gives every permission a one-line reason an admin can read', () => {
    for (const rule of SYSTEM_PERMISSION_RULES) {
      expect(rule.reason).toMatch(/^[A-Z].{20,160}\.$/);
      expect(rule.reason).not.toContain('\n');
    }
  });

  it('keeps the template free of optional and org-conditional permissions', () => {
    const template = names(templateSystemPermissions());
    expect(template).not.toContain('ManageUsers');
    expect(template).not.toContain('CreateAuditFields');
    expect(template).toEqual(
      expect.arrayContaining([
        'ApiEnabled',
        'ViewAllData',
        'ModifyAllData',
        'QueryAllFiles',
        'ViewSetup',
        'ManageProfilesPermissionsets',
        'AssignPermissionSets',
      ]),
    );
  });

  it('asks for Set Audit Fields only when the org enables it, and only for restore', () => {
    expect(names(applicableSystemPermissions(['restore'], { auditFieldsEnabled: true }))).toContain(
      'CreateAuditFields',
    );
    expect(names(applicableSystemPermissions(['restore'], { auditFieldsEnabled: false }))).not.toContain(
      'CreateAuditFields',
    );
    expect(names(applicableSystemPermissions(['backup'], { auditFieldsEnabled: true }))).not.toContain(
      'CreateAuditFields',
    );
  });

  it('never asks a backup-only org for Modify All Data', () => {
    expect(names(applicableSystemPermissions(['backup'], { auditFieldsEnabled: true }))).not.toContain('ModifyAllData');
    expect(names(applicableSystemPermissions(['archive'], { auditFieldsEnabled: true }))).toContain('ModifyAllData');
  });

  it('covers reading with View All Fields and adds Create/Edit/Delete only where objects support them', () => {
    const all = { createable: true, updateable: true, deletable: true };
    expect([...objectVerbsFor(['backup'], all)].sort()).toEqual(['Read', 'ViewAllFields']);
    expect([...objectVerbsFor(['restore'], all)].sort()).toEqual(['Create', 'Edit', 'Read', 'ViewAllFields']);
    expect([...objectVerbsFor(['archive'], all)].sort()).toEqual(['Delete', 'Edit', 'Read', 'ViewAllFields']);
    expect(
      [...objectVerbsFor(['restore', 'archive'], { createable: false, updateable: false, deletable: false })].sort(),
    ).toEqual(['Read', 'ViewAllFields']);
    expect(objectVerbsFor(['monitoring'], all).size).toBe(0);
  });

  it('needs field edit rows only for restore', () => {
    expect(needsFieldEdit(['backup', 'archive', 'monitoring'])).toBe(false);
    expect(needsFieldEdit(['restore'])).toBe(true);
  });
});

describe('docs/permissions.md', () => {
  it('lists every permission of the profile', () => {
    const doc = readFileSync(repoPath('docs/permissions.md'), 'utf8');
    for (const rule of SYSTEM_PERMISSION_RULES) expect(doc).toContain(`| ${rule.label}`);
  });
});
