/**
 * The audit log's vocabulary: every action any feature records, by feature. `AuditAction` is the union of them, so a
 * new action must be added here (and worded on the Audit log page, which maps every action) before it can be written.
 */
import type { Actor } from './actor';
import type { JsonObject } from './json';

/** Sign-in, re-authentication, local users and SSO mappings. */
export const AUTH_AUDIT = {
  ssoLogin: 'login.sso',
  ssoDenied: 'login.sso_denied',
  /** Read by the permission engine's dedicated-user check: keep this name. */
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

/** The connection's life: connect, Update, org change, reauthorization, Reset. */
export const CONNECTION_AUDIT = {
  signInStarted: 'connection.sign_in_started',
  connected: 'connection.connected',
  reconnected: 'connection.reconnected',
  updated: 'connection.updated',
  orgChangeRequested: 'connection.org_change_requested',
  orgChangeCancelled: 'connection.org_change_cancelled',
  orgChanged: 'connection.org_changed',
  previousUserUnassigned: 'connection.previous_user_unassigned',
  reauthorizationRequired: 'connection.reauthorization_required',
  reset: 'connection.reset',
} as const;

/** Setup tokens issued by the server's operator (`npm run setup-token`), reconnect links emailed to admins, their use. */
export const SETUP_AUDIT = {
  tokenIssued: 'setup.token_issued',
  tokenUsed: 'setup.token_used',
  reconnectLinkSent: 'setup.reconnect_link_sent',
  reconnectLinkUsed: 'setup.reconnect_link_used',
  reconnectLinkRefused: 'setup.reconnect_link_refused',
} as const;

/** The permission engine's runs and settings. */
export const PERMISSIONS_AUDIT = {
  autoconfig: 'permissions.autoconfig',
  autofix: 'permissions.autofix',
  verify: 'permissions.verify',
  scan: 'permissions.scan',
  drift: 'permissions.drift',
  autoFixAfterScanChanged: 'permissions.settings.auto_fix_after_scan',
} as const;

/** The org link: link keys, connect links and the org API's calls. */
export const ORG_LINK_AUDIT = {
  linkKeyCreated: 'linkKey.created',
  linkKeyRotated: 'linkKey.rotated',
  linkKeyRevoked: 'linkKey.revoked',
  linkKeyRotationRequested: 'linkKey.rotationRequested',
  linkKeyStoredInOrg: 'linkKey.storedInOrg',
  connectLinkCreated: 'connectLink.created',
  connectLinkUsed: 'connectLink.used',
  orgApiRefused: 'orgApi.refused',
  orgApiStatus: 'orgApi.status',
  orgApiVerify: 'orgApi.verify',
  orgApiScan: 'orgApi.scan',
  orgApiAutofix: 'orgApi.autofix',
} as const;

type ValuesOf<T> = T[keyof T];

/** Every action the audit log records. */
export type AuditAction =
  | ValuesOf<typeof AUTH_AUDIT>
  | ValuesOf<typeof CONNECTION_AUDIT>
  | ValuesOf<typeof SETUP_AUDIT>
  | ValuesOf<typeof PERMISSIONS_AUDIT>
  | ValuesOf<typeof ORG_LINK_AUDIT>;

/** Every action, for pages and tests that list them. */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  ...Object.values(AUTH_AUDIT),
  ...Object.values(CONNECTION_AUDIT),
  ...Object.values(SETUP_AUDIT),
  ...Object.values(PERMISSIONS_AUDIT),
  ...Object.values(ORG_LINK_AUDIT),
];

/** One recorded event (append-only). */
export interface AuditEvent {
  seq: number;
  id: string;
  at: Date;
  actor: Actor;
  /** A known action; events written by older versions may carry one no longer in the union. */
  action: AuditAction | (string & {});
  target: string | null;
  orgId: string | null;
  details: JsonObject;
}
