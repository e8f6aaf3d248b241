/**
 * The connection use cases wired to the service's core once: start (web form or connect link), complete the
 * callback, confirm or cancel an org change, reset, unassign the previous user. Routes and other features (the org
 * API's connect links, sign-in's view of the connection) use this object; none of them sees the wiring.
 */
import type { Clock } from '../clock';
import type { CoreServices } from '../composition/core';
import type { Connection, OAuthStateRecord } from '../domain/connection';
import type { Job } from '../domain/jobs';
import type { ConsumeResult } from '../domain/oneTimeTokens';
import type { Actor, SessionPrincipal } from '../domain/actor';
import type { Activation } from './activate';
import type { ConnectOutcome, FlowDeps, FlowRequester } from './completeConnect';
import { cancelOrgChange, completeConnect, confirmOrgChange, describeOrgChange } from './completeConnect';
import type { ConnectionService } from './connectionService';
import { NotesStore } from './notes';
import { PendingOrgChanges } from './pendingOrgChange';
import type { AfterConnect } from './afterConnect';
import type { ReconnectLinks } from './reconnectLink';
import type { ResetReport } from './reset';
import { resetConnection } from './reset';
import { SetupToken } from './setupToken';
import type { StartupAccess } from './startupAccess';
import { startupAccess } from './startupAccess';
import type { ConnectRequester, StartConnectInput, StartedConnect } from './startConnect';
import { authorizeConnect, startConnect } from './startConnect';
import type { UnassignReport } from './unassignPrevious';
import { unassignPreviousUser } from './unassignPrevious';

/** What the flows are built from besides the core services. */
export interface FlowOptions {
  /** The service's one ConnectionService (shared with the permission engine and sign-in). */
  connections: ConnectionService;
  engine: AfterConnect;
  /** Prints the generated setup token once. */
  announce: (text: string) => void;
  /** The reconnect links emailed to the admins (shared with the token provider). */
  reconnectLinks: ReconnectLinks;
}

/** The connection flows of one service. */
export class ConnectionFlows {
  readonly connections: ConnectionService;
  readonly setupToken: SetupToken;
  readonly notes: NotesStore;
  readonly reconnectLinks: ReconnectLinks;
  private readonly deps: FlowDeps;

  /** PUBLIC_URL is https: cookies get Secure and the __Host- prefix. */
  readonly secureCookies: boolean;
  readonly clock: Clock;

  constructor(
    private readonly core: CoreServices,
    options: FlowOptions,
  ) {
    const { config, store, logger, clock, secretBox } = core;
    this.secureCookies = config.secureCookies;
    this.clock = clock;
    this.connections = options.connections;
    this.setupToken = new SetupToken({ store, config, logger, clock, announce: options.announce });
    this.notes = new NotesStore(store.settings);
    this.reconnectLinks = options.reconnectLinks;
    const clientApp = () => this.connections.clientApp();
    this.deps = {
      config,
      store,
      logger,
      clock,
      clientApp,
      engine: options.engine,
      setupToken: this.setupToken,
      reconnectLinks: options.reconnectLinks,
      pending: new PendingOrgChanges({ settings: store.settings, secretBox, clock, logger, clientApp }),
    };
  }

  /** Uses an OAuth state at the callback: it must exist, be unused and unexpired, and belong to this browser. */
  consumeOAuthState(state: string, browserId: string): Promise<ConsumeResult<OAuthStateRecord>> {
    return this.core.store.oauthStates.consume(state, browserId);
  }

  /** The My Domain login URL of a connection, or '' when it signs in at the standard production or sandbox page. */
  myDomainOf(connection: Pick<Connection, 'loginUrl'>): string {
    const { productionLoginUrl, sandboxLoginUrl } = this.core.config.salesforce;
    return [productionLoginUrl, sandboxLoginUrl].includes(connection.loginUrl) ? '' : connection.loginUrl;
  }

  /** Whether an active local admin exists: without one, Reset leaves no way to sign in except the setup token. */
  async hasLocalAdmin(): Promise<boolean> {
    return (await this.core.store.localUsers.countActiveAdmins()) > 0;
  }

  /** Who can get in right now, and how (what the console says at start-up). */
  startupAccess(): Promise<StartupAccess> {
    return startupAccess({ setupToken: this.setupToken, store: this.core.store, config: this.core.config });
  }

  /** The newest Auto Config or Verify job of an org (what the home page follows after a connect). */
  async latestSetupJob(orgId: string): Promise<Job | null> {
    const jobs = await this.core.store.jobs.list({ orgId, limit: 20 });
    return jobs.find((job) => job.kind === 'autoconfig' || job.kind === 'verify') ?? null;
  }

  /** A job of the connected org; null for an unknown job or one of an org GRAX is no longer connected to. */
  async activeOrgJob(jobId: string): Promise<Job | null> {
    const active = await this.connections.active();
    const job = await this.core.store.jobs.get(jobId);
    // After Reset the org's jobs are kept as history but not shown, like the rest of a disconnected org.
    if (!job || !active || active.state === 'disconnected' || job.orgId !== active.orgId) return null;
    return job;
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
