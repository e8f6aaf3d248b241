/**
 * The audit actions sign-in records, by name, and how the Audit log page words every action (its own and those of
 * the connection flows and the permission engine). `sso.integration_user_login` is read by the engine's
 * dedicated-user check: keep that name.
 */
import type { AuditRepository } from '../store/types';
import { sameSalesforceId } from '../connection/salesforceIds';

export const AUTH_AUDIT = {
  ssoLogin: 'login.sso',
  ssoDenied: 'login.sso_denied',
  integrationUserLogin: 'sso.integration_user_login',
  localLogin: 'login.local',
  localFailed: 'login.local_failed',
  localLocked: 'login.local_locked',
  logout: 'logout',
  reauthenticated: 'reauth.confirmed',
  reauthFailed: 'reauth.failed',
  userCreated: 'user.created',
  userDeactivated: 'user.deactivated',
  userReactivated: 'user.reactivated',
  userExpiryChanged: 'user.expiry_changed',
  userTotpReset: 'user.totp_reset',
  userTotpEnrolled: 'user.totp_enrolled',
  userPasswordReset: 'user.password_reset',
  ssoMappingSaved: 'sso.mapping_saved',
  ssoMappingRemoved: 'sso.mapping_removed',
} as const;

const LABELS: Record<string, string> = {
  [AUTH_AUDIT.ssoLogin]: 'Logged in with Salesforce',
  [AUTH_AUDIT.ssoDenied]: 'Salesforce login refused',
  [AUTH_AUDIT.integrationUserLogin]: 'Logged in as the integration user',
  [AUTH_AUDIT.localLogin]: 'Logged in with credentials',
  [AUTH_AUDIT.localFailed]: 'Failed login',
  [AUTH_AUDIT.localLocked]: 'Local user locked after failed logins',
  [AUTH_AUDIT.logout]: 'Logged out',
  [AUTH_AUDIT.reauthenticated]: 'Confirmed identity',
  [AUTH_AUDIT.reauthFailed]: 'Identity confirmation failed',
  [AUTH_AUDIT.userCreated]: 'Local user created',
  [AUTH_AUDIT.userDeactivated]: 'Local user deactivated',
  [AUTH_AUDIT.userReactivated]: 'Local user reactivated',
  [AUTH_AUDIT.userExpiryChanged]: 'Local user expiry changed',
  [AUTH_AUDIT.userTotpReset]: 'Local user two-step verification reset',
  [AUTH_AUDIT.userTotpEnrolled]: 'Local user set up two-step verification',
  [AUTH_AUDIT.userPasswordReset]: 'Local user password reset',
  [AUTH_AUDIT.ssoMappingSaved]: 'SSO access mapping saved',
  [AUTH_AUDIT.ssoMappingRemoved]: 'SSO access mapping removed',
  // The connection flows' actions (written in connection/), worded for the people reading the log.
  'connection.sign_in_started': 'Salesforce sign-in started',
  'connection.connected': 'Connected to Salesforce',
  'connection.reconnected': 'Reconnected to Salesforce',
  'connection.updated': 'Connection updated',
  'connection.org_change_requested': 'Change to another org requested',
  'connection.org_change_cancelled': 'Change to another org cancelled',
  'connection.org_changed': 'Connected to another org',
  'connection.previous_user_unassigned': 'GRAX permission sets removed from the previous user',
  'connection.reauthorization_required': 'Salesforce reauthorization required',
  'connection.reset': 'GRAX reset (disconnected)',
};

/** How the Audit log page names an action: a known label, or the dotted name made readable. */
export function auditActionLabel(action: string): string {
  const known = LABELS[action];
  if (known) return known;
  const words = action.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * How many times a person signed into GRAX Connect as the given Salesforce user (the integration user), for the
 * permission engine's dedicated-user check (`DedicatedUserOptions.webLoginsAs`).
 */
export async function countIntegrationUserLogins(audit: AuditRepository, userId: string): Promise<number> {
  let count = 0;
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await audit.list({ action: AUTH_AUDIT.integrationUserLogin, limit: 500, beforeSeq });
    count += page.filter((e) => sameSalesforceId(e.actor.id, userId)).length;
    const last = page.at(-1);
    if (page.length < 500 || !last) return count;
    beforeSeq = last.seq;
  }
}
