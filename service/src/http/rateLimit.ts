/**
 * Rate limits for sign-in endpoints (local sign-in and its code step, re-authentication, SSO starts, connect links,
 * setup-token guesses): after `limit` attempts in `windowMs` from one client (or, with `scope: 'everyone'`, from all
 * clients together), further attempts get the RATE_LIMITED error (a page or JSON) with Retry-After. Counts are kept in
 * memory per process, so with several replicas the effective limit is per replica.
 */
import { rateLimit } from 'express-rate-limit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimited } from '../errors';

export interface LoginRateLimitOptions {
  windowMs: number;
  limit: number;
  /** Count only failed attempts (responses with status >= 400). */
  countOnlyFailures?: boolean;
  /** Whose attempts share one count: each client IP (default), or all clients together. */
  scope?: 'client' | 'everyone';
  /** Requests for which the limit does not apply (neither counted nor refused). */
  skip?: (req: Request) => boolean | Promise<boolean>;
}

type RequestWithLimit = Request & { rateLimit?: { resetTime?: Date } };

/** A middleware to put in front of a login route. */
export function loginRateLimit(options: LoginRateLimitOptions): RequestHandler {
  const { windowMs, limit } = options;
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skipSuccessfulRequests: options.countOnlyFailures ?? false,
    ...(options.scope === 'everyone' ? { keyGenerator: () => 'everyone' } : {}),
    ...(options.skip ? { skip: options.skip } : {}),
    handler: (req: Request, _res: Response, next: NextFunction) => {
      const reset = (req as RequestWithLimit).rateLimit?.resetTime;
      const seconds = reset ? (reset.getTime() - Date.now()) / 1000 : windowMs / 1000;
      next(rateLimited(seconds));
    },
  });
}
