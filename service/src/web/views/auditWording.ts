/**
 * How the Audit log page words every action. The table covers the whole AuditAction union, so a new action does not
 * compile until it has a label; actions from older versions fall back to their dotted name made readable.
 */
import {
  AUTH_AUDIT,
  CONNECTION_AUDIT,
  ORG_LINK_AUDIT,
  PERMISSIONS_AUDIT,
  SETUP_AUDIT,
  type AuditAction,
} from '../../domain/audit';

const LABELS: Record<AuditAction, string> = {
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
  [CONNECTION_AUDIT.signInStarted]: 'Salesforce sign-in started',
  [CONNECTION_AUDIT.connected]: 'Connected to Salesforce',
  [CONNECTION_AUDIT.reconnected]: 'Reconnected to Salesforce',
  [CONNECTION_AUDIT.updated]: 'Connection updated',
  [CONNECTION_AUDIT.orgChangeRequested]: 'Change to another org requested',
  [CONNECTION_AUDIT.orgChangeCancelled]: 'Change to another org cancelled',
  [CONNECTION_AUDIT.orgChanged]: 'Connected to another org',
  [CONNECTION_AUDIT.previousUserUnassigned]: 'GRAX permission sets removed from the previous user',
  [CONNECTION_AUDIT.reauthorizationRequired]: 'Salesforce reauthorization required',
  [CONNECTION_AUDIT.reset]: 'GRAX reset (disconnected)',
  [SETUP_AUDIT.tokenIssued]: 'Setup token issued on the server',
  [SETUP_AUDIT.tokenUsed]: 'Setup token used',
  [SETUP_AUDIT.reconnectLinkSent]: 'Reconnect link emailed to GRAX admins',
  [SETUP_AUDIT.reconnectLinkUsed]: 'Reconnect link used',
  [SETUP_AUDIT.reconnectLinkRefused]: 'Reconnect link refused',
  [PERMISSIONS_AUDIT.autoconfig]: 'Auto Config ran',
  [PERMISSIONS_AUDIT.autofix]: 'Auto Fix ran',
  [PERMISSIONS_AUDIT.verify]: 'Verify ran',
  [PERMISSIONS_AUDIT.scan]: 'Permission scan ran',
  [PERMISSIONS_AUDIT.drift]: 'Permission drift detected',
  [PERMISSIONS_AUDIT.autoFixAfterScanChanged]: 'Auto Fix after scan setting changed',
  [ORG_LINK_AUDIT.linkKeyCreated]: 'Org link key created',
  [ORG_LINK_AUDIT.linkKeyRotated]: 'Org link key rotated',
  [ORG_LINK_AUDIT.linkKeyRevoked]: 'Org link key revoked',
  [ORG_LINK_AUDIT.linkKeyRotationRequested]: 'Org link key rotation requested',
  [ORG_LINK_AUDIT.linkKeyStoredInOrg]: 'Org link key stored in Salesforce',
  [ORG_LINK_AUDIT.connectLinkCreated]: 'Connect link issued to GRAX Setup',
  [ORG_LINK_AUDIT.connectLinkUsed]: 'Connect link used',
  [ORG_LINK_AUDIT.orgApiRefused]: 'Org API call refused',
  [ORG_LINK_AUDIT.orgApiStatus]: 'GRAX Setup read the status',
  [ORG_LINK_AUDIT.orgApiVerify]: 'GRAX Setup started Verify',
  [ORG_LINK_AUDIT.orgApiScan]: 'GRAX Setup started a scan',
  [ORG_LINK_AUDIT.orgApiAutofix]: 'GRAX Setup started Auto Fix',
};

/** How the Audit log page names an action: a known label, or the dotted name made readable. */
export function auditActionLabel(action: string): string {
  const known = (LABELS as Record<string, string | undefined>)[action];
  if (known) return known;
  const words = action.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
