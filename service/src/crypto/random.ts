/**
 * Random identifiers, opaque tokens and one-way hashes. Every token the service hands out (OAuth state, session id,
 * connect link) comes from here so that all of them have at least 256 bits of entropy and are stored only as hashes.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A URL-safe random token of `bytes` random bytes (default 32, i.e. 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A new identifier such as `job_3q2X...`: a readable prefix plus 128 random bits. */
export function newId(prefix: string): string {
  return `${prefix}_${randomToken(16)}`;
}

/** Hex SHA-256 of a string; how tokens are stored and looked up. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Compares two strings in constant time (for the same length); different lengths are simply unequal. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
