/** scrypt password hashing: salted, versioned, verifiable, constant-time, upgradable. */
import {
  CURRENT_PARAMS,
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from '@service/auth/passwordHash';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    await expect(verifyPassword('correct horse battery staple', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('writes a versioned hash string with its parameters and never the password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$scrypt\$v=1\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(hash).not.toContain('horse');
  });

  it('salts every hash, so the same password never hashes the same way twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same password here'), hashPassword('same password here')]);
    expect(a).not.toBe(b);
  });

  it('verifies hashes made with older, weaker parameters and asks for a re-hash', async () => {
    const old = await hashPassword('an older password', { ln: 14, r: 8, p: 1 });
    expect(old).toContain('$ln=14,r=8,p=1$');
    await expect(verifyPassword('an older password', old)).resolves.toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('a current password'))).toBe(false);
    expect(CURRENT_PARAMS.ln).toBeGreaterThanOrEqual(15);
  });

  it('refuses malformed, foreign and tampered hash strings instead of throwing', async () => {
    const hash = await hashPassword('a good long password');
    const keyStart = hash.lastIndexOf('$') + 1;
    const flipped = hash[keyStart] === 'A' ? 'B' : 'A';
    const tampered = `${hash.slice(0, keyStart)}${flipped}${hash.slice(keyStart + 1)}`;
    await expect(verifyPassword('a good long password', tampered)).resolves.toBe(false);
    // A non-canonical spelling of the same bytes (changed padding bits in the last character) is refused too.
    const lastChar = hash.at(-1) ?? 'A';
    const respelled = `${hash.slice(0, -1)}${lastChar === 'A' ? 'B' : 'A'}`;
    await expect(verifyPassword('a good long password', respelled)).resolves.toBe(false);
    await expect(verifyPassword('x', 'plain-text-password')).resolves.toBe(false);
    await expect(verifyPassword('x', '$2b$10$abcdefghijklmnopqrstuv')).resolves.toBe(false);
    // Absurd cost parameters are refused rather than run.
    await expect(verifyPassword('x', hash.replace('ln=15', 'ln=30'))).resolves.toBe(false);
    expect(needsRehash('plain-text-password')).toBe(true);
  });

  it('refuses passwords longer than 256 characters without hashing them', async () => {
    const hash = await hashPassword('a'.repeat(256));
    await expect(verifyPassword('a'.repeat(256), hash)).resolves.toBe(true);
    await expect(verifyPassword('a'.repeat(257), hash)).resolves.toBe(false);
  });

  it('spends real scrypt work on unknown usernames and always says no', async () => {
    await verifyAgainstDummy('warm up');
    const started = process.hrtime.bigint();
    await expect(verifyAgainstDummy('whatever')).resolves.toBe(false);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(elapsedMs).toBeGreaterThan(5);
  });
});
