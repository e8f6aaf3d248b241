/**
 * Starting a connection: validates what the admin chose (environment, optional My Domain, Auto Config or not), builds
 * the login URL from explicit Salesforce host patterns, creates the one-time OAuth state (256 random bits, bound to
 * the browser, PKCE verifier encrypted, 10-minute expiry) and returns the Salesforce authorization URL. Who may start
 * one is decided by `authorizeConnect` for the web form; a connect link from the org API calls `startConnect`
 * directly, with the org id the callback must insist on.
 */
import type { Clock } from '../clock';
import type { Config } from '../config';
import { randomToken } from '../crypto/random';
import type { FieldProblem } from '../errors';
import { invalidInput, reauthRequired } from '../errors';
import type { ResolvedLogin } from '../salesforce/loginHosts';
import { resolveLoginHost } from '../salesforce/loginHosts';
import type { ClientAppConfig } from '../salesforce/oauthClient';
import { buildAuthorizationUrl } from '../salesforce/oauthClient';
import type { Store } from '../store/types';
import type { Actor, SessionPrincipal } from '../domain/actor';
import type { Connection, ConnectionMode } from '../domain/connection';
import { SETUP_ACTOR, actorOfPrincipal } from '../domain/actor';
import { connectNeedsAdmin, reconnectLinkRefused, setupTokenMissing, setupTokenWrong } from './connectErrors';
import type { ReconnectLinks } from './reconnectLink';
import { RECONNECT_LINK_ACTOR } from './reconnectLink';
import type { SetupToken } from './setupToken';
import { CONNECTION_AUDIT } from '../domain/audit';

/** How long a started sign-in may take before its state expires. */
export const STATE_TTL_MS = 10 * 60_000;

/** What starting a connection needs. */
export interface StartConnectDeps {
  config: Pick<Config, 'salesforce'>;
  store: Pick<Store, 'oauthStates' | 'audit' | 'connections'>;
  clock: Clock;
  clientApp: () => ClientAppConfig;
}

/** The form values (unvalidated) and who starts the flow. */
export interface StartConnectInput {
  environment: unknown;
  myDomain?: unknown;
  /** `auto_config` (Connect with Auto Config) or `manual` (Skip Auto Config). */
  mode: unknown;
  /** The anonymous browser id the state is bound to. */
  browserId: string;
  actor: Actor;
  /** A connect link's org: the callback refuses any other org. */
  expectedOrgId?: string | null;
}

/** Where to send the browser. */
export interface StartedConnect {
  authorizationUrl: string;
  login: ResolvedLogin;
  purpose: 'connect' | 'update';
}

/** Parses the connect form's mode button. */
export function parseMode(value: unknown): ConnectionMode | null {
  return value === 'auto_config' || value === 'manual' ? value : null;
}

/** A sign-in while GRAX is connected changes the connection (Update); otherwise it connects (first time, Reconnect). */
export function purposeFor(active: Connection | null): 'connect' | 'update' {
  return active?.state === 'connected' ? 'update' : 'connect';
}

/** Validates the form and resolves the login URL; every problem names its field. */
export function validateConnectForm(
  config: Pick<Config, 'salesforce'>,
  input: Pick<StartConnectInput, 'environment' | 'myDomain' | 'mode'>,
): { login: ResolvedLogin; mode: ConnectionMode } {
  const problems: FieldProblem[] = [];
  const mode = parseMode(input.mode);
  if (!mode) problems.push({ field: 'mode', message: 'Choose Connect with Auto Config or Skip Auto Config.' });
  const resolved = resolveLoginHost(
    { environment: input.environment, myDomain: input.myDomain === '' ? undefined : input.myDomain },
    config.salesforce,
  );
  if (!resolved.ok) problems.push(resolved.problem);
  if (problems.length > 0 || !resolved.ok || !mode) throw invalidInput(problems);
  return { login: resolved.value, mode };
}

/** Starts the OAuth round trip; nothing about the connection changes until the callback succeeds. */
export async function startConnect(deps: StartConnectDeps, input: StartConnectInput): Promise<StartedConnect> {
  const { login, mode } = validateConnectForm(deps.config, input);
  const app = deps.clientApp();
  const purpose = purposeFor(await deps.store.connections.getActive());
  const state = randomToken(32);
  const { url, codeVerifier } = buildAuthorizationUrl(login.loginUrl, app, { state, purpose: 'connection' });
  await deps.store.oauthStates.create({
    state,
    purpose,
    browserId: input.browserId,
    codeVerifier,
    environment: login.environment,
    loginUrl: login.loginUrl,
    mode,
    expectedOrgId: input.expectedOrgId ?? null,
    actor: input.actor,
    returnTo: null,
    expiresAt: new Date(deps.clock.now().getTime() + STATE_TTL_MS),
  });
  await deps.store.audit.append({
    actor: input.actor,
    action: CONNECTION_AUDIT.signInStarted,
    details: {
      purpose,
      environment: login.environment,
      loginUrl: login.loginUrl,
      mode,
      ...(input.expectedOrgId ? { expectedOrgId: input.expectedOrgId } : {}),
    },
  });
  return { authorizationUrl: url, login, purpose };
}

/** Who posts the connect form. */
export interface ConnectRequester {
  principal: SessionPrincipal | null;
  recentlyReauthenticated: boolean;
  /** The setup token field as typed (null when absent). */
  setupToken: string | null;
  /** The emailed reconnect link this browser followed (null when none). */
  reconnectLink?: string | null;
}

/**
 * Decides whether this requester may start a connection and as whom: the first connection needs the setup token;
 * after that a signed-in GRAX admin, who must have re-authenticated in the last 5 minutes to change a working
 * connection (Update). A Reconnect (reauthorization required) or a connection after Reset needs only the admin, a
 * setup token issued by the server's operator (`npm run setup-token`), or the reconnect link emailed to the admins.
 */
export async function authorizeConnect(
  deps: {
    setupToken: SetupToken;
    store: Pick<Store, 'connections'>;
    reconnectLinks: Pick<ReconnectLinks, 'check' | 'refused'>;
  },
  requester: ConnectRequester,
): Promise<Actor> {
  if (await deps.setupToken.required()) {
    const typed = requester.setupToken?.trim() ?? '';
    if (typed === '') throw setupTokenMissing();
    if (!(await deps.setupToken.matches(typed))) throw setupTokenWrong();
    return requester.principal ? actorOfPrincipal(requester.principal) : SETUP_ACTOR;
  }
  const { principal } = requester;
  const active = await deps.store.connections.getActive();
  const typed = requester.setupToken?.trim() ?? '';
  // A token from `npm run setup-token` lets its holder connect again while GRAX is not connected.
  if (principal?.role !== 'admin' && typed !== '' && purposeFor(active) === 'connect') {
    if (!(await deps.setupToken.matches(typed))) throw setupTokenWrong();
    return SETUP_ACTOR;
  }
  // The link emailed to the admins works like an operator's token, for the browser that followed it.
  const link = requester.reconnectLink ?? '';
  if (principal?.role !== 'admin' && link !== '' && purposeFor(active) === 'connect') {
    const state = await deps.reconnectLinks.check(link);
    if (state !== 'valid') {
      await deps.reconnectLinks.refused(state);
      throw reconnectLinkRefused(state);
    }
    return RECONNECT_LINK_ACTOR;
  }
  if (!principal || principal.role !== 'admin') throw connectNeedsAdmin(principal !== null);
  if (purposeFor(active) === 'update' && !requester.recentlyReauthenticated) throw reauthRequired();
  return actorOfPrincipal(principal);
}
