/**
 * Refuses every state-changing request (POST, PUT, PATCH, DELETE) whose CSRF token, from the `_csrf` form field or
 * the X-CSRF-Token header, does not match the session's (or, before sign-in, the browser's) token. The org API is
 * exempt: it uses bearer link keys and no cookies, so there is nothing for a forged request to ride on.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { csrfTokenMatches } from '../auth/csrf';
import { csrfFailed } from '../errors';
import { contextOf } from './requestContext';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function presentedToken(req: Request): unknown {
  const body: unknown = req.body;
  const fromBody = body && typeof body === 'object' ? (body as Record<string, unknown>)._csrf : undefined;
  return fromBody ?? req.get('x-csrf-token');
}

export function requireCsrf(options: { exemptPrefixes: readonly string[] }): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || options.exemptPrefixes.some((prefix) => req.path.startsWith(prefix))) {
      return next();
    }
    const expected = contextOf(req).csrfToken;
    if (!expected || !csrfTokenMatches(expected, presentedToken(req))) throw csrfFailed();
    next();
  };
}
