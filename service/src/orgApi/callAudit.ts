/**
 * The org API's audit trail at low volume. GRAX Setup polls `status` every 3 seconds while a job runs, so reads and
 * refused calls are recorded at most once per key (or client) and kind per window; calls that start something
 * (jobs, connect links) are always recorded. Entries name the key id and the org, never the key.
 */
import type { Clock } from '../clock';
import type { AuditRepository } from '../store/types';
import type { JsonObject } from '../domain/json';
import type { LinkKey } from '../domain/orgLink';
import { orgActor } from './connectLinks';
import { type AuditAction, ORG_LINK_AUDIT } from '../domain/audit';

/** A repeated read or refusal is recorded again after this long. */
const QUIET_WINDOW_MS = 60 * 60_000;
const MAX_REMEMBERED = 10_000;

/** Records org API calls in the audit log. */
export class OrgCallAudit {
  private readonly lastRecorded = new Map<string, number>();

  constructor(
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /** A call that changes something (a job or a connect link): always recorded. */
  async action(key: LinkKey, action: AuditAction, details: JsonObject = {}): Promise<void> {
    await this.audit.append({ actor: orgActor(key), action, target: key.keyId, orgId: key.orgId, details });
  }

  /** A read: recorded once per key and action per quiet window. */
  async read(key: LinkKey, action: AuditAction): Promise<void> {
    if (this.quiet(`${key.keyId}:${action}`)) return;
    await this.action(key, action);
  }

  /** A refused call (bad key, wrong org, rate limit): recorded once per client, reason and key id per window. */
  async refused(input: { reason: string; keyId: string | null; client: string; orgId: string | null }): Promise<void> {
    if (this.quiet(`refused:${input.reason}:${input.keyId ?? '-'}:${input.client}`)) return;
    await this.audit.append({
      actor: { kind: 'org', id: input.keyId ?? 'unknown', name: `Org API client ${input.client}` },
      action: ORG_LINK_AUDIT.orgApiRefused,
      target: input.keyId,
      orgId: input.orgId,
      details: { reason: input.reason, client: input.client },
    });
  }

  private quiet(key: string): boolean {
    const now = this.clock.now().getTime();
    const last = this.lastRecorded.get(key);
    if (last !== undefined && now - last < QUIET_WINDOW_MS) return true;
    if (this.lastRecorded.size >= MAX_REMEMBERED) this.forgetOld(now);
    this.lastRecorded.set(key, now);
    return false;
  }

  private forgetOld(now: number): void {
    for (const [key, at] of this.lastRecorded) if (now - at >= QUIET_WINDOW_MS) this.lastRecorded.delete(key);
    if (this.lastRecorded.size >= MAX_REMEMBERED) this.lastRecorded.clear();
  }
}
