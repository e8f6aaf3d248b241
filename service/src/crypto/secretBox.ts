/**
 * Encrypts secrets at rest (OAuth tokens, PKCE verifiers, TOTP secrets) with AES-256-GCM.
 *
 * Envelope: `v1:<keyId>:<iv>:<ciphertext>:<tag>` (each part base64url). The key ring comes from `GRAX_SECRET_KEYS`
 * (`keyId:base64key,...`): the first key encrypts, every key decrypts, so keys can be rotated by putting a new key
 * first and running `npm run secrets:reencrypt`. The caller passes a context (e.g. `connections.refresh_token:con_1`)
 * that is bound to the ciphertext as associated data: a value copied to another column or row fails to decrypt.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** One 256-bit key and the id written into every envelope it produces. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

/** Keys in order of preference: `keys[0]` encrypts, all of them decrypt. */
export interface KeyRing {
  keys: readonly SecretKey[];
}

/** A key ring that cannot be used; `problems` holds one readable line per problem. */
export class KeyRingError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'KeyRingError';
  }
}

/** A value that cannot be decrypted: altered, bound to another row, or encrypted with a key no longer in the ring. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

function decodeKey(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/**
 * Parses `keyId:base64key,keyId:base64key`. Throws a KeyRingError naming every malformed entry, without ever
 * echoing key material.
 */
export function parseKeyRing(spec: string): KeyRing {
  const problems: string[] = [];
  const keys: SecretKey[] = [];
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) {
    throw new KeyRingError(['no keys given; expected keyId:base64key (32 random bytes, base64)']);
  }
  entries.forEach((entry, index) => {
    const position = `key ${index + 1}`;
    const separator = entry.indexOf(':');
    if (separator <= 0) {
      problems.push(`${position} is not of the form keyId:base64key`);
      return;
    }
    const id = entry.slice(0, separator);
    if (!KEY_ID_PATTERN.test(id)) {
      problems.push(`${position} has an invalid id; use 1-32 letters, digits, "_" or "-"`);
      return;
    }
    const key = decodeKey(entry.slice(separator + 1));
    if (!key) {
      problems.push(`key "${id}" is not valid base64`);
      return;
    }
    if (key.length !== KEY_BYTES) {
      problems.push(
        `key "${id}" is ${key.length} bytes; keys must be exactly ${KEY_BYTES} bytes (base64 of 32 random bytes)`,
      );
      return;
    }
    if (keys.some((k) => k.id === id)) {
      problems.push(`key id "${id}" appears more than once`);
      return;
    }
    keys.push({ id, key });
  });
  if (problems.length > 0) throw new KeyRingError(problems);
  return { keys };
}

/** A fresh single-key ring spec (`keyId:base64key`), as generated for demo mode. */
export function generateKeyRingSpec(keyId = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`): string {
  return `${keyId}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

function associatedData(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}:${keyId}:${context}`, 'utf8');
}

/** Authenticated encryption of short secrets with a rotatable key ring. */
export class SecretBox {
  private readonly byId: Map<string, Buffer>;
  private readonly current: SecretKey;

  constructor(ring: KeyRing) {
    const first = ring.keys[0];
    if (!first) throw new KeyRingError(['no keys given']);
    this.current = first;
    this.byId = new Map(ring.keys.map((k) => [k.id, k.key]));
  }

  /** The id of the key new values are encrypted with. */
  get currentKeyId(): string {
    return this.current.id;
  }

  /** Encrypts `plaintext` for the given context (which must be passed again to decrypt). */
  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(this.current.id, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.current.id, iv, ciphertext, tag]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
  }

  /** Decrypts an envelope made by `encrypt` with the same context; throws SecretBoxError otherwise. */
  decrypt(envelope: string, context: string): string {
    const parts = envelope.split(':');
    const [version, keyId, iv, ciphertext, tag] = parts;
    if (parts.length !== 5 || version !== VERSION || !keyId || !iv || ciphertext === undefined || !tag) {
      throw new SecretBoxError('The stored secret is not a v1 envelope; it may have been written by another program.');
    }
    const key = this.byId.get(keyId);
    if (!key) {
      throw new SecretBoxError(
        `The stored secret was encrypted with key "${keyId}", which is not in GRAX_SECRET_KEYS. ` +
          'Add that key back (after the current one) and run npm run secrets:reencrypt.',
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(associatedData(keyId, context));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(
        'The stored secret failed its integrity check: it was altered or belongs to another record.',
      );
    }
  }

  /** The key id an envelope was encrypted with, or null when it is not a v1 envelope. */
  keyIdOf(envelope: string): string | null {
    const parts = envelope.split(':');
    return parts.length === 5 && parts[0] === VERSION ? (parts[1] ?? null) : null;
  }

  /** True when the envelope already uses the current (first) key. */
  isCurrent(envelope: string): boolean {
    return this.keyIdOf(envelope) === this.current.id;
  }

  /**
   * A 256-bit key for another purpose (e.g. signing anonymous CSRF tokens), derived from the current key with HKDF so
   * the ring stays the only secret to manage.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.current.key, Buffer.from('grax-connect'), purpose, KEY_BYTES));
  }
}
