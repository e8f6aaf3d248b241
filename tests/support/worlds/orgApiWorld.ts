/**
 * The org API's test world: the org emulator and the real service on 127.0.0.1 (port 0, temp SQLite store, captured
 * log, hand-moved clock) with the permission engine, the connection service and the org API routers, plus helpers to
 * call the API as GRAX Setup's Apex does, to issue keys and to connect the integration user. Every answer `api()`
 * returns has been checked against the contract in docs/org-api/ first: a body that does not conform fails the test.
 */
import { SessionManager } from '@service/auth/sessions';
import type { Features } from '@service/composition/composeFeatures';
import type { RunningService } from '@service/main';
import type { LinkKeyService } from '@service/orgApi/linkKeys';
import { createLinkKeyService } from '@service/composition/orgApiFeature';
import type { PermissionEngine } from '@service/permissions/engine';
import type { Actor, SessionPrincipal } from '@service/domain/actor';
import type { Connection } from '@service/domain/connection';
import {
  DEMO_CLIENT_APP,
  DEMO_ORGS,
  DEMO_USERS,
  startEmulator,
  type RunningEmulator,
} from '@grax-connect/org-emulator';
import type { GraxBrowser } from '@test-support/browser';
import type { TestClock } from '@test-support/testClock';
import { startTestService } from '@test-support/testService';
import { orgApiContract } from '@test-support/orgApiContract';

export const ACME = DEMO_ORGS.acmeProduction;
export const ACME_SANDBOX = DEMO_ORGS.acmeSandbox;
export const GLOBEX = DEMO_ORGS.globex;
export const INTEGRATION_USER = DEMO_USERS.acmeProduction.integration;

/** An admin as Settings records them. */
export const TEST_ADMIN: Actor = { kind: 'local', id: 'usr_test_admin', name: 'Ada Admin' };

/** What a test world offers. */
export interface OrgApiWorld {
  emulator: RunningEmulator;
  service: RunningService;
  clock: TestClock;
  engine: PermissionEngine;
  linkKeys: LinkKeyService;
  features: Features;
  /** The first-run setup token the service announced. */
  setupToken: string | null;
  /** A new browser with its own cookies (pages of the service, the emulator's login form). */
  browser(): GraxBrowser;
  /** A signed-in session (a local admin unless told otherwise) straight from the store: its cookie value. */
  sessionFor(principal?: Partial<SessionPrincipal>): Promise<string>;
  /** Signs a browser in with such a session. */
  signIn(browser: GraxBrowser, principal?: Partial<SessionPrincipal>): Promise<void>;
  /** Everything logged so far. */
  logText(): string;
  /** Calls the org API as GraxServiceClient does (Bearer key, org id header, JSON); the answer conforms to the contract. */
  api(
    pathname: string,
    options?: {
      key?: string | null;
      orgId?: string | null;
      method?: string;
      body?: string;
      headers?: Record<string, string>;
    },
  ): Promise<Response>;
  /** Creates a key for an org (Acme Production by default) as an admin. */
  issueKey(orgId?: string): Promise<string>;
  /** Makes the Acme Production integration user the active connection (tokens from the emulator). */
  connectIntegrationUser(mode?: Connection['mode']): Promise<Connection>;
  stop(): Promise<void>;
}

/** Starts the emulator and the service. */
export async function startOrgApiWorld(
  options: { env?: NodeJS.ProcessEnv; latencyMs?: number } = {},
): Promise<OrgApiWorld> {
  const emulator = await startEmulator({ latencyMs: options.latencyMs ?? 0 });
  const service = await startTestService({ name: 'orgapi', emulator, env: options.env });
  const { clock, setupToken } = service;
  const composed = service.features;
  if (!composed) throw new Error('the org API world needs the composed features');
  const engine = composed.engine;
  // The store-backed service keeps no state of its own, so this instance sees what the composed one does.
  const linkKeys = createLinkKeyService({ store: service.store, clock });

  const sessionFor = async (principal: Partial<SessionPrincipal> = {}): Promise<string> => {
    const sessions = new SessionManager(service.store.sessions, service.config.session, clock);
    const session = await sessions.rotate(null, {
      kind: 'local',
      id: 'usr_test_admin',
      displayName: 'Ada Admin',
      role: 'admin',
      orgId: null,
      ...principal,
    });
    return session.id;
  };

  return {
    emulator,
    service,
    clock,
    engine,
    linkKeys,
    features: composed,
    setupToken,
    browser: service.browser,
    sessionFor,
    async signIn(browser, principal = {}) {
      browser.cookies.set('grax_session', await sessionFor(principal));
    },
    logText: service.logText,
    async api(pathname, call = {}) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
      if (call.key !== null) headers.Authorization = `Bearer ${call.key ?? ''}`;
      const orgId = call.orgId === undefined ? ACME.id : call.orgId;
      if (orgId !== null) headers['X-Salesforce-Org-Id'] = orgId;
      const method = call.method ?? 'GET';
      const response = await fetch(`${service.url}/api/org/v1${pathname}`, {
        method,
        headers: { ...headers, ...call.headers },
        body: call.body,
        redirect: 'manual',
      });
      await assertConformingAnswer(method, pathname, response);
      return response;
    },
    async issueKey(orgId = ACME.id) {
      return (await linkKeys.create({ orgId, actor: TEST_ADMIN })).key;
    },
    async connectIntegrationUser(mode = 'auto_config') {
      const issued = emulator.control.issueToken({
        username: INTEGRATION_USER.username,
        clientId: DEMO_CLIENT_APP.clientId,
      });
      const org = emulator.orgs.find((o) => o.id === ACME.id);
      if (!org) throw new Error('Acme Production is not running');
      return service.store.connections.activate({
        orgId: ACME.id,
        orgName: ACME.name,
        environment: 'production',
        orgType: 'production',
        instanceUrl: org.instanceUrl,
        loginUrl: emulator.productionLoginUrl,
        myDomain: null,
        userId: issued.id.split('/').pop() ?? '',
        username: INTEGRATION_USER.username,
        mode,
        identityUrl: issued.id,
        scopes: ['api', 'refresh_token', 'id'],
        refreshToken: issued.refresh_token ?? null,
        accessToken: issued.access_token,
        issuedAt: new Date(Number(issued.issued_at)),
      });
    },
    async stop() {
      await service.stop();
      await emulator.close();
    },
  };
}

/** Fails unless the answer is JSON that conforms to the contract's schema for this method, path and status. */
async function assertConformingAnswer(method: string, pathname: string, response: Response): Promise<void> {
  const what = `${method} /api/org/v1${pathname} (${response.status})`;
  const text = await response.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${what} answered with something other than JSON: ${text.slice(0, 200)}`);
  }
  const contract = orgApiContract();
  contract.assertConforms(contract.responseSchema(method, pathname.split('?')[0] ?? '', response.status), body, what);
}

/** The key id part of a link key (`gxk_<22 characters>_...`). */
export function keyIdOf(key: string): string {
  return key.slice(4, 26);
}

/** The JSON error of an org API answer. */
export async function errorOf(response: Response): Promise<{
  code: string;
  message: string;
  actions: string[];
  jobId?: string;
  fields?: { field: string; message: string }[];
}> {
  const body = (await response.json()) as { error: { code: string; message: string; actions: string[] } };
  return body.error;
}
