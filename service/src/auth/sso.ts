/**
 * Sign-in with Salesforce (SSO) for individuals, against the connected org only, deny by default.
 *
 * `start` sends the browser to the connected org's own login host (its My Domain) with scope `id`, PKCE and
 * prompt=login, binding a one-time state to the browser. `resolve` runs when Salesforce sends the browser back:
 * it exchanges the code, reads the identity with a Bearer header, refuses a user of any other org, revokes the
 * individual's token at once (GRAX keeps no individual tokens), and reads the person's GRAX role with the
 * integration connection's token. `completeSignIn` and `completeReauth` turn that into the two flows' outcomes and
 * record them in the audit log.
 */
import type { Clock } from '../clock';
import { actorOfPrincipal } from '../domain/actor';
import { tokenRequestFailed } from '../connection/callbackErrors';
import { sameSalesforceId } from '../domain/salesforceIds';
import { randomToken } from '../crypto/random';
import type { Logger } from '../logger';
import type { Identity } from '../salesforce/identity';
import { fetchIdentity, IdentityError } from '../salesforce/identity';
import type { LoginHostPolicy } from '../salesforce/loginHosts';
import { resolveLoginHost } from '../salesforce/loginHosts';
import type { ClientAppConfig, TokenResponse } from '../salesforce/oauthClient';
import { buildAuthorizationUrl, exchangeCode, OAuthError, revokeToken } from '../salesforce/oauthClient';
import type { Store } from '../store/types';
import type { OAuthStateRecord } from '../domain/connection';
import type { Actor, Role, SessionPrincipal } from '../domain/actor';
import { AUTH_AUDIT } from '../domain/audit';
import type { ActiveConnectionSource, IntegrationConnection } from './integrationConnection';
import type { SsoUnavailableReason } from './ssoErrors';
import { identityUnreadable, roleCheckFailed, ssoUnavailable } from './ssoErrors';
import type { SsoRoleMappings } from './ssoMappings';
import type { RoleSource, SsoRoleDecision } from './ssoRoleRules';
import { readSsoRole } from './ssoRoles';

/** How long a browser may take between leaving for Salesforce and coming back. */
export const SSO_STATE_TTL_MS = 10 * 60_000;

export interface SsoDeps {
  store: Pick<Store, 'oauthStates' | 'audit'>;
  clock: Clock;
  logger: Logger;
  /** The External Client App; null when the service has none configured. */
  clientApp: ClientAppConfig | null;
  connection: ActiveConnectionSource;
  loginPolicy: LoginHostPolicy;
  mappings: SsoRoleMappings;
}

export type SsoAvailability =
  { available: true; connection: IntegrationConnection } | { available: false; reason: SsoUnavailableReason };

/** A denial the person can act on. */
export type SsoDenial = Extract<SsoRoleDecision, { kind: 'noRole' | 'notStandard' }>;

/** What Salesforce sign-in found out about the person. */
export type SsoResolution =
  | {
      kind: 'allowed';
      identity: Identity;
      role: Role;
      sources: RoleSource[];
      connection: IntegrationConnection;
      /** The person signed in as the integration user itself. */
      integrationUser: boolean;
    }
  | { kind: 'otherOrg'; identity: Identity; connectedOrgName: string }
  | { kind: 'inactive'; username: string | null; connectedOrgName: string }
  | { kind: 'denied'; identity: Identity; denial: SsoDenial; connectedOrgName: string };

/** The outcome of re-authentication through Salesforce. */
export type SsoReauthOutcome =
  | { kind: 'confirmed'; identity: Identity }
  | { kind: 'otherUser'; identity: Identity }
  | { kind: 'roleChanged'; resolution: SsoResolution }
  | { kind: 'refused'; resolution: Exclude<SsoResolution, { kind: 'allowed' }> };

/** The person as the audit log names them: display name as actor, username as the target of login events. */
function actorOfIdentity(identity: { userId: string; displayName: string }): Actor {
  return { kind: 'sso', id: identity.userId, name: identity.displayName };
}

export class SsoService {
  constructor(private readonly deps: SsoDeps) {}

  /** Whether Log in with Salesforce can run now, and against which connection. */
  async availability(): Promise<SsoAvailability> {
    if (!this.deps.clientApp) return { available: false, reason: 'not_configured' };
    const connection = await this.deps.connection();
    if (!connection || connection.state === 'disconnected') return { available: false, reason: 'not_connected' };
    if (connection.state === 'reauthorization_required') {
      return { available: false, reason: 'reauthorization_required' };
    }
    return { available: true, connection };
  }

  /** The login host SSO uses: the org's My Domain (instance URL) when it is a login host, else the connection's. */
  private loginUrlFor(connection: IntegrationConnection): string {
    const resolved = resolveLoginHost(
      { environment: connection.environment, myDomain: connection.instanceUrl },
      this.deps.loginPolicy,
    );
    return resolved.ok ? resolved.value.loginUrl : connection.loginUrl;
  }

  /** Creates the one-time state and returns the Salesforce URL to send the browser to. */
  async start(input: {
    purpose: 'sso' | 'reauth';
    browserId: string;
    returnTo: string | null;
    actor: Actor | null;
  }): Promise<{ url: string }> {
    const availability = await this.availability();
    if (!availability.available) throw ssoUnavailable(availability.reason);
    const { connection } = availability;
    const clientApp = this.requireClientApp();
    const loginUrl = this.loginUrlFor(connection);
    const state = randomToken(32);
    const { url, codeVerifier } = buildAuthorizationUrl(loginUrl, clientApp, { state, purpose: 'sso' });
    await this.deps.store.oauthStates.create({
      state,
      purpose: input.purpose,
      browserId: input.browserId,
      codeVerifier,
      environment: connection.environment,
      loginUrl,
      mode: null,
      expectedOrgId: connection.orgId,
      actor: input.actor,
      returnTo: input.returnTo,
      expiresAt: new Date(this.deps.clock.now().getTime() + SSO_STATE_TTL_MS),
    });
    return { url };
  }

  /** Finishes a sign-in: resolves the person and records the login or the refusal in the audit log. */
  async completeSignIn(state: OAuthStateRecord, code: string): Promise<SsoResolution> {
    const resolution = await this.resolve(state, code);
    await this.auditSignIn(resolution);
    return resolution;
  }

  /** Finishes a re-authentication: the same Salesforce user must come back, still holding the same role. */
  async completeReauth(state: OAuthStateRecord, code: string, principal: SessionPrincipal): Promise<SsoReauthOutcome> {
    const resolution = await this.resolve(state, code);
    let outcome: SsoReauthOutcome;
    if (resolution.kind !== 'allowed') {
      outcome =
        resolution.kind !== 'inactive' && !sameSalesforceId(resolution.identity.userId, principal.id)
          ? { kind: 'otherUser', identity: resolution.identity }
          : { kind: 'refused', resolution };
    } else if (!sameSalesforceId(resolution.identity.userId, principal.id)) {
      outcome = { kind: 'otherUser', identity: resolution.identity };
    } else if (resolution.role !== principal.role) {
      outcome = { kind: 'roleChanged', resolution };
    } else {
      outcome = { kind: 'confirmed', identity: resolution.identity };
    }
    const actor = actorOfPrincipal(principal);
    await this.deps.store.audit.append(
      outcome.kind === 'confirmed'
        ? { actor, action: AUTH_AUDIT.reauthenticated, target: outcome.identity.username, orgId: principal.orgId }
        : {
            actor,
            action: AUTH_AUDIT.reauthFailed,
            target: 'identity' in outcome ? outcome.identity.username : null,
            orgId: principal.orgId,
            details: { reason: outcome.kind },
          },
    );
    return outcome;
  }

  private requireClientApp(): ClientAppConfig {
    if (!this.deps.clientApp) throw ssoUnavailable('not_configured');
    return this.deps.clientApp;
  }

  /** Exchange, identity, org check, revoke, role: everything both flows share. */
  private async resolve(state: OAuthStateRecord, code: string): Promise<SsoResolution> {
    const availability = await this.availability();
    if (!availability.available) throw ssoUnavailable(availability.reason);
    const { connection } = availability;
    const clientApp = this.requireClientApp();
    let tokens: TokenResponse;
    try {
      tokens = await exchangeCode(state.loginUrl, clientApp, code, state.codeVerifier);
    } catch (error) {
      if (error instanceof OAuthError && error.kind === 'salesforce' && /inactive user/i.test(error.description)) {
        return { kind: 'inactive', username: null, connectedOrgName: connection.orgName };
      }
      if (error instanceof OAuthError) throw tokenRequestFailed(state.purpose, error);
      throw error;
    }
    let identity: Identity;
    try {
      identity = await fetchIdentity(tokens.idUrl, tokens.accessToken, this.deps.loginPolicy);
    } catch (error) {
      if (error instanceof IdentityError) {
        this.deps.logger.warn({ reason: error.kind }, 'SSO: identity could not be read');
        throw identityUnreadable();
      }
      throw error;
    } finally {
      // The individual's token is needed for the identity only: revoked whether that read worked or not.
      await this.revoke(state.loginUrl, clientApp, tokens.accessToken);
    }

    const expectedOrg = state.expectedOrgId ?? connection.orgId;
    const sameOrg =
      sameSalesforceId(identity.orgId, expectedOrg) &&
      sameSalesforceId(identity.orgId, connection.orgId) &&
      sameSalesforceId(tokens.orgId, identity.orgId);
    if (!sameOrg) return { kind: 'otherOrg', identity, connectedOrgName: connection.orgName };
    if (!identity.active)
      return { kind: 'inactive', username: identity.username, connectedOrgName: connection.orgName };

    let decision: SsoRoleDecision;
    try {
      const mappings = await this.deps.mappings.list();
      decision = await readSsoRole(connection.client(), identity.userId, this.deps.clock.now(), mappings);
    } catch (error) {
      this.deps.logger.warn(
        { err: error, orgId: connection.orgId },
        'SSO: the GRAX role could not be read with the integration connection',
      );
      throw roleCheckFailed(connection.orgName);
    }
    if (decision.kind === 'inactive') {
      return { kind: 'inactive', username: identity.username, connectedOrgName: connection.orgName };
    }
    if (decision.kind !== 'allowed') {
      return { kind: 'denied', identity, denial: decision, connectedOrgName: connection.orgName };
    }
    return {
      kind: 'allowed',
      identity,
      role: decision.role,
      sources: decision.sources,
      connection,
      integrationUser: sameSalesforceId(identity.userId, connection.userId),
    };
  }

  /** Revokes the individual's token; a failure is logged and does not stop the sign-in (the token expires anyway). */
  private async revoke(loginUrl: string, clientApp: ClientAppConfig, accessToken: string): Promise<void> {
    try {
      await revokeToken(loginUrl, clientApp, accessToken);
    } catch (error) {
      const reason = error instanceof OAuthError ? error.error : 'unknown';
      this.deps.logger.warn({ reason }, "SSO: revoking the individual's token failed; it expires on its own");
    }
  }

  private async auditSignIn(resolution: SsoResolution): Promise<void> {
    const audit = this.deps.store.audit;
    if (resolution.kind === 'inactive') {
      await audit.append({
        actor: { kind: 'sso', id: 'unknown', name: resolution.username ?? 'inactive Salesforce user' },
        action: AUTH_AUDIT.ssoDenied,
        target: resolution.username,
        details: { reason: 'inactive' },
      });
      return;
    }
    const { identity } = resolution;
    if (resolution.kind !== 'allowed') {
      const reason = resolution.kind === 'otherOrg' ? 'other_org' : resolution.denial.kind;
      await audit.append({
        actor: actorOfIdentity(identity),
        action: AUTH_AUDIT.ssoDenied,
        target: identity.username,
        orgId: identity.orgId,
        details: { reason },
      });
      return;
    }
    const details = { role: resolution.role, grantedBy: resolution.sources.map((s) => s.name).join(', ') };
    await audit.append({
      actor: actorOfIdentity(identity),
      action: AUTH_AUDIT.ssoLogin,
      target: identity.username,
      orgId: identity.orgId,
      details,
    });
    if (resolution.integrationUser) {
      await audit.append({
        actor: actorOfIdentity(identity),
        action: AUTH_AUDIT.integrationUserLogin,
        target: identity.username,
        orgId: identity.orgId,
        details,
      });
    }
  }
}

/** The session principal of an allowed SSO sign-in. */
export function ssoPrincipal(resolution: Extract<SsoResolution, { kind: 'allowed' }>): SessionPrincipal {
  return {
    kind: 'sso',
    id: resolution.identity.userId,
    displayName: resolution.identity.displayName,
    role: resolution.role,
    orgId: resolution.identity.orgId,
  };
}
