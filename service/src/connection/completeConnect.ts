/**
 * The end of the connect and update flows, after the callback consumed the state: read and check the sign-in, apply
 * the org-change guard (another org than before only for a GRAX admin who re-authenticated in the last 5 minutes, and
 * only after a confirmation page naming both orgs), use up the first-run setup token, and activate the connection.
 * Confirming or cancelling a pending org change lives here too.
 */
import { reauthRequired } from '../errors';
import type { Store, StoreTransaction } from '../store/types';
import type { OAuthStateRecord } from '../domain/connection';
import type { SessionPrincipal } from '../domain/actor';
import type { Connection } from '../domain/connection';
import type { Activation, ActivateDeps } from './activate';
import { activateCandidate } from './activate';
import { SETUP_ACTOR, actorOfPrincipal } from '../domain/actor';
import {
  orgChangeNotAllowed,
  pendingOrgChangeGone,
  reconnectLinkRefused,
  setupTokenAlreadyUsed,
  signInStarterGone,
} from './connectErrors';
import type { ReconnectLinks } from './reconnectLink';
import { RECONNECT_LINK_ACTOR } from './reconnectLink';
import type { PendingOrgChanges } from './pendingOrgChange';
import { revokeAtSalesforce } from './revoke';
import type { ConnectCandidate, SignInDeps } from './signInResult';
import { readSignIn } from './signInResult';
import type { SetupToken } from './setupToken';
import { CONNECTION_AUDIT } from '../domain/audit';

/** Everything the connect flows need. */
export interface FlowDeps extends SignInDeps, ActivateDeps {
  store: Store;
  setupToken: SetupToken;
  reconnectLinks: ReconnectLinks;
  pending: PendingOrgChanges;
}

/** Who is at the callback (or the confirmation page). */
export interface FlowRequester {
  principal: SessionPrincipal | null;
  recentlyReauthenticated: boolean;
  /** The emailed reconnect link this browser followed (null when none). */
  reconnectLink?: string | null;
}

/** An org in the admin's words. */
export interface OrgSummary {
  id: string;
  name: string;
  username: string;
}

/** How a callback ended. */
export type ConnectOutcome =
  | { kind: 'activated'; activation: Activation }
  | { kind: 'confirm_org_change'; pendingId: string; previous: OrgSummary; next: OrgSummary };

/** The connection an org change is measured against: the active one, else the latest in history. */
export async function previousConnection(store: Pick<Store, 'connections'>): Promise<Connection | null> {
  return (await store.connections.getActive()) ?? (await store.connections.listHistory(1))[0] ?? null;
}

function connectionSummary(connection: Connection): OrgSummary {
  return { id: connection.orgId, name: connection.orgName, username: connection.username };
}

function candidateSummary(candidate: ConnectCandidate): OrgSummary {
  return { id: candidate.org.id, name: candidate.org.name, username: candidate.user.username };
}

function mayChangeOrg(requester: FlowRequester): requester is FlowRequester & { principal: SessionPrincipal } {
  return requester.principal?.role === 'admin' && requester.recentlyReauthenticated;
}

async function revokeCandidate(deps: FlowDeps, candidate: ConnectCandidate): Promise<void> {
  const token = candidate.tokens.refreshToken ?? candidate.tokens.accessToken;
  await revokeAtSalesforce(candidate.loginUrl, deps.clientApp(), token, deps.logger);
}

/**
 * Who may finish a sign-in at the callback, checked before the code is exchanged: a sign-in a GRAX user started
 * finishes only while that user, still an admin, is signed in in this browser; an Update (changing a working
 * connection) also needs their re-authentication to be from the last 5 minutes still, whatever org comes back.
 */
function checkRequesterAtCallback(state: OAuthStateRecord, requester: FlowRequester): void {
  const { actor } = state;
  const startedByPerson = actor?.kind === 'sso' || actor?.kind === 'local';
  const { principal } = requester;
  if (startedByPerson || state.purpose === 'update') {
    const sameUser = principal?.kind === actor?.kind && principal?.id === actor?.id;
    if (!principal || principal.role !== 'admin' || !sameUser) throw signInStarterGone();
  }
  if (state.purpose === 'update' && !requester.recentlyReauthenticated) throw reauthRequired();
}

/** Finishes a connect or update sign-in. */
export async function completeConnect(
  deps: FlowDeps,
  state: OAuthStateRecord,
  code: string,
  requester: FlowRequester,
): Promise<ConnectOutcome> {
  checkRequesterAtCallback(state, requester);
  const candidate = await readSignIn(deps, state, code);
  const previous = await previousConnection(deps.store);
  let usesSetupToken = false;
  try {
    if (previous && previous.orgId !== candidate.org.id) {
      const next = candidateSummary(candidate);
      const before = connectionSummary(previous);
      if (!mayChangeOrg(requester)) {
        const last = { ...before, connected: previous.state !== 'disconnected' };
        const viaLink = candidate.actor?.id === RECONNECT_LINK_ACTOR.id;
        throw orgChangeNotAllowed(last, next, candidate.actor?.kind === 'setup', viaLink);
      }
      const pendingId = await deps.pending.save(candidate, requester.principal);
      await deps.store.audit.append({
        actor: actorOfPrincipal(requester.principal),
        action: CONNECTION_AUDIT.orgChangeRequested,
        target: candidate.user.id,
        orgId: candidate.org.id,
        details: { fromOrgId: previous.orgId, fromOrgName: previous.orgName, toOrgName: candidate.org.name },
      });
      return { kind: 'confirm_org_change', pendingId, previous: before, next };
    }
    // The first connection uses up the setup token, and a sign-in started with an operator's token uses that one up
    // (both in the activation's transaction): a sign-in a token started cannot finish once the token is used.
    if (candidate.actor?.id === RECONNECT_LINK_ACTOR.id) {
      // A sign-in the emailed link started uses that link up (atomically, once), in the browser that followed it.
      if (!(await deps.reconnectLinks.consume(requester.reconnectLink ?? ''))) throw reconnectLinkRefused('used');
    } else {
      usesSetupToken = (await deps.setupToken.required()) || candidate.actor?.kind === 'setup';
      // Refused here, before activation revokes the previous authorization; the transaction uses it up (and refuses
      // the loser of two sign-ins finishing at the same moment).
      if (usesSetupToken && !(await deps.setupToken.accepted())) throw setupTokenAlreadyUsed();
    }
  } catch (error) {
    await revokeCandidate(deps, candidate);
    throw error;
  }
  const actor = candidate.actor ?? (requester.principal ? actorOfPrincipal(requester.principal) : SETUP_ACTOR);
  const consumeSetupToken = usesSetupToken
    ? async (tx: StoreTransaction) => {
        if (!(await deps.setupToken.consume('connect', tx))) throw setupTokenAlreadyUsed();
      }
    : undefined;
  const activation = await activateCandidate(deps, candidate, actor, previous, consumeSetupToken);
  // Connected again, however it happened: an emailed link still out there opens nothing any more.
  await deps.reconnectLinks.discard();
  return { kind: 'activated', activation };
}

/** The pending org change as the confirmation page shows it. */
export async function describeOrgChange(
  deps: FlowDeps,
  pendingId: string,
  principal: SessionPrincipal,
): Promise<{ previous: OrgSummary | null; next: OrgSummary; environment: string; mode: string }> {
  const candidate = await deps.pending.load(pendingId, principal);
  const previous = await previousConnection(deps.store);
  return {
    previous: previous && connectionSummary(previous),
    next: candidateSummary(candidate),
    environment: candidate.environment,
    mode: candidate.mode,
  };
}

/** Confirms a pending org change: the new org becomes the active connection; nothing of the old org is deleted. */
export async function confirmOrgChange(
  deps: FlowDeps,
  pendingId: string,
  requester: FlowRequester,
): Promise<Activation> {
  if (!requester.principal) throw reauthRequired();
  const candidate = await deps.pending.load(pendingId, requester.principal);
  if (!mayChangeOrg(requester)) throw reauthRequired();
  // Of two confirmations racing, only the one that removes the pending change goes on.
  if (!(await deps.pending.remove(pendingId))) throw pendingOrgChangeGone();
  const previous = await previousConnection(deps.store);
  const activation = await activateCandidate(deps, candidate, actorOfPrincipal(requester.principal), previous);
  await deps.reconnectLinks.discard();
  return activation;
}

/** Cancels a pending org change: its tokens are revoked, the current connection stays as it is. */
export async function cancelOrgChange(deps: FlowDeps, pendingId: string, principal: SessionPrincipal): Promise<void> {
  const candidate = await deps.pending.load(pendingId, principal);
  await deps.pending.discard(pendingId, candidate);
  await deps.store.audit.append({
    actor: actorOfPrincipal(principal),
    action: CONNECTION_AUDIT.orgChangeCancelled,
    target: candidate.user.id,
    orgId: candidate.org.id,
    details: { orgName: candidate.org.name, username: candidate.user.username },
  });
}
