/**
 * The Store: everything GRAX Connect keeps, as async repositories grouped by entity. The SQLite and PostgreSQL
 * implementations behave identically (one contract test suite runs against both).
 *
 * The records themselves (Connection, Job, LocalUser, ...) are domain types in `../domain/`; this file holds the
 * repository interfaces and their inputs.
 *
 * Conventions: times are `Date`; secrets (tokens, PKCE verifier, CSRF and TOTP secrets) go in and come out as plain
 * strings and are encrypted by the store itself; one-time tokens (OAuth state, session id, connect link, link-key
 * secret) are handed to the store raw and only their SHA-256 is kept. "Now" comes from the store's Clock.
 */
import type { Actor, PrincipalKind, SessionPrincipal } from '../domain/actor';
import type { AuditAction, AuditEvent } from '../domain/audit';
import type { Connection, ConnectionMode, Environment, OAuthStateRecord, OrgSeen } from '../domain/connection';
import type { ConsumeResult } from '../domain/oneTimeTokens';
import type { Job, JobError, JobKind, JobProgress } from '../domain/jobs';
import type { JsonObject, JsonValue } from '../domain/json';
import type { LocalUser } from '../domain/localUser';
import type { ConnectLink, LinkKey } from '../domain/orgLink';

// ---------------------------------------------------------------------------------------------------------------
// Connection

/** What a successful OAuth callback knows about the new connection. */
export type NewConnection = Omit<Connection, 'id' | 'active' | 'state' | 'connectedAt' | 'updatedAt' | 'lastError'>;

/** Fields that change during a connection's life (token refresh, reauthorization, Reset). */
export type ConnectionPatch = Partial<
  Pick<
    Connection,
    | 'state'
    | 'orgName'
    | 'orgType'
    | 'instanceUrl'
    | 'username'
    | 'mode'
    | 'scopes'
    | 'refreshToken'
    | 'accessToken'
    | 'issuedAt'
    | 'lastError'
  >
>;

export interface ConnectionRepository {
  /** The active connection, or null when GRAX was never connected. */
  getActive(): Promise<Connection | null>;
  get(id: string): Promise<Connection | null>;
  /** Makes a new connection the active one (state `connected`); the previous one becomes history. */
  activate(input: NewConnection): Promise<Connection>;
  /** Changes a connection; throws when it does not exist. */
  update(id: string, patch: ConnectionPatch): Promise<Connection>;
  /** Every connection, newest first. */
  listHistory(limit?: number): Promise<Connection[]>;
}

// ---------------------------------------------------------------------------------------------------------------
// Orgs seen

export interface OrgSeenRepository {
  /** Records a sighting: inserts the org or refreshes its name, URL and last-seen time. */
  record(input: Omit<OrgSeen, 'firstSeenAt' | 'lastSeenAt'>): Promise<OrgSeen>;
  get(orgId: string): Promise<OrgSeen | null>;
  /** Orgs seen behind a My Domain host, newest sighting first. */
  findByMyDomain(myDomain: string): Promise<OrgSeen[]>;
  list(): Promise<OrgSeen[]>;
}

// ---------------------------------------------------------------------------------------------------------------
// OAuth states

/** A pending OAuth round trip. */
/** A pending OAuth round trip to store: the record plus its raw `state` and browser id (only their hashes are kept). */
export type OAuthStateInput = Omit<OAuthStateRecord, 'createdAt' | 'usedAt'> & {
  /** The raw `state` value sent to Salesforce (only its hash is stored). */
  state: string;
  /** The anonymous browser id the flow started in (only its hash is stored). */
  browserId: string;
};

export interface OAuthStateRepository {
  create(input: OAuthStateInput): Promise<void>;
  /**
   * Atomically marks the state used and returns it, if it exists, is unused and unexpired and belongs to the browser.
   * A second consume of the same state always fails with `used`, even when both run at the same time.
   */
  consume(state: string, browserId: string): Promise<ConsumeResult<OAuthStateRecord>>;
  /** Deletes states that expired before `olderThan`; returns how many. */
  purgeExpired(olderThan: Date): Promise<number>;
}

// ---------------------------------------------------------------------------------------------------------------
// Sessions

export interface SessionInput {
  /** The raw session id from the cookie (only its hash is stored). */
  id: string;
  principal: SessionPrincipal;
  csrfSecret: string;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  reauthenticatedAt: Date | null;
}

export interface SessionRecord {
  principal: SessionPrincipal;
  csrfSecret: string;
  createdAt: Date;
  lastSeenAt: Date;
  reauthenticatedAt: Date | null;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

export interface SessionRepository {
  create(input: SessionInput): Promise<SessionRecord>;
  /** The session if it exists and neither its idle nor its absolute expiry has passed. */
  find(id: string): Promise<SessionRecord | null>;
  /** Records activity and extends the idle expiry (never beyond the absolute expiry). */
  touch(id: string, idleExpiresAt: Date): Promise<void>;
  markReauthenticated(id: string): Promise<void>;
  delete(id: string): Promise<void>;
  /** Ends every session of a principal (user deactivated, role changed); returns how many. */
  deleteForPrincipal(kind: PrincipalKind, principalId: string): Promise<number>;
  purgeExpired(): Promise<number>;
}

// ---------------------------------------------------------------------------------------------------------------
// Local users

export type NewLocalUser = Pick<LocalUser, 'username' | 'displayName' | 'role' | 'passwordHash'> &
  Partial<Pick<LocalUser, 'totpSecret' | 'totpEnabled' | 'active' | 'expiresAt'>>;

export type LocalUserPatch = Partial<
  Pick<LocalUser, 'displayName' | 'role' | 'passwordHash' | 'totpSecret' | 'totpEnabled' | 'active' | 'expiresAt'>
>;

export interface LocalUserRepository {
  /** Creates a user; throws StoreConflictError when the username (case-insensitive) is taken. */
  create(input: NewLocalUser): Promise<LocalUser>;
  get(id: string): Promise<LocalUser | null>;
  /** Case-insensitive lookup. */
  findByUsername(username: string): Promise<LocalUser | null>;
  list(): Promise<LocalUser[]>;
  update(id: string, patch: LocalUserPatch): Promise<LocalUser>;
  /**
   * Atomically counts a failed login; when the count reaches `lockAfter`, locks the user for `lockMs`.
   * Returns the new count and lock.
   */
  recordFailedLogin(
    id: string,
    lockAfter: number,
    lockMs: number,
  ): Promise<{ failedAttempts: number; lockedUntil: Date | null }>;
  /** Resets the failure counter and lock and records the login time. */
  recordSuccessfulLogin(id: string): Promise<void>;
  /** Active, unexpired admins: whether break-glass access exists. */
  countActiveAdmins(): Promise<number>;
}

// ---------------------------------------------------------------------------------------------------------------
// Link keys (org-facing API credentials)

export interface NewLinkKey {
  keyId: string;
  orgId: string;
  /** The raw secret part of the key (only its hash is stored). */
  secret: string;
  createdBy: Actor;
  expiresAt?: Date | null;
}

export interface LinkKeyRepository {
  create(input: NewLinkKey): Promise<LinkKey>;
  get(keyId: string): Promise<LinkKey | null>;
  /** The key when the secret matches (constant-time) and it is neither revoked nor expired; records its use. */
  authenticate(keyId: string, secret: string): Promise<LinkKey | null>;
  list(options?: { orgId?: string; includeRevoked?: boolean }): Promise<LinkKey[]>;
  /** Creates `replacement` and lets the old key work until `graceUntil`, in one transaction. */
  rotate(oldKeyId: string, replacement: NewLinkKey, graceUntil: Date): Promise<LinkKey>;
  revoke(keyId: string): Promise<boolean>;
  /** Revokes every key (Reset GRAX); returns how many were not revoked before. */
  revokeAll(): Promise<number>;
}

// ---------------------------------------------------------------------------------------------------------------
// Connect links (one-time URLs the in-org page opens to start OAuth)

export interface ConnectLinkRepository {
  /** Stores a link; `token` is the raw value in the URL (only its hash is stored). */
  create(input: {
    token: string;
    orgId: string;
    environment: Environment;
    mode: ConnectionMode;
    expiresAt: Date;
  }): Promise<void>;
  /** Atomically marks the link used; single use. `browser_mismatch` never occurs here. */
  consume(token: string): Promise<ConsumeResult<ConnectLink>>;
  purgeExpired(olderThan: Date): Promise<number>;
}

// ---------------------------------------------------------------------------------------------------------------
// Jobs (permission runs)

export interface JobRepository {
  /**
   * Queues a job unless one of the same kind is queued or running; then returns that one with `created: false`.
   */
  enqueue(input: { kind: JobKind; orgId: string | null; trigger: Actor }): Promise<{ created: boolean; job: Job }>;
  /**
   * Claims the oldest queued job, or a running job whose lease expired (its runner crashed), for `owner` with a
   * lease of `leaseMs`. At most one caller gets each job.
   */
  claim(owner: string, leaseMs: number, kinds?: JobKind[]): Promise<Job | null>;
  /** Extends the lease; false when the job is no longer this owner's. */
  renewLease(id: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Records progress of a running job owned by `owner`; false when the job is no longer this owner's. */
  recordProgress(
    id: string,
    owner: string,
    update: { progress?: JobProgress; steps?: JsonValue[]; apiCalls?: number },
  ): Promise<boolean>;
  /** Ends a running job; false when the job is no longer this owner's. */
  finish(
    id: string,
    owner: string,
    outcome: { state: 'succeeded'; result: JsonObject } | { state: 'failed'; error: JobError },
  ): Promise<boolean>;
  get(id: string): Promise<Job | null>;
  /** Recent jobs, newest first. */
  list(options?: { limit?: number; kind?: JobKind; orgId?: string }): Promise<Job[]>;
  /** The newest job of each kind for an org, newest first. */
  latestByKind(orgId: string): Promise<Job[]>;
}

// ---------------------------------------------------------------------------------------------------------------
// Audit events (append-only)

export interface AuditEventInput {
  actor: Actor;
  action: AuditAction;
  target?: string | null;
  orgId?: string | null;
  details?: JsonObject;
}

export interface AuditRepository {
  append(input: AuditEventInput): Promise<AuditEvent>;
  /** Newest first; `beforeSeq` pages backwards. */
  list(options?: { limit?: number; beforeSeq?: number; orgId?: string; action?: string }): Promise<AuditEvent[]>;
}

// ---------------------------------------------------------------------------------------------------------------
// Settings, API call accounting, locks

export interface SettingsRepository {
  get(key: string): Promise<JsonValue | undefined>;
  set(key: string, value: JsonValue): Promise<void>;
  delete(key: string): Promise<boolean>;
  list(): Promise<Record<string, JsonValue>>;
}

export interface ApiCallBucket {
  hourStart: Date;
  count: number;
}

export interface ApiCallRepository {
  /** Adds `count` calls to the org's current hour atomically; returns that hour's new total. */
  increment(orgId: string, count?: number): Promise<number>;
  /** Total calls of an org since a time (whole hours). */
  totalSince(orgId: string, since: Date): Promise<number>;
  /** Hourly counts since a time, oldest first (for the usage chart). */
  hourly(orgId: string, since: Date): Promise<ApiCallBucket[]>;
}

export interface LockRepository {
  /** Takes or renews a named lock for `owner` for `ttlMs`; false when another owner holds an unexpired lock. */
  acquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases the lock if `owner` holds it. */
  release(name: string, owner: string): Promise<boolean>;
  /** The current holder, if the lock is held and unexpired. */
  holder(name: string): Promise<string | null>;
}

export interface RateLimitRepository {
  /**
   * Counts one attempt for `key` atomically: a new key, or one whose window ended, starts a window of `windowMs` at 1.
   * Returns the attempts in the current window and when it ends.
   */
  hit(key: string, windowMs: number): Promise<{ hits: number; resetAt: Date }>;
  /** Takes back one attempt of the current window (an attempt that turned out not to count). */
  undo(key: string): Promise<void>;
  /** Forgets the key's attempts. */
  reset(key: string): Promise<void>;
  /** Deletes counters whose window ended; returns how many. */
  purgeExpired(): Promise<number>;
}

export interface ConcurrencySlotRepository {
  /**
   * Takes one of `limit` slots of `name` for `owner` for `ttlMs`: the slot number, or null when all are held by
   * unexpired leases. At most `limit` holders at a time across every process on the database.
   */
  acquire(name: string, owner: string, limit: number, ttlMs: number): Promise<number | null>;
  /** Extends the lease of a held slot; false when the owner no longer holds it. */
  renew(name: string, slot: number, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives a slot back; false when the owner no longer held it (its lease ran out and another took it). */
  release(name: string, slot: number, owner: string): Promise<boolean>;
  /** Slots of `name` held right now. */
  held(name: string): Promise<number>;
}

/** Counts from re-encrypting every stored secret with the current key. */
export interface ReencryptReport {
  columns: { table: string; column: string; total: number; reencrypted: number }[];
  total: number;
  reencrypted: number;
}

/** The repositories, on the database or on one transaction of it. */
export interface StoreRepositories {
  readonly connections: ConnectionRepository;
  readonly orgsSeen: OrgSeenRepository;
  readonly oauthStates: OAuthStateRepository;
  readonly sessions: SessionRepository;
  readonly localUsers: LocalUserRepository;
  readonly linkKeys: LinkKeyRepository;
  readonly connectLinks: ConnectLinkRepository;
  readonly jobs: JobRepository;
  readonly audit: AuditRepository;
  readonly settings: SettingsRepository;
  readonly apiCalls: ApiCallRepository;
  readonly locks: LockRepository;
  readonly rateLimits: RateLimitRepository;
  readonly concurrencySlots: ConcurrencySlotRepository;
}

/** The repositories of one open transaction (see `Store.transaction`). */
export interface StoreTransaction extends StoreRepositories {
  /**
   * A nested step: its writes are rolled back alone (a savepoint) when it throws, so the caller can catch that and
   * carry on with the rest of the transaction.
   */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
}

/** Everything the service stores. */
export interface Store extends StoreRepositories {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one database transaction: its writes through `tx` are committed together when it resolves and
   * none of them are kept when it throws (or the process dies before the commit). Inside `work`, use only `tx`: on
   * SQLite the store itself waits for the transaction to end, so awaiting it there never resolves. Keep network calls
   * out of `work`; transactions run one at a time on SQLite and hold row locks on PostgreSQL.
   */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query (readiness). */
  ping(): Promise<void>;
  /** Re-encrypts every stored secret not yet under the current key. */
  reencryptSecrets(): Promise<ReencryptReport>;
  close(): Promise<void>;
}

/** A write refused because a unique value (e.g. a username) is taken. */
export class StoreConflictError extends Error {
  constructor(
    readonly entity: string,
    readonly field: string,
  ) {
    super(`A ${entity} with this ${field} already exists.`);
    this.name = 'StoreConflictError';
  }
}

/** A write to a record that does not exist. */
export class StoreNotFoundError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`No ${entity} with id ${id}.`);
    this.name = 'StoreNotFoundError';
  }
}
