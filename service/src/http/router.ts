/**
 * The one rule for letter case in paths: every path matches only in the case it is written in (`/api/org/v1/status`,
 * never `/API/ORG/V1/STATUS`). The app sets Express's `case sensitive routing` and every router of the service comes
 * from `caseSensitiveRouter`, so a path in another case is no route at all but the not-found answer, and no request
 * can reach a route while missing the middleware that chooses by prefix (the org API's no cookies, no CSRF, JSON
 * errors). ESLint refuses a bare `Router()` in service code.
 */
import { Router } from 'express';

/** A router whose paths (and mount paths) match only in their own letter case. */
export function caseSensitiveRouter(): Router {
  return Router({ caseSensitive: true });
}

export type { Router };
