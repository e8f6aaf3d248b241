/**
 * Sign-in for local break-glass users: username and password, then a TOTP code (or, the first time, setting up an
 * authenticator app and confirming a code before any session exists). Everything happens in the store: no Salesforce
 * call, so local users can sign in while Salesforce is disconnected or unreachable.
 *
 * Unknown usernames, wrong passwords and locked users get the same answer (and the same scrypt work), so the page
 * never tells which usernames exist. Every failure (password or code) counts towards the lock after 5 failures for
 * 15 minutes; a code is accepted once per time step, so a code seen over someone's shoulder cannot be replayed.
 * Deactivated and expired users are told so, but only after giving the right password.
 */
import type { Clock } from '../clock';
import { randomToken } from '../crypto/random';
import type { Store } from '../store/types';
import type { Actor, SessionPrincipal } from '../domain/actor';
import type { LocalUser } from '../domain/localUser';
import { AUTH_AUDIT } from '../domain/audit';
import type { LoginChallenge, LoginChallenges } from './loginChallenge';
import { CHALLENGE_TTL_MS } from './loginChallenge';
import { localUserStatus, LOCK_AFTER_FAILURES, LOCK_DURATION_MS } from './localUsersStatus';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './passwordHash';
import { matchingStep, newTotpSecret, TOTP_STEP_SECONDS, TOTP_WINDOW, totpKeyUri } from './totp';
import type { AuditAction } from '../domain/audit';

/** What the code step shows a user who has not set up two-step verification yet. */
export interface TotpEnrolment {
  secret: string;
  keyUri: string;
}

/** Why a user who gave the right password may still not sign in. */
export type RefusalReason = { kind: 'deactivated' } | { kind: 'expired'; expiredAt: Date };

export type PasswordStepResult =
  | { kind: 'challenge'; token: string; stage: LoginChallenge['stage']; enrolment: TotpEnrolment | null }
  | { kind: 'failed' }
  | { kind: 'refused'; reason: RefusalReason };

export type CodeStepResult =
  | { kind: 'signedIn'; principal: SessionPrincipal }
  | { kind: 'wrongCode'; stage: LoginChallenge['stage']; enrolment: TotpEnrolment | null }
  | { kind: 'locked'; until: Date }
  | { kind: 'challengeInvalid' }
  | { kind: 'refused'; reason: RefusalReason };

export type ReauthResult =
  { kind: 'confirmed' } | { kind: 'failed' } | { kind: 'locked'; until: Date } | { kind: 'refused' };

/** How long a used code's time step stays blocked: it is valid for the steps either side of now. */
const USED_CODE_TTL_MS = (2 * TOTP_WINDOW + 2) * TOTP_STEP_SECONDS * 1000;

type FailureReason =
  'unknown_user' | 'wrong_password' | 'locked' | 'wrong_code' | 'replayed_code' | 'deactivated' | 'expired';

/** The user as the audit log names them (the same name their later actions carry); the username is the target. */
function actorOfLocalUser(user: LocalUser): Actor {
  return { kind: 'local', id: user.id, name: user.displayName };
}

export class LocalLogin {
  constructor(
    private readonly deps: {
      store: Pick<Store, 'localUsers' | 'audit' | 'locks'>;
      clock: Clock;
      challenges: LoginChallenges;
    },
  ) {}

  /** Step 1: checks username and password; on success returns the sealed challenge for the code step. */
  async checkPassword(username: string, password: string, browserId: string): Promise<PasswordStepResult> {
    const users = this.deps.store.localUsers;
    const user = username.length <= 128 ? await users.findByUsername(username.trim()) : null;
    if (!user) {
      await verifyAgainstDummy(password);
      await this.audit({ kind: 'local', id: 'unknown', name: '(unknown user)' }, AUTH_AUDIT.localFailed, null, {
        step: 'password',
        reason: 'unknown_user',
      });
      return { kind: 'failed' };
    }
    const status = localUserStatus(user, this.deps.clock.now());
    const passwordOk = await verifyPassword(password, user.passwordHash);
    if (status.state === 'locked') {
      // No attempt counts while locked, and the answer does not reveal whether the password was right.
      await this.audit(actorOfLocalUser(user), AUTH_AUDIT.localFailed, user.username, {
        step: 'password',
        reason: 'locked',
      });
      return { kind: 'failed' };
    }
    if (!passwordOk) {
      await this.recordFailure(user, 'password', 'wrong_password');
      return { kind: 'failed' };
    }
    const refusal = this.refusal(user);
    if (refusal) {
      await this.audit(actorOfLocalUser(user), AUTH_AUDIT.localFailed, user.username, {
        step: 'password',
        reason: refusal.kind,
      });
      return { kind: 'refused', reason: refusal };
    }
    const current = await this.upgradeHash(user, password);
    if (status.totpEnrolled) {
      const token = this.deps.challenges.issue(current, 'code', browserId);
      return { kind: 'challenge', token, stage: 'code', enrolment: null };
    }
    // An enrolment that was started but not confirmed keeps its secret, so an app already scanned keeps working.
    const enrolling = current.totpSecret
      ? current
      : await users.update(user.id, { totpSecret: newTotpSecret(), totpEnabled: false });
    return {
      kind: 'challenge',
      token: this.deps.challenges.issue(enrolling, 'enrol', browserId),
      stage: 'enrol',
      enrolment: this.enrolmentOf(enrolling),
    };
  }

  /** Step 2: checks the code (confirming the enrolment the first time) and returns the principal to sign in. */
  async checkCode(token: unknown, code: string, browserId: string): Promise<CodeStepResult> {
    const opened = await this.deps.challenges.open(token, browserId, (id) => this.deps.store.localUsers.get(id));
    if (!opened) return { kind: 'challengeInvalid' };
    const { challenge, user } = opened;
    const refusal = this.refusal(user);
    if (refusal) return { kind: 'refused', reason: refusal };
    const status = localUserStatus(user, this.deps.clock.now());
    if (status.state === 'locked' && status.lockedUntil) return { kind: 'locked', until: status.lockedUntil };
    const enrolment = challenge.stage === 'enrol' ? this.enrolmentOf(user) : null;

    const accepted = await this.acceptCode(user, code, 'code');
    if (accepted.kind === 'locked') return accepted;
    if (accepted.kind === 'wrong') return { kind: 'wrongCode', stage: challenge.stage, enrolment };
    // A challenge signs in once: the first right code claims it (atomically, across replicas).
    const claimed = await this.deps.store.locks.acquire(
      `login-challenge-used:${challenge.id}`,
      randomToken(12),
      CHALLENGE_TTL_MS,
    );
    if (!claimed) return { kind: 'challengeInvalid' };

    let current = user;
    if (challenge.stage === 'enrol') {
      current = await this.deps.store.localUsers.update(user.id, { totpEnabled: true });
      await this.audit(actorOfLocalUser(user), AUTH_AUDIT.userTotpEnrolled, user.username, {});
    }
    await this.deps.store.localUsers.recordSuccessfulLogin(user.id);
    await this.audit(actorOfLocalUser(user), AUTH_AUDIT.localLogin, user.username, { role: user.role });
    return {
      kind: 'signedIn',
      principal: { kind: 'local', id: current.id, displayName: current.displayName, role: current.role, orgId: null },
    };
  }

  /** Re-authentication of a signed-in local user: password and a fresh code together. */
  async reauthenticate(userId: string, password: string, code: string): Promise<ReauthResult> {
    const user = await this.deps.store.localUsers.get(userId);
    if (!user || this.refusal(user) || !user.totpSecret || !user.totpEnabled) return { kind: 'refused' };
    const status = localUserStatus(user, this.deps.clock.now());
    if (status.state === 'locked' && status.lockedUntil) return { kind: 'locked', until: status.lockedUntil };
    const passwordOk = await verifyPassword(password, user.passwordHash);
    if (!passwordOk) {
      const after = await this.recordFailure(user, 'reauth', 'wrong_password');
      return after ? { kind: 'locked', until: after } : { kind: 'failed' };
    }
    const accepted = await this.acceptCode(user, code, 'reauth');
    if (accepted.kind === 'locked') return accepted;
    if (accepted.kind === 'wrong') return { kind: 'failed' };
    await this.deps.store.localUsers.recordSuccessfulLogin(user.id);
    await this.audit(actorOfLocalUser(user), AUTH_AUDIT.reauthenticated, user.username, {});
    return { kind: 'confirmed' };
  }

  /** Re-hashes a correct password when the stored hash uses weaker parameters than the current ones. */
  private async upgradeHash(user: LocalUser, password: string): Promise<LocalUser> {
    if (!needsRehash(user.passwordHash)) return user;
    return this.deps.store.localUsers.update(user.id, { passwordHash: await hashPassword(password) });
  }

  private enrolmentOf(user: LocalUser): TotpEnrolment {
    const secret = user.totpSecret ?? '';
    return { secret, keyUri: totpKeyUri(secret, user.username) };
  }

  private refusal(user: LocalUser): RefusalReason | null {
    const status = localUserStatus(user, this.deps.clock.now());
    if (status.state === 'deactivated') return { kind: 'deactivated' };
    if (status.state === 'expired' && user.expiresAt) return { kind: 'expired', expiredAt: user.expiresAt };
    return null;
  }

  /**
   * Accepts a code once: right for this time window, and its time step not used before (claimed atomically in the
   * store, so two replicas cannot both accept it). A wrong or replayed code counts as a failure.
   */
  private async acceptCode(
    user: LocalUser,
    code: string,
    step: 'code' | 'reauth',
  ): Promise<{ kind: 'ok' } | { kind: 'wrong' } | { kind: 'locked'; until: Date }> {
    const matched = user.totpSecret ? matchingStep(user.totpSecret, code, this.deps.clock.now()) : null;
    let reason: FailureReason | null = null;
    if (matched === null) reason = 'wrong_code';
    else {
      const claimed = await this.deps.store.locks.acquire(
        `totp-used:${user.id}:${matched}`,
        randomToken(12),
        USED_CODE_TTL_MS,
      );
      if (!claimed) reason = 'replayed_code';
    }
    if (!reason) return { kind: 'ok' };
    const lockedUntil = await this.recordFailure(user, step, reason);
    return lockedUntil ? { kind: 'locked', until: lockedUntil } : { kind: 'wrong' };
  }

  /** Counts a failure; returns the lock time when this failure locked the user. */
  private async recordFailure(user: LocalUser, step: string, reason: FailureReason): Promise<Date | null> {
    const result = await this.deps.store.localUsers.recordFailedLogin(user.id, LOCK_AFTER_FAILURES, LOCK_DURATION_MS);
    await this.audit(actorOfLocalUser(user), AUTH_AUDIT.localFailed, user.username, { step, reason });
    // Callers never count a failure while the user is locked, so a lock in the future was set by this failure.
    if (!result.lockedUntil || result.lockedUntil.getTime() <= this.deps.clock.now().getTime()) return null;
    await this.audit(actorOfLocalUser(user), AUTH_AUDIT.localLocked, user.username, {
      failedAttempts: result.failedAttempts,
      lockedUntil: result.lockedUntil.toISOString(),
    });
    return result.lockedUntil;
  }

  private async audit(
    actor: Actor,
    action: AuditAction,
    target: string | null,
    details: Record<string, string | number>,
  ) {
    await this.deps.store.audit.append({ actor, action, target, details });
  }
}
