/**
 * What an admin reads when an OAuth round trip with Salesforce does not end in a connection: the state was missing,
 * forged, expired, reused or started in another browser; Salesforce sent an `error` instead of a code; the code
 * exchange failed. Each error says what happened, that nothing was saved, and what to do next. The OAuth callback
 * dispatcher raises the state and `error=` ones for every purpose (connect, update, SSO, re-authentication), so the
 * "start again" advice depends on the purpose.
 */
import { AppError, withCause } from '../errors';
import type { OAuthError } from '../salesforce/oauthClient';
import type { ConsumeFailure } from '../domain/oneTimeTokens';
import type { OAuthPurpose } from '../domain/connection';

/** Salesforce's own error codes and descriptions are shown to the admin, but never at unbounded length. */
const MAX_SALESFORCE_TEXT = 300;

/** Where to start the flow again, in the admin's words. */
export function restartAdvice(purpose: OAuthPurpose | null): string {
  switch (purpose) {
    case 'sso':
      return 'Go to the GRAX Connect sign-in page and choose Log in with Salesforce again.';
    case 'reauth':
      return 'Start the action again from GRAX Connect; you will be asked to confirm it is you.';
    case 'update':
      return 'Open Settings > Salesforce in GRAX Connect and choose Update again.';
    default:
      return 'Open the GRAX Connect home page and connect again.';
  }
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_SALESFORCE_TEXT ? `${oneLine.slice(0, MAX_SALESFORCE_TEXT)}…` : oneLine;
}

/** The callback arrived without a `state` parameter. */
export function stateMissing(): AppError {
  return new AppError({
    code: 'OAUTH_STATE_MISSING',
    kind: 'invalid_input',
    title: 'Sign-in not recognised',
    message:
      'Salesforce sent you back to GRAX Connect without the reference GRAX Connect gave the sign-in, so it cannot ' +
      'be trusted. Nothing was saved.',
    actions: [restartAdvice(null)],
  });
}

/** The `state` could not be consumed: unknown (or forged), expired, already used, or started in another browser. */
export function stateRejected(reason: ConsumeFailure): AppError {
  const texts: Record<ConsumeFailure, { title: string; message: string; actions: string[] }> = {
    unknown: {
      title: 'Sign-in not recognised',
      message:
        'GRAX Connect did not start this sign-in, or its reference is damaged. Nothing was saved. If you did not ' +
        'start a sign-in yourself, someone may have sent you a forged link.',
      actions: [restartAdvice(null), 'If you did not start a sign-in, close this page.'],
    },
    expired: {
      title: 'Sign-in expired',
      message:
        'This sign-in took longer than the 10 minutes GRAX Connect allows between leaving for Salesforce and ' +
        'coming back, so it expired. Nothing was saved.',
      actions: [restartAdvice(null)],
    },
    used: {
      title: 'Sign-in already used',
      message:
        'This sign-in was already completed (for example, the page was reloaded or opened again from the browser ' +
        'history). Each sign-in can be used once. Nothing was changed by this attempt.',
      actions: ['Open the GRAX Connect home page to see the current connection.'],
    },
    browser_mismatch: {
      title: 'Sign-in from another browser',
      message:
        'This sign-in was started in a different browser, or this browser lost its GRAX Connect cookies on the way. ' +
        'To protect your org, a sign-in must end in the browser that started it. Nothing was saved.',
      actions: ['Start again in this browser, and finish the Salesforce sign-in in the same window.'],
    },
  };
  const text = texts[reason];
  return new AppError({ code: 'OAUTH_STATE_REJECTED', kind: 'invalid_input', ...text, details: { reason } });
}

/** The callback carried neither a code nor an error. */
export function codeMissing(purpose: OAuthPurpose): AppError {
  return new AppError({
    code: 'OAUTH_CODE_MISSING',
    kind: 'invalid_input',
    title: 'Sign-in incomplete',
    message:
      'Salesforce sent you back without an authorization code, so GRAX Connect cannot finish the sign-in. ' +
      'Nothing was saved.',
    actions: [restartAdvice(purpose)],
  });
}

/** Salesforce redirected back with `error=...` (denied, app blocked, misconfigured app, ...). */
export function salesforceRefused(purpose: OAuthPurpose, error: string, description: string): AppError {
  const errorCode = clip(error);
  const detail = clip(description);
  if (errorCode === 'access_denied') {
    return new AppError({
      code: 'OAUTH_ACCESS_DENIED',
      kind: 'forbidden',
      title: 'Access not allowed',
      message:
        'Access was denied on the Salesforce page that asks to allow GRAX Connect. Nothing was saved or changed.',
      actions: [`${restartAdvice(purpose)} On the Salesforce page "Allow Access?", choose Allow.`],
      details: { salesforceError: errorCode },
    });
  }
  if (errorCode === 'OAUTH_APP_BLOCKED' || /app must be installed/i.test(detail)) {
    return new AppError({
      code: 'OAUTH_APP_BLOCKED',
      kind: 'forbidden',
      title: 'GRAX Connect app not approved in this org',
      message:
        `Salesforce blocked the sign-in (${errorCode}: ${detail || 'no description'}). The GRAX Connect External ` +
        'Client App is not installed in this org, and the user you signed in with may not use apps that are not ' +
        'installed. Nothing was saved.',
      actions: [
        'Ask a Salesforce admin to install the External Client App in this org (Setup > External Client App Manager) ' +
          'and permit the integration user, for example by pre-authorising it through a permission set.',
        'Or sign in with a user who holds the "Approve Uninstalled Connected Apps" permission.',
        restartAdvice(purpose),
      ],
      details: { salesforceError: errorCode },
    });
  }
  return new AppError({
    code: 'OAUTH_SALESFORCE_ERROR',
    kind: 'invalid_input',
    title: 'Salesforce refused the sign-in',
    message: `Salesforce refused the sign-in with error ${errorCode}${detail ? `: ${detail}` : ''}. Nothing was saved.`,
    actions: [
      "Check the External Client App in Salesforce: its callback URL must be exactly this service's " +
        '/oauth/callback address, and its OAuth scopes must include api, refresh_token and id.',
      restartAdvice(purpose),
    ],
    details: { salesforceError: errorCode },
  });
}

/** Exchanging the code (or refreshing) failed: Salesforce answered with an OAuth error, or could not be reached. */
export function tokenRequestFailed(purpose: OAuthPurpose, error: OAuthError): AppError {
  return withCause(translateTokenError(purpose, error), error);
}

function translateTokenError(purpose: OAuthPurpose, error: OAuthError): AppError {
  if (error.kind === 'network') {
    return new AppError({
      code: 'SALESFORCE_UNREACHABLE',
      kind: 'upstream_failed',
      title: 'Salesforce could not be reached',
      message:
        'GRAX Connect could not reach Salesforce to finish the sign-in (the network or Salesforce did not answer ' +
        'as expected). Nothing was saved.',
      actions: ['Wait a minute, then try again.', restartAdvice(purpose)],
    });
  }
  const errorCode = clip(error.error);
  const detail = clip(error.description);
  if (errorCode === 'invalid_client' || errorCode === 'invalid_client_id') {
    return new AppError({
      code: 'OAUTH_CLIENT_REJECTED',
      kind: 'invalid_input',
      title: 'GRAX Connect app not accepted',
      message:
        `Salesforce did not accept GRAX Connect's app credentials (${errorCode}: ${detail}). ` + 'Nothing was saved.',
      actions: [
        'Ask your GRAX operator to check SF_CLIENT_ID and SF_CLIENT_SECRET against the External Client App ' +
          '(consumer key and secret).',
        restartAdvice(purpose),
      ],
      details: { salesforceError: errorCode },
    });
  }
  return new AppError({
    code: 'OAUTH_TOKEN_REFUSED',
    kind: 'invalid_input',
    title: 'Sign-in could not be completed',
    message: `Salesforce refused to complete the sign-in with error ${errorCode}: ${detail}. Nothing was saved.`,
    actions: [restartAdvice(purpose)],
    details: { salesforceError: errorCode },
  });
}

/** A callback for a purpose no handler is registered for (a feature that is not installed in this build). */
export function purposeUnsupported(purpose: OAuthPurpose): AppError {
  return new AppError({
    code: 'OAUTH_PURPOSE_UNSUPPORTED',
    kind: 'invalid_input',
    title: 'Sign-in not available',
    message: `This GRAX Connect service cannot complete a "${purpose}" sign-in. Nothing was saved.`,
    actions: ['Open the GRAX Connect home page and start again.'],
  });
}
