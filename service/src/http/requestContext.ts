/**
 * Per-request state the middleware chain builds up (request id, browser id, session, CSRF token), kept beside the
 * request in a WeakMap instead of being bolted onto Express's Request type.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ActiveSession } from '../auth/sessions';
import { randomToken } from '../crypto/random';

/** The cookie-side session operations, installed by the session middleware. */
export interface SessionControl {
  start(
    res: Response,
    previousId: string | null,
    principal: ActiveSession['record']['principal'],
  ): Promise<ActiveSession>;
  end(res: Response, id: string | null): Promise<void>;
  markReauthenticated(id: string): Promise<Date>;
  isRecentlyReauthenticated(session: ActiveSession): boolean;
  csrfTokenFor(session: ActiveSession | null, browserId: string | null): string | null;
}

export interface RequestContext {
  requestId: string;
  /** The anonymous browser id cookie (null on the org API, which uses no cookies). */
  browserId: string | null;
  session: ActiveSession | null;
  /** True when the request carried a session cookie that is no longer valid (expired or ended). */
  sessionExpired: boolean;
  /** The token state-changing forms of this request must carry; null without a browser id or session. */
  csrfToken: string | null;
  sessionControl: SessionControl | null;
}

const contexts = new WeakMap<Request, RequestContext>();
const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The request's context, created on first use (e.g. by an error raised before any middleware ran). */
export function contextOf(req: Request): RequestContext {
  let context = contexts.get(req);
  if (!context) {
    context = {
      requestId: randomToken(12),
      browserId: null,
      session: null,
      sessionExpired: false,
      csrfToken: null,
      sessionControl: null,
    };
    contexts.set(req, context);
  }
  return context;
}

/** The anonymous browser id of a request (set by the session middleware on every browser route). */
export function browserIdOf(req: Request): string {
  const browserId = contextOf(req).browserId;
  if (!browserId) throw new Error('no browser id: the session middleware did not run for this request');
  return browserId;
}

/**
 * Gives each request an id (a well-formed incoming X-Request-Id from a proxy is kept for correlation) and echoes it
 * in the response, so a user's error reference matches the log line.
 */
export function requestId(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const context = contextOf(req);
    const incoming = req.get('x-request-id');
    if (incoming && INCOMING_ID.test(incoming)) context.requestId = incoming;
    res.setHeader('X-Request-Id', context.requestId);
    next();
  };
}
