/**
 * Salesforce keeps at most five refresh tokens per user and app: the sixth approval silently revokes the oldest. GRAX
 * counts its own live approvals per user (stored connections whose refresh token was never revoked) so it can warn
 * when a connection is about to cost, or just cost, an older approval; a token Salesforce revoked this way is
 * dropped from the store, since it no longer works.
 */
import type { ConnectionRepository } from '../store/types';
import type { Connection } from '../domain/connection';

/** Salesforce's limit of approvals (refresh tokens) per user per app. */
export const MAX_APPROVALS_PER_USER = 5;

/** How many history rows are searched for live approvals. */
const HISTORY_WINDOW = 200;

/** What a new approval did to the user's older ones. */
export interface ApprovalCheck {
  /** Live approvals of this user held by GRAX, the new one included. */
  live: number;
  /** Older approvals Salesforce revoked because of the new one (oldest first). */
  revokedBySalesforce: Connection[];
}

/** Counts the user's live approvals including a new one, and finds those the new one pushed out. */
export async function checkApprovals(
  connections: Pick<ConnectionRepository, 'listHistory'>,
  orgId: string,
  userId: string,
): Promise<ApprovalCheck> {
  const held = (await connections.listHistory(HISTORY_WINDOW))
    .filter((c) => c.orgId === orgId && c.userId === userId && c.refreshToken !== null)
    .sort((a, b) => a.connectedAt.getTime() - b.connectedAt.getTime());
  const overflow = Math.max(0, held.length + 1 - MAX_APPROVALS_PER_USER);
  return { live: held.length + 1 - overflow, revokedBySalesforce: held.slice(0, overflow) };
}
