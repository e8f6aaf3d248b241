/**
 * The connection use cases wired to the service's core once: start (web form or connect link), complete the
 * callback, confirm or cancel an org change, reset, unassign the previous user. Routes and other features (the org
 * API's connect links, sign-in's view of the connection) use this object; none of them sees the wiring.
 */
import type { CoreServices } from '../app';
import type { Actor, OAuthStateRecord, SessionPrincipal } from '../store/types';
import type { Activation } from './activate';
import type { ConnectOutcome, FlowDeps, FlowRequester } from './completeConnect';
import { cancelOrgChange, completeConnect, confirmOrgChange, describeOrgChange } from './completeConnect';
import type { ConnectionService } from './connectionService';
import { NotesStore } from './notes';
import { PendingOrgChanges } from './pendingOrgChange';
import type { PermissionEngine } from './permissionEngine';
import type { ResetReport } from './reset';
import { resetConnection } from './reset';
import { SetupToken } from './setupToken';
import type { ConnectRequester, StartConnectInput, StartedConnect } from './startConnect';
import { authorizeConnect, startConnect } from './startConnect';
import type { UnassignReport } from './unassignPrevious';
import { unassignPreviousUser } from './unassignPrevious';

/** What the flows are built from besides the core services. */
export interface FlowOptions {
  /** The service's one ConnectionService (shared with the permission engine and sign-in). */
  connections: ConnectionService;
  engine: PermissionEngine;
  /** Prints the generated setup token once. */
  announce: (text: string) => void;
}

/** The connection flows of one service. */
export class ConnectionFlows {
  readonly connections: ConnectionService;
  readonly setupToken: SetupToken;
  readonly notes: NotesStore;
  private readonly deps: FlowDeps;

  constructor(
    readonly core: CoreServices,
    options: FlowOptions,
  ) {
    const { config, store, logger, clock, secretBox } = core;
    this.connections = options.connections;
    this.setupToken = new SetupToken({ store, config, logger, announce: options.announce });
    this.notes = new NotesStore(store.settings);
    const clientApp = () => this.connections.clientApp();
    this.deps = {
      config,
      store,
      logger,
      clock,
      clientApp,
      engine: options.engine,
      setupToken: this.setupToken,
      pending: new PendingOrgChanges({ settings: store.settings, secretBox, clock, logger, clientApp }),
    };
  }

  /** Starts the OAuth round trip (web form after `authorize`, or a connect link with its `expectedOrgId`). */
  startConnect(input: StartConnectInput): Promise<StartedConnect> {
    return startConnect(this.deps, input);
  }

  /** Who may post the connect form, and as which actor. */
  authorize(requester: ConnectRequester): Promise<Actor> {
    return authorizeConnect(this.deps, requester);
  }

  /** Finishes a connect or update sign-in at the callback. */
  complete(state: OAuthStateRecord, code: string, requester: FlowRequester): Promise<ConnectOutcome> {
    return completeConnect(this.deps, state, code, requester);
  }

  /** The pending org change for the confirmation page. */
  describeOrgChange(pendingId: string, principal: SessionPrincipal): ReturnType<typeof describeOrgChange> {
    return describeOrgChange(this.deps, pendingId, principal);
  }

  /** Confirms a pending org change. */
  confirmOrgChange(pendingId: string, requester: FlowRequester): Promise<Activation> {
    return confirmOrgChange(this.deps, pendingId, requester);
  }

  /** Cancels a pending org change and revokes its tokens. */
  cancelOrgChange(pendingId: string, principal: SessionPrincipal): Promise<void> {
    return cancelOrgChange(this.deps, pendingId, principal);
  }

  /** Reset GRAX. */
  reset(actor: Actor, typedOrgName: unknown): Promise<ResetReport> {
    return resetConnection({ ...this.deps, client: (c) => this.connections.client(c) }, actor, typedOrgName);
  }

  /** Removes the GRAX permission sets from the previous integration user (same org). */
  unassignPrevious(actor: Actor): Promise<UnassignReport> {
    return unassignPreviousUser({ ...this.deps, client: (c) => this.connections.client(c) }, actor);
  }
}
