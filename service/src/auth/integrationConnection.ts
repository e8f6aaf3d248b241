/**
 * What sign-in needs to know about GRAX's connection to Salesforce: which org is connected (SSO accepts users of that
 * org only, and signs them in through its My Domain), which user is the integration user (an individual signing in as
 * it gets a warning), whether the connection works, and an API client that acts as the integration user (roles are
 * read with its token, never with the individual's). The connection flows provide it; sign-in never changes it.
 */
import type { SalesforceClient } from '../salesforce/apiClient';
import type { Connection, ConnectionState, Environment } from '../domain/connection';

/** The active integration connection, as sign-in sees it. */
export interface IntegrationConnection {
  orgId: string;
  orgName: string;
  environment: Environment;
  /** The org's instance URL (its My Domain in current orgs), used as the SSO login host when it is one. */
  instanceUrl: string;
  /** The login host the connection was made through (fallback SSO login host). */
  loginUrl: string;
  /** The integration user's Salesforce user id. */
  userId: string;
  state: ConnectionState;
  /** An API client acting as the integration user. */
  client(): SalesforceClient;
}

/** Looks up the active connection; null when GRAX was never connected. */
export type ActiveConnectionSource = () => Promise<IntegrationConnection | null>;

/** What the connection flows offer (their ConnectionService): the active connection and an API client for it. */
export interface ConnectionAccess {
  active(): Promise<Connection | null>;
  client(connection: Connection): SalesforceClient;
}

/** The active connection as sign-in sees it, read fresh on every call (Reset or Update may change it any time). */
export function activeConnectionSource(access: ConnectionAccess): ActiveConnectionSource {
  return async () => {
    const connection = await access.active();
    if (!connection) return null;
    return {
      orgId: connection.orgId,
      orgName: connection.orgName,
      environment: connection.environment,
      instanceUrl: connection.instanceUrl,
      loginUrl: connection.loginUrl,
      userId: connection.userId,
      state: connection.state,
      client: () => access.client(connection),
    };
  };
}
