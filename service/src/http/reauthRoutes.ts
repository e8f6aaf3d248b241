/**
 * `/web/reauth`: proving again who you are before a sensitive action, then going back to it (local paths only).
 * Salesforce users repeat SSO (purpose `reauth`, prompt=login) and must come back as the same Salesforce user still
 * holding the same GRAX role; local users enter their password and a fresh TOTP code (failures count towards the
 * lock, and the form is rate-limited). Success records the time on the session (`markReauthenticated`).
 */
import type { Request, Response } from 'express';
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import type { AuthServices } from '../auth/authServices';
import { lockedDuringReauth } from '../auth/localLoginErrors';
import { reauthOtherUser, reauthRoleChanged, ssoRefusal } from '../auth/ssoDenials';
import { ssoUnavailableMessage } from '../auth/ssoErrors';
import { actorOfPrincipal } from '../domain/actor';
import type { FieldProblem } from '../errors';
import { signInRequired } from '../errors';
import { webPaths } from '../web/paths';
import { reauthPageBody, reauthPaths } from '../web/views/reauth';
import { principalOf, requireSignedIn, safeReturnTo } from './guards';
import { formField } from './formInput';
import type { OAuthCallbackHandler } from './oauthCallback';
import { signInAttemptCookie } from './oauthCallback';
import { loginRateLimit } from './rateLimit';
import { csrfTokenOf, renderPage, sendHtml } from './render';
import { browserIdOf } from './requestContext';
import { markReauthenticated, signOut } from './sessionMiddleware';

async function sendReauthPage(
  auth: AuthServices,
  req: Request,
  res: Response,
  returnTo: string,
  options: { status?: number; problems?: FieldProblem[] } = {},
): Promise<void> {
  const principal = principalOf(req);
  if (!principal) throw signInRequired();
  let method: Parameters<typeof reauthPageBody>[0]['method'] = { kind: 'local' };
  if (principal.kind === 'sso') {
    const availability = await auth.sso.availability();
    method = availability.available
      ? { kind: 'sso', available: true }
      : {
          kind: 'sso',
          available: false,
          message: `${ssoUnavailableMessage(availability.reason)} Log out and sign in as a local admin to continue.`,
        };
  }
  const body = reauthPageBody({
    csrfToken: csrfTokenOf(req),
    returnTo,
    displayName: principal.displayName,
    method,
    problems: options.problems,
  });
  sendHtml(res, renderPage(req, { title: 'Confirm it is you', body }), options.status);
}

/** The re-authentication routes. */
export function reauthRouter(auth: AuthServices): MountedRouter {
  const router = caseSensitiveRouter();
  const limit = loginRateLimit({ ...auth.loginLimit, countOnlyFailures: true });
  const signedIn = requireSignedIn();

  router.get(reauthPaths.page, signedIn, async (req, res) => {
    await sendReauthPage(auth, req, res, safeReturnTo(req.query.returnTo) ?? webPaths.home);
  });

  router.post(reauthPaths.sso, signedIn, async (req, res) => {
    const principal = principalOf(req);
    if (principal?.kind !== 'sso') return res.redirect(303, reauthPaths.page);
    const { url } = await auth.sso.start({
      purpose: 'reauth',
      browserId: browserIdOf(req),
      returnTo: safeReturnTo(formField(req, 'returnTo')) ?? webPaths.home,
      actor: actorOfPrincipal(principal),
    });
    signInAttemptCookie.set(res, auth.secureCookies, 'reauth', auth.clock.now());
    res.redirect(303, url);
  });

  router.post(reauthPaths.local, signedIn, limit, async (req, res) => {
    const principal = principalOf(req);
    const returnTo = safeReturnTo(formField(req, 'returnTo')) ?? webPaths.home;
    if (principal?.kind !== 'local') return res.redirect(303, reauthPaths.page);
    const result = await auth.localLogin.reauthenticate(
      principal.id,
      formField(req, 'password'),
      formField(req, 'code'),
    );
    switch (result.kind) {
      case 'confirmed':
        await markReauthenticated(req);
        return res.redirect(303, returnTo);
      case 'failed':
        return sendReauthPage(auth, req, res, returnTo, {
          status: 401,
          problems: [{ field: 'password', message: 'The password or the code is not correct. Try again.' }],
        });
      case 'locked':
        await signOut(req, res);
        throw lockedDuringReauth(result.until);
      case 'refused':
        await signOut(req, res);
        return res.redirect(303, webPaths.login);
    }
  });

  return { path: '/', router };
}

/** Finishes re-authentication through Salesforce (callback purpose `reauth`). */
export function reauthCallbackHandler(auth: AuthServices): OAuthCallbackHandler {
  return async ({ req, res, state, code }) => {
    const principal = principalOf(req);
    // The session may have ended during the round trip, or another person may have signed in in this browser.
    if (principal?.kind !== 'sso' || state.actor?.id !== principal.id) throw signInRequired();
    const outcome = await auth.sso.completeReauth(state, code, principal);
    switch (outcome.kind) {
      case 'confirmed':
        await markReauthenticated(req);
        return res.redirect(303, safeReturnTo(state.returnTo) ?? webPaths.home);
      case 'otherUser':
        throw reauthOtherUser(outcome.identity.username);
      case 'roleChanged':
        await signOut(req, res);
        throw reauthRoleChanged();
      case 'refused':
        await signOut(req, res);
        throw ssoRefusal(outcome.resolution);
    }
  };
}
