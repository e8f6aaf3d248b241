/**
 * Assembles the org API feature from the core services and the pieces other features own: the permission engine and
 * the connection flows (the active connection's tokens, and `startConnect` for connect links). `composition.ts`
 * mounts the routers it returns and gives the engine the same LinkKeyService as its link-key provider.
 */
import type { MountedRouter } from '../app';
import type { CoreServices } from './core';
import type { ConnectionFlows } from '../connection/flows';
import { connectLinkRouter } from '../http/connectLinkRoutes';
import { orgApiRouter } from '../http/orgApiRoutes';
import { orgLinkRouter } from '../http/orgLinkRoutes';
import type { PermissionEngine } from '../permissions/engine';
import { OrgCallAudit } from '../orgApi/callAudit';
import { ConnectLinkService } from '../orgApi/connectLinks';
import { orgApiEngine } from '../orgApi/engineAdapter';
import { LinkKeyService } from '../orgApi/linkKeys';

/** What the feature needs besides the core services. */
export interface OrgApiFeatureDeps {
  engine: PermissionEngine;
  flows: Pick<ConnectionFlows, 'connections' | 'startConnect'>;
  /** The service the engine uses as its link-key provider (one instance for both). */
  linkKeys: LinkKeyService;
}

/** The link-key service for the engine's Auto Config and for the org API. */
export function createLinkKeyService(core: Pick<CoreServices, 'store' | 'clock'>): LinkKeyService {
  return new LinkKeyService(core.store, core.clock);
}

/** The org API, connect-link and Settings > Org link routers, in mounting order. */
export function orgApiRouters(core: CoreServices, deps: OrgApiFeatureDeps): MountedRouter[] {
  const { config, store, clock, secretBox } = core;
  const engine = orgApiEngine({
    engine: deps.engine,
    permissionConnection: (orgId) => deps.flows.connections.livePermissionConnection(orgId),
  });
  const connectLinks = new ConnectLinkService({
    store,
    clock,
    publicUrl: config.publicUrl,
    signingKey: secretBox.deriveKey('connect-link'),
    linkKeys: deps.linkKeys,
    connectFlow: {
      startConnect: async (input) => ({ redirectUrl: (await deps.flows.startConnect(input)).authorizationUrl }),
    },
  });
  return [
    orgApiRouter({
      publicUrl: config.publicUrl,
      activeConnection: () => deps.flows.connections.active(),
      engine,
      linkKeys: deps.linkKeys,
      connectLinks,
      callAudit: new OrgCallAudit(store.audit, clock),
      clock,
    }),
    connectLinkRouter({ connectLinks, rateLimits: core.store.rateLimits }),
    orgLinkRouter({
      activeConnection: () => deps.flows.connections.active(),
      linkKeys: deps.linkKeys,
      engine,
      publicUrl: config.publicUrl,
    }),
  ];
}
