/**
 * Sign-ins to another org waiting for the admin's confirmation. The checked candidate (tokens included) is sealed with
 * the service's secret box and kept in the settings store under the hash of a random id, bound to the admin who
 * started it, for 10 minutes. Cancelling, or letting it expire, revokes its tokens at Salesforce.
 */
import type { Clock } from '../clock';
import { randomToken, sha256Hex } from '../crypto/random';
import type { SecretBox } from '../crypto/secretBox';
import type { Logger } from '../logger';
import type { ClientAppConfig } from '../salesforce/oauthClient';
import type { SettingsRepository } from '../store/types';
import type { SessionPrincipal } from '../domain/actor';
import type { JsonValue } from '../domain/json';
import { pendingOrgChangeGone } from './connectErrors';
import { revokeAtSalesforce } from './revoke';
import type { ConnectCandidate } from './signInResult';

/** How long a sign-in to another org waits for confirmation. */
export const PENDING_TTL_MS = 10 * 60_000;
const PREFIX = 'connection.pendingOrgChange.';

interface StoredPending {
  principalKind: string;
  principalId: string;
  expiresAt: number;
  sealed: string;
}

/** What the pending store needs. */
export interface PendingDeps {
  settings: SettingsRepository;
  secretBox: SecretBox;
  clock: Clock;
  logger: Logger;
  clientApp: () => ClientAppConfig;
}

function reviveCandidate(json: string): ConnectCandidate {
  const parsed = JSON.parse(json) as ConnectCandidate & { tokens: { issuedAt: string } };
  return { ...parsed, tokens: { ...parsed.tokens, issuedAt: new Date(parsed.tokens.issuedAt) } };
}

/** Pending org changes. */
export class PendingOrgChanges {
  constructor(private readonly deps: PendingDeps) {}

  /** Keeps a candidate for the principal; returns the id the confirmation page carries. */
  async save(candidate: ConnectCandidate, principal: SessionPrincipal): Promise<string> {
    await this.purgeExpired();
    const id = randomToken(24);
    const key = PREFIX + sha256Hex(id);
    const value: StoredPending = {
      principalKind: principal.kind,
      principalId: principal.id,
      expiresAt: this.deps.clock.now().getTime() + PENDING_TTL_MS,
      sealed: this.deps.secretBox.encrypt(JSON.stringify(candidate), key),
    };
    await this.deps.settings.set(key, value as unknown as JsonValue);
    return id;
  }

  /** The candidate, if it exists, is unexpired and belongs to the principal; otherwise a page-ready error. */
  async load(id: string, principal: SessionPrincipal): Promise<ConnectCandidate> {
    const key = PREFIX + sha256Hex(id);
    const stored = (await this.deps.settings.get(key)) as unknown as StoredPending | undefined;
    if (
      !stored ||
      stored.principalKind !== principal.kind ||
      stored.principalId !== principal.id ||
      stored.expiresAt <= this.deps.clock.now().getTime()
    ) {
      throw pendingOrgChangeGone();
    }
    return reviveCandidate(this.deps.secretBox.decrypt(stored.sealed, key));
  }

  /** Removes a pending change (after confirming); returns false when it was already gone. */
  async remove(id: string): Promise<boolean> {
    return this.deps.settings.delete(PREFIX + sha256Hex(id));
  }

  /** Drops a pending change and revokes its tokens at Salesforce. */
  async discard(id: string, candidate: ConnectCandidate): Promise<void> {
    if (!(await this.remove(id))) return;
    await this.revoke(candidate);
  }

  private async revoke(candidate: ConnectCandidate): Promise<void> {
    const token = candidate.tokens.refreshToken ?? candidate.tokens.accessToken;
    await revokeAtSalesforce(candidate.loginUrl, this.deps.clientApp(), token, this.deps.logger);
  }

  /** Expired pending changes: removed, their tokens revoked (best effort). */
  private async purgeExpired(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    for (const [key, value] of Object.entries(await this.deps.settings.list())) {
      if (!key.startsWith(PREFIX)) continue;
      const stored = value as unknown as StoredPending;
      if (stored.expiresAt > now) continue;
      await this.deps.settings.delete(key);
      try {
        await this.revoke(reviveCandidate(this.deps.secretBox.decrypt(stored.sealed, key)));
      } catch (error) {
        this.deps.logger.warn({ err: error }, 'could not revoke the tokens of an expired org change');
      }
    }
  }
}
