/**
 * The small org most SOQL tests query: accounts and contacts (2,500 of them under one account, enough for
 * paging-sized results), users and profiles, permission sets with assignments and object/field permissions, cases
 * owned by users or queues (a polymorphic Owner), an object with a field hidden from the running user, and the
 * Organization record the Salesforce CLI reads.
 */
import { IdFactory } from '../../../src/org/ids';
import type { FieldDef, ObjectDef } from '../../../src/org/types';
import { MemoryOrg, type MemoryDataSource, type MemoryOptions } from './memoryDataSource';
import { childRelationship, field, longText, lookup, object } from './schema';

const PERMISSION_FLAGS = ['Read', 'Create', 'Edit', 'Delete', 'ViewAllRecords', 'ModifyAllRecords', 'ViewAllFields'];

function schema(): ObjectDef[] {
  return [
    object('Organization', '00D', [
      field('Name', 'string'),
      field('IsSandbox', 'boolean', { createable: false, updateable: false }),
      field('InstanceName', 'string', { createable: false, updateable: false }),
      field('OrganizationType', 'picklist', { createable: false, updateable: false }),
      field('TrialExpirationDate', 'datetime', { createable: false, updateable: false }),
      field('NamespacePrefix', 'string', { createable: false, updateable: false }),
    ]),
    object('Profile', '00e', [field('Name', 'string'), field('UserType', 'picklist'), longText('Description')], {
      accessModel: 'setup',
      childRelationships: [childRelationship('User', 'ProfileId', 'Users')],
    }),
    object(
      'User',
      '005',
      [
        field('Username', 'string'),
        field('Name', 'string', { createable: false, updateable: false }),
        field('FirstName', 'string'),
        field('LastName', 'string'),
        field('Email', 'email'),
        field('Alias', 'string'),
        field('Title', 'string'),
        field('IsActive', 'boolean'),
        field('LastLoginDate', 'datetime', { createable: false, updateable: false }),
        lookup('ProfileId', ['Profile'], 'Profile'),
        lookup('ManagerId', ['User'], 'Manager'),
      ],
      {
        accessModel: 'setup',
        alsoInTooling: true,
        childRelationships: [childRelationship('PermissionSetAssignment', 'AssigneeId', 'PermissionSetAssignments')],
      },
    ),
    object(
      'PermissionSet',
      '0PS',
      [
        field('Name', 'string'),
        field('Label', 'string'),
        field('IsOwnedByProfile', 'boolean'),
        field('IsCustom', 'boolean'),
        lookup('ProfileId', ['Profile'], 'Profile'),
        field('PermissionsApiEnabled', 'boolean'),
        field('PermissionsViewAllData', 'boolean'),
        longText('Description'),
      ],
      {
        accessModel: 'setup',
        alsoInTooling: true,
        childRelationships: [
          childRelationship('PermissionSetAssignment', 'PermissionSetId', 'Assignments'),
          childRelationship('ObjectPermissions', 'ParentId', 'ObjectPerms'),
          childRelationship('FieldPermissions', 'ParentId', 'FieldPerms'),
        ],
      },
    ),
    object(
      'PermissionSetAssignment',
      '0Pa',
      [
        lookup('AssigneeId', ['User'], 'Assignee'),
        lookup('PermissionSetId', ['PermissionSet', 'MutingPermissionSet'], 'PermissionSet'),
        field('ExpirationDate', 'datetime'),
        field('IsActive', 'boolean'),
      ],
      { accessModel: 'setup' },
    ),
    object(
      'ObjectPermissions',
      '110',
      [
        lookup('ParentId', ['PermissionSet'], 'Parent'),
        field('SobjectType', 'picklist'),
        ...PERMISSION_FLAGS.map((p) => field(`Permissions${p}`, 'boolean')),
      ],
      { accessModel: 'setup' },
    ),
    object(
      'FieldPermissions',
      '01k',
      [
        lookup('ParentId', ['PermissionSet'], 'Parent'),
        field('SobjectType', 'picklist'),
        field('Field', 'string'),
        field('PermissionsRead', 'boolean'),
        field('PermissionsEdit', 'boolean'),
      ],
      { accessModel: 'setup' },
    ),
    object(
      'Account',
      '001',
      [
        field('Name', 'string', { nameField: true }),
        field('Industry', 'picklist'),
        field('AnnualRevenue', 'currency'),
        field('NumberOfEmployees', 'int'),
        field('Rating', 'picklist'),
        longText('Description'),
        lookup('OwnerId', ['User'], 'Owner'),
        lookup('ParentId', ['Account'], 'Parent'),
        field('Active__c', 'boolean'),
        field('Founded__c', 'date'),
        field('Interests__c', 'multipicklist'),
        field('Score__c', 'double'),
        field('Region__c', 'string', { minApiVersion: 64 }),
      ],
      {
        recycleBin: true,
        childRelationships: [
          childRelationship('Contact', 'AccountId', 'Contacts'),
          childRelationship('Account', 'ParentId', 'ChildAccounts'),
          childRelationship('Case', 'AccountId', 'Cases'),
        ],
      },
    ),
    object(
      'Contact',
      '003',
      [
        field('FirstName', 'string'),
        field('LastName', 'string'),
        field('Name', 'string', { createable: false, updateable: false }),
        field('Email', 'email'),
        field('Birthdate', 'date'),
        lookup('AccountId', ['Account'], 'Account'),
      ],
      { recycleBin: true },
    ),
    object('MutingPermissionSet', '0QM', [field('DeveloperName', 'string'), field('MasterLabel', 'string')], {
      accessModel: 'setup',
    }),
    object('Group', '00G', [field('Name', 'string'), field('Type', 'picklist')], { accessModel: 'setup' }),
    object('Case', '500', [
      field('Subject', 'string'),
      field('Status', 'picklist'),
      lookup('OwnerId', ['Group', 'User'], 'Owner', { namePointing: true } as Partial<FieldDef>),
      lookup('AccountId', ['Account'], 'Account'),
    ]),
    object('Secret__c', 'a01', [field('Name', 'string'), field('Visible__c', 'string'), field('Hidden__c', 'string')]),
    object('PermissionDependency', '2Pd', [field('Permission', 'string'), field('RequiredPermission', 'string')], {
      toolingOnly: true,
      accessModel: 'setup',
    }),
    object('Name', null as unknown as string, [field('Name', 'string')], { queryable: false, keyPrefix: null }),
    object('FuturePilot__c', 'a09', [field('Name', 'string')], { minApiVersion: 65 }),
  ];
}

/** Builds the fixture org and the ids of its named records. */
export function buildFixtureOrg() {
  const factory = new IdFactory('Ab', 1);
  const id = (prefix: string) => factory.next(prefix);
  const ids = {
    org: id('00D'),
    pAdmin: id('00e'),
    pStandard: id('00e'),
    pMinimum: id('00e'),
    uAdmin: id('005'),
    uAlice: id('005'),
    uBob: id('005'),
    uGrax: id('005'),
    psAdmin: id('0PS'),
    psStandard: id('0PS'),
    psGrax: id('0PS'),
    psGraxAccess: id('0PS'),
    acme: id('001'),
    globex: id('001'),
    obrien: id('001'),
    acmeLabs: id('001'),
    deleted: id('001'),
    bulk: id('001'),
    ada: id('003'),
    grace: id('003'),
    linus: id('003'),
    orphan: id('003'),
    queue: id('00G'),
    caseAlice: id('500'),
    caseQueue: id('500'),
    vault: id('a01'),
  };
  const org = new MemoryOrg(schema());
  org.insert('Organization', [
    {
      Id: ids.org,
      Name: 'Acme',
      IsSandbox: false,
      InstanceName: 'CS42',
      OrganizationType: 'Developer Edition',
      TrialExpirationDate: null,
      NamespacePrefix: null,
    },
  ]);
  org.insert('Profile', [
    { Id: ids.pAdmin, Name: 'System Administrator', UserType: 'Standard' },
    { Id: ids.pStandard, Name: 'Standard User', UserType: 'Standard' },
    { Id: ids.pMinimum, Name: 'Minimum Access - Salesforce', UserType: 'Standard' },
  ]);
  const user = (Id: string, first: string, last: string, extra: Record<string, unknown>) => ({
    Id,
    FirstName: first,
    LastName: last,
    Name: `${first} ${last}`,
    Username: `${first.toLowerCase()}@acme.test`,
    Email: `${first.toLowerCase()}@acme.test`,
    Alias: first.slice(0, 5).toLowerCase(),
    Title: null,
    ManagerId: null,
    LastLoginDate: null,
    ...extra,
  });
  org.insert('User', [
    user(ids.uAdmin, 'Admin', 'User', {
      IsActive: true,
      ProfileId: ids.pAdmin,
      Title: 'CTO',
      LastLoginDate: '2026-01-14T08:00:00.000+0000',
    }),
    user(ids.uAlice, 'Alice', 'Smith', {
      IsActive: true,
      ProfileId: ids.pStandard,
      ManagerId: ids.uAdmin,
      LastLoginDate: '2026-01-10T17:45:00.000+0000',
    }),
    user(ids.uBob, 'Bob', 'Jones', { IsActive: false, ProfileId: ids.pStandard }),
    user(ids.uGrax, 'Grax', 'Integration', {
      IsActive: true,
      ProfileId: ids.pMinimum,
      LastLoginDate: '2026-01-15T08:59:59.000+0000',
    }),
  ]);
  const permissionSet = (Id: string, Name: string, extra: Record<string, unknown>) => ({
    Id,
    Name,
    Label: Name.replace(/_/g, ' '),
    IsOwnedByProfile: false,
    IsCustom: true,
    ProfileId: null,
    PermissionsApiEnabled: true,
    PermissionsViewAllData: false,
    ...extra,
  });
  org.insert('PermissionSet', [
    permissionSet(ids.psAdmin, 'X00eAb0000000001', {
      IsOwnedByProfile: true,
      IsCustom: false,
      ProfileId: ids.pAdmin,
      PermissionsViewAllData: true,
    }),
    permissionSet(ids.psStandard, 'X00eAb0000000002', {
      IsOwnedByProfile: true,
      IsCustom: false,
      ProfileId: ids.pStandard,
    }),
    permissionSet(ids.psGrax, 'GRAX_Integration_User', {}),
    permissionSet(ids.psGraxAccess, 'GRAX_Integration_User_Access', { PermissionsApiEnabled: false }),
  ]);
  const assignment = (assignee: string, set: string, expiration: string | null = null) => ({
    Id: id('0Pa'),
    AssigneeId: assignee,
    PermissionSetId: set,
    ExpirationDate: expiration,
    IsActive: true,
  });
  org.insert('PermissionSetAssignment', [
    assignment(ids.uAdmin, ids.psAdmin),
    assignment(ids.uAlice, ids.psStandard),
    assignment(ids.uBob, ids.psStandard),
    assignment(ids.uGrax, ids.psGrax),
    assignment(ids.uGrax, ids.psGraxAccess),
    assignment(ids.uAlice, ids.psGraxAccess, '2025-12-31T00:00:00.000+0000'),
  ]);
  const objectPerm = (parent: string, type: string, granted: string[]) => ({
    Id: id('110'),
    ParentId: parent,
    SobjectType: type,
    ...Object.fromEntries(PERMISSION_FLAGS.map((p) => [`Permissions${p}`, granted.includes(p)])),
  });
  org.insert('ObjectPermissions', [
    objectPerm(ids.psAdmin, 'Account', PERMISSION_FLAGS),
    objectPerm(ids.psGraxAccess, 'Account', ['Read', 'ViewAllFields']),
    objectPerm(ids.psGraxAccess, 'Contact', ['Read']),
    objectPerm(ids.psGraxAccess, 'Case', ['Read', 'Edit']),
  ]);
  const fieldPerm = (parent: string, fieldName: string, edit: boolean) => ({
    Id: id('01k'),
    ParentId: parent,
    SobjectType: fieldName.split('.')[0],
    Field: fieldName,
    PermissionsRead: true,
    PermissionsEdit: edit,
  });
  org.insert('FieldPermissions', [
    fieldPerm(ids.psGraxAccess, 'Account.Industry', false),
    fieldPerm(ids.psGraxAccess, 'Account.AnnualRevenue', true),
    fieldPerm(ids.psGraxAccess, 'Contact.Email', false),
    fieldPerm(ids.psStandard, 'Account.Industry', false),
  ]);
  const account = (Id: string, Name: string, extra: Record<string, unknown>) => ({
    Id,
    Name,
    Industry: null,
    AnnualRevenue: null,
    NumberOfEmployees: null,
    Rating: null,
    Description: null,
    OwnerId: ids.uAdmin,
    ParentId: null,
    Active__c: false,
    Founded__c: null,
    Interests__c: null,
    Score__c: null,
    Region__c: null,
    CreatedDate: '2025-01-01T00:00:00.000+0000',
    ...extra,
  });
  org.insert('Account', [
    account(ids.acme, 'Acme Corporation', {
      Industry: 'Technology',
      AnnualRevenue: 5000000,
      NumberOfEmployees: 250,
      Rating: 'Hot',
      Description: 'Our oldest customer',
      Active__c: true,
      Founded__c: '1999-03-15',
      Interests__c: 'Backup;Archive',
      Score__c: 9.5,
      CreatedDate: '2025-06-01T10:00:00.000+0000',
    }),
    account(ids.globex, 'Globex', {
      Industry: 'Manufacturing',
      AnnualRevenue: 1200000,
      NumberOfEmployees: 40,
      Rating: 'Warm',
      OwnerId: ids.uAlice,
      ParentId: ids.acme,
      Active__c: true,
      Founded__c: '2010-11-02',
      Interests__c: 'Archive',
      Score__c: 7,
      CreatedDate: '2026-01-14T15:30:00.000+0000',
    }),
    account(ids.obrien, "O'Brien & Sons", {
      NumberOfEmployees: 12,
      OwnerId: ids.uAlice,
      CreatedDate: '2026-01-15T08:00:00.000+0000',
    }),
    account(ids.acmeLabs, 'acme labs', {
      Industry: 'technology',
      AnnualRevenue: 300000,
      NumberOfEmployees: 8,
      Rating: 'Cold',
      ParentId: ids.acme,
      Active__c: true,
      Founded__c: '2021-01-31',
      Interests__c: 'Backup',
      Score__c: 3,
      CreatedDate: '2025-12-20T00:00:00.000+0000',
    }),
    account(ids.deleted, 'Deleted Industries', { IsDeleted: true, Industry: 'Technology' }),
    account(ids.bulk, 'Bulk Holdings', { Industry: 'Finance', NumberOfEmployees: 5000 }),
  ]);
  const contact = (Id: string, FirstName: string | null, LastName: string, extra: Record<string, unknown>) => ({
    Id,
    FirstName,
    LastName,
    Name: FirstName ? `${FirstName} ${LastName}` : LastName,
    Email: null,
    Birthdate: null,
    AccountId: null,
    ...extra,
  });
  org.insert('Contact', [
    contact(ids.ada, 'Ada', 'Lovelace', { AccountId: ids.acme, Email: 'ada@acme.test', Birthdate: '1815-12-10' }),
    contact(ids.grace, 'Grace', 'Hopper', { AccountId: ids.acme, Email: 'grace@acme.test', Birthdate: '1906-12-09' }),
    contact(ids.linus, 'Linus', 'Torvalds', { AccountId: ids.globex }),
    contact(ids.orphan, null, 'Orphan', {}),
  ]);
  org.insert(
    'Contact',
    Array.from({ length: 2500 }, (_, i) =>
      contact(id('003'), 'Bulk', String(i + 1).padStart(4, '0'), { AccountId: ids.bulk }),
    ),
  );
  org.insert('Group', [{ Id: ids.queue, Name: 'Support Queue', Type: 'Queue' }]);
  org.insert('Case', [
    { Id: ids.caseAlice, Subject: 'Backup failed', Status: 'New', OwnerId: ids.uAlice, AccountId: ids.acme },
    { Id: ids.caseQueue, Subject: 'Restore request', Status: 'Closed', OwnerId: ids.queue, AccountId: ids.globex },
  ]);
  org.insert('Secret__c', [{ Id: ids.vault, Name: 'Vault', Visible__c: 'shown', Hidden__c: 'classified' }]);
  org.insert('PermissionDependency', [{ Id: id('2Pd'), Permission: 'ManageUsers', RequiredPermission: 'ViewSetup' }]);
  return { org, ids };
}

/** The fixture org seen by a user who cannot read Secret__c.Hidden__c. */
export function fixtureView(options: MemoryOptions = {}): {
  ds: MemoryDataSource;
  ids: ReturnType<typeof buildFixtureOrg>['ids'];
} {
  const { org, ids } = buildFixtureOrg();
  return { ds: org.view({ hiddenFields: ['Secret__c.Hidden__c'], ...options }), ids };
}
