/**
 * Reconnect links: when the connected org becomes unavailable (Salesforce refuses the refresh token, e.g. after a
 * sandbox refresh gave the org a new id) and after Reset, GRAX emails the ADMIN_EMAIL addresses one link to connect
 * again. The link is an emailed setup token: whoever follows it may start the connect flow while GRAX is not connected,
 * under the same rules as the operator's token (a different org is refused with the way to confirm the change). It is
 * stored only as its SHA-256, expires after 24 hours, works once, a newer link replaces it and connecting again in any
 * other way voids it. Sending, using and
 * refusing a link are audited (the number of addresses, never the link).
 */
import type { Clock } from '../clock';
import { constantTimeEqual, newId, randomToken, sha256Hex } from '../crypto/random';
import type { Actor } from '../domain/actor';
import { SYSTEM_ACTOR } from '../domain/actor';
import { SETUP_AUDIT } from '../domain/audit';
import type { JsonValue } from '../domain/json';
import type { Logger } from '../logger';
import type { AdminMail, AdminMailer } from '../monitoring/alertSender';
import type { Store } from '../store/types';
import { SETUP_TOKEN_COMMAND } from './connectErrors';
import { FOREVER_MS } from './issuedSetupToken';

/** How long an emailed link works. */
export const RECONNECT_LINK_TTL_MS = 24 * 60 * 60_000;
/** The landing page the emailed link opens; it moves the token out of the URL at once. */
export const RECONNECT_LINK_PATH = '/web/connect/link';
const KEY = 'setup.reconnectLink';
const USED_LOCK_PREFIX = 'setup.reconnectLinkUsed.';
const INCIDENT_LOCK_PREFIX = 'setup.reconnectLinkIncident.';
/** Replicas that meet the same refused token do so within seconds; a later incident is a new one. */
const INCIDENT_WINDOW_MS = 60_000;

/** The audit actor of a connection started with an emailed link. */
export const RECONNECT_LINK_ACTOR: Actor = {
  kind: 'setup',
  id: 'reconnect-link',
  name: 'Holder of the reconnect link emailed to GRAX admins',
};

/** Why a link was sent. */
export type ReconnectReason = 'reset' | 'reauthorization_required';

/** What became of a link someone followed. */
export type LinkState = 'valid' | 'used' | 'expired' | 'unknown';

interface StoredLink {
  hash: string;
  issuedAt: number;
  expiresAt: number;
  reason: ReconnectReason;
}

/** What the reconnect links need. */
export interface ReconnectLinkDeps {
  store: Pick<Store, 'settings' | 'locks' | 'audit'>;
  clock: Clock;
  logger: Logger;
  /** null when SMTP_URL or ADMIN_EMAIL is not set: no link is sent. */
  mailer: AdminMailer | null;
  publicUrl: string;
}

/** What sending a link did (for the Reset result and the logs). */
export type LinkSent = { sent: true; recipients: number } | { sent: false; reason: string };

function mailFor(reason: ReconnectReason, orgName: string, link: string, expiresAt: Date): AdminMail {
  const why =
    reason === 'reset'
      ? `GRAX Connect was reset and is no longer connected to ${orgName}.`
      : `Salesforce no longer accepts GRAX Connect's authorization for ${orgName}. A sandbox refresh does this (the ` +
        'sandbox gets a new org id and the old tokens stop working), as do a revoked token or a deactivated ' +
        'integration user.';
  return {
    subject: `GRAX Connect: connect again to ${orgName}`,
    text: [
      why,
      '',
      'To connect again, open this link and sign in at Salesforce as the integration user:',
      link,
      '',
      `The link works once and expires at ${expiresAt.toISOString()} (24 hours after it was sent). If the org now has ` +
        'a different org id (a refreshed sandbox), GRAX Connect explains how a GRAX admin confirms the change.',
      `When the link has expired or was used, a GRAX admin signs in and connects from the home page, or the operator ` +
        `of the GRAX Connect server runs ${SETUP_TOKEN_COMMAND}.`,
      '',
      'If you did not expect this email, tell whoever runs GRAX Connect; do not forward the link.',
    ].join('\n'),
  };
}

/** The emailed reconnect links of one service. */
export class ReconnectLinks {
  constructor(private readonly deps: ReconnectLinkDeps) {}

  /** Creates a new link (replacing any earlier one), emails it to every admin address and audits it. */
  async send(reason: ReconnectReason, orgName: string): Promise<LinkSent> {
    const { mailer, store, logger } = this.deps;
    if (!mailer) {
      logger.info({ reason }, 'no reconnect link emailed: SMTP_URL and ADMIN_EMAIL are not both set');
      return { sent: false, reason: 'SMTP_URL and ADMIN_EMAIL are not both set' };
    }
    const token = randomToken(24);
    const now = this.deps.clock.now().getTime();
    const stored: StoredLink = {
      hash: sha256Hex(token),
      issuedAt: now,
      expiresAt: now + RECONNECT_LINK_TTL_MS,
      reason,
    };
    await store.settings.set(KEY, stored as unknown as JsonValue);
    const expiresAt = new Date(stored.expiresAt);
    const link = `${this.deps.publicUrl}${RECONNECT_LINK_PATH}?token=${token}`;
    const delivery = await mailer.send(mailFor(reason, orgName, link, expiresAt));
    await store.audit.append({
      actor: SYSTEM_ACTOR,
      action: SETUP_AUDIT.reconnectLinkSent,
      details: {
        reason,
        recipients: mailer.recipients,
        delivered: delivery.ok,
        ...(delivery.ok ? {} : { problem: delivery.detail }),
        expiresAt: expiresAt.toISOString(),
      },
    });
    if (!delivery.ok) {
      logger.warn({ reason, problem: delivery.detail }, 'the reconnect link could not be emailed');
      return { sent: false, reason: delivery.detail };
    }
    logger.info({ reason, recipients: mailer.recipients }, 'reconnect link emailed to the GRAX admins');
    return { sent: true, recipients: mailer.recipients };
  }

  /**
   * Sends the link for a connection Salesforce stopped accepting, once per incident even when several service
   * replicas meet the refused token at the same moment (the first to take the incident's lock sends it).
   */
  async sendForIncident(connection: { id: string; orgName: string }): Promise<LinkSent> {
    const lock = INCIDENT_LOCK_PREFIX + connection.id;
    if (!(await this.deps.store.locks.acquire(lock, newId('incident'), INCIDENT_WINDOW_MS))) {
      return { sent: false, reason: 'already sent for this incident' };
    }
    return this.send('reauthorization_required', connection.orgName);
  }

  /** What a followed link is now: valid, used, expired, or unknown (wrong, or replaced by a newer link). */
  async check(token: string): Promise<LinkState> {
    const hash = sha256Hex(token);
    // A used link stays "used" after a newer one replaced it.
    if ((await this.deps.store.locks.holder(USED_LOCK_PREFIX + hash)) !== null) return 'used';
    const stored = await this.stored();
    if (!stored || !constantTimeEqual(stored.hash, hash)) return 'unknown';
    if (stored.expiresAt <= this.deps.clock.now().getTime()) return 'expired';
    return 'valid';
  }

  /** Audits a link that was refused (used, expired or unknown). */
  async refused(state: Exclude<LinkState, 'valid'>): Promise<void> {
    await this.deps.store.audit.append({
      actor: RECONNECT_LINK_ACTOR,
      action: SETUP_AUDIT.reconnectLinkRefused,
      details: { why: state },
    });
  }

  /** Uses the link up when the connection it started is made; true for exactly one caller. */
  async consume(token: string): Promise<boolean> {
    if ((await this.check(token)) !== 'valid') return false;
    const hash = sha256Hex(token);
    if (!(await this.deps.store.locks.acquire(USED_LOCK_PREFIX + hash, newId('link'), FOREVER_MS))) return false;
    const stored = await this.stored();
    await this.deps.store.audit.append({
      actor: RECONNECT_LINK_ACTOR,
      action: SETUP_AUDIT.reconnectLinkUsed,
      details: {
        reason: stored?.reason ?? null,
        sentAt: stored ? new Date(stored.issuedAt).toISOString() : null,
      },
    });
    return true;
  }

  /** Forgets the current link (GRAX is connected again): following it then finds it not valid. */
  async discard(): Promise<void> {
    await this.deps.store.settings.delete(KEY);
  }

  private async stored(): Promise<StoredLink | null> {
    const value = (await this.deps.store.settings.get(KEY)) as unknown as StoredLink | undefined;
    if (!value || typeof value.hash !== 'string' || typeof value.expiresAt !== 'number') return null;
    return value;
  }
}
