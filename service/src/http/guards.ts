/**
 * Route guards: who may open a page or post a form. Pages without a session send the browser to the login page, which
 * brings them back afterwards (JSON routes and form posts answer 401); a signed-in user without the role gets a 403
 * page in the admin's words; sensitive actions (Update, Reset, changing the org, managing local users and SSO access)
 * send the user to re-authenticate first and bring them back afterwards. Only local paths are ever redirect targets.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { forbidden, reauthRequired, signInRequired } from '../errors';
import { actorOfPrincipal } from '../domain/actor';
import type { Actor, SessionPrincipal } from '../domain/actor';
import { webPaths } from '../web/paths';
import { reauthPaths } from '../web/views/reauth';
import { isApiRequest } from './errorHandler';
import { contextOf } from './requestContext';
import { currentSession, isRecentlyReauthenticated } from './sessionMiddleware';

/** True for a path on this service (`/web/...`), never `//host` or a URL: safe as a redirect target. */
function isLocalPath(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.startsWith('/') &&
    !value.startsWith('//') &&
    !value.includes('\\') &&
    !/[\u0000-\u001f]/.test(value) &&
    value.length <= 512
  );
}

/** The signed-in principal of a request, or null. */
export function principalOf(req: Request): SessionPrincipal | null {
  return currentSession(req)?.record.principal ?? null;
}

/** The signed-in principal of a guarded route (a guard ran, so someone is signed in). */
export function signedInPrincipal(req: Request): SessionPrincipal {
  const principal = principalOf(req);
  if (!principal) throw signInRequired();
  return principal;
}

/** The signed-in person as the audit log records them (behind a guard, so someone is signed in). */
export function actorOfRequest(req: Request): Actor {
  return actorOfPrincipal(signedInPrincipal(req));
}

/** A local path to come back to, or null. */
export function safeReturnTo(value: unknown): string | null {
  return isLocalPath(value) ? value : null;
}

/** The login page, coming back to `returnTo` afterwards when it is a local path; `ended` says a session just ended. */
export function loginUrl(returnTo: unknown, ended = false): string {
  const back = safeReturnTo(returnTo);
  const params = new URLSearchParams();
  if (back && back !== webPaths.home) params.set('returnTo', back);
  if (ended) params.set('ended', '1');
  const query = params.toString();
  return query ? `${webPaths.login}?${query}` : webPaths.login;
}

/** True when the client asked for JSON (the JSON API, or a script polling with Accept: application/json). */
function wantsJson(req: Request): boolean {
  return isApiRequest(req) || req.accepts(['html', 'json']) === 'json';
}

/** Pages: 303 to the login page (and back afterwards); JSON and form posts: 401. */
export function requireSignedIn(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (principalOf(req)) return next();
    if (wantsJson(req) || req.method !== 'GET') return next(signInRequired());
    res.redirect(303, loginUrl(req.originalUrl, contextOf(req).sessionExpired));
  };
}

/** Signed in with the admin role; `what` finishes "Your GRAX Connect role does not allow you to ...". */
export function requireAdmin(what = 'change GRAX Connect settings'): RequestHandler {
  const signedIn = requireSignedIn();
  return (req: Request, res: Response, next: NextFunction) => {
    signedIn(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (principalOf(req)?.role !== 'admin') return next(forbidden(what));
      next();
    });
  };
}

/**
 * Signed in and re-authenticated within the last 5 minutes; otherwise 303 to the re-authentication page, which comes
 * back to `returnTo` (a local path, or a function of the request that returns one).
 */
export function requireRecentReauth(returnTo: string | ((req: Request) => string)): RequestHandler {
  const signedIn = requireSignedIn();
  return (req: Request, res: Response, next: NextFunction) => {
    signedIn(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (isRecentlyReauthenticated(req)) return next();
      if (wantsJson(req)) return next(reauthRequired());
      const back = safeReturnTo(typeof returnTo === 'function' ? returnTo(req) : returnTo) ?? webPaths.home;
      res.redirect(303, `${reauthPaths.page}?returnTo=${encodeURIComponent(back)}`);
    });
  };
}
