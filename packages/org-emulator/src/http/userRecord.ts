/**
 * Typed reads of User record fields for the OAuth and identity endpoints, which need a handful of them as strings.
 */
import type { SfRecord } from '../org/types';

/** A field as a string, or null when absent or not a string. */
export function userString(user: SfRecord, field: string): string | null {
  const value = user[field];
  return typeof value === 'string' ? value : null;
}

/** A user is active unless IsActive is false. */
export function isUserActive(user: SfRecord): boolean {
  return user['IsActive'] !== false;
}
