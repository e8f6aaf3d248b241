/** Pages and API answers are never cached (they show org data and carry CSRF tokens); static assets are mounted first. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export function noStore(): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.set('Cache-Control', 'no-store');
    next();
  };
}
