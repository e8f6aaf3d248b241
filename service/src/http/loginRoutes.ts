/**
 * `/login` and `/logout`: Log in with Salesforce (starts SSO; the callback handler for purpose `sso` finishes it),
 * Log in with credentials (password, then a TOTP code or the first-time authenticator setup), the warning after an
 * individual signed in as the integration user, and logging out. Sessions start only once every check passed, with a
 * new session id (signIn rotates it). Credential forms and Log in with Salesforce are rate-limited per client IP.
 */
import type { Request, Response } from 'express';
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import type { AuthServices } from '../auth/authServices';
import type { CodeStepResult, PasswordStepResult, TotpEnrolment } from '../auth/localUsersLogin';
import {
  CHALLENGE_EXPIRED,
  CODE_FAILED,
  CREDENTIALS_FAILED,
  lockedMessage,
  refusalMessage,
} from '../auth/localLoginErrors';
import { ssoPrincipal } from '../auth/sso';
import { ssoRefusal } from '../auth/ssoDenials';
import type { SsoUnavailableReason } from '../auth/ssoErrors';
import { ssoUnavailableMessage } from '../auth/ssoErrors';
import { groupedSecret, totpQrDataUrl } from '../auth/totp';
import { sameSalesforceId } from '../domain/salesforceIds';
import type { FieldProblem } from '../errors';
import type { Banner } from '../web/layout';
import { webPaths } from '../web/paths';
import { connectedNotice, connectionBanner } from '../web/views/connectBanner';
import { ASK_OPERATOR_TEXT } from '../web/views/firstAdmin';
import { loginCodeBody, loginFormPaths, loginPageBody } from '../web/views/login';
import { integrationUserWarningBody, INTEGRATION_USER_WARNING_PATH } from '../web/views/loginIntegrationUser';
import { principalOf, requireSignedIn, safeReturnTo } from './guards';
import type { OAuthCallbackHandler } from './oauthCallback';
import { signInAttemptCookie } from './oauthCallback';
import { loginRateLimit } from './rateLimit';
import { csrfTokenOf, renderPage, sendHtml } from './render';
import { formField } from './formInput';
import { browserIdOf, contextOf } from './requestContext';
import { currentSession, signIn, signOut } from './sessionMiddleware';

/**
 * Starts of Log in with Salesforce per client per 10 minutes. Each start stores an OAuth state before anyone signed in,
 * so the button is limited like the credential forms, generously enough for an office behind one address.
 */
const SSO_STARTS_PER_10_MINUTES = 60;

/** Why Log in with Salesforce is not offered, in the connection flows' words for broken or missing connections. */
function unavailableText(reason: SsoUnavailableReason, localAdmin: boolean): string {
  if (reason === 'not_configured') return ssoUnavailableMessage(reason);
  // Without an active local admin, nobody here can reconnect: the banner says whom to ask instead.
  if (!localAdmin && reason === 'reauthorization_required') {
    return 'GRAX needs to be reconnected, so Log in with Salesforce is unavailable.';
  }
  const state = reason === 'reauthorization_required' ? 'reauthorization_required' : 'disconnected';
  const message = connectionBanner(state, 'sign_in_page')?.message;
  return typeof message === 'string' ? message : ssoUnavailableMessage(reason);
}

/** Renders the login page, with the banners it needs (no local admin yet, logged out, session ended). */
async function sendLoginPage(
  auth: AuthServices,
  req: Request,
  res: Response,
  options: { status?: number; problems?: FieldProblem[]; username?: string; returnTo?: string | null } = {},
): Promise<void> {
  const banners: Banner[] = [];
  const localAdmin = await auth.localUsers.hasActiveAdmin();
  const availability = await auth.sso.availability();
  if (!localAdmin && availability.available) {
    banners.push({ kind: 'warning', message: 'Set up a local user before resetting GRAX if access is needed.' });
  } else if (!localAdmin) {
    banners.push({
      kind: 'warning',
      message: `No local admin is active and Log in with Salesforce is unavailable. ${ASK_OPERATOR_TEXT}`,
      action: { label: 'Create the first local admin', href: webPaths.firstAdmin },
    });
  }
  if (req.query.adminCreated === '1') {
    banners.push({
      kind: 'success',
      message: 'Local admin created. Log in with it below; you set up two-step verification at this first login.',
    });
  }
  if (req.query.loggedOut === '1') banners.push({ kind: 'info', message: 'You are logged out.' });
  else if (req.query.ended === '1' || contextOf(req).sessionExpired) {
    banners.push({ kind: 'info', message: 'Your session ended. Log in again to continue.' });
  }
  const connected = connectedNotice(req.query.connected);
  if (connected) banners.push(connected);
  const body = loginPageBody({
    csrfToken: csrfTokenOf(req),
    sso: availability.available
      ? { available: true, orgName: availability.connection.orgName }
      : { available: false, message: unavailableText(availability.reason, localAdmin) },
    returnTo: options.returnTo === undefined ? safeReturnTo(req.query.returnTo) : options.returnTo,
    username: options.username,
    problems: options.problems,
  });
  sendHtml(res, renderPage(req, { title: 'Log in', heading: 'Log in to GRAX Connect', body, banners }), options.status);
}

async function sendCodePage(
  req: Request,
  res: Response,
  input: { challenge: string; enrolment: TotpEnrolment | null; returnTo: string | null; problems?: FieldProblem[] },
  status = 200,
): Promise<void> {
  const enrolment = input.enrolment
    ? { secret: groupedSecret(input.enrolment.secret), qrDataUrl: await totpQrDataUrl(input.enrolment.keyUri) }
    : null;
  const body = loginCodeBody({
    csrfToken: csrfTokenOf(req),
    challenge: input.challenge,
    returnTo: input.returnTo,
    enrolment,
    problems: input.problems,
  });
  const title = enrolment ? 'Set up two-step verification' : 'Enter your code';
  sendHtml(res, renderPage(req, { title, body }), status);
}

async function afterPassword(
  auth: AuthServices,
  req: Request,
  res: Response,
  result: PasswordStepResult,
  returnTo: string | null,
): Promise<void> {
  const username = formField(req, 'username');
  if (result.kind === 'failed') {
    const problems = [{ field: 'username', message: CREDENTIALS_FAILED }];
    return sendLoginPage(auth, req, res, { status: 401, problems, username, returnTo });
  }
  if (result.kind === 'refused') {
    const problems = [{ field: 'username', message: refusalMessage(result.reason) }];
    return sendLoginPage(auth, req, res, { status: 403, problems, username, returnTo });
  }
  return sendCodePage(req, res, { challenge: result.token, enrolment: result.enrolment, returnTo });
}

async function afterCode(
  auth: AuthServices,
  req: Request,
  res: Response,
  result: CodeStepResult,
  returnTo: string | null,
): Promise<void> {
  switch (result.kind) {
    case 'signedIn':
      await signIn(req, res, result.principal);
      return res.redirect(303, returnTo ?? webPaths.home);
    case 'wrongCode': {
      const message = CODE_FAILED;
      const challenge = formField(req, 'challenge');
      const problems = [{ field: 'code', message }];
      return sendCodePage(req, res, { challenge, enrolment: result.enrolment, returnTo, problems }, 401);
    }
    case 'locked':
      return sendLoginPage(auth, req, res, {
        status: 403,
        problems: [{ field: 'username', message: lockedMessage(result.until) }],
        returnTo,
      });
    case 'refused':
      return sendLoginPage(auth, req, res, {
        status: 403,
        problems: [{ field: 'username', message: refusalMessage(result.reason) }],
        returnTo,
      });
    case 'challengeInvalid':
      return sendLoginPage(auth, req, res, {
        status: 400,
        problems: [{ field: 'username', message: CHALLENGE_EXPIRED }],
        returnTo,
      });
  }
}

/** The login and logout routes. */
export function loginRouter(auth: AuthServices): MountedRouter {
  const router = caseSensitiveRouter();
  const limit = loginRateLimit({ ...auth.loginLimit, countOnlyFailures: true });
  const ssoStarts = loginRateLimit({
    counters: auth.loginLimit.counters,
    name: 'sso-start',
    windowMs: 10 * 60_000,
    limit: SSO_STARTS_PER_10_MINUTES,
  });

  router.get(webPaths.login, async (req, res) => {
    if (principalOf(req)) return res.redirect(303, safeReturnTo(req.query.returnTo) ?? webPaths.home);
    await sendLoginPage(auth, req, res);
  });

  router.post(loginFormPaths.sso, ssoStarts, async (req, res) => {
    const { url } = await auth.sso.start({
      purpose: 'sso',
      browserId: browserIdOf(req),
      returnTo: safeReturnTo(formField(req, 'returnTo')),
      actor: null,
    });
    signInAttemptCookie.set(res, auth.secureCookies, 'sso', auth.clock.now());
    res.redirect(303, url);
  });

  router.post(loginFormPaths.local, limit, async (req, res) => {
    const returnTo = safeReturnTo(formField(req, 'returnTo'));
    const result = await auth.localLogin.checkPassword(
      formField(req, 'username'),
      formField(req, 'password'),
      browserIdOf(req),
    );
    await afterPassword(auth, req, res, result, returnTo);
  });

  router.post(loginFormPaths.code, limit, async (req, res) => {
    const returnTo = safeReturnTo(formField(req, 'returnTo'));
    const result = await auth.localLogin.checkCode(
      formField(req, 'challenge'),
      formField(req, 'code'),
      browserIdOf(req),
    );
    await afterCode(auth, req, res, result, returnTo);
  });

  router.get(INTEGRATION_USER_WARNING_PATH, requireSignedIn(), async (req, res) => {
    const principal = principalOf(req);
    const connection = await auth.connection();
    const back = safeReturnTo(req.query.returnTo) ?? webPaths.home;
    if (principal?.kind !== 'sso' || !sameSalesforceId(principal.id, connection?.userId))
      return res.redirect(303, back);
    const body = integrationUserWarningBody({ continueTo: back });
    const banners: Banner[] = [
      {
        kind: 'warning',
        message:
          'You signed in with the integration user that GRAX uses to reach Salesforce. Sign in with your own ' +
          'Salesforce user instead.',
      },
    ];
    sendHtml(res, renderPage(req, { title: 'Signed in as the integration user', body, banners }));
  });

  router.post(webPaths.logout, async (req, res) => {
    const principal = currentSession(req)?.record.principal;
    if (principal) await auth.auditLog.recordLogout(principal);
    await signOut(req, res);
    res.redirect(303, `${webPaths.login}?loggedOut=1`);
  });

  return { path: '/', router };
}

/** Finishes Log in with Salesforce (callback purpose `sso`): a session for an allowed person, a page for anyone else. */
export function ssoCallbackHandler(auth: AuthServices): OAuthCallbackHandler {
  return async ({ req, res, state, code }) => {
    const resolution = await auth.sso.completeSignIn(state, code);
    if (resolution.kind !== 'allowed') throw ssoRefusal(resolution);
    await signIn(req, res, ssoPrincipal(resolution));
    const back = safeReturnTo(state.returnTo) ?? webPaths.home;
    if (!resolution.integrationUser) return res.redirect(303, back);
    res.redirect(303, `${INTEGRATION_USER_WARNING_PATH}?returnTo=${encodeURIComponent(back)}`);
  };
}
