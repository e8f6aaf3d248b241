/**
 * Licenses of the GRAX permission sets. A permission set tied to a license can only be assigned to users holding it,
 * and its license cannot be changed afterwards, so the service creates sets without a license for users of the full
 * Salesforce license (assignable to anyone), and with the "Salesforce API Integration" permission set license for
 * users of the Salesforce Integration user license (which Salesforce requires for them).
 */
import type { LicenseInfo, PermissionSetInfo, UserAccess } from './org/userAccess';

/** Salesforce Integration user license and the permission set license its users need. */
const INTEGRATION_USER_LICENSE = 'SFDC_INTEGRATION';
const API_INTEGRATION_PSL = 'SalesforceAPIIntegrationPsl';

/** The license new GRAX sets get for this user. */
export interface LicenseChoice {
  licenseId: string | null;
  /** Shown in Preview changes. */
  label: string;
  /** The permission set license the user must hold first, when it does not yet. */
  missingPermissionSetLicense?: LicenseInfo;
}

/** Picks the license that fits the integration user. */
export function chooseLicense(access: UserAccess): LicenseChoice {
  if (access.user.userLicenseKey !== INTEGRATION_USER_LICENSE)
    return { licenseId: null, label: 'No license (assignable to any user)' };
  const psl = [...access.licenses.values()].find((l) => l.kind === 'permissionSet' && l.key === API_INTEGRATION_PSL);
  if (!psl) return { licenseId: null, label: 'No license (the org has no Salesforce API Integration license)' };
  return {
    licenseId: psl.id,
    label: psl.label,
    ...(access.userPermissionSetLicenses.has(psl.id) ? {} : { missingPermissionSetLicense: psl }),
  };
}

/** Why an existing set cannot be assigned to the user because of its license, or undefined when it fits. */
export function licenseConflict(set: PermissionSetInfo, access: UserAccess): string | undefined {
  if (!set.licenseId) return undefined;
  if (set.licenseId === access.user.userLicenseId) return undefined;
  if (access.userPermissionSetLicenses.has(set.licenseId)) return undefined;
  const license = access.licenses.get(set.licenseId);
  const setLicense = license ? `"${license.label}"` : `${set.licenseId}`;
  const userLicense = access.user.userLicenseName ? `"${access.user.userLicenseName}"` : 'another license';
  return (
    `Permission set ${set.label} (${set.name}) is tied to the license ${setLicense}, but ${access.user.username} has ${userLicense}, ` +
    'so Salesforce cannot assign it.'
  );
}
