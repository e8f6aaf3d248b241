/**
 * Settings > Users: GRAX admins manage local break-glass users. Creating one (username, display name, role, initial
 * password that passes the strength rule, optional last day), listing them with their status, deactivating and
 * reactivating, setting or clearing the last day, resetting two-step verification and resetting the password. Every
 * change is audited; deactivating a user, or resetting their password or two-step verification, ends their sessions
 * at once.
 */
import type { Clock } from '../clock';
import { AppError, invalidInput, notFound } from '../errors';
import type { FieldProblem } from '../errors';
import type { LocalUserPatch, Store } from '../store/types';
import type { Actor, Role } from '../domain/actor';
import type { JsonObject } from '../domain/json';
import type { LocalUser } from '../domain/localUser';
import { StoreConflictError } from '../store/types';
import { AUTH_AUDIT } from '../domain/audit';
import type { LocalUserStatus } from './localUsersStatus';
import { localUserStatus } from './localUsersStatus';
import { hashPassword } from './passwordHash';
import { passwordProblem } from './passwordPolicy';
import type { AuditAction } from '../domain/audit';

/** A user with its status now, for the list and the detail page. */
export interface LocalUserView {
  user: LocalUser;
  status: LocalUserStatus;
  /** The last day the user may sign in (UTC), or null without expiry. */
  lastDay: string | null;
}

/** What the create form sends. */
export interface NewLocalUserInput {
  username: unknown;
  displayName: unknown;
  role: unknown;
  password: unknown;
  lastDay: unknown;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** `YYYY-MM-DD` of the last day a user with this expiry may sign in (expiry is midnight UTC after that day). */
export function lastDayOf(expiresAt: Date | null): string | null {
  return expiresAt ? new Date(expiresAt.getTime() - 1).toISOString().slice(0, 10) : null;
}

export class LocalUserAdmin {
  constructor(private readonly deps: { store: Pick<Store, 'localUsers' | 'sessions' | 'audit'>; clock: Clock }) {}

  /** Every local user with its status, by username. */
  async list(): Promise<LocalUserView[]> {
    return (await this.deps.store.localUsers.list()).map((user) => this.view(user));
  }

  /** One user; NOT_FOUND when there is none with this id. */
  async get(id: string): Promise<LocalUserView> {
    return this.view(await this.require(id));
  }

  /** Whether an active, unexpired local admin exists (break-glass access when Salesforce is unavailable). */
  async hasActiveAdmin(): Promise<boolean> {
    return (await this.deps.store.localUsers.countActiveAdmins()) > 0;
  }

  /** Creates a user; INVALID_REQUEST naming each field that is wrong. */
  async create(input: NewLocalUserInput, actor: Actor): Promise<LocalUser> {
    const problems: FieldProblem[] = [];
    const username = text(input.username);
    const displayName = text(input.displayName);
    const password = typeof input.password === 'string' ? input.password : '';
    if (!USERNAME.test(username)) {
      problems.push({
        field: 'username',
        message:
          'Use 3 to 64 letters, digits, dots, dashes, underscores or @ for the username, starting with a letter or digit.',
      });
    }
    if (displayName === '' || displayName.length > 80 || /[\u0000-\u001f]/.test(displayName)) {
      problems.push({ field: 'displayName', message: 'Enter a display name of up to 80 characters.' });
    }
    const role = input.role === 'admin' || input.role === 'viewer' ? (input.role as Role) : null;
    if (!role) problems.push({ field: 'role', message: 'Choose Admin or Viewer as the role.' });
    const weak = passwordProblem(password, username);
    if (weak) problems.push({ field: 'password', message: weak });
    const expiry = this.parseLastDay(input.lastDay);
    if (expiry instanceof Array) problems.push(...expiry);
    if (problems.length > 0 || !role || expiry instanceof Array) throw invalidInput(problems);

    let user: LocalUser;
    try {
      user = await this.deps.store.localUsers.create({
        username,
        displayName,
        role,
        passwordHash: await hashPassword(password),
        expiresAt: expiry,
      });
    } catch (error) {
      if (error instanceof StoreConflictError) {
        throw invalidInput([{ field: 'username', message: `A local user named ${username} already exists.` }]);
      }
      throw error;
    }
    await this.audit(actor, AUTH_AUDIT.userCreated, user, { role, lastDay: lastDayOf(expiry) });
    return user;
  }

  /** Deactivates a user and ends their sessions; an admin cannot deactivate themselves. */
  async deactivate(id: string, actor: Actor): Promise<void> {
    if (actor.kind === 'local' && actor.id === id) {
      throw new AppError({
        code: 'CANNOT_DEACTIVATE_SELF',
        kind: 'conflict',
        title: 'You cannot deactivate yourself',
        message: 'You are signed in as this user, so deactivating it would lock you out at once.',
        actions: ['Ask another GRAX admin to deactivate this user.'],
      });
    }
    await this.change(id, actor, { active: false }, AUTH_AUDIT.userDeactivated, {}, true);
  }

  /** Lets a deactivated user sign in again. */
  async reactivate(id: string, actor: Actor): Promise<void> {
    await this.change(id, actor, { active: true }, AUTH_AUDIT.userReactivated, {}, false);
  }

  /** Sets (a `YYYY-MM-DD` last day) or clears (empty) the user's expiry. */
  async setLastDay(id: string, lastDay: unknown, actor: Actor): Promise<void> {
    const expiry = this.parseLastDay(lastDay);
    if (expiry instanceof Array) throw invalidInput(expiry);
    await this.change(
      id,
      actor,
      { expiresAt: expiry },
      AUTH_AUDIT.userExpiryChanged,
      { lastDay: lastDayOf(expiry) },
      false,
    );
  }

  /** Forgets the user's authenticator app: they set up a new one at their next sign-in. */
  async resetTotp(id: string, actor: Actor): Promise<void> {
    await this.change(id, actor, { totpSecret: null, totpEnabled: false }, AUTH_AUDIT.userTotpReset, {}, true);
  }

  /** Sets a new password (strength rule applies) and ends the user's sessions. */
  async resetPassword(id: string, password: unknown, actor: Actor): Promise<void> {
    const user = await this.require(id);
    const value = typeof password === 'string' ? password : '';
    const weak = passwordProblem(value, user.username);
    if (weak) throw invalidInput([{ field: 'password', message: weak }]);
    await this.change(id, actor, { passwordHash: await hashPassword(value) }, AUTH_AUDIT.userPasswordReset, {}, true);
  }

  private view(user: LocalUser): LocalUserView {
    return { user, status: localUserStatus(user, this.deps.clock.now()), lastDay: lastDayOf(user.expiresAt) };
  }

  private async require(id: string): Promise<LocalUser> {
    const user = await this.deps.store.localUsers.get(id);
    if (!user) throw notFound();
    return user;
  }

  /** Null for no expiry; the expiry instant for a valid future day; field problems otherwise. */
  private parseLastDay(value: unknown): Date | null | FieldProblem[] {
    const raw = text(value);
    if (raw === '') return null;
    const match = DAY.exec(raw);
    const start = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
    if (!match || Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== raw) {
      return [
        { field: 'lastDay', message: 'Enter the last day as YYYY-MM-DD, for example 2027-01-31, or leave it empty.' },
      ];
    }
    const expiresAt = new Date(start + DAY_MS);
    if (expiresAt.getTime() <= this.deps.clock.now().getTime()) {
      return [{ field: 'lastDay', message: 'Choose a last day that is today or later (UTC), or leave it empty.' }];
    }
    return expiresAt;
  }

  private async change(
    id: string,
    actor: Actor,
    patch: LocalUserPatch,
    action: AuditAction,
    details: JsonObject,
    endSessions: boolean,
  ): Promise<void> {
    const user = await this.require(id);
    const updated = await this.deps.store.localUsers.update(user.id, patch);
    const ended = endSessions ? await this.deps.store.sessions.deleteForPrincipal('local', user.id) : 0;
    await this.audit(actor, action, updated, endSessions ? { ...details, sessionsEnded: ended } : details);
  }

  private async audit(actor: Actor, action: AuditAction, user: LocalUser, details: JsonObject): Promise<void> {
    await this.deps.store.audit.append({ actor, action, target: user.username, details });
  }
}
