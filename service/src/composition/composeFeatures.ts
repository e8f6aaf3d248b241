/**
 * Builds every feature of the service from the core services in one place: the connection flows, the OAuth callback
 * dispatcher with one handler per purpose, and the feature routers in mounting order. `main.ts`, `scripts/start.ts`
 * and the integration-test harness all start the service through `composeFeatures`, so what runs in tests is what
 * runs in production. Other features add their router (and, for sign-in, their callback handlers) here in one line.
 */
import type { MountedRouter } from '../app';
import type { CoreServices } from './core';
import { createAuthServices } from '../auth/authServices';
import { ExpiredRecordSweeper } from '../auth/expiredRecords';
import { auditRouter } from '../http/auditRoutes';
import { firstAdminRouter } from '../http/firstAdminRoutes';
import { loginRouter, ssoCallbackHandler } from '../http/loginRoutes';
import { reauthCallbackHandler, reauthRouter } from '../http/reauthRoutes';
import { settingsSsoRouter } from '../http/settingsSsoRoutes';
import { settingsUsersRouter } from '../http/settingsUsersRoutes';
import { countIntegrationUserLogins } from '../auth/integrationUserLogins';
import { ConnectionService } from '../connection/connectionService';
import { ConnectionFlows } from '../connection/flows';
import type { AfterConnect } from '../connection/afterConnect';
import { enginePermissionStarter } from '../connection/afterConnect';
import { announceOnStdout } from '../connection/setupToken';
import { lockedOutNotice } from '../connection/startupAccess';
import type { TokenDeps } from '../connection/tokens';
import { connectCallbackHandler, connectRouter } from '../http/connectRoutes';
import { homeRouter } from '../http/homeRoutes';
import type { OAuthCallbackHandler } from '../http/oauthCallback';
import { oauthCallbackRouter } from '../http/oauthCallback';
import { permissionRouter } from '../http/permissionRoutes';
import { endSsoSessionsWhenDisconnected, settingsSalesforceRouter } from '../http/settingsSalesforceRoutes';
import { createAdminMailer, createAlertSender } from '../monitoring/alertSender';
import { ReconnectLinks } from '../connection/reconnectLink';
import { createLinkKeyService, orgApiRouters } from './orgApiFeature';
import type { PermissionEngine } from '../permissions/engine';
import { createPermissionEngine } from '../permissions/engine';
import type { OAuthPurpose } from '../domain/connection';

/** Options of the composition (tests and the demo start adjust them). */
export interface CompositionOptions {
  /** Where the one-time setup token is printed (default: stdout, never the structured log). */
  announce?: (text: string) => void;
  /** Replaces what starts Auto Config or Verify after a connection (tests of the flows alone). */
  engine?: AfterConnect;
  /** Replaces the jsforce refresh call (tests of failure paths only). */
  refresh?: TokenDeps['refresh'];
}

/** The composed features: routers to mount, the connection flows, the permission engine, and background work. */
export interface Features {
  routers: MountedRouter[];
  flows: ConnectionFlows;
  engine: PermissionEngine;
  /**
   * Starts background work once the service listens (the permission engine's jobs and scans, the sweep of expired
   * sign-in records) and prints the first-run setup token, or what to run when nobody can get in.
   */
  start(): Promise<void>;
  /** Stops background work before the store closes. */
  stop(): Promise<void>;
}

/** Builds every feature from the core services. */
export function composeFeatures(core: CoreServices, options: CompositionOptions = {}): Features {
  const { config, store, logger, clock } = core;
  const reconnectLinks = new ReconnectLinks({
    store,
    clock,
    logger,
    mailer: createAdminMailer(config.alerts),
    publicUrl: config.publicUrl,
  });
  const connections = new ConnectionService({ config, store, logger, clock, refresh: options.refresh, reconnectLinks });
  const linkKeys = createLinkKeyService(core);
  const engine = createPermissionEngine({
    store,
    logger,
    clock,
    maxConcurrent: config.salesforce.maxConcurrentRequests,
    scanIntervalMs: config.scanIntervalMs,
    leaseMs: config.jobLeaseMs,
    publicUrl: config.publicUrl,
    connections: (orgId) => connections.livePermissionConnection(orgId),
    scheduledOrgs: async () => {
      const live = await connections.livePermissionConnection();
      return live ? [live.orgId] : [];
    },
    orgName: async (orgId) => (await store.orgsSeen.get(orgId))?.name ?? null,
    verify: {
      ownApplications: [config.salesforce.clientAppName],
      webLoginsAs: (userId) => countIntegrationUserLogins(store.audit, userId),
    },
    linkKeyProvider: linkKeys,
    alerts: createAlertSender(config.alerts),
  });
  const flows = new ConnectionFlows(core, {
    connections,
    engine:
      options.engine ?? enginePermissionStarter(engine, (connection) => connections.permissionConnection(connection)),
    announce: options.announce ?? announceOnStdout,
    reconnectLinks,
  });
  const auth = createAuthServices(core, { connections: flows.connections, setupToken: flows.setupToken });
  const sweeper = new ExpiredRecordSweeper({ store, clock, logger });

  const callbackHandlers: Partial<Record<OAuthPurpose, OAuthCallbackHandler>> = {
    connect: connectCallbackHandler(flows),
    update: connectCallbackHandler(flows),
    sso: ssoCallbackHandler(auth),
    reauth: reauthCallbackHandler(auth),
  };
  const routers: MountedRouter[] = [
    { path: '/', router: endSsoSessionsWhenDisconnected(flows) },
    oauthCallbackRouter(callbackHandlers, {
      consumeState: (state, browserId) => flows.consumeOAuthState(state, browserId),
      logger: core.logger,
      secureCookies: core.config.secureCookies,
    }),
    homeRouter({ flows, engine }),
    connectRouter({ flows, rateLimits: core.store.rateLimits }),
    settingsSalesforceRouter({ flows, engine }),
    loginRouter(auth),
    firstAdminRouter(auth),
    reauthRouter(auth),
    settingsUsersRouter(auth),
    settingsSsoRouter(auth),
    auditRouter(auth),
    permissionRouter({ engine, activeConnection: () => connections.livePermissionConnection() }),
    ...orgApiRouters(core, { engine, flows, linkKeys }),
  ];
  return {
    routers,
    flows,
    engine,
    start: async () => {
      await flows.setupToken.prepare();
      const notice = lockedOutNotice(await flows.startupAccess());
      if (notice.length > 0) (options.announce ?? announceOnStdout)(notice.join('\n'));
      engine.start();
      sweeper.start();
    },
    stop: async () => {
      await Promise.all([engine.stop(), sweeper.stop()]);
    },
  };
}
