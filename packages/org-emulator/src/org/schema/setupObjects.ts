/**
 * Setup objects: users, profiles, licenses, the permission objects, login history, custom permissions, Apex classes
 * and credentials. Their access is governed by user permissions (see access/objectPolicy.ts), not ObjectPermissions,
 * and none of their fields carry field-level security. Minimum API versions follow the object reference.
 */
import type { FieldDef, ObjectDef } from '../types';
import { SYSTEM_PERMISSIONS, permissionField } from '../permissions/systemPermissions';
import { auditFields, field, idField, lookup, objectDef, picklist, required, system } from './fieldFactory';
import { KEY_PREFIXES } from './keyPrefixes';

function setupObject(
  name: string,
  label: string,
  labelPlural: string,
  fields: FieldDef[],
  extra: Partial<ObjectDef> = {},
): ObjectDef {
  return objectDef({
    name,
    label,
    labelPlural,
    keyPrefix: KEY_PREFIXES[name] ?? null,
    accessModel: 'setup',
    fields: [idField(label), ...fields],
    ...extra,
  });
}

/** Boolean `Permissions*` fields (one per modelled user permission). */
function permissionFields(options: { createable: boolean }): FieldDef[] {
  return SYSTEM_PERMISSIONS.map((p) =>
    field(permissionField(p.name), p.label, 'boolean', {
      permissionable: false,
      createable: options.createable,
      updateable: options.createable,
    }),
  );
}

const readOnly = { createable: false, updateable: false, deletable: false };

/** Setup objects every org has. */
export function setupObjects(): ObjectDef[] {
  return [
    setupObject(
      'Organization',
      'Organization',
      'Organizations',
      [
        system(field('Name', 'Name', 'string', { length: 80, nameField: true })),
        system(field('Division', 'Division', 'string', { length: 80 })),
        system(field('City', 'City', 'string', { length: 40 })),
        system(field('Country', 'Country', 'string', { length: 80 })),
        system(field('Phone', 'Phone', 'phone')),
        system(
          picklist('OrganizationType', 'Edition', [
            'Team Edition',
            'Professional Edition',
            'Enterprise Edition',
            'Developer Edition',
            'Personal Edition',
            'Unlimited Edition',
            'Contact Manager Edition',
            'Base Edition',
          ]),
        ),
        system(field('InstanceName', 'Instance Name', 'string', { length: 5 })),
        system(field('IsSandbox', 'Is Sandbox', 'boolean')),
        system(field('TrialExpirationDate', 'Trial Expiration Date', 'datetime')),
        system(field('NamespacePrefix', 'Namespace Prefix', 'string', { length: 15 })),
        system(field('IsReadOnly', 'Is Read Only', 'boolean')),
        system(field('DefaultLocaleSidKey', 'Locale', 'picklist', { length: 40 })),
        system(field('LanguageLocaleKey', 'Language', 'picklist', { length: 40 })),
        system(field('TimeZoneSidKey', 'Time Zone', 'picklist', { length: 40 })),
        ...auditFields(false),
      ],
      { ...readOnly, minApiVersion: 1 },
    ),
    setupObject(
      'UserLicense',
      'User License',
      'User Licenses',
      [
        system(field('Name', 'Name', 'string', { length: 40, nameField: true })),
        system(field('MasterLabel', 'Master Label', 'string', { length: 40 })),
        system(field('LicenseDefinitionKey', 'License Definition Key', 'string', { length: 40 })),
        system(picklist('Status', 'Status', ['Active', 'Disabled'])),
        system(field('TotalLicenses', 'Total Licenses', 'int', { digits: 9 })),
        system(field('UsedLicenses', 'Used Licenses', 'int', { digits: 9 })),
        ...auditFields(false),
      ],
      { ...readOnly, minApiVersion: 17 },
    ),
    setupObject(
      'PermissionSetLicense',
      'Permission Set License',
      'Permission Set Licenses',
      [
        system(field('DeveloperName', 'Permission Set License Name', 'string', { length: 80 })),
        system(field('MasterLabel', 'Label', 'string', { length: 80, nameField: true })),
        system(field('PermissionSetLicenseKey', 'Permission Set License Key', 'string', { length: 255 })),
        system(picklist('Status', 'Status', ['Active', 'Disabled'])),
        system(field('TotalLicenses', 'Total Licenses', 'int', { digits: 9 })),
        system(field('UsedLicenses', 'Used Licenses', 'int', { digits: 9 })),
        system(field('ExpirationDate', 'Expiration Date', 'date')),
        ...auditFields(),
      ],
      { ...readOnly, minApiVersion: 29 },
    ),
    setupObject(
      'PermissionSetLicenseAssign',
      'Permission Set License Assignment',
      'Permission Set License Assignments',
      [
        required(lookup('AssigneeId', 'Assignee ID', ['User'], 'Assignee', { updateable: false })),
        required(
          lookup(
            'PermissionSetLicenseId',
            'Permission Set License ID',
            ['PermissionSetLicense'],
            'PermissionSetLicense',
            {
              updateable: false,
            },
          ),
        ),
        ...auditFields(),
      ],
      { updateable: false, minApiVersion: 29 },
    ),
    setupObject(
      'UserRole',
      'Role',
      'Roles',
      [
        required(field('Name', 'Name', 'string', { length: 80, nameField: true })),
        field('DeveloperName', 'Developer Name', 'string', { length: 80, permissionable: false }),
        lookup('ParentRoleId', 'Parent Role ID', ['UserRole'], 'ParentRole', { permissionable: false }),
        field('RollupDescription', 'Description', 'string', { length: 80, permissionable: false }),
        ...auditFields(false),
      ],
      { minApiVersion: 1 },
    ),
    setupObject(
      'Profile',
      'Profile',
      'Profiles',
      [
        system(field('Name', 'Name', 'string', { length: 255, nameField: true })),
        system(lookup('UserLicenseId', 'User License ID', ['UserLicense'], 'UserLicense')),
        system(picklist('UserType', 'User Type', ['Standard', 'PowerPartner', 'CsnOnly', 'Guest'])),
        system(field('Description', 'Description', 'string', { length: 255 })),
        ...permissionFields({ createable: false }),
        ...auditFields(false),
      ],
      { ...readOnly, minApiVersion: 1, alsoInTooling: true },
    ),
    setupObject(
      'User',
      'User',
      'Users',
      [
        required(field('Username', 'Username', 'string', { length: 80, unique: true, idLookup: true })),
        field('FirstName', 'First Name', 'string', { length: 40, permissionable: false }),
        required(field('LastName', 'Last Name', 'string', { length: 80 })),
        system(field('Name', 'Full Name', 'string', { length: 121, nameField: true })),
        required(field('Alias', 'Alias', 'string', { length: 8 })),
        required(field('Email', 'Email', 'email', { length: 128 })),
        field('Title', 'Title', 'string', { length: 80, permissionable: false }),
        field('Department', 'Department', 'string', { length: 80, permissionable: false }),
        field('CompanyName', 'Company Name', 'string', { length: 80, permissionable: false }),
        field('FederationIdentifier', 'SAML Federation ID', 'string', { length: 512, permissionable: false }),
        field('IsActive', 'Active', 'boolean', { permissionable: false, defaultValue: true }),
        required(lookup('ProfileId', 'Profile ID', ['Profile'], 'Profile')),
        lookup('UserRoleId', 'Role ID', ['UserRole'], 'UserRole', { permissionable: false }),
        lookup('ManagerId', 'Manager ID', ['User'], 'Manager', { permissionable: false }),
        system(picklist('UserType', 'User Type', ['Standard', 'PowerPartner', 'CsnOnly', 'Guest'])),
        required(field('TimeZoneSidKey', 'Time Zone', 'picklist', { length: 40 })),
        required(field('LocaleSidKey', 'Locale', 'picklist', { length: 40 })),
        required(field('EmailEncodingKey', 'Email Encoding', 'picklist', { length: 40 })),
        required(field('LanguageLocaleKey', 'Language', 'picklist', { length: 40 })),
        system(field('LastLoginDate', 'Last Login', 'datetime')),
        ...auditFields(false),
      ],
      { deletable: false, minApiVersion: 1, alsoInTooling: true },
    ),
    setupObject(
      'PermissionSet',
      'Permission Set',
      'Permission Sets',
      [
        required(field('Name', 'Name', 'string', { length: 80, idLookup: true })),
        required(field('Label', 'Label', 'string', { length: 80, nameField: true })),
        field('Description', 'Description', 'string', { length: 255, permissionable: false }),
        system(field('IsOwnedByProfile', 'Is Owned By Profile', 'boolean')),
        system(field('IsCustom', 'Custom', 'boolean', { minApiVersion: 39 })),
        system(lookup('ProfileId', 'Profile ID', ['Profile'], 'Profile')),
        lookup('LicenseId', 'License ID', ['UserLicense', 'PermissionSetLicense'], 'License', {
          permissionable: false,
          updateable: false,
        }),
        system(field('NamespacePrefix', 'Namespace Prefix', 'string', { length: 15 })),
        field('HasActivationRequired', 'Session Activation Required', 'boolean', {
          permissionable: false,
          minApiVersion: 37,
        }),
        system(
          lookup('PermissionSetGroupId', 'PermissionSetGroup ID', ['PermissionSetGroup'], 'PermissionSetGroup', {
            minApiVersion: 45,
          }),
        ),
        system(picklist('Type', 'Type', ['Regular', 'Profile', 'Group', 'Session', 'Standard'], { minApiVersion: 51 })),
        ...permissionFields({ createable: true }),
        ...auditFields(false),
      ],
      { minApiVersion: 22, alsoInTooling: true },
    ),
    setupObject(
      'PermissionSetGroup',
      'Permission Set Group',
      'Permission Set Groups',
      [
        required(field('DeveloperName', 'Permission Set Group Name', 'string', { length: 80, idLookup: true })),
        required(field('MasterLabel', 'Label', 'string', { length: 80, nameField: true })),
        field('Description', 'Description', 'textarea', { length: 255, permissionable: false }),
        system(field('NamespacePrefix', 'Namespace Prefix', 'string', { length: 15 })),
        system(picklist('Status', 'Status', ['Updated', 'Outdated', 'Updating', 'Failed'])),
        field('HasActivationRequired', 'Session Activation Required', 'boolean', { permissionable: false }),
        ...auditFields(),
      ],
      { minApiVersion: 45, alsoInTooling: true },
    ),
    setupObject(
      'MutingPermissionSet',
      'Muting Permission Set',
      'Muting Permission Sets',
      [
        required(field('DeveloperName', 'Muting Permission Set Name', 'string', { length: 80, idLookup: true })),
        required(field('MasterLabel', 'Muting Permission Set Label', 'string', { length: 80, nameField: true })),
        system(field('NamespacePrefix', 'Namespace Prefix', 'string', { length: 15 })),
        ...permissionFields({ createable: true }),
        ...auditFields(),
      ],
      { minApiVersion: 46 },
    ),
    setupObject(
      'PermissionSetGroupComponent',
      'Permission Set Group Component',
      'Permission Set Group Components',
      [
        required(
          lookup('PermissionSetGroupId', 'Permission Set Group ID', ['PermissionSetGroup'], 'PermissionSetGroup', {
            updateable: false,
            childRelationshipName: 'PermissionSetGroupComponents',
          }),
        ),
        required(
          lookup('PermissionSetId', 'Permission Set ID', ['PermissionSet'], 'PermissionSet', {
            alsoAccepts: ['MutingPermissionSet'],
            updateable: false,
          }),
        ),
        ...auditFields(),
      ],
      { updateable: false, minApiVersion: 45 },
    ),
    setupObject(
      'PermissionSetAssignment',
      'Permission Set Assignment',
      'Permission Set Assignments',
      [
        required(lookup('AssigneeId', 'Assignee ID', ['User'], 'Assignee', { updateable: false })),
        lookup('PermissionSetId', 'Permission Set ID', ['PermissionSet'], 'PermissionSet', {
          permissionable: false,
          updateable: false,
          childRelationshipName: 'Assignments',
        }),
        lookup('PermissionSetGroupId', 'Permission Set Group ID', ['PermissionSetGroup'], 'PermissionSetGroup', {
          permissionable: false,
          updateable: false,
          minApiVersion: 45,
        }),
        field('ExpirationDate', 'Expiration Date', 'datetime', { permissionable: false, minApiVersion: 53 }),
        system(field('IsActive', 'Is Active', 'boolean', { minApiVersion: 54 })),
        system(field('SystemModstamp', 'System Modstamp', 'datetime', { nillable: false, defaultedOnCreate: true })),
      ],
      { minApiVersion: 22 },
    ),
    setupObject(
      'ObjectPermissions',
      'Object Permissions',
      'Object Permissions',
      [
        required(
          lookup('ParentId', 'Parent ID', ['PermissionSet'], 'Parent', {
            alsoAccepts: ['MutingPermissionSet'],
            updateable: false,
            childRelationshipName: 'ObjectPerms',
          }),
        ),
        required(
          field('SobjectType', 'Sobject Type Name', 'picklist', {
            length: 40,
            updateable: false,
            restrictedPicklist: true,
          }),
        ),
        field('PermissionsCreate', 'Create Records', 'boolean', { permissionable: false }),
        field('PermissionsRead', 'Read Records', 'boolean', { permissionable: false }),
        field('PermissionsEdit', 'Edit Records', 'boolean', { permissionable: false }),
        field('PermissionsDelete', 'Delete Records', 'boolean', { permissionable: false }),
        field('PermissionsViewAllRecords', 'Read All Records', 'boolean', { permissionable: false }),
        field('PermissionsModifyAllRecords', 'Edit All Records', 'boolean', { permissionable: false }),
        field('PermissionsViewAllFields', 'View All Fields', 'boolean', { permissionable: false, minApiVersion: 60 }),
        ...auditFields(false),
      ],
      { minApiVersion: 24 },
    ),
    setupObject(
      'FieldPermissions',
      'Field Permissions',
      'Field Permissions',
      [
        required(
          lookup('ParentId', 'Parent ID', ['PermissionSet'], 'Parent', {
            alsoAccepts: ['MutingPermissionSet'],
            updateable: false,
            childRelationshipName: 'FieldPerms',
          }),
        ),
        required(
          field('SobjectType', 'Sobject Type Name', 'picklist', {
            length: 40,
            updateable: false,
            restrictedPicklist: true,
          }),
        ),
        required(
          field('Field', 'Field Name', 'picklist', { length: 255, updateable: false, restrictedPicklist: true }),
        ),
        field('PermissionsRead', 'Read Access', 'boolean', { permissionable: false }),
        field('PermissionsEdit', 'Edit Access', 'boolean', { permissionable: false }),
        ...auditFields(false),
      ],
      { minApiVersion: 24 },
    ),
    setupObject(
      'SetupEntityAccess',
      'Setup Entity Access',
      'Setup Entity Access',
      [
        required(
          lookup('ParentId', 'Parent ID', ['PermissionSet'], 'Parent', {
            alsoAccepts: ['MutingPermissionSet'],
            updateable: false,
            childRelationshipName: 'SetupEntityAccessItems',
          }),
        ),
        required(
          lookup(
            'SetupEntityId',
            'Setup Entity ID',
            ['ApexClass', 'CustomPermission', 'ExternalCredentialParameter'],
            '',
            {
              updateable: false,
              relationshipName: null,
            },
          ),
        ),
        system(field('SetupEntityType', 'Setup Entity Type', 'string', { length: 40 })),
        system(field('SystemModstamp', 'System Modstamp', 'datetime', { nillable: false, defaultedOnCreate: true })),
      ],
      { updateable: false, minApiVersion: 25 },
    ),
    setupObject(
      'CustomPermission',
      'Custom Permission',
      'Custom Permissions',
      [
        system(field('DeveloperName', 'Name', 'string', { length: 80, idLookup: true })),
        system(field('MasterLabel', 'Label', 'string', { length: 80, nameField: true })),
        system(field('NamespacePrefix', 'Namespace Prefix', 'string', { length: 15 })),
        system(field('Description', 'Description', 'textarea', { length: 255 })),
        system(field('IsLicensed', 'Requires Permission Set License', 'boolean')),
        system(field('IsProtected', 'Protected', 'boolean')),
        ...auditFields(),
      ],
      { ...readOnly, minApiVersion: 31 },
    ),
    setupObject(
      'LoginHistory',
      'Login History',
      'Login History',
      [
        system(lookup('UserId', 'User ID', ['User'], '', { relationshipName: null })),
        system(field('LoginTime', 'Login Time', 'datetime', { nillable: false })),
        system(
          picklist('LoginType', 'Login Type', [
            'Application',
            'Remote Access 2.0',
            'Remote Access Client',
            'SAML Sfdc Initiated SSO',
            'Other Apex API',
            'Partner Product',
          ]),
        ),
        system(field('SourceIp', 'Source IP', 'string', { length: 39 })),
        system(field('LoginUrl', 'Login URL', 'string', { length: 120 })),
        system(field('Browser', 'Browser', 'string', { length: 64 })),
        system(field('Platform', 'Platform', 'string', { length: 64 })),
        system(field('Status', 'Status', 'string', { length: 128 })),
        system(field('Application', 'Application', 'string', { length: 64 })),
        system(field('ApiType', 'API Type', 'string', { length: 32 })),
        system(field('ApiVersion', 'API Version', 'string', { length: 32 })),
        system(field('CountryIso', 'Country ISO', 'string', { length: 2 })),
      ],
      { ...readOnly, minApiVersion: 21 },
    ),
    setupObject(
      'ApexClass',
      'Apex Class',
      'Apex Classes',
      [
        system(field('Name', 'Name', 'string', { length: 255, nameField: true, idLookup: true })),
        system(field('NamespacePrefix', 'Namespace Prefix', 'string', { length: 15 })),
        system(field('ApiVersion', 'Api Version', 'double', { precision: 18, scale: 1 })),
        system(picklist('Status', 'Status', ['Inactive', 'Active', 'Deleted'])),
        system(field('IsValid', 'Is Valid', 'boolean')),
        system(field('LengthWithoutComments', 'Size Without Comments', 'int', { digits: 9 })),
        ...auditFields(false),
      ],
      { ...readOnly, minApiVersion: 1, alsoInTooling: true },
    ),
    setupObject(
      'NamedCredential',
      'Named Credential',
      'Named Credentials',
      [
        system(field('DeveloperName', 'Name', 'string', { length: 80, idLookup: true })),
        system(field('MasterLabel', 'Label', 'string', { length: 80, nameField: true })),
        system(field('Endpoint', 'URL', 'string', { length: 255 })),
        system(field('PrincipalType', 'Identity Type', 'string', { length: 40 })),
        system(field('NamespacePrefix', 'Namespace Prefix', 'string', { length: 15 })),
        ...auditFields(),
      ],
      { ...readOnly, minApiVersion: 33, alsoInTooling: true },
    ),
    setupObject(
      'ExternalCredential',
      'External Credential',
      'External Credentials',
      [
        system(field('DeveloperName', 'Name', 'string', { length: 80, idLookup: true })),
        system(field('MasterLabel', 'Label', 'string', { length: 80, nameField: true })),
        system(
          picklist('AuthenticationProtocol', 'Authentication Protocol', [
            'AwsSv4',
            'Basic',
            'Custom',
            'Jwt',
            'JwtExchange',
            'NoAuthentication',
            'Oauth',
          ]),
        ),
        system(field('NamespacePrefix', 'Namespace Prefix', 'string', { length: 15 })),
        ...auditFields(),
      ],
      { ...readOnly, minApiVersion: 56, toolingOnly: true },
    ),
    setupObject(
      'ExternalCredentialParameter',
      'External Credential Parameter',
      'External Credential Parameters',
      [
        system(lookup('ExternalCredentialId', 'External Credential ID', ['ExternalCredential'], 'ExternalCredential')),
        system(field('ParameterName', 'Parameter Name', 'string', { length: 255, nameField: true })),
        system(
          picklist('ParameterType', 'Parameter Type', [
            'NamedPrincipal',
            'PerUserPrincipal',
            'AuthHeader',
            'AuthParameter',
          ]),
        ),
        system(field('ParameterValue', 'Parameter Value', 'string', { length: 255 })),
        system(field('SequenceNumber', 'Sequence Number', 'int', { digits: 9 })),
        ...auditFields(),
      ],
      { ...readOnly, minApiVersion: 56, toolingOnly: true },
    ),
    setupObject(
      'PermissionDependency',
      'Permission Dependency',
      'Permission Dependencies',
      [
        system(field('Permission', 'Permission', 'string', { length: 255, groupable: false, sortable: false })),
        system(
          field('PermissionType', 'Permission Type', 'string', { length: 255, groupable: false, sortable: false }),
        ),
        system(
          field('RequiredPermission', 'Required Permission', 'string', {
            length: 255,
            groupable: false,
            sortable: false,
          }),
        ),
        system(
          field('RequiredPermissionType', 'Required Permission Type', 'string', {
            length: 255,
            groupable: false,
            sortable: false,
          }),
        ),
      ],
      { ...readOnly, minApiVersion: 46, toolingOnly: true },
    ),
  ];
}
