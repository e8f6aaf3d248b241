/** The Audit log as people read it (newest first, a page at a time) and the sign-out event the log records. */
import { AUTH_AUDIT, type AuditEvent } from '../domain/audit';
import { actorOfPrincipal, type SessionPrincipal } from '../domain/actor';
import type { AuditRepository } from '../store/types';

/** One page of the Audit log. */
export interface AuditPage {
  events: AuditEvent[];
  /** Pass as `beforeSeq` for the next older page; null on the oldest page. */
  olderBefore: number | null;
}

/** Reads pages of the audit log and records sign-outs. */
export class AuditLog {
  constructor(
    private readonly audit: AuditRepository,
    readonly pageSize = 50,
  ) {}

  /** The newest events, or those before `beforeSeq`. */
  async page(beforeSeq?: number): Promise<AuditPage> {
    // One extra event tells whether an older page exists.
    const events = await this.audit.list({ limit: this.pageSize + 1, beforeSeq });
    const page = events.slice(0, this.pageSize);
    const last = page.at(-1);
    return { events: page, olderBefore: events.length > this.pageSize && last ? last.seq : null };
  }

  /** Records that a signed-in person signed out. */
  async recordLogout(principal: SessionPrincipal): Promise<void> {
    await this.audit.append({
      actor: actorOfPrincipal(principal),
      action: AUTH_AUDIT.logout,
      target: principal.displayName,
      orgId: principal.orgId,
    });
  }
}
