/**
 * Makes a checked sign-in the active connection: stores it (tokens encrypted by the store), records the org as seen,
 * notices a refreshed sandbox and approvals Salesforce revoked, revokes the previous connection's refresh token (and
 * reports when that failed), queues Auto Config or Verify, remembers the previous user for the unassign offer, and
 * writes one audit event that says what happened; the writes stand or fall together (one store transaction).
 */
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ClientAppConfig } from '../salesforce/oauthClient';
import type { NewConnection, Store, StoreTransaction } from '../store/types';
import type { Actor } from '../domain/actor';
import type { Connection } from '../domain/connection';
import type { JsonObject } from '../domain/json';
import { MAX_APPROVALS_PER_USER, checkApprovals } from './approvals';
import type { ConnectCandidate } from './signInResult';
import type { ConnectNote, PreviousUser } from './notes';
import { NotesStore } from './notes';
import type { AfterConnect } from './afterConnect';
import { revokeAtSalesforce } from './revoke';
import { type AuditAction, CONNECTION_AUDIT } from '../domain/audit';

/** What activation needs. */
export interface ActivateDeps {
  store: Store;
  logger: Logger;
  clock: Clock;
  clientApp: () => ClientAppConfig;
  engine: AfterConnect;
}

/** The new connection and what the admin should know about it. */
export interface Activation {
  connection: Connection;
  previous: Connection | null;
  jobId: string | null;
  notes: ConnectNote[];
  previousUser: PreviousUser | null;
  /** The audit action written: connection.connected, .reconnected, .updated or .org_changed. */
  action: AuditAction;
}

function auditAction(candidate: ConnectCandidate, previous: Connection | null): AuditAction {
  if (!previous) return CONNECTION_AUDIT.connected;
  if (previous.orgId !== candidate.org.id) return CONNECTION_AUDIT.orgChanged;
  return candidate.purpose === 'update' ? CONNECTION_AUDIT.updated : CONNECTION_AUDIT.reconnected;
}

async function refreshedSandboxNote(store: Store, candidate: ConnectCandidate): Promise<ConnectNote | null> {
  const earlier = (await store.orgsSeen.findByMyDomain(candidate.myDomain)).find((o) => o.orgId !== candidate.org.id);
  if (!earlier || !candidate.org.isSandbox) return null;
  return {
    kind: 'warning',
    code: 'sandbox_refreshed',
    message:
      `This sandbox was refreshed: ${candidate.myDomain} now belongs to org ${candidate.org.id}, not ` +
      `${earlier.orgId} (${earlier.name}) as before. GRAX treats it as a new org; what GRAX kept of the earlier org ` +
      'is not deleted.',
  };
}

function revokeFailedNote(previous: Connection, reason: string): ConnectNote {
  return {
    kind: 'warning',
    code: 'previous_revoke_failed',
    message:
      `The previous authorization (${previous.username} in ${previous.orgName}) could not be revoked at ` +
      `Salesforce: ${reason}. Revoke it in Salesforce (Setup > Connected Apps OAuth Usage, GRAX Connect, ` +
      'Revoke) so it cannot be used.',
  };
}

function newConnection(candidate: ConnectCandidate): NewConnection {
  const { tokens, org, user } = candidate;
  return {
    orgId: org.id,
    orgName: org.name,
    environment: candidate.environment,
    orgType: candidate.orgType,
    instanceUrl: tokens.instanceUrl,
    loginUrl: candidate.loginUrl,
    myDomain: candidate.myDomain,
    userId: user.id,
    username: user.username,
    mode: candidate.mode,
    identityUrl: tokens.idUrl,
    scopes: (tokens.scope ?? '').split(/\s+/).filter(Boolean),
    refreshToken: tokens.refreshToken,
    accessToken: tokens.accessToken,
    issuedAt: tokens.issuedAt,
  };
}

/**
 * Stores the candidate as the active connection and does everything that follows from it. The previous token is
 * revoked at Salesforce first (a network call, outside any transaction); then every write (the setup token used up,
 * the connection, the org seen, tokens Salesforce revoked, the permission job, the notes and the audit event) is made in one store
 * transaction, so a crash leaves either all of them or none: never an active connection without its audit event or
 * job. If that transaction fails, the new token is revoked too, so no approval is left behind that GRAX does not hold.
 */
export async function activateCandidate(
  deps: ActivateDeps,
  candidate: ConnectCandidate,
  actor: Actor,
  previous: Connection | null,
  /** A first write of the same transaction (using up the setup token); throwing stops the activation. */
  firstWrite?: (tx: StoreTransaction) => Promise<void>,
): Promise<Activation> {
  const { store, logger } = deps;
  const { org, user } = candidate;
  const notes: ConnectNote[] = [];
  const sandboxNote = await refreshedSandboxNote(store, candidate);
  if (sandboxNote) notes.push(sandboxNote);
  const approvals = await checkApprovals(store.connections, org.id, user.id);
  for (const pushedOut of approvals.revokedBySalesforce) {
    notes.push({
      kind: 'warning',
      code: 'approval_revoked_by_salesforce',
      message:
        `Salesforce allows ${MAX_APPROVALS_PER_USER} approvals per user for the GRAX Connect app, so this sign-in made ` +
        `it revoke the oldest approval of ${user.username} (from ${pushedOut.connectedAt.toISOString().slice(0, 10)}).`,
    });
  }

  let previousRevoked: boolean | null = null;
  if (previous?.refreshToken) {
    const outcome = await revokeAtSalesforce(previous.loginUrl, deps.clientApp(), previous.refreshToken, logger);
    previousRevoked = outcome.ok;
    if (!outcome.ok) notes.push(revokeFailedNote(previous, outcome.reason));
  }
  const liveAfter = approvals.live - (previousRevoked && previous?.userId === user.id ? 1 : 0);
  if (approvals.revokedBySalesforce.length === 0 && liveAfter >= MAX_APPROVALS_PER_USER) {
    notes.push({
      kind: 'warning',
      code: 'approval_limit_near',
      message:
        `${user.username} now has ${liveAfter} approvals of the GRAX Connect app held by GRAX, Salesforce's limit. ` +
        'The next sign-in of this user will make Salesforce revoke the oldest one.',
    });
  }
  const previousUser: PreviousUser | null =
    previous && (previous.userId !== user.id || previous.orgId !== org.id)
      ? {
          connectionId: previous.id,
          orgId: previous.orgId,
          orgName: previous.orgName,
          userId: previous.userId,
          username: previous.username,
          sameOrg: previous.orgId === org.id,
        }
      : null;
  const action = auditAction(candidate, previous);

  let stored: { connection: Connection; jobId: string | null };
  try {
    stored = await store.transaction(async (tx) => {
      await firstWrite?.(tx);
      const connection = await tx.connections.activate(newConnection(candidate));
      await tx.orgsSeen.record({
        orgId: org.id,
        name: org.name,
        instanceUrl: candidate.tokens.instanceUrl,
        myDomain: candidate.myDomain,
        environment: candidate.environment,
      });
      for (const pushedOut of approvals.revokedBySalesforce) {
        await tx.connections.update(pushedOut.id, { refreshToken: null, accessToken: null });
      }
      if (previous && previousRevoked) {
        await tx.connections.update(previous.id, { refreshToken: null, accessToken: null });
      }
      const jobId = await queueJob(deps, tx, connection, actor, notes);
      await new NotesStore(tx.settings).set({ connectionId: connection.id, notes, previousUser });
      const details: JsonObject = {
        connectionId: connection.id,
        orgName: org.name,
        username: user.username,
        environment: candidate.environment,
        orgType: candidate.orgType,
        mode: candidate.mode,
        jobId,
        notes: notes.map((n) => n.code),
      };
      if (previous) {
        details.previous = { orgId: previous.orgId, orgName: previous.orgName, username: previous.username };
        details.previousTokenRevoked = previousRevoked;
      }
      await tx.audit.append({ actor, action, target: user.id, orgId: org.id, details });
      return { connection, jobId };
    });
  } catch (error) {
    // Nothing was stored: give the approval back rather than leave a token at Salesforce that nobody holds.
    const token = candidate.tokens.refreshToken;
    if (token) await revokeAtSalesforce(candidate.loginUrl, deps.clientApp(), token, logger);
    throw error;
  }
  if (stored.jobId) deps.engine.kick();
  logger.info(
    { connectionId: stored.connection.id, orgId: org.id, action, connectionState: 'connected' },
    'Salesforce connected',
  );
  return { connection: stored.connection, previous, jobId: stored.jobId, notes, previousUser, action };
}

/** Queues Auto Config or Verify in the activation's transaction; a failure becomes a note, not a failed connect. */
async function queueJob(
  deps: ActivateDeps,
  tx: StoreTransaction,
  connection: Connection,
  actor: Actor,
  notes: ConnectNote[],
): Promise<string | null> {
  try {
    return await tx.transaction((step) => deps.engine.startAfterConnect(connection, connection.mode, actor, step.jobs));
  } catch (error) {
    deps.logger.error(
      { err: error, connectionId: connection.id },
      'could not start the permission job after connecting',
    );
    notes.push({
      kind: 'warning',
      code: 'job_not_started',
      message: `${connection.mode === 'auto_config' ? 'Auto Config' : 'Verify'} could not be started. Start it again from the home page.`,
    });
    return null;
  }
}
