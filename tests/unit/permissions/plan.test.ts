/** Planning: what Auto Config decides to create, widen, assign or leave alone, from what it read. */
import { DependencyGraph } from '@service/permissions/dependencies';
import { chooseLicense, licenseConflict } from '@service/permissions/license';
import { FEATURES } from '@service/permissions/profile';
import { diffFieldRows } from '@service/permissions/steps/fieldsStep';
import { diffObjectRows } from '@service/permissions/steps/objectsStep';
import { assertCanWrite, decideSets, needsUserDependencies } from '@service/permissions/steps/setsStep';
import { access, set } from '@test-support/accessBuilder';

const TEMPLATE_PERMS = [
  'ApiEnabled',
  'ViewAllData',
  'ModifyAllData',
  'QueryAllFiles',
  'ViewEncryptedData',
  'ViewSetup',
  'ManageProfilesPermissionsets',
  'AssignPermissionSets',
  'ManageNamedCredentials',
];
const graph = DependencyGraph.fromRows([
  {
    Permission: 'ModifyAllData',
    PermissionType: 'User Permission',
    RequiredPermission: 'ViewAllData',
    RequiredPermissionType: 'User Permission',
  },
  {
    Permission: 'CreateAuditFields',
    PermissionType: 'User Permission',
    RequiredPermission: 'ViewSetup',
    RequiredPermissionType: 'User Permission',
  },
]);

describe('sets plan', () => {
  it('creates both sets in an org without the package, and assigns them', () => {
    const plan = decideSets(FEATURES, access(), graph);
    expect(plan.sets.map((s) => [s.name, s.action])).toEqual([
      ['GRAX_Integration_User', 'create'],
      ['GRAX_Integration_User_Access', 'create'],
    ]);
    expect(plan.sets[0]?.addPermissions.sort()).toEqual([...TEMPLATE_PERMS].sort());
    // Conditional permissions go to the per-org set, with their requirements from PermissionDependency.
    expect(plan.sets[1]?.addPermissions.sort()).toEqual(['CreateAuditFields', 'UpdateWithInactiveOwner', 'ViewSetup']);
    expect(plan.assignments.map((a) => a.action)).toEqual(['create', 'create']);
    expect(plan.blocked).toEqual([]);
  });

  it('leaves the packaged template alone and adds what it lacks to the Org Access set', () => {
    const template = set('0PS1', 'GRAX_Integration_User', 'GRAX Integration User', [
      'ApiEnabled',
      'ViewAllData',
      'ViewSetup',
    ]);
    const plan = decideSets(['backup'], access({ grax: { template, access: undefined } }), graph);
    expect(plan.sets[0]).toMatchObject({ action: 'none', addPermissions: [] });
    expect(plan.sets[1]?.addPermissions.sort()).toEqual(['QueryAllFiles', 'ViewEncryptedData']);
  });

  it('changes nothing when both sets are complete and assigned', () => {
    const template = set('0PS1', 'GRAX_Integration_User', 'GRAX Integration User', TEMPLATE_PERMS);
    const orgAccess = set('0PS2', 'GRAX_Integration_User_Access', 'GRAX Integration User - Org Access', [
      'CreateAuditFields',
      'UpdateWithInactiveOwner',
      'ViewSetup',
    ]);
    const a = access({ grax: { template, access: orgAccess }, graxGranted: { template: true, access: true } });
    expect(needsUserDependencies(FEATURES, a)).toBe(false);
    const plan = decideSets(FEATURES, a, undefined);
    expect(plan.sets.map((s) => s.action)).toEqual(['none', 'none']);
    expect(plan.assignments.map((s) => s.action)).toEqual(['none', 'none']);
  });

  it('renews an expired assignment instead of creating a duplicate', () => {
    const template = set('0PS1', 'GRAX_Integration_User', 'GRAX Integration User', TEMPLATE_PERMS);
    const expired = {
      id: '0Pa1',
      permissionSetId: '0PS1',
      permissionSetGroupId: null,
      expirationDate: '2025-01-01T00:00:00.000Z',
    };
    const plan = decideSets(
      ['backup'],
      access({ grax: { template, access: undefined }, graxAssignments: { template: expired, access: undefined } }),
      graph,
    );
    expect(plan.assignments[0]).toEqual({ role: 'template', action: 'reactivate', assignmentId: '0Pa1' });
  });

  it('blocks a renamed set instead of creating a second one', () => {
    const renamed = set('0PS9', 'Old_GRAX_Access', 'GRAX Integration User - Org Access', []);
    const plan = decideSets(FEATURES, access({ renamed: { access: renamed } }), graph);
    expect(plan.sets[1]?.action).toBe('blocked');
    expect(plan.assignments[1]?.action).toBe('blocked');
    expect(plan.blocked[0]).toMatchObject({
      errorCode: 'PERMISSION_SET_RENAMED',
      nextStep: expect.stringContaining('set the API name back to GRAX_Integration_User_Access'),
    });
  });

  it('refuses before writing when the user cannot manage or assign permission sets', () => {
    const restricted = access({ systemPermissions: new Set(['ApiEnabled', 'ViewSetup']) });
    expect(() => assertCanWrite(restricted, { manageSets: true, assign: true })).toThrow(
      /does not have Manage Profiles and Permission Sets or Assign Permission Sets/,
    );
    expect(() => assertCanWrite(restricted, { manageSets: false, assign: false })).not.toThrow();
  });
});

describe('licenses', () => {
  it('creates sets without a license for a Salesforce-license user', () => {
    expect(chooseLicense(access())).toMatchObject({ licenseId: null });
  });

  it('uses the Salesforce API Integration permission set license for an integration-license user', () => {
    const a = access({
      user: {
        ...access().user,
        userLicenseId: '100000000000002AAA',
        userLicenseName: 'Salesforce Integration',
        userLicenseKey: 'SFDC_INTEGRATION',
      },
    });
    expect(chooseLicense(a)).toMatchObject({
      licenseId: '0PL000000000001AAA',
      label: 'Salesforce API Integration',
      missingPermissionSetLicense: { key: 'SalesforceAPIIntegrationPsl' },
    });
    a.userPermissionSetLicenses.add('0PL000000000001AAA');
    expect(chooseLicense(a).missingPermissionSetLicense).toBeUndefined();
  });

  it('explains a set tied to a license the user does not have', () => {
    const tied = set('0PS1', 'GRAX_Integration_User', 'GRAX Integration User', [], { licenseId: '100000000000002AAA' });
    expect(licenseConflict(tied, access())).toBe(
      'Permission set GRAX Integration User (GRAX_Integration_User) is tied to the license "Salesforce Integration", but grax.integration@acme.example has "Salesforce", so Salesforce cannot assign it.',
    );
    expect(licenseConflict(set('0PS1', 'X', 'X', []), access())).toBeUndefined();
  });
});

describe('row diffs', () => {
  it('creates missing object rows and widens existing ones without narrowing them', () => {
    const desired = new Map([
      ['account', { object: 'Account', verbs: new Set(['Read', 'ViewAllFields', 'Edit'] as const) }],
      ['case', { object: 'Case', verbs: new Set(['Read', 'ViewAllFields'] as const) }],
      ['lead', { object: 'Lead', verbs: new Set(['Read'] as const) }],
    ]);
    const rows = [
      { id: '110A', parentId: 'p', object: 'Account', verbs: new Set(['Read', 'Delete'] as const) },
      { id: '110L', parentId: 'p', object: 'Lead', verbs: new Set(['Read'] as const) },
    ];
    expect(diffObjectRows(desired, rows)).toEqual([
      {
        object: 'Account',
        action: 'update',
        rowId: '110A',
        add: ['Edit', 'ViewAllFields'],
        verbs: ['Read', 'Edit', 'Delete', 'ViewAllFields'],
      },
      {
        object: 'Case',
        action: 'create',
        rowId: null,
        add: ['Read', 'ViewAllFields'],
        verbs: ['Read', 'ViewAllFields'],
      },
    ]);
  });

  it('creates missing field rows and gives Edit to read-only ones, case-insensitively', () => {
    const existing = new Map([
      ['account.rating', { id: '01kR', edit: true }],
      ['account.industry', { id: '01kI', edit: false }],
    ]);
    expect(diffFieldRows(['Account.Rating', 'Account.Industry', 'Account.Site'], existing)).toEqual([
      { field: 'Account.Industry', action: 'update', rowId: '01kI' },
      { field: 'Account.Site', action: 'create', rowId: null },
    ]);
  });
});
