/**
 * Query locators for paging query results ("Query More"). A locator id looks like Salesforce's
 * (`01g...` + `-` + offset); it belongs to the user who ran the query, expires after 15 minutes without use, and a
 * user holds at most 10 open locators (the oldest is dropped), as Salesforce documents for query cursors.
 */
import type { Clock } from '../../org/types';
import { randomId } from '../../org/ids';

/** One open cursor. */
export interface QueryCursor {
  id: string;
  orgId: string;
  userId: string;
  records: readonly unknown[];
  totalSize: number;
  batchSize: number;
  lastUsedAt: number;
  /**
   * Tooling PermissionDependency's quirk: the first Query More serves the first batch again (and the locator moves on
   * as if it had served the second), so paging by nextRecordsUrl gets duplicates and misses rows.
   */
  repeatsBatch?: boolean;
}

export const LOCATOR_IDLE_MS = 15 * 60 * 1000;
export const MAX_OPEN_LOCATORS_PER_USER = 10;

/** The open cursors of one emulator. */
export class QueryLocatorStore {
  private readonly cursors = new Map<string, QueryCursor>();

  constructor(private readonly clock: Clock) {}

  private now(): number {
    return this.clock.now().getTime();
  }

  /** Opens a cursor over the rest of a result and returns its id. */
  open(
    orgId: string,
    userId: string,
    records: readonly unknown[],
    totalSize: number,
    batchSize: number,
    options: { repeatsBatch?: boolean } = {},
  ): string {
    const mine = [...this.cursors.values()]
      .filter((c) => c.userId === userId && c.orgId === orgId)
      .sort((a, b) => a.lastUsedAt - b.lastUsedAt);
    for (const old of mine.slice(0, Math.max(0, mine.length - MAX_OPEN_LOCATORS_PER_USER + 1))) {
      this.cursors.delete(old.id);
    }
    const id = randomId('01g');
    this.cursors.set(id, {
      id,
      orgId,
      userId,
      records,
      totalSize,
      batchSize,
      lastUsedAt: this.now(),
      repeatsBatch: options.repeatsBatch,
    });
    return id;
  }

  /** The live cursor for a locator id owned by this user, or undefined (INVALID_QUERY_LOCATOR). */
  use(id: string, orgId: string, userId: string): QueryCursor | undefined {
    const cursor = this.cursors.get(id);
    if (!cursor || cursor.orgId !== orgId || cursor.userId !== userId) return undefined;
    if (this.now() - cursor.lastUsedAt >= LOCATOR_IDLE_MS) {
      this.cursors.delete(id);
      return undefined;
    }
    cursor.lastUsedAt = this.now();
    return cursor;
  }

  /** Closes a cursor whose last page was read. */
  close(id: string): void {
    this.cursors.delete(id);
  }

  /** Forgets every cursor (emulator reset). */
  clear(): void {
    this.cursors.clear();
  }
}
