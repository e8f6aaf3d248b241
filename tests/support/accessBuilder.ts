/** Builds UserAccess values for planning tests: an integration user, its licenses, and GRAX sets as given. */
import type { PermissionSetInfo, UserAccess } from '@service/permissions/org/userAccess';
import { SYSTEM_PERMISSION_RULES } from '@service/permissions/profile';

/** A permission set with the given permissions. */
export function set(
  id: string,
  name: string,
  label: string,
  permissions: string[],
  extra: Partial<PermissionSetInfo> = {},
): PermissionSetInfo {
  return {
    id,
    name,
    label,
    description: null,
    isOwnedByProfile: false,
    licenseId: null,
    namespacePrefix: null,
    hasActivationRequired: false,
    isMuting: false,
    permissions: new Set(permissions),
    ...extra,
  };
}

/** An integration user with the Salesforce license and no GRAX sets, overridable. */
export function access(overrides: Partial<UserAccess> = {}): UserAccess {
  const available = new Set([...SYSTEM_PERMISSION_RULES.map((r) => r.name), 'CustomizeApplication']);
  return {
    user: {
      id: '005000000000001AAA',
      username: 'grax.integration@acme.example',
      isActive: true,
      userType: 'Standard',
      profileId: '00e000000000001AAA',
      profileName: 'GRAX Integration',
      userLicenseId: '100000000000001AAA',
      userLicenseName: 'Salesforce',
      userLicenseKey: 'SFDC',
    },
    facts: { auditFieldsEnabled: true },
    availablePermissions: available,
    permissionLabels: new Map(
      [
        ...SYSTEM_PERMISSION_RULES.map((r) => [r.label, r.name] as const),
        ['Customize Application', 'CustomizeApplication'] as const,
      ].map(([l, n]) => [l.toLowerCase(), n]),
    ),
    sets: new Map(),
    assignments: [],
    sources: [],
    ignored: [],
    grax: { template: undefined, access: undefined },
    renamed: {},
    graxAssignments: { template: undefined, access: undefined },
    graxGranted: { template: false, access: false },
    systemPermissions: new Set(['ApiEnabled', 'ViewSetup', 'ManageProfilesPermissionsets', 'AssignPermissionSets']),
    licenses: new Map([
      ['100000000000001AAA', { id: '100000000000001AAA', kind: 'user', label: 'Salesforce', key: 'SFDC' }],
      [
        '100000000000002AAA',
        { id: '100000000000002AAA', kind: 'user', label: 'Salesforce Integration', key: 'SFDC_INTEGRATION' },
      ],
      [
        '0PL000000000001AAA',
        {
          id: '0PL000000000001AAA',
          kind: 'permissionSet',
          label: 'Salesforce API Integration',
          key: 'SalesforceAPIIntegrationPsl',
        },
      ],
    ]),
    userPermissionSetLicenses: new Set(),
    ...overrides,
  };
}
