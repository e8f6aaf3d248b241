/**
 * Reads what the connection flows need to know about the org and the connected user through the API client: the
 * Organization record (name, sandbox flag, edition, trial expiry, instance) and the user (active, type, profile,
 * license), and classifies the org the way the Salesforce CLI does (scratch = sandbox with a trial expiry).
 */
import type { SalesforceClient } from './apiClient';

/** The Organization fields the service reads. */
export interface OrgInfo {
  id: string;
  name: string;
  isSandbox: boolean;
  organizationType: string | null;
  trialExpirationDate: string | null;
  instanceName: string | null;
}

/** The kinds of org an admin sees on the connection card. */
export type OrgType = 'production' | 'developer' | 'sandbox' | 'scratch';

/** The connected user as the flows check it. */
export interface ConnectingUser {
  id: string;
  username: string;
  isActive: boolean;
  userType: string | null;
  profileName: string | null;
  licenseName: string | null;
}

/** The license of API-only integration users, who cannot sign in interactively. */
export const INTEGRATION_LICENSE = 'Salesforce Integration';

const USER_ID = /^005[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;

/** Production, Developer Edition, sandbox or scratch org (sfdx-core's rule for scratch vs sandbox). */
export function orgTypeOf(org: Pick<OrgInfo, 'isSandbox' | 'organizationType' | 'trialExpirationDate'>): OrgType {
  if (org.isSandbox) return org.trialExpirationDate ? 'scratch' : 'sandbox';
  return org.organizationType === 'Developer Edition' ? 'developer' : 'production';
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function nested(record: Record<string, unknown>, ...path: string[]): unknown {
  let value: unknown = record;
  for (const key of path) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Reads the Organization record. */
export async function readOrganization(client: SalesforceClient): Promise<OrgInfo> {
  const result = await client.query(
    'SELECT Id, Name, IsSandbox, OrganizationType, TrialExpirationDate, InstanceName FROM Organization',
  );
  const org = result.records[0];
  if (!org) throw new Error('Salesforce returned no Organization record');
  return {
    id: String(org.Id),
    name: str(org.Name) ?? String(org.Id),
    isSandbox: org.IsSandbox === true,
    organizationType: str(org.OrganizationType),
    trialExpirationDate: str(org.TrialExpirationDate),
    instanceName: str(org.InstanceName),
  };
}

/** Reads a user with profile and license. */
export async function readUser(client: SalesforceClient, userId: string): Promise<ConnectingUser> {
  if (!USER_ID.test(userId)) throw new Error('not a Salesforce user id');
  const result = await client.query(
    'SELECT Id, Username, IsActive, UserType, Profile.Name, Profile.UserLicense.Name FROM User ' +
      `WHERE Id = '${userId}'`,
  );
  const user = result.records[0];
  if (!user) throw new Error('Salesforce returned no User record for the connected user');
  return {
    id: String(user.Id),
    username: str(user.Username) ?? userId,
    isActive: user.IsActive === true,
    userType: str(user.UserType),
    profileName: str(nested(user, 'Profile', 'Name')),
    licenseName: str(nested(user, 'Profile', 'UserLicense', 'Name')),
  };
}
