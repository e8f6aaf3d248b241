/**
 * User licences and permission set licences of the seeded orgs, with the user permissions each licence cannot
 * carry. The restrictions of the Salesforce Integration licence are UNCONFIRMED (Salesforce documents the licence
 * as API-only with limited administrative permissions but publishes no complete list).
 */

/** A user licence (UserLicense) as seeded. */
export interface UserLicenceSpec {
  key: 'salesforce' | 'integration';
  name: string;
  licenseDefinitionKey: string;
  totalLicenses: number;
  /** User permissions that profiles and permission sets for this licence cannot enable. */
  disallowedPermissions: readonly string[];
}

/** A permission set licence (PermissionSetLicense) as seeded. */
export interface PermissionSetLicenceSpec {
  key: 'apiIntegration';
  developerName: string;
  masterLabel: string;
  permissionSetLicenseKey: string;
  totalLicenses: number;
}

/** The user licences every seeded org has. */
export const USER_LICENCES: readonly UserLicenceSpec[] = [
  {
    key: 'salesforce',
    name: 'Salesforce',
    licenseDefinitionKey: 'SFDC',
    totalLicenses: 50,
    disallowedPermissions: [],
  },
  {
    key: 'integration',
    name: 'Salesforce Integration',
    licenseDefinitionKey: 'SFDC_INTEGRATION',
    totalLicenses: 5,
    disallowedPermissions: [
      'ModifyAllData',
      'AuthorApex',
      'ManageUsers',
      'CustomizeApplication',
      'LightningExperienceUser',
    ],
  },
];

/** The permission set licences every seeded org has. */
export const PERMISSION_SET_LICENCES: readonly PermissionSetLicenceSpec[] = [
  {
    key: 'apiIntegration',
    developerName: 'SalesforceAPIIntegrationPsl',
    masterLabel: 'Salesforce API Integration',
    permissionSetLicenseKey: 'SalesforceAPIIntegrationPsl',
    totalLicenses: 5,
  },
];

/** The licence spec whose LicenseDefinitionKey matches, if any. */
export function userLicenceByDefinitionKey(key: unknown): UserLicenceSpec | undefined {
  return USER_LICENCES.find((l) => l.licenseDefinitionKey === key);
}
