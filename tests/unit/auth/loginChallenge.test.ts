/** The sealed challenge between the password and code steps: browser-bound, 5 minutes, void when the user changes. */
import { LoginChallenges } from '@service/auth/loginChallenge';
import { generateKeyRingSpec, parseKeyRing, SecretBox } from '@service/crypto/secretBox';
import type { LocalUser } from '@service/domain/localUser';
import { TestClock } from '@test-support/testClock';

const clock = new TestClock();
const challenges = new LoginChallenges(new SecretBox(parseKeyRing(generateKeyRingSpec())), clock);
const user: LocalUser = {
  id: 'usr_1',
  username: 'break.glass',
  displayName: 'Break Glass',
  role: 'admin',
  passwordHash: '$scrypt$v=1$ln=15,r=8,p=1$salt$hash',
  totpSecret: 'JBSWY3DPEHPK3PXP',
  totpEnabled: true,
  active: true,
  expiresAt: null,
  failedAttempts: 0,
  lockedUntil: null,
  createdAt: clock.now(),
  updatedAt: clock.now(),
  lastLoginAt: null,
};
const load = (current: LocalUser | null) => async () => current;

describe('login challenges', () => {
  it('opens in the browser it was issued to, within 5 minutes', async () => {
    const token = challenges.issue(user, 'code', 'browser-a');
    expect(token).not.toContain('usr_1');
    const opened = await challenges.open(token, 'browser-a', load(user));
    expect(opened).toEqual({ challenge: { id: expect.any(String), userId: 'usr_1', stage: 'code' }, user });
    // Every challenge has its own id (what the code step claims so that it works once).
    const other = await challenges.open(challenges.issue(user, 'code', 'browser-a'), 'browser-a', load(user));
    expect(other?.challenge.id).not.toBe(opened?.challenge.id);
    clock.advance(5 * 60_000 + 1);
    await expect(challenges.open(token, 'browser-a', load(user))).resolves.toBeNull();
  });

  it('does not open in another browser, nor when tampered with', async () => {
    const token = challenges.issue(user, 'enrol', 'browser-a');
    await expect(challenges.open(token, 'browser-b', load(user))).resolves.toBeNull();
    const flipped = `${token.slice(0, -3)}${token.at(-3) === 'A' ? 'B' : 'A'}${token.slice(-2)}`;
    await expect(challenges.open(flipped, 'browser-a', load(user))).resolves.toBeNull();
    await expect(challenges.open(42, 'browser-a', load(user))).resolves.toBeNull();
  });

  it('dies when the password, two-step setup or status changes, or the user is gone', async () => {
    const token = challenges.issue(user, 'code', 'browser-a');
    for (const changed of [
      { ...user, passwordHash: '$scrypt$v=1$ln=15,r=8,p=1$salt$other' },
      { ...user, totpSecret: null, totpEnabled: false },
      { ...user, active: false },
    ]) {
      await expect(challenges.open(token, 'browser-a', load(changed))).resolves.toBeNull();
    }
    await expect(challenges.open(token, 'browser-a', load(null))).resolves.toBeNull();
  });
});
