/**
 * Rate limits for login endpoints (local sign-in, TOTP, setup token): after `limit` attempts in `windowMs` from one
 * client, further attempts get the RATE_LIMITED error (a page or JSON) with Retry-After. Counts are kept in memory
 * per process, so with several replicas the effective limit is per replica.
 */
import { rateLimit } from 'express-rate-limit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimited } from '../errors';

export interface LoginRateLimitOptions {
  windowMs?: number;
  limit?: number;
  /** Key requests by something other than the client IP (e.g. IP plus username). */
  keyGenerator?: (req: Request) => string;
  /** Count only failed attempts (responses with status >= 400). */
  countOnlyFailures?: boolean;
}

type RequestWithLimit = Request & { rateLimit?: { resetTime?: Date } };

/** A middleware to put in front of a login route. */
export function loginRateLimit(options: LoginRateLimitOptions = {}): RequestHandler {
  const windowMs = options.windowMs ?? 15 * 60_000;
  return rateLimit({
    windowMs,
    limit: options.limit ?? 10,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skipSuccessfulRequests: options.countOnlyFailures ?? false,
    ...(options.keyGenerator ? { keyGenerator: options.keyGenerator } : {}),
    handler: (req: Request, _res: Response, next: NextFunction) => {
      const reset = (req as RequestWithLimit).rateLimit?.resetTime;
      const seconds = reset ? (reset.getTime() - Date.now()) / 1000 : windowMs / 1000;
      next(rateLimited(seconds));
    },
  });
}
