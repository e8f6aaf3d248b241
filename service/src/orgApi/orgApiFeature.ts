/**
 * Assembles the org API feature from the core services and the pieces other features own: the permission engine,
 * the connection service (tokens and client app) and the connection flows' `startConnect`. `composition.ts` mounts
 * the routers it returns and gives the engine the same LinkKeyService as its link-key provider.
 */
import type { CoreServices, MountedRouter } from '../app';
import type { ConnectionService } from '../connection/connectionService';
import { startConnect } from '../connection/startConnect';
import { connectLinkRouter } from '../http/connectLinkRoutes';
import type { OrgApiLimits } from '../http/orgApiRoutes';
import { ORG_API_BASE, orgApiRouter } from '../http/orgApiRoutes';
import { orgLinkRouter } from '../http/orgLinkRoutes';
import type { PermissionConnection } from '../permissions/connection';
import type { PermissionEngine } from '../permissions/engine';
import { webPaths } from '../web/paths';
import { OrgCallAudit } from './callAudit';
import { CONNECT_LINK_PATH, ConnectLinkService } from './connectLinks';
import { orgApiEngine } from './engineAdapter';
import { LinkKeyService } from './linkKeys';
import { sameOrg } from './orgIds';

/** What the feature needs besides the core services. */
export interface OrgApiFeatureDeps {
  engine: PermissionEngine;
  connection: ConnectionService;
  /** The service the engine uses as its link-key provider (one instance for both). */
  linkKeys: LinkKeyService;
  limits?: Partial<OrgApiLimits>;
}

/** The link-key service for the engine's Auto Config and for the org API. */
export function createLinkKeyService(core: Pick<CoreServices, 'store' | 'clock'>): LinkKeyService {
  return new LinkKeyService(core.store, core.clock);
}

/** The active connection of an org as the permission engine takes it, while it is connected. */
export async function livePermissionConnection(
  core: Pick<CoreServices, 'config'>,
  connection: ConnectionService,
  orgId: string,
): Promise<PermissionConnection | null> {
  const active = await connection.active();
  if (!active || active.state !== 'connected' || !sameOrg(active.orgId, orgId)) return null;
  return {
    orgId: active.orgId,
    instanceUrl: active.instanceUrl,
    userId: active.userId,
    username: active.username,
    apiVersion: core.config.salesforce.apiVersion,
    tokens: connection.tokens(active),
  };
}

/** The org API, connect-link and Settings > Org link routers, in mounting order. */
export function orgApiRouters(core: CoreServices, deps: OrgApiFeatureDeps): MountedRouter[] {
  const { config, store, clock, secretBox } = core;
  const engine = orgApiEngine({
    engine: deps.engine,
    permissionConnection: (orgId) => livePermissionConnection(core, deps.connection, orgId),
  });
  const connectLinks = new ConnectLinkService({
    store,
    clock,
    publicUrl: config.publicUrl,
    signingKey: secretBox.deriveKey('connect-link'),
    linkKeys: deps.linkKeys,
    connectFlow: {
      startConnect: async (input) => {
        const started = await startConnect(
          { config, store, clock, clientApp: () => deps.connection.clientApp() },
          { ...input, myDomain: undefined },
        );
        return { redirectUrl: started.authorizationUrl };
      },
    },
  });
  return [
    {
      path: ORG_API_BASE,
      router: orgApiRouter({
        publicUrl: config.publicUrl,
        connections: store.connections,
        engine,
        linkKeys: deps.linkKeys,
        connectLinks,
        callAudit: new OrgCallAudit(store.audit, clock),
        limits: deps.limits,
      }),
    },
    { path: CONNECT_LINK_PATH, router: connectLinkRouter({ connectLinks }) },
    {
      path: webPaths.settingsOrgLink,
      router: orgLinkRouter({ store, linkKeys: deps.linkKeys, engine, publicUrl: config.publicUrl }),
    },
  ];
}
