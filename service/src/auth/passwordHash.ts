/**
 * Password hashing for local users with scrypt (node:crypto): a random salt per password, memory-hard parameters
 * tuned for a login that takes tens of milliseconds, and a self-describing, versioned hash string
 * `$scrypt$v=1$ln=15,r=8,p=1$<salt>$<hash>` (base64 without padding), so parameters can be raised later and old hashes
 * still verify (`needsRehash` says when to re-hash at the next successful login). Comparison is constant-time.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters: N = 2^ln, block size r, parallelism p. */
export interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

/** Current parameters: N = 32768, r = 8 (32 MiB per hash), p = 1 — OWASP's scrypt baseline. */
export const CURRENT_PARAMS: Readonly<ScryptParams> = { ln: 15, r: 8, p: 1 };

const VERSION = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Passwords longer than this are refused before hashing, so a huge body cannot buy seconds of CPU. */
export const MAX_PASSWORD_LENGTH = 256;

const HASH_PATTERN = /^\$scrypt\$v=(\d+)\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function derive(password: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  const N = 2 ** params.ln;
  // scrypt needs 128 * N * r bytes; allow twice that so Node's default 32 MiB cap does not refuse our own parameters.
  const maxmem = 256 * N * params.r;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64').replace(/=+$/, '');
}

function parse(stored: string): ParsedHash | null {
  const match = HASH_PATTERN.exec(stored);
  if (!match || Number(match[1]) !== VERSION) return null;
  const params = { ln: Number(match[2]), r: Number(match[3]), p: Number(match[4]) };
  // Bounds keep a tampered hash string from asking for gigabytes of memory.
  if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) return null;
  const salt = Buffer.from(match[5] ?? '', 'base64');
  const key = Buffer.from(match[6] ?? '', 'base64');
  // Only canonical base64 is accepted, so every hash string has exactly one spelling.
  if (salt.length < SALT_BYTES || key.length < 16 || b64(salt) !== match[5] || b64(key) !== match[6]) return null;
  return { params, salt, key };
}

/** Hashes a password with a fresh salt and the current parameters. */
export async function hashPassword(password: string, params: ScryptParams = CURRENT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return `$scrypt$v=${VERSION}$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

/** True when the password matches the stored hash; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || password.length > MAX_PASSWORD_LENGTH) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when a stored hash uses weaker parameters than the current ones (re-hash it after a successful login). */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  return (
    parsed.params.ln < CURRENT_PARAMS.ln || parsed.params.r < CURRENT_PARAMS.r || parsed.params.p < CURRENT_PARAMS.p
  );
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for logins with an unknown username, so response times do not
 * tell which usernames exist. Always resolves to false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64'));
  await verifyPassword(password.slice(0, MAX_PASSWORD_LENGTH), await dummyHash);
  return false;
}
