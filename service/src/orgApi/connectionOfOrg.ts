/**
 * The active connection as one org sees it: GRAX serves one org at a time, so for a key issued to another org the
 * connection is reported as disconnected and none of the connected org's details are shown.
 */
import type { Connection } from '../domain/connection';
import { sameSalesforceId } from '../domain/salesforceIds';

/** The connection's relation to the calling org. */
export type OrgConnection =
  | { relation: 'this_org'; connection: Connection }
  | { relation: 'other_org'; connection: Connection }
  | { relation: 'none' };

/** Where the org API reads the active connection (the connection flows' ConnectionService). */
export type ActiveConnection = () => Promise<Connection | null>;

/** Finds how the active connection relates to `orgId`. */
export async function connectionOfOrg(activeConnection: ActiveConnection, orgId: string): Promise<OrgConnection> {
  const connection = await activeConnection();
  if (!connection) return { relation: 'none' };
  return sameSalesforceId(connection.orgId, orgId)
    ? { relation: 'this_org', connection }
    : { relation: 'other_org', connection };
}
