/**
 * The active connection as one org sees it: GRAX serves one org at a time, so for a key issued to another org the
 * connection is reported as disconnected and none of the connected org's details are shown.
 */
import type { Connection, ConnectionRepository } from '../store/types';
import { sameOrg } from './orgIds';

/** The connection's relation to the calling org. */
export type OrgConnection =
  | { relation: 'this_org'; connection: Connection }
  | { relation: 'other_org'; connection: Connection }
  | { relation: 'none' };

/** Finds how the active connection relates to `orgId`. */
export async function connectionOfOrg(connections: ConnectionRepository, orgId: string): Promise<OrgConnection> {
  const connection = await connections.getActive();
  if (!connection) return { relation: 'none' };
  return sameOrg(connection.orgId, orgId)
    ? { relation: 'this_org', connection }
    : { relation: 'other_org', connection };
}
