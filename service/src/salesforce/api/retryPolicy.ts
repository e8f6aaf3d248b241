/**
 * Which failed calls may be sent again, and how long to wait first. Only what cannot have changed the org is retried:
 * a 503 (Salesforce refused the request before processing it), UNABLE_TO_LOCK_ROW (the write was rolled back), and
 * network failures of idempotent reads. REQUEST_LIMIT_EXCEEDED is never retried: waiting seconds does not refill a
 * 24-hour allowance.
 */
import type { SalesforceApiError } from './errors';

/** Tunables of the retry policy (tests shorten the delays). */
export interface RetryOptions {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Three retries, 250 ms doubling up to 4 s. */
export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 4000 };

/** Whether this failure may be retried for a request that is (or is not) idempotent. */
export function isRetryable(error: SalesforceApiError, idempotent: boolean): boolean {
  if (error.errorCode === 'REQUEST_LIMIT_EXCEEDED') return false;
  if (error.status === 503 || error.errorCode === 'SERVER_UNAVAILABLE') return true;
  if (error.errorCode === 'UNABLE_TO_LOCK_ROW') return true;
  if (error.status === 0) return idempotent;
  if (error.status === 502 || error.status === 504) return idempotent;
  return false;
}

/** Exponential backoff with full jitter for the given retry number (1 = first retry). */
export function backoffDelayMs(retry: number, options: RetryOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
