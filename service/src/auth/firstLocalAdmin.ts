/**
 * The first local admin, created with a setup token when no local admin is active: the way back in when nobody can
 * sign in (after Reset, Log in with Salesforce is off). The token (first-run, or issued by `npm run setup-token` on
 * the server) is checked before anything is stored and used up once the user exists; of two forms racing for one
 * token, the loser's user is deactivated again and it is told so.
 */
import { AppError } from '../errors';
import type { LocalUser } from '../domain/localUser';
import { SETUP_ACTOR } from '../domain/actor';
import { setupTokenAlreadyUsed, setupTokenMissing, setupTokenWrong } from '../connection/connectErrors';
import type { SetupToken } from '../connection/setupToken';
import type { LocalUserAdmin, NewLocalUserInput } from './localUsers';

/** What the form sends: the new admin and the setup token. */
export type FirstAdminInput = Omit<NewLocalUserInput, 'role' | 'lastDay'> & { setupToken: unknown };

/** A local admin already exists: signing in with it is the way in. */
export function firstAdminExists(): AppError {
  return new AppError({
    code: 'LOCAL_ADMIN_EXISTS',
    kind: 'conflict',
    title: 'A local admin already exists',
    message: 'An active local admin exists, so the setup token cannot create another one. Nothing was saved.',
    actions: ['Log in with that local admin; more users are created in Settings > Users.'],
  });
}

/** Creating the first local admin with a setup token. */
export class FirstLocalAdmin {
  constructor(
    private readonly deps: {
      users: LocalUserAdmin;
      setupToken: Pick<SetupToken, 'accepted' | 'matches' | 'consume'>;
    },
  ) {}

  /** True when the form is offered: no active local admin, and a setup token would be accepted. */
  async available(): Promise<boolean> {
    return !(await this.deps.users.hasActiveAdmin()) && (await this.deps.setupToken.accepted());
  }

  /** Creates the admin (who sets up two-step verification at the first login) and uses the token up. */
  async create(input: FirstAdminInput): Promise<LocalUser> {
    if (await this.deps.users.hasActiveAdmin()) throw firstAdminExists();
    const typed = typeof input.setupToken === 'string' ? input.setupToken.trim() : '';
    if (typed === '') throw setupTokenMissing();
    if (!(await this.deps.setupToken.matches(typed))) throw setupTokenWrong();
    const user = await this.deps.users.create({ ...input, role: 'admin', lastDay: '' }, SETUP_ACTOR);
    if (!(await this.deps.setupToken.consume('first_admin'))) {
      await this.deps.users.deactivate(user.id, SETUP_ACTOR);
      throw setupTokenAlreadyUsed();
    }
    return user;
  }
}
