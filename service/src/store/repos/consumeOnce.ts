/**
 * Single-use tokens (OAuth states, connect links): one conditional UPDATE marks the row used only if it is still
 * unused and unexpired, so of two concurrent callbacks exactly one wins. When it fails, the row is read again to say
 * why (unknown, used, expired, other browser).
 */
import type { SqlDatabase, SqlRow } from '../sql/database';
import type { ConsumeResult } from '../../domain/oneTimeTokens';
import { first, num } from '../rowValues';

/** Which row to consume, by the hash of its token. */
export interface ConsumeTarget {
  table: 'oauth_states' | 'connect_links';
  hashColumn: 'state_hash' | 'link_hash';
  hash: string;
  now: number;
  /** When set, the row must also have been created in this browser. */
  browserHash?: string;
}

/** Marks the row used and returns it, or says why it cannot be used. */
export async function consumeOnce(db: SqlDatabase, target: ConsumeTarget): Promise<ConsumeResult<SqlRow>> {
  const browserCondition = target.browserHash === undefined ? '' : ' AND browser_hash = ?';
  const params = [
    target.now,
    target.hash,
    target.now,
    ...(target.browserHash === undefined ? [] : [target.browserHash]),
  ];
  const row = first(
    await db.all(
      `UPDATE ${target.table} SET used_at = ?
       WHERE ${target.hashColumn} = ? AND used_at IS NULL AND expires_at > ?${browserCondition} RETURNING *`,
      params,
    ),
  );
  if (row) return { ok: true, value: row };

  const existing = first(await db.all(`SELECT * FROM ${target.table} WHERE ${target.hashColumn} = ?`, [target.hash]));
  if (!existing) return { ok: false, reason: 'unknown' };
  if (existing.used_at !== null && existing.used_at !== undefined) return { ok: false, reason: 'used' };
  if (num(existing.expires_at) <= target.now) return { ok: false, reason: 'expired' };
  return { ok: false, reason: 'browser_mismatch' };
}
