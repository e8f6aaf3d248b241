/** Single-use tokens (OAuth state, connect link, setup token): why one could not be used. */

/** Why a one-time token could not be used. */
export type ConsumeFailure = 'unknown' | 'expired' | 'used' | 'browser_mismatch';

/** A consumed token's record, or why it was refused. */
export type ConsumeResult<T> = { ok: true; value: T } | { ok: false; reason: ConsumeFailure };
