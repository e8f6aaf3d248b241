/** The actors the connection flows record in audit events besides signed-in users. */
import type { Actor, SessionPrincipal } from '../store/types';

/** GRAX itself (token refresh, background work). */
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'grax', name: 'GRAX Connect' };

/** Whoever presented the first-run setup token (no account exists yet). */
export const SETUP_ACTOR: Actor = { kind: 'setup', id: 'setup-token', name: 'Setup token holder' };

/** The audit actor of a signed-in principal. */
export function actorOf(principal: SessionPrincipal): Actor {
  return { kind: principal.kind, id: principal.id, name: principal.displayName };
}
