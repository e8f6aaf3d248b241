/**
 * The active connection as the rest of the service uses it: read it, get a token provider and an API client for it
 * (with call accounting), and the connection as the permission engine takes it. One instance per service, so token
 * refreshes are shared by everything that calls Salesforce.
 */
import { sharedCapOf } from '../salesforce/api/sharedCap';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { PermissionConnection } from '../permissions/connection';
import { SalesforceClient } from '../salesforce/apiClient';
import type { TokenProvider } from '../salesforce/apiClient';
import type { ClientAppConfig } from '../salesforce/oauthClient';
import type { Store } from '../store/types';
import type { Connection } from '../domain/connection';
import { clientAppOf } from './clientApp';
import { sameSalesforceId } from '../domain/salesforceIds';
import type { ReconnectLinks } from './reconnectLink';
import type { TokenDeps } from './tokens';
import { ConnectionTokens } from './tokens';

/** What the connection service is built from. */
export interface ConnectionServiceDeps {
  config: Config;
  store: Store;
  logger: Logger;
  clock: Clock;
  /** Replaces the jsforce refresh call (tests of failure paths only). */
  refresh?: TokenDeps['refresh'];
  /** Emails the reconnect link when Salesforce stops accepting the connection's tokens. */
  reconnectLinks?: Pick<ReconnectLinks, 'sendForIncident'>;
}

/** Access to the active connection, its tokens and its API client. */
export class ConnectionService {
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly recent = new Map<string, { token: string; at: number }>();

  constructor(private readonly deps: ConnectionServiceDeps) {}

  /** The External Client App (throws a page-ready error when none is configured). */
  clientApp(): ClientAppConfig {
    return clientAppOf(this.deps.config);
  }

  /** The active connection (any state), or null when GRAX was never connected. */
  active(): Promise<Connection | null> {
    return this.deps.store.connections.getActive();
  }

  /** The token provider of a connection; refreshes are shared across callers. */
  tokens(connection: Pick<Connection, 'id'>): TokenProvider {
    const { store, logger, clock } = this.deps;
    return new ConnectionTokens(
      {
        connections: store.connections,
        audit: store.audit,
        logger,
        clock,
        clientApp: () => this.clientApp(),
        inflight: this.inflight,
        recent: this.recent,
        refresh: this.deps.refresh,
        onReauthorizationRequired: (c) => this.deps.reconnectLinks?.sendForIncident(c) ?? Promise.resolve(),
      },
      connection.id,
    );
  }

  /** An API client acting as the connection's integration user; every call is counted for the org. */
  client(
    connection: Pick<Connection, 'id' | 'orgId' | 'instanceUrl'>,
    tokens = this.tokens(connection),
  ): SalesforceClient {
    return createApiClient(this.deps, { orgId: connection.orgId, instanceUrl: connection.instanceUrl, tokens });
  }

  /** The connection as the permission engine takes it (its token provider included). */
  permissionConnection(connection: Connection): PermissionConnection {
    return {
      orgId: connection.orgId,
      instanceUrl: connection.instanceUrl,
      userId: connection.userId,
      username: connection.username,
      apiVersion: this.deps.config.salesforce.apiVersion,
      tokens: this.tokens(connection),
    };
  }

  /** The active connection for the permission engine, while it works (and, given an org id, only for that org). */
  async livePermissionConnection(orgId?: string): Promise<PermissionConnection | null> {
    const active = await this.active();
    if (!active || active.state !== 'connected') return null;
    if (orgId && !sameSalesforceId(active.orgId, orgId)) return null;
    return this.permissionConnection(active);
  }
}

/** Builds an API client with the service's API version, concurrency cap, accounting and logger. */
export function createApiClient(
  deps: {
    config: Pick<Config, 'salesforce' | 'jobLeaseMs'>;
    store: Pick<Store, 'apiCalls' | 'kind' | 'concurrencySlots'>;
    logger: Logger;
  },
  target: { orgId: string; instanceUrl: string; tokens: TokenProvider },
): SalesforceClient {
  return new SalesforceClient({
    instanceUrl: target.instanceUrl,
    apiVersion: deps.config.salesforce.apiVersion,
    tokens: target.tokens,
    orgId: target.orgId,
    maxConcurrent: deps.config.salesforce.maxConcurrentRequests,
    sharedCap: sharedCapOf(deps.store, deps.config.jobLeaseMs),
    accounting: (orgId, calls) => {
      deps.store.apiCalls.increment(orgId, calls).catch((error: unknown) => {
        deps.logger.warn({ err: error, orgId }, 'could not record API calls');
      });
    },
    logger: deps.logger,
  });
}
