/**
 * Salesforce record ids: the 15-character case-sensitive form, the 18-character form with its case-checksum suffix,
 * a deterministic id factory per org, and random ids for what the org does not number. Salesforce accepts both forms
 * in every API; the 18-character form is case-insensitive because the suffix encodes the case of the first 15
 * characters.
 */
import { randomBytes } from 'node:crypto';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_CHARS = /^[a-zA-Z0-9]+$/;

function isUpper(c: string): boolean {
  return c >= 'A' && c <= 'Z';
}

/** The three-character case-checksum suffix Salesforce appends to a 15-character id. */
export function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      if (isUpper(id15.charAt(chunk * 5 + i))) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/**
 * Normalises an id given in 15- or 18-character form to the canonical 18-character form, or undefined when the value
 * is not a well-formed id. An 18-character id may arrive in any letter case: the suffix restores the original case.
 */
export function toId18(value: unknown): string | undefined {
  if (typeof value !== 'string' || !ID_CHARS.test(value)) return undefined;
  if (value.length === 15) return value + checksumSuffix(value);
  if (value.length !== 18) return undefined;
  const suffix = value.slice(15).toUpperCase();
  let id15 = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(suffix.charAt(chunk));
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const c = value.charAt(chunk * 5 + i);
      const upper = (bits & (1 << i)) !== 0;
      if (/[a-zA-Z]/.test(c)) id15 += upper ? c.toUpperCase() : c.toLowerCase();
      else if (upper) return undefined;
      else id15 += c;
    }
  }
  return id15 + suffix;
}

/** The 15-character form of a well-formed id. */
export function toId15(id18: string): string {
  return id18.slice(0, 15);
}

/** The three-character key prefix that names the object type of an id. */
export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

/** Encodes a non-negative integer in Salesforce's base-62 alphabet, left-padded to `width`. */
export function base62(n: number, width: number): string {
  let out = '';
  let rest = Math.floor(n);
  while (rest > 0) {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/** A random 18-character id starting with prefix, for what the org does not number (query locators, Bulk jobs). */
export function randomId(prefix: string): string {
  let id15 = prefix;
  for (const b of randomBytes(15 - prefix.length)) id15 += BASE62.charAt(b % BASE62.length);
  return id15 + checksumSuffix(id15);
}

/**
 * Issues ids for one org: `<key prefix><instance 2 chars>0<9-char base-62 counter>` plus the checksum suffix, like the
 * ids of a real pod. Counters are per key prefix so that ids stay stable when unrelated objects gain records.
 */
export class IdFactory {
  private counters = new Map<string, number>();

  constructor(
    private readonly instance: string,
    private readonly firstCounter: number,
  ) {}

  /** A new 18-character id for the given key prefix. */
  next(prefix: string): string {
    const n = this.counters.get(prefix) ?? this.firstCounter;
    this.counters.set(prefix, n + 1);
    const id15 = `${prefix}${this.instance}0${base62(n, 9)}`;
    return id15 + checksumSuffix(id15);
  }

  /** The counters, for savepoints. */
  snapshot(): Map<string, number> {
    return new Map(this.counters);
  }

  /** Restores counters taken by snapshot(). */
  restore(snapshot: Map<string, number>): void {
    this.counters = new Map(snapshot);
  }
}
