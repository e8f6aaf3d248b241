/**
 * `GET /oauth/callback`, the one redirect URI of the External Client App, shared by every OAuth round trip the
 * service starts (connect, update, SSO, re-authentication). It checks the `state` before anything else: it must
 * exist, be unused and unexpired, and belong to this browser (`consumeState` checks all four atomically, so
 * a state works exactly once). Then an `error=` answer from Salesforce becomes a page that says what happened, a
 * missing code another, and a good answer goes to the handler registered for the state's purpose.
 *
 * It also keeps a short-lived "sign-in under way" cookie, set when a flow leaves for Salesforce and cleared here: when
 * Salesforce never sends the browser back (an API-only user stops at Salesforce's "Access Restricted" page), the
 * connect page can say what probably happened.
 */
import type { Request, Response } from 'express';
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import {
  codeMissing,
  purposeUnsupported,
  salesforceRefused,
  stateMissing,
  stateRejected,
} from '../connection/callbackErrors';
import { CALLBACK_PATH } from '../connection/clientApp';
import type { Logger } from '../logger';
import type { OAuthPurpose, OAuthStateRecord } from '../domain/connection';
import type { ConsumeResult } from '../domain/oneTimeTokens';
import { cookieNames, cookieOptions, readCookies } from './cookies';
import { contextOf } from './requestContext';

/** What a purpose's handler receives once the state is consumed and a code is present. */
export interface OAuthCallbackContext {
  req: Request;
  res: Response;
  state: OAuthStateRecord;
  code: string;
}

/** Finishes one kind of OAuth round trip: exchanges the code and answers the browser (page or redirect). */
export interface OAuthCallbackHandler {
  (ctx: OAuthCallbackContext): Promise<void>;
}

/** What the callback router needs. */
export interface OAuthCallbackDeps {
  /** The connection flows' `consumeOAuthState`. */
  consumeState(state: string, browserId: string): Promise<ConsumeResult<OAuthStateRecord>>;
  logger: Logger;
  /** PUBLIC_URL is https: cookies get Secure and the __Host- prefix. */
  secureCookies: boolean;
}

/** A sign-in left for Salesforce at most this long ago; matches the state's lifetime. */
const ATTEMPT_COOKIE_MAX_AGE_MS = 10 * 60_000;

/** The "sign-in under way" cookie: set when a flow leaves for Salesforce, cleared when the callback arrives. */
export const signInAttemptCookie = {
  name(secure: boolean): string {
    return cookieNames(secure).signInAttempt;
  },
  /** Records that this browser left for Salesforce now (the value is only a time, nothing secret). */
  set(res: Response, secure: boolean, purpose: OAuthPurpose, at: Date): void {
    res.cookie(this.name(secure), `${purpose}.${at.getTime()}`, cookieOptions(secure, ATTEMPT_COOKIE_MAX_AGE_MS));
  },
  /** The purpose and start time of an attempt that never came back, if any. */
  read(req: Request, secure: boolean): { purpose: string; at: Date } | null {
    const match = /^([a-z]+)\.(\d{10,15})$/.exec(readCookies(req).get(this.name(secure)) ?? '');
    return match?.[1] && match[2] ? { purpose: match[1], at: new Date(Number(match[2])) } : null;
  },
  clear(res: Response, secure: boolean): void {
    res.clearCookie(this.name(secure), cookieOptions(secure));
  },
};

/** The first value of a query parameter, when it is a non-empty string of sane length. */
function param(req: Request, name: string, maxLength = 4096): string | null {
  const value: unknown = req.query[name];
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' && first !== '' && first.length <= maxLength ? first : null;
}

/**
 * The callback router. `handlers` maps each purpose to its handler; a purpose without one (a feature not in this
 * build) is refused with a page, after its state was consumed.
 */
export function oauthCallbackRouter(
  handlers: Partial<Record<OAuthPurpose, OAuthCallbackHandler>>,
  deps: OAuthCallbackDeps,
): MountedRouter {
  const router = caseSensitiveRouter();
  router.get(CALLBACK_PATH, async (req: Request, res: Response) => {
    signInAttemptCookie.clear(res, deps.secureCookies);
    const rawState = param(req, 'state');
    if (!rawState) throw stateMissing();
    const browserId = contextOf(req).browserId;
    if (!browserId) throw stateRejected('browser_mismatch');

    const consumed = await deps.consumeState(rawState, browserId);
    if (!consumed.ok) {
      deps.logger.info({ reason: consumed.reason }, 'OAuth callback refused: state not usable');
      throw stateRejected(consumed.reason);
    }
    const state = consumed.value;

    const error = param(req, 'error', 256);
    if (error) {
      deps.logger.info({ purpose: state.purpose, errorCode: error }, 'Salesforce answered the sign-in with an error');
      throw salesforceRefused(state.purpose, error, param(req, 'error_description', 1024) ?? '');
    }
    const code = param(req, 'code');
    if (!code) throw codeMissing(state.purpose);

    const handler = handlers[state.purpose];
    if (!handler) throw purposeUnsupported(state.purpose);
    await handler({ req, res, state, code });
  });
  return { path: '/', router };
}
