/**
 * Builds the Express application from its dependencies without listening, so tests start it on port 0 and main.ts
 * owns the process. Order matters: request id and access log first, security headers on everything, health and
 * static assets before sessions (no cookies for them), then sessions, body parsing and CSRF for every feature
 * router, and finally 404 and the single error handler.
 */
import express from 'express';
import type { Application, RequestHandler } from 'express';
import type { Router } from './http/router';
import { SessionManager } from './auth/sessions';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { accessLog } from './http/accessLog';
import { bodyParsers } from './http/bodyParsers';
import { requireCsrf } from './http/csrf';
import { errorHandler, notFoundHandler } from './http/errorHandler';
import { healthRouter } from './http/health';
import { noStore } from './http/noStore';
import { requestId } from './http/requestContext';
import { securityHeaders } from './http/securityHeaders';
import { sessionMiddleware } from './http/sessionMiddleware';
import { staticAssets } from './http/staticAssets';
import type { CoreServices } from './composition/core';
import { orgApiPrefix, webPaths } from './web/paths';

/** A feature router and where it is mounted (`/` for routes such as /oauth/callback). */
export interface MountedRouter {
  path: string;
  router: Router | RequestHandler;
}

export interface AppDeps extends Omit<CoreServices, 'clock'> {
  clock?: Clock;
  /** Feature routers (connection flows, auth, settings, org API), mounted in order after the common middleware. */
  routers?: MountedRouter[];
}

/** Creates the application; call `listen` (or main.ts's startService) to serve it. */
export function createApp(deps: AppDeps): Application {
  const { config, store, logger, secretBox } = deps;
  const clock = deps.clock ?? systemClock;
  const sessions = new SessionManager(store.sessions, config.session, clock);

  const app = express();
  app.disable('x-powered-by');
  // A hop count, or false: `true` would let any client choose its IP through X-Forwarded-For.
  app.set('trust proxy', config.trustProxy);
  // One rule for letter case (http/router.ts): paths match only as written, here and in every router.
  app.set('case sensitive routing', true);

  app.use(requestId());
  app.use(accessLog(logger));
  app.use(securityHeaders(config));
  app.use(healthRouter(() => store.ping(), logger).router);
  app.use(staticAssets());
  app.use(noStore());
  app.use(
    sessionMiddleware({
      manager: sessions,
      secure: config.secureCookies,
      csrfKey: secretBox.deriveKey('csrf-anonymous-browser'),
      skipPrefixes: [orgApiPrefix],
    }),
  );
  app.use(bodyParsers());
  app.use(requireCsrf({ exemptPrefixes: [orgApiPrefix] }));
  for (const mounted of deps.routers ?? []) app.use(mounted.path, mounted.router);
  app.get('/', (_req, res) => res.redirect(webPaths.home));
  app.use(notFoundHandler());
  app.use(errorHandler(logger));
  return app;
}
