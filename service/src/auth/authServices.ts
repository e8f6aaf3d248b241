/**
 * Builds the sign-in use cases once from the core services, so the login, re-authentication and settings routers
 * (and the SSO callback handlers) share one instance of each: SSO, SSO role mappings, local-user sign-in and local-user
 * administration, plus the login rate limit every credential form shares.
 */
import type { CoreServices } from '../composition/core';
import { clientAppOf } from '../connection/clientApp';
import type { RateLimitRepository } from '../store/types';
import type { ActiveConnectionSource, ConnectionAccess } from './integrationConnection';
import { activeConnectionSource } from './integrationConnection';
import type { SetupToken } from '../connection/setupToken';
import { AuditLog } from './auditLog';
import { FirstLocalAdmin } from './firstLocalAdmin';
import { LoginChallenges } from './loginChallenge';
import { LocalUserAdmin } from './localUsers';
import { LocalLogin } from './localUsersLogin';
import { SsoService } from './sso';
import { SsoRoleMappings } from './ssoMappings';

/** Attempts per client IP on the credential forms (password, code, re-authentication). */
export interface LoginLimit {
  /** Failed attempts allowed per window (default 10). */
  limit: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimit = { limit: 10, windowMs: 15 * 60_000 };

/** The login limit with where its counts live (the store, shared by replicas) and the name its forms share. */
export interface SharedLoginLimit extends LoginLimit {
  counters: RateLimitRepository;
  name: string;
}

/** Everything the sign-in routers need. */
export interface AuthServices {
  /** PUBLIC_URL is https: cookies get Secure and the __Host- prefix. */
  secureCookies: boolean;
  clock: CoreServices['clock'];
  auditLog: AuditLog;
  connection: ActiveConnectionSource;
  sso: SsoService;
  mappings: SsoRoleMappings;
  localLogin: LocalLogin;
  localUsers: LocalUserAdmin;
  /** The first local admin, created with a setup token when none is active. */
  firstAdmin: FirstLocalAdmin;
  loginLimit: SharedLoginLimit;
}

/** What sign-in needs besides the core services. */
export interface AuthOptions {
  /** The active integration connection and its API client (the connection flows' ConnectionService). */
  connections: ConnectionAccess;
  /** The setup token (first-run, or issued by `npm run setup-token`), which can create the first local admin. */
  setupToken: Pick<SetupToken, 'accepted' | 'matches' | 'consume'>;
  loginLimit?: LoginLimit;
}

/** Builds the sign-in use cases. */
export function createAuthServices(core: CoreServices, options: AuthOptions): AuthServices {
  const { store, clock, logger, config } = core;
  const connection = activeConnectionSource(options.connections);
  const mappings = new SsoRoleMappings({ store, clock, connection });
  const localUsers = new LocalUserAdmin({ store, clock });
  return {
    secureCookies: config.secureCookies,
    clock,
    auditLog: new AuditLog(store.audit),
    connection,
    mappings,
    sso: new SsoService({
      store,
      clock,
      logger,
      // Without an External Client App (SF_CLIENT_ID), Log in with Salesforce is not offered.
      clientApp: config.salesforce.clientId ? clientAppOf(config) : null,
      connection,
      loginPolicy: config.salesforce,
      mappings,
    }),
    localLogin: new LocalLogin({ store, clock, challenges: new LoginChallenges(core.secretBox, clock) }),
    localUsers,
    firstAdmin: new FirstLocalAdmin({ users: localUsers, setupToken: options.setupToken }),
    loginLimit: { ...(options.loginLimit ?? DEFAULT_LOGIN_LIMIT), counters: store.rateLimits, name: 'login' },
  };
}
