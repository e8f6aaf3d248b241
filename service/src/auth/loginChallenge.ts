/**
 * The short-lived proof, between the password step and the code step of a local login, that this browser gave the
 * right password for this user a moment ago. It is sealed with the service's secret box (AES-256-GCM) under a context
 * naming the browser, so it cannot be read, changed, or used from another browser; it expires after 5 minutes and
 * dies when the user's password, two-step setup or status changes. No session exists until the code is accepted.
 * Each challenge carries a random id, so the login can use it once: the code step claims the id when it signs in.
 */
import type { Clock } from '../clock';
import { randomToken, sha256Hex } from '../crypto/random';
import type { SecretBox } from '../crypto/secretBox';
import type { LocalUser } from '../domain/localUser';

export const CHALLENGE_TTL_MS = 5 * 60_000;

/** What the second step needs: who, and whether they enter a code or set up two-step verification first. */
export interface LoginChallenge {
  /** Random, different for every challenge: what the code step claims so that the challenge works once. */
  id: string;
  userId: string;
  stage: 'code' | 'enrol';
}

interface SealedChallenge extends LoginChallenge {
  v: 1;
  issuedAt: number;
  fingerprint: string;
}

/** Changes whenever something that should end a half-finished login changes. */
function fingerprint(user: LocalUser): string {
  return sha256Hex(`${user.passwordHash}|${user.totpEnabled}|${user.active}|${user.totpSecret ?? ''}`).slice(0, 32);
}

function context(browserId: string): string {
  return `local-login-challenge:${browserId}`;
}

export class LoginChallenges {
  constructor(
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  /** Seals a challenge for this user and browser. */
  issue(user: LocalUser, stage: LoginChallenge['stage'], browserId: string): string {
    const sealed: SealedChallenge = {
      v: 1,
      id: randomToken(16),
      userId: user.id,
      stage,
      issuedAt: this.clock.now().getTime(),
      fingerprint: fingerprint(user),
    };
    return this.box.encrypt(JSON.stringify(sealed), context(browserId));
  }

  /** The challenge when it was issued to this browser, is unexpired, and still matches the user; else null. */
  async open(
    token: unknown,
    browserId: string,
    loadUser: (id: string) => Promise<LocalUser | null>,
  ): Promise<{ challenge: LoginChallenge; user: LocalUser } | null> {
    if (typeof token !== 'string' || token.length > 2048) return null;
    let sealed: SealedChallenge;
    try {
      sealed = JSON.parse(this.box.decrypt(token, context(browserId))) as SealedChallenge;
    } catch {
      return null;
    }
    const age = this.clock.now().getTime() - sealed.issuedAt;
    if (sealed.v !== 1 || typeof sealed.id !== 'string' || age < 0 || age > CHALLENGE_TTL_MS) return null;
    const user = await loadUser(sealed.userId);
    if (!user || fingerprint(user) !== sealed.fingerprint) return null;
    return { challenge: { id: sealed.id, userId: sealed.userId, stage: sealed.stage }, user };
  }
}
