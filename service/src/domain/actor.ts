/** Who acts in GRAX Connect: people with a role, the setup-token holder, the org through a link key, or GRAX itself. */

/** A GRAX role: admins change things, viewers read. */
export type Role = 'admin' | 'viewer';

/** How a person signed in: single sign-on with Salesforce, or a local break-glass user. */
export type PrincipalKind = 'sso' | 'local';

/** The kinds of actor, in the order the audit log lists them. */
export const ACTOR_KINDS = ['sso', 'local', 'setup', 'org', 'system'] as const;

/** Who did something: a signed-in user, the first-run setup token holder, the org (through a link key), or GRAX. */
export interface Actor {
  kind: (typeof ACTOR_KINDS)[number];
  id: string;
  name: string;
}

/** Who a session belongs to. */
export interface SessionPrincipal {
  kind: PrincipalKind;
  /** Salesforce user id for SSO, local user id for local users. */
  id: string;
  displayName: string;
  role: Role;
  orgId: string | null;
}

/** GRAX itself (token refresh, background work). */
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'grax', name: 'GRAX Connect' };

/** Whoever presented the first-run setup token (no account exists yet). */
export const SETUP_ACTOR: Actor = { kind: 'setup', id: 'setup-token', name: 'Setup token holder' };

/** The audit actor of a signed-in principal. */
export function actorOfPrincipal(principal: SessionPrincipal): Actor {
  return { kind: principal.kind, id: principal.id, name: principal.displayName };
}
