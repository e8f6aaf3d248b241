/**
 * What an admin reads when a connection cannot be made or changed after Salesforce sent the browser back: the user
 * is inactive, lacks API access or is an API-only integration user, the org is not the expected one, the org change
 * needs a re-authenticated admin, the setup token was used meanwhile. Every message says that nothing was saved and
 * what to do next.
 */
import { AppError, invalidFormField } from '../errors';

const START_AGAIN = 'Then open the GRAX Connect home page and connect again.';

/** The operator command that issues a setup token, as the admin should quote it to whoever runs the server. */
export const SETUP_TOKEN_COMMAND = 'npm run setup-token';

/** The user is deactivated in Salesforce. */
export function inactiveUser(username: string): AppError {
  return new AppError({
    code: 'USER_INACTIVE',
    kind: 'forbidden',
    title: 'Salesforce user is inactive',
    message: `The Salesforce user ${username} is inactive, so GRAX cannot work through it. Nothing was saved.`,
    actions: ['Ask a Salesforce admin to activate the user, or sign in with another integration user.', START_AGAIN],
  });
}

/** The user's profile and permission sets do not grant "API Enabled". */
export function apiDisabled(username: string): AppError {
  return new AppError({
    code: 'API_DISABLED_FOR_USER',
    kind: 'forbidden',
    title: 'Salesforce user cannot use the API',
    message:
      `Salesforce refused API access for ${username} (API_DISABLED_FOR_ORG): the user's profile and permission sets ` +
      'do not grant "API Enabled". GRAX reaches your org only through the API. Nothing was saved.',
    actions: [
      'Ask a Salesforce admin to give the integration user "API Enabled" (in its profile or a permission set).',
      START_AGAIN,
    ],
  });
}

/** The user holds the Salesforce Integration license: API only, no interactive sign-in. */
export function apiOnlyUser(username: string): AppError {
  return new AppError({
    code: 'API_ONLY_USER',
    kind: 'forbidden',
    title: 'API-only users cannot connect this way',
    message:
      `${username} has the Salesforce Integration license (API only). Such users cannot sign in interactively, so ` +
      'they cannot complete the sign-in GRAX Connect uses. Nothing was saved.',
    actions: [
      'Create or choose an integration user with a Salesforce license, used only by GRAX, and sign in as that user.',
      START_AGAIN,
    ],
  });
}

/** The token lacks the `api` scope, so REST calls are refused. */
export function apiScopeMissing(): AppError {
  return new AppError({
    code: 'API_SCOPE_MISSING',
    kind: 'forbidden',
    title: 'GRAX Connect app lacks API access',
    message:
      'Salesforce granted a session that cannot use the REST API. The External Client App must offer the OAuth ' +
      'scopes api, refresh_token and id. Nothing was saved.',
    actions: ['Ask a Salesforce admin to add the scopes to the External Client App.', START_AGAIN],
  });
}

/** The sign-in was for another org than the connect link was issued for. */
export function wrongOrgForLink(expectedOrgId: string, actual: { id: string; name: string }): AppError {
  return new AppError({
    code: 'ORG_NOT_EXPECTED',
    kind: 'forbidden',
    title: 'Signed in to a different org',
    message:
      `This connection was started from the GRAX Setup page of org ${expectedOrgId}, but you signed in to ` +
      `${actual.name} (${actual.id}). GRAX only connects the org the link was made for. Nothing was saved.`,
    actions: ['Start again from the GRAX Setup page and sign in with a user of that org.'],
  });
}

/** Another org than the connected one, without a re-authenticated GRAX admin. */
export function orgChangeNotAllowed(
  previous: { id: string; name: string; connected?: boolean },
  next: { id: string; name: string },
  withSetupToken = false,
  withReconnectLink = false,
): AppError {
  const was = previous.connected === false ? 'was last connected to' : 'is connected to';
  return new AppError({
    code: 'ORG_CHANGE_NOT_ALLOWED',
    kind: 'forbidden',
    title: 'Different org',
    message:
      `You signed in to ${next.name} (${next.id}), but GRAX Connect ${was} ${previous.name} ` +
      `(${previous.id}). Changing the org is only possible for a GRAX admin who signed in to GRAX Connect in the ` +
      'last 5 minutes, and it is confirmed on a page naming both orgs. Nothing was saved.',
    actions: withReconnectLink
      ? [
          `To reconnect ${previous.name}, open the emailed link again and sign in with its integration user.`,
          'To change the org (for example a sandbox that was refreshed, which gives it a new org id): a GRAX admin ' +
            'logs in to GRAX Connect (a local admin; without one, the operator of the server runs ' +
            `${SETUP_TOKEN_COMMAND} and the first local admin is created with that token), then connects again and ` +
            'confirms the change. The emailed link was not used up.',
        ]
      : withSetupToken
        ? [
            `To reconnect ${previous.name}, connect again with the setup token and sign in with its integration user.`,
            'To change the org (for example a sandbox that was refreshed, which gives it a new org id): create the ' +
              'first local admin with the setup token (Log in > Create the first local admin), log in with it, then ' +
              'connect again and confirm the change. The setup token was not used up.',
          ]
        : [
            `To reconnect ${previous.name}, connect again and sign in with its integration user.`,
            'To change the org, sign in to GRAX Connect as an admin, open Settings > Salesforce and choose Update.',
          ],
  });
}

/** The GRAX user who started a sign-in is no longer the one signed in in this browser (signed out, or someone else). */
export function signInStarterGone(): AppError {
  return new AppError({
    code: 'SIGN_IN_STARTER_GONE',
    kind: 'forbidden',
    title: 'Start the connection again',
    message:
      'The GRAX Connect user who started this Salesforce sign-in is no longer signed in to GRAX Connect in this ' +
      'browser. Nothing was saved.',
    actions: ['Sign in to GRAX Connect as a GRAX admin, then start the connection again.'],
  });
}

/** The setup token was used by another sign-in while this one was at Salesforce. */
export function setupTokenAlreadyUsed(): AppError {
  return new AppError({
    code: 'SETUP_TOKEN_USED',
    kind: 'conflict',
    title: 'Setup token already used',
    message:
      'The setup token was used up while this sign-in was at Salesforce (by another sign-in, or to create a local ' +
      'admin), or it expired. Nothing was saved by this sign-in.',
    actions: [
      'Open the GRAX Connect home page and sign in.',
      `If nobody can sign in, ask the operator of the GRAX Connect server to run ${SETUP_TOKEN_COMMAND} for a new token.`,
    ],
  });
}

/** The setup token field is empty while it is needed. */
export function setupTokenMissing(): AppError {
  return invalidFormField(
    'setupToken',
    'Enter the setup token: the one printed when GRAX Connect first started (or set as GRAX_SETUP_TOKEN), or one ' +
      `that ${SETUP_TOKEN_COMMAND} printed on the server.`,
  );
}

/** The setup token does not match. */
export function setupTokenWrong(): AppError {
  return invalidFormField(
    'setupToken',
    'This setup token is not valid. Copy it exactly as printed: on the console when GRAX Connect first started (a ' +
      `restart before the first connection prints a new one), or by ${SETUP_TOKEN_COMMAND}, whose tokens work once ` +
      'and expire after an hour.',
  );
}

/** Connecting again (after a first connection) needs a signed-in GRAX admin. */
export function connectNeedsAdmin(signedIn: boolean): AppError {
  return new AppError({
    code: signedIn ? 'FORBIDDEN' : 'SIGN_IN_REQUIRED',
    kind: signedIn ? 'forbidden' : 'sign_in_required',
    title: signedIn ? 'Not allowed' : 'Sign in required',
    message: signedIn
      ? 'Only a GRAX admin can connect GRAX to Salesforce.'
      : 'GRAX was connected before, so connecting again needs a GRAX admin signed in to GRAX Connect, or a setup ' +
        'token from the operator of the GRAX Connect server. While GRAX is disconnected, Log in with Salesforce is ' +
        'unavailable.',
    actions: signedIn
      ? ['Ask a GRAX admin to connect GRAX.']
      : [
          'Sign in as a local admin, then connect again.',
          `Without a local admin: ask the operator of the GRAX Connect server to run ${SETUP_TOKEN_COMMAND} and enter the token it prints.`,
        ],
  });
}

/** Salesforce answered an API call with an error the flows do not handle specially. */
export function salesforceCallFailed(errorCode: string, message: string): AppError {
  return new AppError({
    code: 'SALESFORCE_ERROR',
    kind: 'upstream_failed',
    title: 'Salesforce answered with an error',
    message: `Salesforce answered with ${errorCode}: ${message.slice(0, 300)} Nothing was saved.`,
    actions: ['Try again in a minute.', START_AGAIN],
    details: { salesforceError: errorCode },
  });
}

/** The org-change confirmation is unknown, expired or belongs to someone else. */
export function pendingOrgChangeGone(): AppError {
  return new AppError({
    code: 'ORG_CHANGE_EXPIRED',
    kind: 'gone',
    title: 'Org change expired',
    message:
      'This org change is no longer waiting for confirmation: it expired after 10 minutes, was already confirmed ' +
      'or cancelled, or was started by someone else. Nothing was changed.',
    actions: ['Open Settings > Salesforce and choose Update again.'],
  });
}

/** Someone followed a reconnect link that cannot be used (any more). */
export function reconnectLinkRefused(why: 'used' | 'expired' | 'unknown'): AppError {
  const ways = [
    'A GRAX admin signs in to GRAX Connect and connects again from the home page.',
    `If nobody can sign in, ask the operator of the GRAX Connect server to run ${SETUP_TOKEN_COMMAND} on the server ` +
      'and connect with that token.',
  ];
  if (why === 'used') {
    return new AppError({
      code: 'RECONNECT_LINK_USED',
      kind: 'gone',
      title: 'Reconnect link already used',
      message: 'This reconnect link was already used to connect GRAX Connect again. A link works once.',
      actions: ['Open the GRAX Connect home page: it shows whether GRAX is connected.', ...ways],
    });
  }
  if (why === 'expired') {
    return new AppError({
      code: 'RECONNECT_LINK_EXPIRED',
      kind: 'gone',
      title: 'Reconnect link expired',
      message: 'This reconnect link expired: links work for 24 hours after GRAX Connect emails them.',
      actions: ways,
    });
  }
  return new AppError({
    code: 'RECONNECT_LINK_UNKNOWN',
    kind: 'gone',
    title: 'Reconnect link not valid',
    message:
      'This reconnect link is not valid: it was copied incompletely, or a newer link was emailed since (only the ' +
      'newest one works).',
    actions: ['Open the newest GRAX Connect email and use its link.', ...ways],
  });
}
