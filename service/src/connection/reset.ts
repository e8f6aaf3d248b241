/**
 * Reset GRAX: disconnects the org on purpose. After the admin typed the org name, it deletes the link key stored in
 * the org's External Credential principal (Connect REST, best effort), revokes the refresh token at Salesforce (best
 * effort; every other token GRAX still holds too), revokes every link key, deletes the tokens locally and marks the
 * connection `disconnected`, then emails the ADMIN_EMAIL addresses a link to connect again. SSO stops until a new
 * connection (existing SSO sessions end at their next request).
 * Connection history and job history are kept. Each best-effort step is reported, never hidden.
 */
import type { Logger } from '../logger';
import { SalesforceApiError } from '../salesforce/apiClient';
import type { SalesforceClient } from '../salesforce/apiClient';
import type { ClientAppConfig } from '../salesforce/oauthClient';
import { invalidFormField } from '../errors';
import type { Store } from '../store/types';
import type { Actor } from '../domain/actor';
import type { Connection } from '../domain/connection';
import { NotesStore } from './notes';
import type { RevokeOutcome } from './revoke';
import { revokeAtSalesforce } from './revoke';
import { notConnected } from './tokens';
import type { LinkSent, ReconnectLinks } from './reconnectLink';
import { CONNECTION_AUDIT } from '../domain/audit';

/** The packaged External Credential principal that holds the org's link key. */
export const LINK_CREDENTIAL = {
  externalCredential: 'GRAX_Service',
  principalName: 'Link',
  principalType: 'NamedPrincipal',
} as const;

/** What happened to the key stored in the org. */
export type CredentialOutcome = { ok: true; deleted: boolean } | { ok: false; reason: string };

/** What Reset did, for the result page and the audit event. */
export interface ResetReport {
  orgName: string;
  tokenRevoked: RevokeOutcome;
  credential: CredentialOutcome;
  linkKeysRevoked: number;
  /** The link to connect again emailed to the ADMIN_EMAIL addresses. */
  reconnectLink: LinkSent;
}

/** What Reset needs. */
export interface ResetDeps {
  store: Store;
  logger: Logger;
  clientApp: () => ClientAppConfig;
  /** An API client acting as the connection's integration user. */
  client: (connection: Connection) => SalesforceClient;
  reconnectLinks: Pick<ReconnectLinks, 'send'>;
}

/** True when the typed name is the org's name (surrounding spaces ignored, case-sensitive like Salesforce shows it). */
export function orgNameConfirmed(typed: unknown, orgName: string): boolean {
  return typeof typed === 'string' && typed.trim() === orgName.trim();
}

async function deleteOrgCredential(deps: ResetDeps, connection: Connection): Promise<CredentialOutcome> {
  if (connection.state !== 'connected') {
    return { ok: false, reason: 'GRAX could not reach the org because the connection needs reconnecting' };
  }
  try {
    await deps.client(connection).send({
      method: 'DELETE',
      path: '/named-credentials/credential',
      query: { ...LINK_CREDENTIAL },
    });
    return { ok: true, deleted: true };
  } catch (error) {
    if (error instanceof SalesforceApiError && (error.status === 404 || error.errorCode === 'NOT_FOUND')) {
      return { ok: true, deleted: false };
    }
    deps.logger.warn({ err: error, orgId: connection.orgId }, 'could not delete the link key stored in the org');
    const reason =
      error instanceof SalesforceApiError
        ? `Salesforce answered ${error.errorCode}`
        : 'GRAX could not reach the org to delete it';
    return { ok: false, reason };
  }
}

/** Revokes and forgets every token GRAX still holds from earlier connections. */
async function forgetHistoryTokens(deps: ResetDeps, activeId: string): Promise<void> {
  for (const old of await deps.store.connections.listHistory(200)) {
    if (old.id === activeId || !old.refreshToken) continue;
    const outcome = await revokeAtSalesforce(old.loginUrl, deps.clientApp(), old.refreshToken, deps.logger);
    if (outcome.ok) await deps.store.connections.update(old.id, { refreshToken: null, accessToken: null });
  }
}

/** Resets GRAX; `typedOrgName` must be the connected org's name. */
export async function resetConnection(deps: ResetDeps, actor: Actor, typedOrgName: unknown): Promise<ResetReport> {
  const connection = await deps.store.connections.getActive();
  if (!connection || connection.state === 'disconnected') throw notConnected();
  if (!orgNameConfirmed(typedOrgName, connection.orgName)) {
    throw invalidFormField('orgName', `Type the org name exactly as shown: ${connection.orgName}`);
  }

  const credential = await deleteOrgCredential(deps, connection);
  // Read again: deleting the credential may have refreshed (and rotated) the tokens.
  const current = (await deps.store.connections.get(connection.id)) ?? connection;
  const token = current.refreshToken ?? current.accessToken;
  const tokenRevoked: RevokeOutcome = token
    ? await revokeAtSalesforce(current.loginUrl, deps.clientApp(), token, deps.logger)
    : { ok: true };
  await forgetHistoryTokens(deps, connection.id);
  const linkKeysRevoked = await deps.store.linkKeys.revokeAll();
  await deps.store.connections.update(connection.id, {
    state: 'disconnected',
    refreshToken: null,
    accessToken: null,
    lastError: null,
  });
  await new NotesStore(deps.store.settings).clear();

  const report: Omit<ResetReport, 'reconnectLink'> = {
    orgName: connection.orgName,
    tokenRevoked,
    credential,
    linkKeysRevoked,
  };
  await deps.store.audit.append({
    actor,
    action: CONNECTION_AUDIT.reset,
    target: connection.userId,
    orgId: connection.orgId,
    details: {
      connectionId: connection.id,
      orgName: connection.orgName,
      username: connection.username,
      tokenRevoked: tokenRevoked.ok,
      ...(tokenRevoked.ok ? {} : { tokenRevokeProblem: tokenRevoked.reason }),
      credentialDeleted: credential.ok ? credential.deleted : false,
      ...(credential.ok ? {} : { credentialProblem: credential.reason }),
      linkKeysRevoked,
    },
  });
  deps.logger.info({ orgId: connection.orgId, connectionState: 'disconnected' }, 'GRAX was reset');
  // After the reset is recorded: the admins get the way back in by email.
  const reconnectLink = await deps.reconnectLinks.send('reset', connection.orgName);
  return { ...report, reconnectLink };
}
