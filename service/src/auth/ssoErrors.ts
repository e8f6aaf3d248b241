/** Errors a person sees when Salesforce sign-in cannot run or cannot finish, each with what to do next. */
import { AppError } from '../errors';

/** Why SSO is not offered right now. */
export type SsoUnavailableReason = 'not_configured' | 'not_connected' | 'reauthorization_required';

/** The sentence the login page shows for each reason, also used in the error below. */
export function ssoUnavailableMessage(reason: SsoUnavailableReason): string {
  switch (reason) {
    case 'not_configured':
      return 'Log in with Salesforce is not set up on this GRAX Connect service. Local users can still sign in.';
    case 'reauthorization_required':
      return (
        'GRAX needs to be reconnected to Salesforce before Salesforce users can sign in; a local admin can ' +
        'reconnect it. Local users can still sign in.'
      );
    default:
      return 'GRAX is not connected to Salesforce. Local users can still sign in.';
  }
}

/** SSO was asked for while it cannot work (no connection, or a connection that needs reauthorization). */
export function ssoUnavailable(reason: SsoUnavailableReason): AppError {
  return new AppError({
    code: 'SSO_UNAVAILABLE',
    kind: 'conflict',
    title: 'Log in with Salesforce is not available',
    message: ssoUnavailableMessage(reason),
    actions: ['Log in with credentials as a local user instead, or ask a GRAX admin to reconnect Salesforce.'],
    details: { reason },
  });
}

/** The integration connection could not be used to read the person's GRAX role. */
export function roleCheckFailed(orgName: string): AppError {
  return new AppError({
    code: 'SSO_ROLE_CHECK_FAILED',
    kind: 'upstream_failed',
    title: 'Your GRAX role could not be checked',
    message:
      `You signed in to Salesforce, but GRAX Connect could not read your GRAX role from ${orgName} through its ` +
      'integration connection, so you were not signed in.',
    actions: [
      'Try again in a minute.',
      'If it keeps failing, a local user can sign in and check Settings > Salesforce.',
    ],
  });
}

/** Salesforce's identity service did not say who signed in. */
export function identityUnreadable(): AppError {
  return new AppError({
    code: 'SSO_IDENTITY_UNREADABLE',
    kind: 'upstream_failed',
    title: 'Sign-in could not be completed',
    message:
      'Salesforce accepted the sign-in, but its identity service did not say who you are, so GRAX Connect did not ' +
      'sign you in.',
    actions: ['Go to the GRAX Connect sign-in page and choose Log in with Salesforce again.'],
  });
}
