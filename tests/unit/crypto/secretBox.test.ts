/** SecretBox: AES-256-GCM envelopes, tamper detection, row binding and key rotation. */
import { randomBytes } from 'node:crypto';
import { KeyRingError, SecretBox, SecretBoxError, generateKeyRingSpec, parseKeyRing } from '@service/crypto/secretBox';

const spec = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const CONTEXT = 'connections.refresh_token_enc:con_1';

describe('SecretBox', () => {
  const box = new SecretBox(parseKeyRing(spec('k1')));

  it('round-trips a secret in a v1 envelope that never contains the plaintext', () => {
    const envelope = box.encrypt('5Aep861-refresh-token', CONTEXT);
    expect(envelope).toMatch(/^v1:k1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]{22}$/);
    expect(envelope).not.toContain('refresh');
    expect(box.decrypt(envelope, CONTEXT)).toBe('5Aep861-refresh-token');
  });

  it('uses a fresh IV each time, so equal secrets do not look equal on disk', () => {
    expect(box.encrypt('same', CONTEXT)).not.toBe(box.encrypt('same', CONTEXT));
  });

  it('round-trips empty and non-ASCII secrets', () => {
    expect(box.decrypt(box.encrypt('', CONTEXT), CONTEXT)).toBe('');
    expect(box.decrypt(box.encrypt('pässwörd ✓', CONTEXT), CONTEXT)).toBe('pässwörd ✓');
  });

  it.each([
    ['ciphertext', 3],
    ['tag', 4],
    ['iv', 2],
  ])('detects a changed %s', (_part, index) => {
    const parts = box.encrypt('secret value', CONTEXT).split(':');
    const original = parts[index] ?? '';
    const bytes = Buffer.from(original, 'base64url');
    bytes[0] = (bytes[0] ?? 0) ^ 0x01;
    parts[index] = bytes.toString('base64url');
    expect(() => box.decrypt(parts.join(':'), CONTEXT)).toThrow(SecretBoxError);
    expect(() => box.decrypt(parts.join(':'), CONTEXT)).toThrow(/integrity check/);
  });

  it('refuses a value moved to another row or column', () => {
    const envelope = box.encrypt('secret value', CONTEXT);
    expect(() => box.decrypt(envelope, 'connections.refresh_token_enc:con_2')).toThrow(SecretBoxError);
    expect(() => box.decrypt(envelope, 'connections.access_token_enc:con_1')).toThrow(SecretBoxError);
  });

  it('refuses values that are not envelopes', () => {
    expect(() => box.decrypt('plain text', CONTEXT)).toThrow(/not a v1 envelope/);
    expect(() => box.decrypt('v2:k1:a:b:c', CONTEXT)).toThrow(/not a v1 envelope/);
  });

  it('derives stable, purpose-specific keys', () => {
    expect(box.deriveKey('csrf').equals(box.deriveKey('csrf'))).toBe(true);
    expect(box.deriveKey('csrf').equals(box.deriveKey('other'))).toBe(false);
    expect(box.deriveKey('csrf')).toHaveLength(32);
  });
});

describe('key rotation', () => {
  const oldSpec = spec('old');
  const newSpec = spec('new');
  const oldBox = new SecretBox(parseKeyRing(oldSpec));
  const rotatedBox = new SecretBox(parseKeyRing(`${newSpec},${oldSpec}`));

  it('decrypts values of the old key and encrypts new ones with the first key', () => {
    const before = oldBox.encrypt('token', CONTEXT);
    expect(rotatedBox.decrypt(before, CONTEXT)).toBe('token');
    expect(rotatedBox.isCurrent(before)).toBe(false);
    const after = rotatedBox.encrypt('token', CONTEXT);
    expect(rotatedBox.keyIdOf(after)).toBe('new');
    expect(rotatedBox.isCurrent(after)).toBe(true);
  });

  it('says which key is missing when the old key was removed too early', () => {
    const before = oldBox.encrypt('token', CONTEXT);
    const newOnly = new SecretBox(parseKeyRing(newSpec));
    expect(() => newOnly.decrypt(before, CONTEXT)).toThrow(
      'The stored secret was encrypted with key "old", which is not in GRAX_SECRET_KEYS. ' +
        'Add that key back (after the current one) and run npm run secrets:reencrypt.',
    );
  });
});

describe('parseKeyRing', () => {
  it('reads several keys in order and accepts base64url', () => {
    const key = randomBytes(32);
    const ring = parseKeyRing(` a:${key.toString('base64')} , b_2:${key.toString('base64url')} `);
    expect(ring.keys.map((k) => k.id)).toEqual(['a', 'b_2']);
    expect(ring.keys[1]?.key.equals(key)).toBe(true);
  });

  it('lists every problem of a malformed ring', () => {
    let caught: unknown;
    try {
      parseKeyRing(
        `no-separator,bad id:${randomBytes(32).toString('base64')},k:***,k2:${randomBytes(16).toString('base64')},${spec('d')},${spec('d')}`,
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KeyRingError);
    expect((caught as KeyRingError).problems).toEqual([
      'key 1 is not of the form keyId:base64key',
      'key 2 has an invalid id; use 1-32 letters, digits, "_" or "-"',
      'key "k" is not valid base64',
      'key "k2" is 16 bytes; keys must be exactly 32 bytes (base64 of 32 random bytes)',
      'key id "d" appears more than once',
    ]);
  });

  it('refuses an empty ring', () => {
    expect(() => parseKeyRing(' , ')).toThrow(KeyRingError);
  });

  it('generates specs it can read back', () => {
    const ring = parseKeyRing(generateKeyRingSpec('demo'));
    expect(ring.keys[0]?.id).toBe('demo');
    expect(ring.keys[0]?.key).toHaveLength(32);
  });
});
