/**
 * The pages a person sees when Salesforce sign-in does not let them in, as AppErrors (rendered by the one error
 * page): no GRAX role (with the near misses that explain why, and what to ask their Salesforce admin), not an internal
 * user, a user of another org, an inactive user, and a re-authentication as someone else.
 */
import { AppError } from '../errors';
import type { SsoDenial, SsoResolution } from './sso';
import type { DenialNote } from './ssoRoleRules';
import { GRAX_CUSTOM_PERMISSIONS, GRAX_ROLE_SETS } from './ssoRoleRules';

const RETRY = 'Then go to the GRAX Connect login page and choose Log in with Salesforce again.';
const LOCAL = 'If you need access while this is sorted out, ask a GRAX admin for a local user.';

function noteText(note: DenialNote): string {
  switch (note.kind) {
    case 'expired':
      return (
        `Your assignment of the permission set ${note.setName} expired` +
        `${note.expirationDate ? ` on ${note.expirationDate.slice(0, 10)}` : ''}, so it no longer counts.`
      );
    case 'sessionBased':
      return (
        `${note.setName} is a session-based permission set: it gives nothing until it is activated in a session, ` +
        'so GRAX Connect does not count it.'
      );
    case 'muted':
      return (
        `${note.permission} is muted by the muting permission set of a permission set group assigned to you, and ` +
        'nothing else assigned to you grants it.'
      );
  }
}

function denialError(denial: SsoDenial, username: string, orgName: string): AppError {
  if (denial.kind === 'notStandard') {
    return new AppError({
      code: 'SSO_NOT_INTERNAL_USER',
      kind: 'forbidden',
      title: 'Internal Salesforce users only',
      message:
        `You signed in to Salesforce as ${username}, a ${denial.userType ?? 'non-standard'} user. Only internal ` +
        `(Standard) users of ${orgName} can sign in to GRAX Connect, so you were not signed in.`,
      actions: ['Sign in with your internal Salesforce user instead.', LOCAL],
    });
  }
  const notes = denial.notes.map(noteText);
  return new AppError({
    code: 'SSO_NO_ROLE',
    kind: 'forbidden',
    title: 'No GRAX role',
    message:
      `You signed in to Salesforce as ${username}, but this user has no GRAX role in ${orgName}, so GRAX Connect did ` +
      `not sign you in. GRAX Connect lets in only users who hold the custom permission ` +
      `${GRAX_CUSTOM_PERMISSIONS.admin} (GRAX admin) or ${GRAX_CUSTOM_PERMISSIONS.viewer} (GRAX viewer), or a ` +
      `permission set a GRAX admin mapped to a role in Settings > SSO access.${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`,
    actions: [
      `Ask your Salesforce admin to assign the ${GRAX_ROLE_SETS.admin} or ${GRAX_ROLE_SETS.viewer} permission set to ` +
        `you. ${RETRY}`,
      LOCAL,
    ],
  });
}

/** The page for a sign-in that did not end in a role. */
export function ssoRefusal(resolution: Exclude<SsoResolution, { kind: 'allowed' }>): AppError {
  switch (resolution.kind) {
    case 'otherOrg':
      return new AppError({
        code: 'SSO_OTHER_ORG',
        kind: 'forbidden',
        title: 'Wrong Salesforce org',
        message:
          `You signed in to Salesforce as ${resolution.identity.username}, a user of another org ` +
          `(${resolution.identity.orgId}). GRAX Connect is connected to ${resolution.connectedOrgName} and lets in ` +
          'only users of that org, so you were not signed in.',
        actions: [
          `Log in with Salesforce again and sign in with your user in ${resolution.connectedOrgName}. If Salesforce ` +
            'signs you in automatically as the other user, log out of Salesforce first.',
        ],
      });
    case 'inactive':
      return new AppError({
        code: 'SSO_USER_INACTIVE',
        kind: 'forbidden',
        title: 'Salesforce user inactive',
        message:
          `Salesforce says your user${resolution.username ? ` ${resolution.username}` : ''} is inactive ` +
          `(deactivated) in ${resolution.connectedOrgName}, so GRAX Connect did not sign you in.`,
        actions: ['Ask your Salesforce admin to reactivate your user.', LOCAL],
      });
    case 'denied':
      return denialError(resolution.denial, resolution.identity.username, resolution.connectedOrgName);
  }
}

/** Re-authentication came back as a different Salesforce user than the one signed in. */
export function reauthOtherUser(username: string): AppError {
  return new AppError({
    code: 'REAUTH_OTHER_USER',
    kind: 'forbidden',
    title: 'Confirm it is you',
    message:
      `You confirmed your identity as ${username}, but you are signed in to GRAX Connect as someone else. ` +
      'Only the signed-in person can confirm a sensitive action, so nothing was confirmed.',
    actions: [
      'Confirm again and sign in to Salesforce with your own user (log out of Salesforce first if it signs you in ' +
        'automatically as someone else).',
    ],
  });
}

/** Re-authentication found that the person's GRAX role changed since sign-in: they were signed out. */
export function reauthRoleChanged(): AppError {
  return new AppError({
    code: 'REAUTH_ROLE_CHANGED',
    kind: 'forbidden',
    title: 'Your GRAX role changed',
    message:
      'Your GRAX role in Salesforce is no longer the one you signed in with, so GRAX Connect signed you out and ' +
      'nothing was confirmed.',
    actions: ['Log in again to continue with your current role.'],
  });
}
