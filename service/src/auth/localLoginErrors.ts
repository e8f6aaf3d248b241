/** What local users read when a sign-in step refuses them: the sentences shared by the login and re-authentication pages. */
import { AppError } from '../errors';
import type { RefusalReason } from './localUsersLogin';

/** The same answer for an unknown user, a wrong password and a locked user, so usernames cannot be probed. */
export const CREDENTIALS_FAILED =
  'Those credentials did not work. Check the username and password and try again. After 5 failed attempts a user ' +
  'is locked for 15 minutes.';

/** A wrong or already used code. */
export const CODE_FAILED =
  'That code is not correct or was already used. Enter the current code from your authenticator app.';

/** A half-finished login that expired or came from another window. */
export const CHALLENGE_EXPIRED =
  'Your login took longer than 5 minutes or was started in another window. Enter your username and password again.';

/** Why a user who gave the right password may not sign in. */
export function refusalMessage(reason: RefusalReason): string {
  if (reason.kind === 'deactivated') {
    return 'This local user is deactivated. Ask a GRAX admin to reactivate it in Settings > Users.';
  }
  return (
    `This local user expired on ${reason.expiredAt.toISOString().slice(0, 10)}. Ask a GRAX admin to extend it in ` +
    'Settings > Users.'
  );
}

/** The user is locked after too many failures (shown only to someone who already gave the right password). */
export function lockedMessage(until: Date): string {
  return (
    `Too many failed attempts: this user is locked until ${until.toISOString().slice(11, 16)} UTC. Wait, then log ` +
    'in again with your username, password and a new code.'
  );
}

/** Re-authentication locked the user: they were logged out. */
export function lockedDuringReauth(until: Date): AppError {
  return new AppError({
    code: 'LOCAL_USER_LOCKED',
    kind: 'forbidden',
    title: 'Too many failed attempts',
    message: `${lockedMessage(until)} You were logged out.`,
    actions: ['Wait until the lock ends, then log in again.'],
  });
}
