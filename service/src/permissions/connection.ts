/**
 * The connection the permission engine works through, as a small interface of its own so the engine does not depend
 * on how the connection flows store tokens. `createClient` builds the one API client for it.
 */
import { SalesforceClient, type ApiLogger, type TokenProvider } from '../salesforce/apiClient';
import type { SharedCap } from '../salesforce/api/sharedCap';

/** An org connection through the integration user. */
export interface PermissionConnection {
  orgId: string;
  instanceUrl: string;
  /** The integration user (the connected user). */
  userId: string;
  username: string;
  /** e.g. '62.0'. */
  apiVersion: string;
  tokens: TokenProvider;
}

/** Options for the API clients the engine creates. */
export interface ClientOptions {
  maxConcurrent: number;
  /** The store's slots when replicas share the database, so the cap holds across them. */
  sharedCap?: SharedCap;
  accounting?: (orgId: string, calls: number) => void;
  logger?: ApiLogger;
}

/** The API client for a connection. */
export function createClient(connection: PermissionConnection, options: ClientOptions): SalesforceClient {
  return new SalesforceClient({
    instanceUrl: connection.instanceUrl,
    apiVersion: connection.apiVersion,
    tokens: connection.tokens,
    orgId: connection.orgId,
    maxConcurrent: options.maxConcurrent,
    sharedCap: options.sharedCap,
    accounting: options.accounting,
    logger: options.logger,
  });
}
