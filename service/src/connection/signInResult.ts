/**
 * Turns a returned authorization code into a checked candidate connection: exchanges the code (PKCE verifier and
 * client secret), reads the identity with a Bearer header, reads the Organization and the user through the API
 * client, and refuses users GRAX cannot work through (inactive, no API access, API-only license) and orgs a connect
 * link was not made for. A refused sign-in's new tokens are revoked at once, so nothing of it lingers.
 */
import type { Config } from '../config';
import { AppError, withCause } from '../errors';
import type { Logger } from '../logger';
import { SalesforceApiError } from '../salesforce/apiClient';
import type { SalesforceClient } from '../salesforce/apiClient';
import { IdentityError, fetchIdentity } from '../salesforce/identity';
import type { Identity } from '../salesforce/identity';
import type { ClientAppConfig, TokenResponse } from '../salesforce/oauthClient';
import { OAuthError, exchangeCode, refreshTokens } from '../salesforce/oauthClient';
import type { OrgInfo, OrgType, ConnectingUser } from '../salesforce/orgInfo';
import { INTEGRATION_LICENSE, orgTypeOf, readOrganization, readUser } from '../salesforce/orgInfo';
import type { Store } from '../store/types';
import type { OAuthStateRecord } from '../domain/connection';
import type { Actor } from '../domain/actor';
import type { ConnectionMode, Environment } from '../domain/connection';
import { tokenRequestFailed } from './callbackErrors';
import {
  apiDisabled,
  apiOnlyUser,
  apiScopeMissing,
  inactiveUser,
  salesforceCallFailed,
  wrongOrgForLink,
} from './connectErrors';
import { createApiClient } from './connectionService';
import { revokeAtSalesforce } from './revoke';
import { sameSalesforceId } from '../domain/salesforceIds';
import { salesforceUnreachable } from './tokens';

/** A sign-in that passed every check, not yet stored. */
export interface ConnectCandidate {
  purpose: 'connect' | 'update';
  tokens: TokenResponse;
  identity: Identity;
  org: OrgInfo;
  orgType: OrgType;
  user: ConnectingUser;
  environment: Environment;
  loginUrl: string;
  /** The org's My Domain host (from its instance URL), to recognise a refreshed sandbox. */
  myDomain: string;
  mode: ConnectionMode;
  /** Who started the flow (from the state). */
  actor: Actor | null;
}

/** What reading a sign-in needs. */
export interface SignInDeps {
  config: Pick<Config, 'salesforce' | 'jobLeaseMs'>;
  store: Pick<Store, 'apiCalls' | 'kind' | 'concurrencySlots'>;
  logger: Logger;
  clientApp: () => ClientAppConfig;
}

/** The host of the instance URL, which is the org's My Domain on Salesforce. */
export function myDomainOf(instanceUrl: string): string {
  return new URL(instanceUrl).host.toLowerCase();
}

function candidateClient(
  deps: SignInDeps,
  tokens: TokenResponse,
  app: ClientAppConfig,
  loginUrl: string,
): SalesforceClient {
  let accessToken = tokens.accessToken;
  return createApiClient(deps, {
    orgId: tokens.orgId,
    instanceUrl: tokens.instanceUrl,
    tokens: {
      accessToken: async () => accessToken,
      refresh: async () => {
        if (!tokens.refreshToken) throw salesforceUnreachable();
        accessToken = (await refreshTokens(loginUrl, app, tokens.refreshToken)).accessToken;
        return accessToken;
      },
    },
  });
}

function fromApiError(error: unknown, username: string): AppError {
  if (error instanceof AppError) return error;
  return withCause(translateApiError(error, username), error);
}

function translateApiError(error: unknown, username: string): AppError {
  if (error instanceof SalesforceApiError) {
    if (error.errorCode === 'API_DISABLED_FOR_ORG') return apiDisabled(username);
    if (error.errorCode === 'INVALID_SESSION_ID' && /not valid for use with the REST API/i.test(error.message)) {
      return apiScopeMissing();
    }
    if (error.status === 0) return salesforceUnreachable();
    return salesforceCallFailed(error.errorCode, error.message);
  }
  if (error instanceof OAuthError && error.kind === 'network') return salesforceUnreachable();
  return salesforceCallFailed('UNKNOWN', error instanceof Error ? error.message : 'unexpected answer');
}

function fromIdentityError(error: IdentityError): AppError {
  if (error.kind === 'network') return salesforceUnreachable();
  return salesforceCallFailed(
    'IDENTITY_REFUSED',
    error.kind === 'untrusted_url'
      ? 'Salesforce named an identity address that is not a Salesforce login host.'
      : 'Salesforce did not answer the identity request for the new session.',
  );
}

/** Exchanges the code and checks the user and org; throws an AppError (after revoking the new tokens) when refused. */
export async function readSignIn(deps: SignInDeps, state: OAuthStateRecord, code: string): Promise<ConnectCandidate> {
  const app = deps.clientApp();
  const purpose = state.purpose === 'update' ? 'update' : 'connect';
  let tokens: TokenResponse;
  try {
    tokens = await exchangeCode(state.loginUrl, app, code, state.codeVerifier);
  } catch (error) {
    if (error instanceof OAuthError) throw tokenRequestFailed(purpose, error);
    throw error;
  }
  try {
    return await checkSignIn(deps, state, tokens, app);
  } catch (error) {
    const revoked = await revokeAtSalesforce(
      state.loginUrl,
      app,
      tokens.refreshToken ?? tokens.accessToken,
      deps.logger,
    );
    deps.logger.info({ revoked: revoked.ok }, 'refused sign-in: its tokens were revoked');
    throw error;
  }
}

async function checkSignIn(
  deps: SignInDeps,
  state: OAuthStateRecord,
  tokens: TokenResponse,
  app: ClientAppConfig,
): Promise<ConnectCandidate> {
  let identity: Identity;
  try {
    identity = await fetchIdentity(tokens.idUrl, tokens.accessToken, deps.config.salesforce);
  } catch (error) {
    throw error instanceof IdentityError ? fromIdentityError(error) : error;
  }
  if (identity.orgId !== tokens.orgId || identity.userId !== tokens.userId) {
    throw salesforceCallFailed('IDENTITY_MISMATCH', 'The identity service named another user than the token.');
  }
  if (!identity.active) throw inactiveUser(identity.username);

  const client = candidateClient(deps, tokens, app, state.loginUrl);
  let org: OrgInfo;
  let user: ConnectingUser;
  try {
    org = await readOrganization(client);
    user = await readUser(client, identity.userId);
  } catch (error) {
    throw fromApiError(error, identity.username);
  }
  if (!user.isActive) throw inactiveUser(user.username);
  if (user.licenseName === INTEGRATION_LICENSE) throw apiOnlyUser(user.username);
  if (state.expectedOrgId && !sameSalesforceId(state.expectedOrgId, org.id)) {
    throw wrongOrgForLink(state.expectedOrgId, { id: org.id, name: org.name });
  }
  return {
    purpose: state.purpose === 'update' ? 'update' : 'connect',
    tokens,
    identity,
    org,
    orgType: orgTypeOf(org),
    user,
    environment: state.environment ?? (org.isSandbox ? 'sandbox' : 'production'),
    loginUrl: state.loginUrl,
    myDomain: myDomainOf(tokens.instanceUrl),
    mode: state.mode ?? 'auto_config',
    actor: state.actor,
  };
}
