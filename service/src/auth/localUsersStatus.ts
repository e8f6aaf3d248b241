/**
 * The status of a local user at a moment: whether it may sign in, and if not why (deactivated, expired, locked after
 * failed logins). One function serves the Settings > Users list and the login checks, so they always agree.
 */
import type { LocalUser } from '../domain/localUser';

/** Failed logins (password or code) before a user is locked. */
export const LOCK_AFTER_FAILURES = 5;
/** How long a lock lasts. */
export const LOCK_DURATION_MS = 15 * 60_000;

export type LocalUserState = 'active' | 'deactivated' | 'expired' | 'locked';

/** What the list shows and the login checks. */
export interface LocalUserStatus {
  state: LocalUserState;
  /** Locked until this time (only for `locked`). */
  lockedUntil: Date | null;
  totpEnrolled: boolean;
}

/** The user's status at `now`; deactivation wins over expiry, expiry over a lock. */
export function localUserStatus(user: LocalUser, now: Date): LocalUserStatus {
  const totpEnrolled = user.totpEnabled && user.totpSecret !== null;
  if (!user.active) return { state: 'deactivated', lockedUntil: null, totpEnrolled };
  if (user.expiresAt && user.expiresAt.getTime() <= now.getTime()) {
    return { state: 'expired', lockedUntil: null, totpEnrolled };
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    return { state: 'locked', lockedUntil: user.lockedUntil, totpEnrolled };
  }
  return { state: 'active', lockedUntil: null, totpEnrolled };
}
