/**
 * User licenses and permission set licenses of the seeded orgs, with the user permissions each license cannot
 * carry. The restrictions of the Salesforce Integration license are UNCONFIRMED (Salesforce documents the license
 * as API-only with limited administrative permissions but publishes no complete list).
 */

/** A user license (UserLicense) as seeded. */
export interface UserLicenseSpec {
  key: 'salesforce' | 'integration';
  name: string;
  licenseDefinitionKey: string;
  totalLicenses: number;
  /** User permissions that profiles and permission sets for this license cannot enable. */
  disallowedPermissions: readonly string[];
}

/** A permission set license (PermissionSetLicense) as seeded. */
export interface PermissionSetLicenseSpec {
  key: 'apiIntegration';
  developerName: string;
  masterLabel: string;
  permissionSetLicenseKey: string;
  totalLicenses: number;
}

/** The user licenses every seeded org has. */
export const USER_LICENSES: readonly UserLicenseSpec[] = [
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

/** The permission set licenses every seeded org has. */
export const PERMISSION_SET_LICENSES: readonly PermissionSetLicenseSpec[] = [
  {
    key: 'apiIntegration',
    developerName: 'SalesforceAPIIntegrationPsl',
    masterLabel: 'Salesforce API Integration',
    permissionSetLicenseKey: 'SalesforceAPIIntegrationPsl',
    totalLicenses: 5,
  },
];

/** The license spec whose LicenseDefinitionKey matches, if any. */
export function userLicenseByDefinitionKey(key: unknown): UserLicenseSpec | undefined {
  return USER_LICENSES.find((l) => l.licenseDefinitionKey === key);
}
