/**
 * Sessions of signed-in users, independent of HTTP: opaque random ids (the store keeps only their hash), an idle
 * timeout that slides with activity and an absolute lifetime that does not, a fresh id at every sign-in (`rotate`),
 * and re-authentication tracking for sensitive actions. The cookie side lives in http/sessionMiddleware.ts.
 */
import type { Clock } from '../clock';
import { randomToken } from '../crypto/random';
import type { SessionRecord, SessionRepository } from '../store/types';
import type { SessionPrincipal } from '../domain/actor';

/** How long sessions live. */
export interface SessionLifetimes {
  idleMs: number;
  absoluteMs: number;
}

/** A session together with the raw id from its cookie. */
export interface ActiveSession {
  id: string;
  record: SessionRecord;
}

/** Activity is written back at most this often, so every page view does not cost a database write. */
const TOUCH_INTERVAL_MS = 60_000;

/** How recent a sign-in must be for sensitive actions (Update, Reset, changing the org, local users, SSO access). */
export const REAUTH_WINDOW_MS = 5 * 60_000;

export class SessionManager {
  constructor(
    private readonly repo: SessionRepository,
    private readonly lifetimes: SessionLifetimes,
    private readonly clock: Clock,
  ) {}

  /** The live session for a cookie value, extending its idle expiry; null when unknown or expired. */
  async resume(id: string): Promise<ActiveSession | null> {
    const record = await this.repo.find(id);
    if (!record) return null;
    const now = this.clock.now().getTime();
    if (now - record.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      const idleExpiresAt = new Date(Math.min(now + this.lifetimes.idleMs, record.absoluteExpiresAt.getTime()));
      await this.repo.touch(id, idleExpiresAt);
      return { id, record: { ...record, lastSeenAt: new Date(now), idleExpiresAt } };
    }
    return { id, record };
  }

  /**
   * Starts a session for a principal who just signed in, ending the previous session of this browser (if any), so a
   * session id known before sign-in is worthless after it.
   */
  async rotate(previousId: string | null, principal: SessionPrincipal): Promise<ActiveSession> {
    if (previousId) await this.repo.delete(previousId);
    const now = this.clock.now().getTime();
    const id = randomToken(32);
    const record = await this.repo.create({
      id,
      principal,
      csrfSecret: randomToken(32),
      idleExpiresAt: new Date(now + this.lifetimes.idleMs),
      absoluteExpiresAt: new Date(now + this.lifetimes.absoluteMs),
      reauthenticatedAt: new Date(now),
    });
    return { id, record };
  }

  /** Ends a session (sign-out). */
  async destroy(id: string): Promise<void> {
    await this.repo.delete(id);
  }

  /** Records that the user proved their identity again just now; returns that time. */
  async markReauthenticated(id: string): Promise<Date> {
    await this.repo.markReauthenticated(id);
    return this.clock.now();
  }

  /** True when the session's last sign-in is within the re-authentication window. */
  isRecentlyReauthenticated(session: SessionRecord, windowMs = REAUTH_WINDOW_MS): boolean {
    const at = session.reauthenticatedAt?.getTime();
    return at !== undefined && this.clock.now().getTime() - at <= windowMs;
  }
}
