/**
 * Token lifecycle of the active connection: the `TokenProvider` the Salesforce API client asks for a Bearer token.
 * It hands out the stored (decrypted) access token, and when Salesforce says the session ended it refreshes once for
 * every caller at the same time (single flight), storing the new access token and a rotated refresh token. When
 * Salesforce refuses the refresh token (`invalid_grant`: revoked, expired by policy, user deactivated), the connection
 * becomes `reauthorization_required`, which is audited, shown on every page with a one-click Reconnect, and reported
 * once to the admins by email with a reconnect link.
 */
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { TokenProvider } from '../salesforce/apiClient';
import type { ClientAppConfig, TokenResponse } from '../salesforce/oauthClient';
import { OAuthError, refreshTokens } from '../salesforce/oauthClient';
import type { AuditRepository, ConnectionRepository } from '../store/types';
import type { Connection } from '../domain/connection';
import { SYSTEM_ACTOR } from '../domain/actor';
import { CONNECTION_AUDIT } from '../domain/audit';

/** What the token provider needs. */
export interface TokenDeps {
  connections: ConnectionRepository;
  audit: AuditRepository;
  logger: Logger;
  clock: Clock;
  clientApp: () => ClientAppConfig;
  /** Refreshes in flight and just finished, by connection id, shared by every provider of one service. */
  inflight: Map<string, Promise<string>>;
  recent: Map<string, { token: string; at: number }>;
  /** The refresh call (jsforce OAuth2); replaced only by tests of failure paths. */
  refresh?: typeof refreshTokens;
  /** Told once when the connection becomes `reauthorization_required` (emails the reconnect link). */
  onReauthorizationRequired?: (connection: Connection) => Promise<unknown>;
}

/** The stored authorization no longer works: an admin must connect again. */
export function reconnectRequired(orgName: string): AppError {
  return new AppError({
    code: 'RECONNECT_REQUIRED',
    kind: 'conflict',
    title: 'GRAX needs to be reconnected',
    message:
      `Salesforce no longer accepts GRAX Connect's authorization for ${orgName} (it was revoked, expired under the ` +
      "app's refresh-token policy, or the integration user was deactivated).",
    actions: ['A GRAX admin opens GRAX Connect and chooses Reconnect, then signs in as the integration user.'],
  });
}

/** GRAX is not connected (never, or after Reset). */
export function notConnected(): AppError {
  return new AppError({
    code: 'NOT_CONNECTED',
    kind: 'conflict',
    title: 'GRAX is not connected',
    message: 'GRAX Connect is not connected to a Salesforce org.',
    actions: ['A GRAX admin connects it from the GRAX Connect home page.'],
  });
}

/** Salesforce could not be reached while refreshing the session. */
export function salesforceUnreachable(): AppError {
  return new AppError({
    code: 'SALESFORCE_UNREACHABLE',
    kind: 'upstream_failed',
    title: 'Salesforce could not be reached',
    message: 'GRAX Connect could not reach Salesforce to renew its session. Nothing was changed.',
    actions: [
      'Wait a minute, then try again. If it persists, check that Salesforce is available (status.salesforce.com).',
    ],
  });
}

/** How long a just-refreshed token answers further refresh requests (requests sent before it was issued). */
const RECENT_REFRESH_MS = 5_000;

/** The token provider of one connection. */
export class ConnectionTokens implements TokenProvider {
  constructor(
    private readonly deps: TokenDeps,
    readonly connectionId: string,
  ) {}

  /** The current access token, refreshing first when none is stored. */
  async accessToken(): Promise<string> {
    const connection = await this.load();
    return connection.accessToken ?? this.refresh();
  }

  /**
   * A new access token; concurrent callers share one refresh call. A caller whose request failed with a token that
   * was replaced a moment ago (it was sent before the refresh finished) gets the new token instead of a second refresh.
   */
  refresh(): Promise<string> {
    const { inflight, recent } = this.deps;
    const pending = inflight.get(this.connectionId);
    if (pending) return pending;
    const last = recent.get(this.connectionId);
    if (last && performance.now() - last.at < RECENT_REFRESH_MS) return Promise.resolve(last.token);
    const started = this.refreshOnce()
      .then((token) => {
        recent.set(this.connectionId, { token, at: performance.now() });
        return token;
      })
      .finally(() => inflight.delete(this.connectionId));
    inflight.set(this.connectionId, started);
    return started;
  }

  private async load(): Promise<Connection> {
    const connection = await this.deps.connections.get(this.connectionId);
    // A replaced connection (Update, org change) or a reset one hands out no tokens: its authorization is revoked.
    if (!connection || !connection.active || connection.state === 'disconnected') throw notConnected();
    if (connection.state === 'reauthorization_required') throw reconnectRequired(connection.orgName);
    return connection;
  }

  private async refreshOnce(): Promise<string> {
    const connection = await this.load();
    if (!connection.refreshToken) return this.markReauthorizationRequired(connection, 'no refresh token is stored');
    let tokens: TokenResponse;
    try {
      tokens = await (this.deps.refresh ?? refreshTokens)(
        connection.loginUrl,
        this.deps.clientApp(),
        connection.refreshToken,
      );
    } catch (error) {
      if (error instanceof OAuthError && error.kind === 'salesforce' && error.error === 'invalid_grant') {
        return this.markReauthorizationRequired(connection, error.description);
      }
      this.deps.logger.warn(
        { connectionId: connection.id, errorCode: error instanceof OAuthError ? error.error : 'unknown' },
        'token refresh failed; the connection is unchanged',
      );
      if (error instanceof OAuthError && error.kind === 'network') throw salesforceUnreachable();
      throw error;
    }
    await this.deps.connections.update(connection.id, {
      accessToken: tokens.accessToken,
      issuedAt: tokens.issuedAt,
      instanceUrl: tokens.instanceUrl,
      // With refresh-token rotation Salesforce returns a new one and invalidates the old.
      ...(tokens.refreshToken && tokens.refreshToken !== connection.refreshToken
        ? { refreshToken: tokens.refreshToken }
        : {}),
      lastError: null,
    });
    this.deps.logger.info(
      { connectionId: connection.id, rotated: tokens.refreshToken !== null },
      'Salesforce session refreshed',
    );
    return tokens.accessToken;
  }

  private async markReauthorizationRequired(connection: Connection, reason: string): Promise<never> {
    const at = this.deps.clock.now();
    await this.deps.connections.update(connection.id, {
      state: 'reauthorization_required',
      accessToken: null,
      lastError: {
        code: 'REFRESH_REFUSED',
        message: `Salesforce refused the refresh token: ${reason}`,
        at: at.toISOString(),
      },
    });
    await this.deps.audit.append({
      actor: SYSTEM_ACTOR,
      action: CONNECTION_AUDIT.reauthorizationRequired,
      target: connection.userId,
      orgId: connection.orgId,
      details: { connectionId: connection.id, username: connection.username, reason },
    });
    this.deps.logger.warn(
      { connectionId: connection.id, orgId: connection.orgId, connectionState: 'reauthorization_required' },
      'Salesforce refused the refresh token; GRAX needs to be reconnected',
    );
    // Once per incident: later callers find the connection in this state and never refresh again.
    await this.deps.onReauthorizationRequired?.(connection).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, connectionId: connection.id }, 'the reconnect link could not be sent');
    });
    throw reconnectRequired(connection.orgName);
  }
}
