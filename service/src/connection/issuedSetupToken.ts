/**
 * Setup tokens issued by the server's operator (`npm run setup-token`), the way back in when nobody can sign in: after
 * Reset with no active local admin, or while the connection needs reauthorization and Log in with Salesforce is off.
 * Running the command on the server, with the service's own configuration, is the proof of ownership, as with the
 * first-run token. A token is printed once by the command, stored only as its SHA-256 with an expiry (one hour),
 * audited when issued and when used, and works once: to connect again, or to create the first local admin when none
 * is active. Issuing a new token replaces the previous one.
 */
import type { Clock } from '../clock';
import { constantTimeEqual, newId, randomToken, sha256Hex } from '../crypto/random';
import type { Actor } from '../domain/actor';
import { SETUP_ACTOR } from '../domain/actor';
import { SETUP_AUDIT } from '../domain/audit';
import type { JsonValue } from '../domain/json';
import type { Store, StoreRepositories } from '../store/types';

/** The store, or a transaction of it. */
type IssuedTokenStore = Pick<StoreRepositories, 'settings' | 'locks' | 'audit'>;

/** How long an issued token stays valid. */
export const ISSUED_TOKEN_TTL_MS = 60 * 60_000;
const KEY = 'setup.issuedToken';
const CONSUMED_LOCK_PREFIX = 'setup.issuedTokenConsumed.';
/** A lock held "for good" (a century): the store's atomic set-if-absent marks a token used. */
export const FOREVER_MS = 100 * 365 * 24 * 60 * 60_000;

/** The audit actor of the command: whoever ran it on the server. */
export const OPERATOR_ACTOR: Actor = {
  kind: 'system',
  id: 'setup-token-command',
  name: 'Server operator (setup-token command)',
};

interface StoredIssuedToken {
  hash: string;
  issuedAt: number;
  expiresAt: number;
}

/** What using a token was for (recorded in the audit log). */
export type SetupTokenUse = 'connect' | 'first_admin';

/** What the issued tokens need. */
export interface IssuedSetupTokenDeps {
  store: Pick<Store, 'settings' | 'locks' | 'audit'>;
  clock: Clock;
}

/** A newly issued token: shown once, then only its hash exists. */
export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** Operator-issued setup tokens. */
export class IssuedSetupTokens {
  constructor(private readonly deps: IssuedSetupTokenDeps) {}

  /** Issues a new token (replacing any earlier one) and audits it; the caller prints it once. */
  async issue(): Promise<IssuedToken> {
    const token = randomToken(24);
    const now = this.deps.clock.now().getTime();
    const stored: StoredIssuedToken = { hash: sha256Hex(token), issuedAt: now, expiresAt: now + ISSUED_TOKEN_TTL_MS };
    await this.deps.store.settings.set(KEY, stored as unknown as JsonValue);
    const expiresAt = new Date(stored.expiresAt);
    await this.deps.store.audit.append({
      actor: OPERATOR_ACTOR,
      action: SETUP_AUDIT.tokenIssued,
      details: { expiresAt: expiresAt.toISOString() },
    });
    return { token, expiresAt };
  }

  /** When the current token expires, or null when there is no usable token (none, used or expired). */
  async pendingUntil(): Promise<Date | null> {
    const stored = await this.current();
    return stored ? new Date(stored.expiresAt) : null;
  }

  /** True when `token` is the current, unexpired token (constant-time comparison of hashes). */
  async matches(token: string): Promise<boolean> {
    const stored = await this.current();
    return stored !== null && constantTimeEqual(stored.hash, sha256Hex(token));
  }

  /** Uses the current token up (through `store`, e.g. a transaction); true for exactly one caller per token. */
  async consume(use: SetupTokenUse, store: IssuedTokenStore = this.deps.store): Promise<boolean> {
    const stored = await this.current(store);
    if (!stored) return false;
    const consumed = await store.locks.acquire(CONSUMED_LOCK_PREFIX + stored.hash, newId('setup'), FOREVER_MS);
    if (!consumed) return false;
    await this.discard(store);
    await store.audit.append({
      actor: SETUP_ACTOR,
      action: SETUP_AUDIT.tokenUsed,
      details: { use, issuedAt: new Date(stored.issuedAt).toISOString() },
    });
    return true;
  }

  /** Removes the current token, if any (the first connection ends every setup token). */
  async discard(store: Pick<StoreRepositories, 'settings'> = this.deps.store): Promise<void> {
    await store.settings.delete(KEY);
  }

  private async current(store: IssuedTokenStore = this.deps.store): Promise<StoredIssuedToken | null> {
    const value = (await store.settings.get(KEY)) as unknown as StoredIssuedToken | undefined;
    if (!value || typeof value.hash !== 'string' || typeof value.expiresAt !== 'number') return null;
    if (value.expiresAt <= this.deps.clock.now().getTime()) return null;
    if ((await store.locks.holder(CONSUMED_LOCK_PREFIX + value.hash)) !== null) return null;
    return value;
  }
}

/** What the command found and did. */
export type IssueOutcome =
  | {
      kind: 'issued';
      issued: IssuedToken;
      /** What the token can do now: connect (GRAX is not connected) and/or create the first local admin. */
      connect: boolean;
      firstAdmin: boolean;
    }
  /** GRAX is connected and a local admin is active: nobody is locked out, so no token is issued. */
  | { kind: 'not_needed' };

/**
 * The command's decision: a token is issued while it unlocks something (GRAX is not connected, or no local admin is
 * active); otherwise none is, so a token lying around never widens access.
 */
export async function issueSetupToken(
  deps: IssuedSetupTokenDeps & { store: Pick<Store, 'connections' | 'localUsers'> },
): Promise<IssueOutcome> {
  const active = await deps.store.connections.getActive();
  const connect = active?.state !== 'connected';
  const firstAdmin = (await deps.store.localUsers.countActiveAdmins()) === 0;
  if (!connect && !firstAdmin) return { kind: 'not_needed' };
  return { kind: 'issued', issued: await new IssuedSetupTokens(deps).issue(), connect, firstAdmin };
}
