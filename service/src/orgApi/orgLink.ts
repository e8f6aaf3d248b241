/**
 * What Settings > Org link shows: the org a new key is for (the active connection's org; before any connection the
 * admin names it), every key with its status, and the address Salesforce must reach.
 */
import type { ConnectionState } from '../domain/connection';
import type { LinkKeyService, LinkKeyView } from './linkKeys';
import type { ActiveConnection } from './connectionOfOrg';
import { publicAddressProblem } from './publicAddress';

/** The org keys are issued for, when GRAX knows it. */
export interface LinkOrg {
  orgId: string;
  orgName: string;
  connectionState: ConnectionState;
  /** Auto Config can store a new key in the org (connected, set up with Auto Config). */
  autoConfigCanStoreKey: boolean;
}

/** The page's data. */
export interface OrgLinkOverview {
  org: LinkOrg | null;
  keys: LinkKeyView[];
  publicUrl: string;
  publicUrlProblem: string | null;
  /** An admin asked Auto Config to store a new key in the org, not done yet. */
  rotationPending: boolean;
}

/** Reads the org link overview. */
export async function orgLinkOverview(deps: {
  activeConnection: ActiveConnection;
  linkKeys: LinkKeyService;
  publicUrl: string;
}): Promise<OrgLinkOverview> {
  const connection = await deps.activeConnection();
  const org: LinkOrg | null = connection
    ? {
        orgId: connection.orgId,
        orgName: connection.orgName,
        connectionState: connection.state,
        autoConfigCanStoreKey: connection.state === 'connected' && connection.mode === 'auto_config',
      }
    : null;
  return {
    org,
    keys: await deps.linkKeys.list(),
    publicUrl: deps.publicUrl,
    publicUrlProblem: publicAddressProblem(deps.publicUrl),
    rotationPending: org ? await deps.linkKeys.rotationRequested(org.orgId) : false,
  };
}
