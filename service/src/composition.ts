/**
 * Builds every feature of the service from the core services in one place: the connection flows, the OAuth callback
 * dispatcher with one handler per purpose, and the feature routers in mounting order. `main.ts`, `scripts/start.ts`
 * and the integration-test harness all start the service through `composeFeatures`, so what runs in tests is what
 * runs in production. Other features add their router (and, for sign-in, their callback handlers) here in one line.
 */
import type { CoreServices, MountedRouter } from './app';
import { createAuthServices } from './auth/authServices';
import { auditRouter } from './http/auditRoutes';
import { loginRouter, ssoCallbackHandler } from './http/loginRoutes';
import { reauthCallbackHandler, reauthRouter } from './http/reauthRoutes';
import { settingsSsoRouter } from './http/settingsSsoRoutes';
import { settingsUsersRouter } from './http/settingsUsersRoutes';
import { ConnectionFlows } from './connection/flows';
import type { PermissionEngine } from './connection/permissionEngine';
import { queuedPermissionEngine } from './connection/permissionEngine';
import { announceOnStdout } from './connection/setupToken';
import type { TokenDeps } from './connection/tokens';
import { connectCallbackHandler, connectRoutes } from './http/connectRoutes';
import type { PermissionWeb } from './http/homeRoutes';
import { NO_PERMISSION_WEB, homeRoutes } from './http/homeRoutes';
import type { OAuthCallbackHandler } from './http/oauthCallback';
import { oauthCallbackRouter } from './http/oauthCallback';
import { endSsoSessionsWhenDisconnected, settingsSalesforceRoutes } from './http/settingsSalesforceRoutes';
import type { OAuthPurpose } from './store/types';

/** Options of the composition (tests and the demo start adjust them). */
export interface CompositionOptions {
  /** Where the one-time setup token is printed (default: stdout, never the structured log). */
  announce?: (text: string) => void;
  /** Replaces the permission engine (tests of the flows alone). */
  engine?: PermissionEngine;
  /** Replaces the jsforce refresh call (tests of failure paths only). */
  refresh?: TokenDeps['refresh'];
}

/** The composed features: routers to mount, the connection flows, and their background work. */
export interface Features {
  routers: MountedRouter[];
  flows: ConnectionFlows;
  /** Starts background work once the service listens (and prints the first-run setup token). */
  start(): Promise<void>;
  /** Stops background work before the store closes. */
  stop(): Promise<void>;
}

/** Builds every feature from the core services. */
export function composeFeatures(core: CoreServices, options: CompositionOptions = {}): Features {
  const engine = options.engine ?? queuedPermissionEngine(core.store.jobs);
  const flows = new ConnectionFlows(core, {
    engine,
    announce: options.announce ?? announceOnStdout,
    refresh: options.refresh,
  });
  const permissions: PermissionWeb = NO_PERMISSION_WEB;
  const auth = createAuthServices(core, { connections: flows.connections });

  const callbackHandlers: Partial<Record<OAuthPurpose, OAuthCallbackHandler>> = {
    connect: connectCallbackHandler(flows),
    update: connectCallbackHandler(flows),
    sso: ssoCallbackHandler(auth),
    reauth: reauthCallbackHandler(auth),
  };
  const routers: MountedRouter[] = [
    { path: '/', router: endSsoSessionsWhenDisconnected(flows) },
    {
      path: '/',
      router: oauthCallbackRouter(callbackHandlers, {
        store: core.store,
        logger: core.logger,
        secureCookies: core.config.secureCookies,
      }),
    },
    { path: '/', router: homeRoutes({ flows, permissions }) },
    { path: '/', router: connectRoutes({ flows }) },
    { path: '/', router: settingsSalesforceRoutes({ flows, permissions }) },
    loginRouter(auth),
    reauthRouter(auth),
    settingsUsersRouter(auth),
    settingsSsoRouter(auth),
    auditRouter(auth),
    // Org API and permission routers: one line each.
  ];
  return {
    routers,
    flows,
    start: () => flows.setupToken.prepare(),
    stop: async () => undefined,
  };
}
