/**
 * The connect flow's web routes: the Connect to Salesforce page and its CSRF-protected POST (validates, creates the
 * OAuth state, 303 to Salesforce), the callback handler for the `connect` and `update` purposes, the org-change
 * confirmation page, and the landing page of the emailed reconnect link (it moves the link out of the URL into an
 * httpOnly cookie of this browser and redirects to the connect page). Form problems are shown on the form itself with
 * a 400, and nothing is stored.
 */
import type { Request, Response } from 'express';
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import type { Activation } from '../connection/activate';
import type { ConnectionFlows } from '../connection/flows';
import type { FieldProblem } from '../errors';
import { webPaths } from '../web/paths';
import { CONNECT_PATH, connectionDoneOf } from '../web/views/connectBanner';
import type { ConnectPurpose } from '../web/views/connectPage';
import { connectPageBody, connectTitle } from '../web/views/connectPage';
import { orgChangePageBody } from '../web/views/connectOrgChange';
import { SETTINGS_SALESFORCE_PATHS } from '../web/views/settingsSalesforcePage';
import { reconnectLinkRefused } from '../connection/connectErrors';
import { RECONNECT_LINK_PATH, RECONNECT_LINK_TTL_MS } from '../connection/reconnectLink';
import { cookieNames, cookieOptions, readCookies } from './cookies';
import { formField, formProblems } from './formInput';
import { principalOf, requireAdmin, requireRecentReauth, signedInPrincipal } from './guards';
import type { OAuthCallbackHandler } from './oauthCallback';
import { signInAttemptCookie } from './oauthCallback';
import { loginRateLimit } from './rateLimit';
import type { RateLimitRepository } from '../store/types';
import { csrfTokenOf, renderPage, sendHtml } from './render';
import { browserIdOf } from './requestContext';
import { isRecentlyReauthenticated } from './sessionMiddleware';

const ORG_CHANGE_PATH = `${CONNECT_PATH}/org-change`;

/** Failed posts of the connect form while the setup token is needed: per client, and from all clients together. */
export const SETUP_TOKEN_GUESSES = {
  perClient: { limit: 10, windowMs: 15 * 60_000 },
  overall: { limit: 100, windowMs: 15 * 60_000 },
} as const;
const CONFIRM_PATH = `${ORG_CHANGE_PATH}/confirm`;
const CANCEL_PATH = `${ORG_CHANGE_PATH}/cancel`;

/** The emailed reconnect link, kept by the browser that followed it (httpOnly, never in a URL after the landing). */
export const reconnectLinkCookie = {
  set(res: Response, secure: boolean, token: string): void {
    res.cookie(cookieNames(secure).reconnectLink, token, cookieOptions(secure, RECONNECT_LINK_TTL_MS));
  },
  read(req: Request, secure: boolean): string | null {
    const value = readCookies(req).get(cookieNames(secure).reconnectLink) ?? '';
    return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : null;
  },
  clear(res: Response, secure: boolean): void {
    res.clearCookie(cookieNames(secure).reconnectLink, cookieOptions(secure));
  },
};

/** What the connect routes need. */
export interface ConnectRoutesDeps {
  flows: ConnectionFlows;
  /** The store's counters, so that setup-token guesses count across replicas. */
  rateLimits: RateLimitRepository;
}

/** Renders the connect page for this request (also used by the home page and Settings > Salesforce > Update). */
export async function sendConnectPage(
  req: Request,
  res: Response,
  flows: ConnectionFlows,
  options: {
    purpose?: ConnectPurpose;
    values?: { environment: string; myDomain: string };
    errors?: FieldProblem[];
    status?: number;
  } = {},
): Promise<void> {
  const principal = principalOf(req);
  const isAdmin = principal?.role === 'admin';
  const active = await flows.connections.active();
  const setupTokenRequired = await flows.setupToken.required();
  const purpose: ConnectPurpose =
    options.purpose ??
    (active?.state === 'connected' ? 'update' : active?.state === 'reauthorization_required' ? 'reconnect' : 'connect');
  const link = reconnectLinkCookie.read(req, flows.secureCookies);
  const linkAccepted =
    !isAdmin && purpose !== 'update' && link !== null && (await flows.reconnectLinks.check(link)) === 'valid';
  const recovery =
    !setupTokenRequired && !isAdmin && !linkAccepted && purpose !== 'update'
      ? { localAdminExists: await flows.hasLocalAdmin() }
      : null;
  // A visitor who is not signed in learns nothing about the org GRAX was connected to.
  const known = principal ? active : null;
  const values = options.values ?? {
    environment: known?.environment ?? 'production',
    myDomain: known && purpose !== 'connect' ? flows.myDomainOf(known) : '',
  };
  const attempt = signInAttemptCookie.read(req, flows.secureCookies);
  const body = connectPageBody({
    csrfToken: csrfTokenOf(req),
    purpose,
    values,
    errors: options.errors ?? [],
    setupTokenRequired,
    recovery,
    unfinishedAttemptAt: attempt?.at ?? null,
    reconnectLinkAccepted: linkAccepted,
    canConnect: setupTokenRequired || isAdmin || linkAccepted || recovery !== null,
    current: known && purpose === 'update' ? { orgName: known.orgName, username: known.username } : null,
    disconnectedFrom: known?.state === 'disconnected' ? known.orgName : null,
  });
  sendHtml(
    res,
    renderPage(req, { title: connectTitle(purpose), body, activeNav: purpose === 'update' ? 'salesforce' : 'home' }),
    options.status ?? 200,
  );
}

/** Where the browser goes after a connection was made: an admin sees a page that confirms what happened. */
export function redirectAfterActivation(req: Request, res: Response, activation: Activation): void {
  if (principalOf(req)?.role === 'admin') {
    const page = activation.previousUser ? webPaths.settingsSalesforce : webPaths.home;
    const done = connectionDoneOf(activation.action);
    res.redirect(303, done ? `${page}?done=${done}` : page);
    return;
  }
  res.redirect(303, `${webPaths.login}?connected=1`);
}

/** The callback handler of the `connect` and `update` purposes. */
export function connectCallbackHandler(flows: ConnectionFlows): OAuthCallbackHandler {
  return async ({ req, res, state, code }) => {
    const outcome = await flows.complete(state, code, {
      principal: principalOf(req),
      recentlyReauthenticated: isRecentlyReauthenticated(req),
      reconnectLink: reconnectLinkCookie.read(req, flows.secureCookies),
    });
    if (outcome.kind === 'confirm_org_change') {
      res.redirect(303, `${ORG_CHANGE_PATH}?id=${encodeURIComponent(outcome.pendingId)}`);
      return;
    }
    redirectAfterActivation(req, res, outcome.activation);
  };
}

function pendingIdOf(req: Request): string {
  const fromQuery = typeof req.query.id === 'string' ? req.query.id : '';
  const id = fromQuery || formField(req, 'id');
  return /^[A-Za-z0-9_-]{16,64}$/.test(id) ? id : 'invalid';
}

/** The connect routes. */
export function connectRouter(deps: ConnectRoutesDeps): MountedRouter {
  const { flows } = deps;
  const router = caseSensitiveRouter();

  router.get(CONNECT_PATH, async (req, res) => {
    // Changing a working connection is an Update, which asks for a fresh sign-in first.
    if ((await flows.connections.active())?.state === 'connected') {
      res.redirect(303, SETTINGS_SALESFORCE_PATHS.update);
      return;
    }
    await sendConnectPage(req, res, flows);
  });

  // The emailed link: checked, then moved out of the URL (history, logs, Referer) into this browser's cookie at once.
  // Refused links count like setup-token guesses (each one is also an audit event).
  const linkGuesses = loginRateLimit({
    ...SETUP_TOKEN_GUESSES.perClient,
    countOnlyFailures: true,
    counters: deps.rateLimits,
    name: 'reconnect-link',
  });
  router.get(RECONNECT_LINK_PATH, linkGuesses, async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const token = typeof req.query.token === 'string' ? req.query.token.trim() : '';
    const state = /^[A-Za-z0-9_-]{16,128}$/.test(token) ? await flows.reconnectLinks.check(token) : 'unknown';
    if (state !== 'valid') {
      reconnectLinkCookie.clear(res, flows.secureCookies);
      await flows.reconnectLinks.refused(state);
      throw reconnectLinkRefused(state);
    }
    reconnectLinkCookie.set(res, flows.secureCookies, token);
    res.redirect(303, CONNECT_PATH);
  });

  // Until the first connection each post of the connect form is a guess at the setup token, and so is every post that
  // carries one (a token from `npm run setup-token`).
  const setupTokenNotNeeded = async (req: Request) =>
    formField(req, 'setupToken').trim() === '' && !(await flows.setupToken.required());
  const setupTokenGuesses = [
    loginRateLimit({
      ...SETUP_TOKEN_GUESSES.perClient,
      countOnlyFailures: true,
      skip: setupTokenNotNeeded,
      counters: deps.rateLimits,
      name: 'setup-token',
    }),
    loginRateLimit({
      ...SETUP_TOKEN_GUESSES.overall,
      countOnlyFailures: true,
      counters: deps.rateLimits,
      name: 'setup-token-overall',
      scope: 'everyone',
      skip: setupTokenNotNeeded,
    }),
  ];

  router.post(CONNECT_PATH, ...setupTokenGuesses, async (req, res) => {
    const values = { environment: formField(req, 'environment'), myDomain: formField(req, 'myDomain') };
    try {
      const actor = await flows.authorize({
        principal: principalOf(req),
        recentlyReauthenticated: isRecentlyReauthenticated(req),
        setupToken: formField(req, 'setupToken'),
        reconnectLink: reconnectLinkCookie.read(req, flows.secureCookies),
      });
      const started = await flows.startConnect({
        ...values,
        mode: formField(req, 'mode'),
        browserId: browserIdOf(req),
        actor,
      });
      signInAttemptCookie.set(res, flows.secureCookies, started.purpose, flows.clock.now());
      res.redirect(303, started.authorizationUrl);
    } catch (error) {
      const errors = formProblems(error);
      if (!errors) throw error;
      await sendConnectPage(req, res, flows, { values, errors, status: 400 });
    }
  });

  const reauthForOrgChange = requireRecentReauth(
    (req) => `${ORG_CHANGE_PATH}?id=${encodeURIComponent(pendingIdOf(req))}`,
  );

  router.get(
    ORG_CHANGE_PATH,
    requireAdmin('change the org GRAX is connected to'),
    reauthForOrgChange,
    async (req, res) => {
      const pendingId = pendingIdOf(req);
      const change = await flows.describeOrgChange(pendingId, signedInPrincipal(req));
      const body = orgChangePageBody({
        csrfToken: csrfTokenOf(req),
        pendingId,
        previous: change.previous,
        next: change.next,
        confirmPath: CONFIRM_PATH,
        cancelPath: CANCEL_PATH,
      });
      sendHtml(res, renderPage(req, { title: 'Change the connected org?', body, activeNav: 'salesforce' }));
    },
  );

  router.post(
    CONFIRM_PATH,
    requireAdmin('change the org GRAX is connected to'),
    reauthForOrgChange,
    async (req, res) => {
      const activation = await flows.confirmOrgChange(pendingIdOf(req), {
        principal: principalOf(req),
        recentlyReauthenticated: isRecentlyReauthenticated(req),
      });
      redirectAfterActivation(req, res, activation);
    },
  );

  router.post(CANCEL_PATH, requireAdmin('change the org GRAX is connected to'), async (req, res) => {
    await flows.cancelOrgChange(pendingIdOf(req), signedInPrincipal(req));
    res.redirect(303, webPaths.settingsSalesforce);
  });

  return { path: '/', router };
}
