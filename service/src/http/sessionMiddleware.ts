/**
 * The cookie side of sessions. Every browser request gets an anonymous browser id cookie (so an OAuth state and the
 * pre-sign-in CSRF token can be bound to the browser) and, when signed in, its session is loaded from the opaque
 * session cookie. Feature routers sign users in and out with `signIn`/`signOut`, which rotate the session id.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { csrfTokenForBrowser, csrfTokenForSession } from '../auth/csrf';
import type { ActiveSession, SessionManager } from '../auth/sessions';
import { randomToken } from '../crypto/random';
import type { SessionPrincipal } from '../domain/actor';
import { cookieNames, cookieOptions, readCookies } from './cookies';
import type { SessionControl } from './requestContext';
import { contextOf } from './requestContext';

/** The browser id lives this long after the browser's last request (it only has to outlast an OAuth round trip). */
const BROWSER_ID_MAX_AGE_MS = 2 * 60 * 60_000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,64}$/;

export interface SessionMiddlewareOptions {
  manager: SessionManager;
  /** Secure cookies with the __Host- prefix (PUBLIC_URL is https). */
  secure: boolean;
  /** Server key for anonymous CSRF tokens. */
  csrfKey: Buffer;
  /** Paths that use no cookies at all (the org API authenticates with bearer link keys). */
  skipPrefixes: readonly string[];
}

export function sessionMiddleware(options: SessionMiddlewareOptions): RequestHandler {
  const names = cookieNames(options.secure);
  const control: SessionControl = {
    async start(res, previousId, principal) {
      const session = await options.manager.rotate(previousId, principal);
      res.cookie(names.session, session.id, cookieOptions(options.secure));
      return session;
    },
    async end(res, id) {
      if (id) await options.manager.destroy(id);
      res.clearCookie(names.session, cookieOptions(options.secure));
    },
    markReauthenticated: (id) => options.manager.markReauthenticated(id),
    isRecentlyReauthenticated: (session) => options.manager.isRecentlyReauthenticated(session.record),
    csrfTokenFor(session, browserId) {
      if (session) return csrfTokenForSession(session.record.csrfSecret);
      return browserId ? csrfTokenForBrowser(options.csrfKey, browserId) : null;
    },
  };

  return async (req: Request, res: Response, next: NextFunction) => {
    if (options.skipPrefixes.some((prefix) => req.path.startsWith(prefix))) return next();
    const context = contextOf(req);
    context.sessionControl = control;
    const cookies = readCookies(req);

    const presentedBrowserId = cookies.get(names.browser);
    const browserId =
      presentedBrowserId && TOKEN_PATTERN.test(presentedBrowserId) ? presentedBrowserId : randomToken(24);
    res.cookie(names.browser, browserId, cookieOptions(options.secure, BROWSER_ID_MAX_AGE_MS));
    context.browserId = browserId;

    const sessionId = cookies.get(names.session);
    if (sessionId !== undefined) {
      const session = TOKEN_PATTERN.test(sessionId) ? await options.manager.resume(sessionId) : null;
      if (session) {
        context.session = session;
      } else {
        context.sessionExpired = true;
        res.clearCookie(names.session, cookieOptions(options.secure));
      }
    }
    context.csrfToken = control.csrfTokenFor(context.session, browserId);
    next();
  };
}

function controlOf(req: Request): SessionControl {
  const control = contextOf(req).sessionControl;
  if (!control) throw new Error('session middleware did not run for this request');
  return control;
}

/** The signed-in session of this request, if any. */
export function currentSession(req: Request): ActiveSession | null {
  return contextOf(req).session;
}

/** Signs a principal in: a new session id replaces any previous one, and the CSRF token changes with it. */
export async function signIn(req: Request, res: Response, principal: SessionPrincipal): Promise<ActiveSession> {
  const context = contextOf(req);
  const control = controlOf(req);
  const session = await control.start(res, context.session?.id ?? null, principal);
  context.session = session;
  context.csrfToken = control.csrfTokenFor(session, context.browserId);
  return session;
}

/** Signs out: the session is deleted on the server and its cookie cleared. */
export async function signOut(req: Request, res: Response): Promise<void> {
  const context = contextOf(req);
  const control = controlOf(req);
  await control.end(res, context.session?.id ?? null);
  context.session = null;
  context.csrfToken = control.csrfTokenFor(null, context.browserId);
}

/** True when the signed-in user proved their identity within the last 5 minutes (Update, Reset, org change). */
export function isRecentlyReauthenticated(req: Request): boolean {
  const session = contextOf(req).session;
  return session !== null && controlOf(req).isRecentlyReauthenticated(session);
}

/** Records a fresh re-authentication on the current session (before Update, Reset, changing the org). */
export async function markReauthenticated(req: Request): Promise<void> {
  const session = contextOf(req).session;
  if (!session) throw new Error('markReauthenticated needs a signed-in session');
  const at = await controlOf(req).markReauthenticated(session.id);
  session.record = { ...session.record, reauthenticatedAt: at };
}
