/**
 * Licences of the GRAX permission sets. A permission set tied to a licence can only be assigned to users holding it,
 * and its licence cannot be changed afterwards, so the service creates sets without a licence for users of the full
 * Salesforce licence (assignable to anyone), and with the "Salesforce API Integration" permission set licence for
 * users of the Salesforce Integration user licence (which Salesforce requires for them).
 */
import type { LicenceInfo, PermissionSetInfo, UserAccess } from './org/userAccess';

/** Salesforce Integration user licence and the permission set licence its users need. */
const INTEGRATION_USER_LICENCE = 'SFDC_INTEGRATION';
const API_INTEGRATION_PSL = 'SalesforceAPIIntegrationPsl';

/** The licence new GRAX sets get for this user. */
export interface LicenceChoice {
  licenseId: string | null;
  /** Shown in Preview changes. */
  label: string;
  /** The permission set licence the user must hold first, when it does not yet. */
  missingPermissionSetLicence?: LicenceInfo;
}

/** Picks the licence that fits the integration user. */
export function chooseLicence(access: UserAccess): LicenceChoice {
  if (access.user.userLicenseKey !== INTEGRATION_USER_LICENCE)
    return { licenseId: null, label: 'No licence (assignable to any user)' };
  const psl = [...access.licences.values()].find((l) => l.kind === 'permissionSet' && l.key === API_INTEGRATION_PSL);
  if (!psl) return { licenseId: null, label: 'No licence (the org has no Salesforce API Integration licence)' };
  return {
    licenseId: psl.id,
    label: psl.label,
    ...(access.userPermissionSetLicences.has(psl.id) ? {} : { missingPermissionSetLicence: psl }),
  };
}

/** Why an existing set cannot be assigned to the user because of its licence, or undefined when it fits. */
export function licenceConflict(set: PermissionSetInfo, access: UserAccess): string | undefined {
  if (!set.licenseId) return undefined;
  if (set.licenseId === access.user.userLicenseId) return undefined;
  if (access.userPermissionSetLicences.has(set.licenseId)) return undefined;
  const licence = access.licences.get(set.licenseId);
  const setLicence = licence ? `"${licence.label}"` : `${set.licenseId}`;
  const userLicence = access.user.userLicenseName ? `"${access.user.userLicenseName}"` : 'another licence';
  return (
    `Permission set ${set.label} (${set.name}) is tied to the licence ${setLicence}, but ${access.user.username} has ${userLicence}, ` +
    'so Salesforce cannot assign it.'
  );
}
