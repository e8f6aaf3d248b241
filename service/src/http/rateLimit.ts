/**
 * Rate limits for sign-in endpoints (local sign-in and its code step, re-authentication, SSO starts, connect links,
 * setup-token guesses): after `limit` attempts in `windowMs` from one client (or, with `scope: 'everyone'`, from all
 * clients together), further attempts get the RATE_LIMITED error (a page or JSON) with Retry-After. Counts live in the
 * store (`rateLimits`), so every replica counts the same attempts; the client key (its IP) is kept only as a SHA-256
 * hash. If the store cannot count, the attempt is refused, not let through.
 */
import { rateLimit } from 'express-rate-limit';
import type { IncrementResponse, Store as LimiterStore } from 'express-rate-limit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sha256Hex } from '../crypto/random';
import { rateLimited } from '../errors';
import type { RateLimitRepository } from '../store/types';

export interface LoginRateLimitOptions {
  windowMs: number;
  limit: number;
  /** Count only failed attempts (responses with status >= 400). */
  countOnlyFailures?: boolean;
  /** Whose attempts share one count: each client IP (default), or all clients together. */
  scope?: 'client' | 'everyone';
  /** Requests for which the limit does not apply (neither counted nor refused). */
  skip?: (req: Request) => boolean | Promise<boolean>;
  /** Where the counts live: the store's, shared by every replica. */
  counters: RateLimitRepository;
  /** Limiters with the same name share one count per client (e.g. `login` for every credential form). */
  name: string;
}

type RequestWithLimit = Request & { rateLimit?: { resetTime?: Date } };

/** express-rate-limit's store interface over the store's counters. */
class SharedCounterStore implements LimiterStore {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly counters: RateLimitRepository,
    readonly prefix: string,
  ) {}

  init(options: { windowMs: number }): void {
    this.windowMs = options.windowMs;
  }

  private key(client: string): string {
    return `${this.prefix}:${sha256Hex(client)}`;
  }

  async increment(client: string): Promise<IncrementResponse> {
    const { hits, resetAt } = await this.counters.hit(this.key(client), this.windowMs);
    return { totalHits: hits, resetTime: resetAt };
  }

  decrement(client: string): Promise<void> {
    return this.counters.undo(this.key(client));
  }

  resetKey(client: string): Promise<void> {
    return this.counters.reset(this.key(client));
  }
}

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
    store: new SharedCounterStore(options.counters, `${options.name}:${windowMs}`),
    handler: (req: Request, _res: Response, next: NextFunction) => {
      const reset = (req as RequestWithLimit).rateLimit?.resetTime;
      const seconds = reset ? (reset.getTime() - Date.now()) / 1000 : windowMs / 1000;
      next(rateLimited(seconds));
    },
  });
}
