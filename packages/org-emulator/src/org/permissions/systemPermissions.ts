/**
 * The user (system) permissions the emulator models: each is a boolean `Permissions<Name>` field on PermissionSet,
 * Profile and MutingPermissionSet. Labels are the field labels of Salesforce's field reference (API 67.0), which are
 * also the names Salesforce uses in dependency errors.
 */

/** A user permission: API name without the `Permissions` prefix, and its label. */
export interface SystemPermission {
  name: string;
  label: string;
}

/** Every modelled user permission, alphabetical by API name. */
export const SYSTEM_PERMISSIONS: readonly SystemPermission[] = [
  { name: 'ApiEnabled', label: 'API Enabled' },
  { name: 'ApiUserOnly', label: 'API Only User' },
  { name: 'AssignPermissionSets', label: 'Assign Permission Sets' },
  { name: 'AuthorApex', label: 'Author Apex' },
  { name: 'BulkApiHardDelete', label: 'Bulk API Hard Delete' },
  { name: 'CanApproveUninstalledApps', label: 'Approve Uninstalled Connected Apps' },
  { name: 'ConvertLeads', label: 'Convert Leads' },
  { name: 'CreateAuditFields', label: 'Set Audit Fields upon Record Creation' },
  { name: 'CustomizeApplication', label: 'Customize Application' },
  { name: 'EditEvent', label: 'Edit Events' },
  { name: 'EditReadonlyFields', label: 'Edit Read Only Fields' },
  { name: 'EditTask', label: 'Edit Tasks' },
  { name: 'EmailSingle', label: 'Send Email' },
  { name: 'ExportReport', label: 'Export Reports' },
  { name: 'ImportLeads', label: 'Import Leads' },
  { name: 'InstallPackaging', label: 'Download AppExchange Packages' },
  { name: 'LightningExperienceUser', label: 'Lightning Experience User' },
  { name: 'ManageCategories', label: 'Manage Categories' },
  { name: 'ManageCustomPermissions', label: 'Manage Custom Permissions' },
  { name: 'ManageDataIntegrations', label: 'Manage Data Integrations' },
  { name: 'ManageInternalUsers', label: 'Manage Internal Users' },
  { name: 'ManageIpAddresses', label: 'Manage IP Addresses' },
  { name: 'ManageLoginAccessPolicies', label: 'Manage Login Access Policies' },
  { name: 'ManageNamedCredentials', label: 'Allows users to modify Named Credentials and External Credentials' },
  { name: 'ManagePasswordPolicies', label: 'Manage Password Policies' },
  { name: 'ManageProfilesPermissionsets', label: 'Manage Profiles and Permission Sets' },
  { name: 'ManagePublicListViews', label: 'Manage Public List Views' },
  { name: 'ManageQuotas', label: 'Manage Quotas' },
  { name: 'ManageRemoteAccess', label: 'Manage Connected Apps' },
  { name: 'ManageRoles', label: 'Manage Roles' },
  { name: 'ManageSessionPermissionSets', label: 'Manage Session Permission Set Activations' },
  { name: 'ManageSharing', label: 'Manage Sharing' },
  { name: 'ManageUsers', label: 'Manage Users' },
  { name: 'ModifyAllData', label: 'Modify All Data' },
  { name: 'ModifyMetadata', label: 'Modify Metadata Through Metadata API Functions' },
  { name: 'MonitorLoginHistory', label: 'Monitor Login History' },
  { name: 'OverrideForecasts', label: 'Override Forecasts' },
  { name: 'PasswordNeverExpires', label: 'Password Never Expires' },
  { name: 'QueryAllFiles', label: 'Query All Files' },
  { name: 'ResetPasswords', label: 'Reset User Passwords and Unlock Users' },
  { name: 'RunReports', label: 'Run Reports' },
  { name: 'TransferAnyEntity', label: 'Transfer Record' },
  { name: 'TransferAnyLead', label: 'Transfer Leads' },
  { name: 'UpdateWithInactiveOwner', label: 'Update Records with Inactive Owners' },
  { name: 'UseTeamReassignWizards', label: 'Use Team Reassignment Wizards' },
  { name: 'ViewAllCustomSettings', label: 'View All Custom Settings' },
  { name: 'ViewAllData', label: 'View All Data' },
  { name: 'ViewAllForecasts', label: 'View All Forecasts' },
  { name: 'ViewAllUsers', label: 'View All Users' },
  { name: 'ViewEncryptedData', label: 'View Encrypted Data' },
  { name: 'ViewRoles', label: 'View Roles and Role Hierarchy' },
  { name: 'ViewSetup', label: 'View Setup and Configuration' },
];

const BY_NAME = new Map(SYSTEM_PERMISSIONS.map((p) => [p.name.toLowerCase(), p]));

/** The permission with this API name (with or without the `Permissions` prefix, any case), or undefined. */
export function findSystemPermission(name: string): SystemPermission | undefined {
  const lower = name.toLowerCase();
  return BY_NAME.get(lower.startsWith('permissions') ? lower.slice('permissions'.length) : lower);
}

/** The `Permissions<Name>` field name of a user permission. */
export function permissionField(name: string): string {
  return `Permissions${name}`;
}

/** Every user permission enabled on a PermissionSet/Profile/MutingPermissionSet record. */
export function enabledSystemPermissions(record: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const p of SYSTEM_PERMISSIONS) if (record[permissionField(p.name)] === true) out.push(p.name);
  return out;
}

/** A `Permissions*` record fragment with the given permissions true and every other one false. */
export function permissionFlags(enabled: Iterable<string>): Record<string, boolean> {
  const on = new Set(enabled);
  const out: Record<string, boolean> = {};
  for (const p of SYSTEM_PERMISSIONS) out[permissionField(p.name)] = on.has(p.name);
  return out;
}
