/**
 * Salesforce's per-group muting rule, for every kind of permission the service checks: a group's muting set mutes a
 * permission only within that group, so the same permission from the profile, a direct set or another group stays
 * effective; expired assignments and session-based sets or groups give nothing at all.
 */
import { effectiveUnion, effectiveUnionOfRows, setIdsOf } from '@service/permissions/org/accessSources';
import type { AccessSource } from '@service/permissions/org/accessSources';
import { EffectiveObjectAccess } from '@service/permissions/org/objectGrants';
import type { FieldPermissionRow } from '@service/permissions/org/fieldGrants';
import type { AssignmentInfo, PermissionSetInfo } from '@service/permissions/org/userAccess';
import { resolveAccessSources } from '@service/permissions/org/userAccess';
import { set } from '@test-support/accessBuilder';

const NOW = new Date('2026-06-01T12:00:00.000Z');

const SETS = new Map<string, PermissionSetInfo>(
  [
    set('0PSprofile', 'X00e_profile', 'Profile', [], { isOwnedByProfile: true }),
    set('0PSa', 'Group_A_Part', 'Group A Part', []),
    set('0QMa', 'Group_A_Muting', 'Group A Muting', [], { isMuting: true }),
    set('0PSb', 'Group_B_Part', 'Group B Part', []),
    set('0PSd', 'Direct', 'Direct', []),
    set('0PSe', 'Expired', 'Expired', []),
    set('0PSs', 'Session_Only', 'Session Only', [], { hasActivationRequired: true }),
    set('0PSg', 'Session_Group_Part', 'Session Group Part', []),
  ].map((s) => [s.id, s]),
);

const COMPONENTS = [
  { groupId: '0PGa', setId: '0PSa' },
  { groupId: '0PGa', setId: '0QMa' },
  { groupId: '0PGb', setId: '0PSb' },
  { groupId: '0PGs', setId: '0PSg' },
];

type Assigned = 'groupA' | 'groupB' | 'direct' | 'expired' | 'sessionSet' | 'sessionGroup';

const ASSIGNMENTS: Record<Assigned, AssignmentInfo> = {
  groupA: { id: '0Pa1', permissionSetId: null, permissionSetGroupId: '0PGa', expirationDate: null },
  groupB: { id: '0Pa2', permissionSetId: null, permissionSetGroupId: '0PGb', expirationDate: null },
  direct: { id: '0Pa3', permissionSetId: '0PSd', permissionSetGroupId: null, expirationDate: null },
  expired: {
    id: '0Pa4',
    permissionSetId: '0PSe',
    permissionSetGroupId: null,
    expirationDate: '2026-05-31T23:59:59.000+0000',
  },
  sessionSet: { id: '0Pa5', permissionSetId: '0PSs', permissionSetGroupId: null, expirationDate: null },
  sessionGroup: { id: '0Pa6', permissionSetId: null, permissionSetGroupId: '0PGs', expirationDate: null },
};

function sourcesOf(assigned: Assigned[]): AccessSource[] {
  return resolveAccessSources({
    sets: SETS,
    assignments: assigned.map((a) => ASSIGNMENTS[a]),
    components: COMPONENTS,
    sessionGroups: new Set(['0PGs']),
    now: NOW,
  }).sources;
}

/**
 * One kind of permission: whether the user holds it, when every set in `holders` carries it (a granting set grants
 * it, the muting set mutes it).
 */
interface PermissionKind {
  name: string;
  holds(sources: AccessSource[], holders: readonly string[]): boolean;
}

const KINDS: PermissionKind[] = [
  {
    name: 'a system permission',
    holds: (sources, holders) =>
      effectiveUnion(sources, (id) => (holders.includes(id) ? ['ExportReport'] : [])).has('ExportReport'),
  },
  {
    name: 'an object verb',
    holds: (sources, holders) => {
      const rows = holders.map((parentId, i) => ({
        id: `110${i}`,
        parentId,
        object: 'Account',
        verbs: new Set(['Read', 'Edit'] as const),
      }));
      return new EffectiveObjectAccess(rows, sources, new Set()).has('account', 'Edit');
    },
  },
  {
    name: 'a field edit',
    holds: (sources, holders) => {
      const rows: FieldPermissionRow[] = holders.map((parentId, i) => ({
        id: `01k${i}`,
        parentId,
        field: 'Account.AnnualRevenue',
        read: true,
        edit: true,
      }));
      return effectiveUnionOfRows(sources, rows, (r) => (r.edit ? [r.field.toLowerCase()] : [])).has(
        'account.annualrevenue',
      );
    },
  },
  {
    name: 'a custom permission',
    holds: (sources, holders) => {
      const bySet = new Map(holders.map((id) => [id, new Set(['GRAX_Manage_Connection'])]));
      return effectiveUnion(sources, (id) => bySet.get(id) ?? []).has('GRAX_Manage_Connection');
    },
  },
];

const EVERY_SET = ['0PSa', '0QMa', '0PSb', '0PSd', '0PSe', '0PSs', '0PSg'];

describe.each(KINDS)('per-group muting of $name', (kind) => {
  it('is not effective when only the group whose muting set mutes it grants it', () => {
    expect(kind.holds(sourcesOf(['groupA']), EVERY_SET)).toBe(false);
  });

  it('stays effective when a directly assigned set grants it too', () => {
    expect(kind.holds(sourcesOf(['groupA', 'direct']), EVERY_SET)).toBe(true);
  });

  it('stays effective when another group without that muting grants it', () => {
    expect(kind.holds(sourcesOf(['groupA', 'groupB']), EVERY_SET)).toBe(true);
  });

  it('stays effective when the profile grants it', () => {
    expect(kind.holds(sourcesOf(['groupA']), [...EVERY_SET, '0PSprofile'])).toBe(true);
  });

  it('gets nothing from expired assignments or session-based sets and groups', () => {
    expect(kind.holds(sourcesOf(['groupA', 'expired', 'sessionSet', 'sessionGroup']), EVERY_SET)).toBe(false);
    expect(kind.holds(sourcesOf(['expired', 'sessionSet', 'sessionGroup']), EVERY_SET)).toBe(false);
  });

  it('is effective from the group when its muting set does not mute it', () => {
    expect(
      kind.holds(
        sourcesOf(['groupA']),
        EVERY_SET.filter((id) => id !== '0QMa'),
      ),
    ).toBe(true);
  });
});

describe('access sources', () => {
  it('keeps the profile, each active direct set and each active group apart, with each muting set on its own group', () => {
    expect(sourcesOf(['groupA', 'direct', 'groupB'])).toEqual([
      { kind: 'profile', id: '0PSprofile', granting: ['0PSprofile'], muting: [] },
      { kind: 'group', id: '0PGa', granting: ['0PSa'], muting: ['0QMa'] },
      { kind: 'permissionSet', id: '0PSd', granting: ['0PSd'], muting: [] },
      { kind: 'group', id: '0PGb', granting: ['0PSb'], muting: [] },
    ]);
  });

  it('sets expired assignments and session-based sets and groups aside, saying why', () => {
    const resolved = resolveAccessSources({
      sets: SETS,
      assignments: [ASSIGNMENTS.expired, ASSIGNMENTS.sessionSet, ASSIGNMENTS.sessionGroup],
      components: COMPONENTS,
      sessionGroups: new Set(['0PGs']),
      now: NOW,
    });
    expect(resolved.sources.map((s) => s.kind)).toEqual(['profile']);
    expect(resolved.ignored.map((i) => [i.assignment.id, i.reason])).toEqual([
      ['0Pa4', 'expired'],
      ['0Pa5', 'sessionBased'],
      ['0Pa6', 'sessionBased'],
    ]);
  });

  it('counts an assignment whose expiration date is still ahead', () => {
    const later = { ...ASSIGNMENTS.expired, expirationDate: '2026-06-30T00:00:00.000+0000' };
    const resolved = resolveAccessSources({
      sets: SETS,
      assignments: [later],
      components: COMPONENTS,
      sessionGroups: new Set(),
      now: NOW,
    });
    expect(resolved.sources.map((s) => s.id)).toEqual(['0PSprofile', '0PSe']);
  });

  it('lists the sets to read once each, granting sets first', () => {
    const sources = [...sourcesOf(['groupA', 'direct']), ...sourcesOf(['groupA'])];
    expect(setIdsOf(sources)).toEqual(['0PSprofile', '0PSa', '0PSd', '0QMa']);
    expect(setIdsOf(sources, 'granting')).toEqual(['0PSprofile', '0PSa', '0PSd']);
    expect(setIdsOf(sources, 'muting')).toEqual(['0QMa']);
  });
});
