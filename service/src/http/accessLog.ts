/**
 * One log line per request when the response is finished: method, path without the query string, status, duration
 * and request id. Never the query string, headers or bodies (they can carry OAuth codes, states and passwords).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger';
import { contextOf } from './requestContext';

const QUIET_PATHS = new Set(['/healthz', '/readyz']);

/** The request path without its query string. */
export function pathOf(req: Request): string {
  const url = req.originalUrl || req.url;
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

export function accessLog(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const path = pathOf(req);
      const entry = {
        requestId: contextOf(req).requestId,
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1_000_000n),
      };
      if (QUIET_PATHS.has(path)) logger.debug(entry, 'request');
      else logger.info(entry, 'request');
    });
    next();
  };
}
