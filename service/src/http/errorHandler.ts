/**
 * The one error middleware. AppErrors are shown as they are; errors from Express's own parsers are translated (413,
 * malformed body); anything else becomes a generic 500 with an error id that is also in the log line, and never a
 * stack trace. Browser routes get the SLDS error page; `/api/*` gets `{"error": {code, message, actions, fields}}`.
 */
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { randomToken } from '../crypto/random';
import { AppError, CLIENT_ERROR_KINDS, internalError, malformedBody, notFound, payloadTooLarge } from '../errors';
import type { Logger } from '../logger';
import { errorPage } from '../web/errorPage';
import { pathOf } from './accessLog';
import { BODY_LIMIT_BYTES } from './bodyParsers';
import { pageUser } from './render';
import { contextOf } from './requestContext';

/** True for the JSON API (org API and any other /api route). */
export function isApiRequest(req: Request): boolean {
  const path = pathOf(req);
  return path === '/api' || path.startsWith('/api/');
}

/** Errors raised by Express's body parsers and static file serving carry a status and a type. */
function fromHttpError(error: unknown): AppError | null {
  const candidate = error as { status?: unknown; statusCode?: unknown; type?: unknown } | null;
  if (!candidate || typeof candidate !== 'object') return null;
  if (candidate.type === 'entity.too.large' || candidate.type === 'parameters.too.many') {
    return payloadTooLarge(BODY_LIMIT_BYTES);
  }
  if (candidate.type === 'entity.parse.failed') return malformedBody();
  const status = typeof candidate.status === 'number' ? candidate.status : candidate.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  if (status === 404) return notFound();
  return new AppError({
    code: 'BAD_REQUEST',
    kind: CLIENT_ERROR_KINDS[status] ?? 'invalid_input',
    title: 'Request not accepted',
    message: 'GRAX Connect could not accept this request as it was sent.',
    actions: ['Go back and try again. If you sent it from a script, check its headers and body.'],
  });
}

/** Ends the chain for requests no route answered. */
export function notFoundHandler(): RequestHandler {
  return (_req: Request, _res: Response, next: NextFunction) => next(notFound());
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const context = contextOf(req);
    const logContext = { requestId: context.requestId, method: req.method, path: pathOf(req) };
    if (res.headersSent) {
      logger.error({ ...logContext, err: error }, 'error after the response started; closing the connection');
      return next(error);
    }

    let appError = error instanceof AppError ? error : fromHttpError(error);
    if (appError) {
      const level = appError.httpStatus >= 500 ? 'warn' : 'info';
      const cause = appError.cause === undefined ? {} : { err: appError.cause };
      logger[level](
        { ...logContext, errorCode: appError.code, status: appError.httpStatus, ...cause },
        appError.message,
      );
    } else {
      const errorId = `err_${randomToken(9)}`;
      logger.error({ ...logContext, errorId, err: error }, 'unexpected error');
      appError = internalError(errorId);
    }

    res.status(appError.httpStatus);
    res.set('Cache-Control', 'no-store');
    for (const [name, value] of Object.entries(appError.headers)) res.set(name, value);
    if (isApiRequest(req)) {
      res.json({
        error: {
          code: appError.code,
          message: appError.message,
          actions: appError.actions,
          ...(appError.fields ? { fields: appError.fields } : {}),
          ...appError.details,
        },
      });
      return;
    }
    const page = errorPage({
      error: appError,
      requestId: context.requestId,
      user: pageUser(req),
      csrfToken: context.csrfToken,
    });
    res.type('html').send(page.toString());
  };
}
