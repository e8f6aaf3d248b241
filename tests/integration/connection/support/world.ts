/**
 * The world the connection tests run in: the org emulator (production and sandbox login hosts, one My Domain
 * listener per org) and the real service composed by `composeFeatures`, both on 127.0.0.1 port 0, with the demo
 * External Client App registered for the service's callback URL, a hand-moved service clock, captured logs and the
 * announced setup token. `GraxBrowser` drives it like a person: the service's pages with a cookie jar, and the
 * emulator's real login form.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Router } from 'express';
import type { MountedRouter } from '../../../../service/src/app';
import type { CompositionOptions, Features } from '../../../../service/src/composition/composeFeatures';
import { markReauthenticated, signIn } from '../../../../service/src/http/sessionMiddleware';
import type { RunningService } from '../../../../service/src/main';
import type { SessionPrincipal } from '../../../../service/src/domain/actor';
import {
  DEMO_CLIENT_APP,
  DEMO_ORGS,
  startEmulator,
  type ClientApp,
  type RunningEmulator,
} from '@grax-connect/org-emulator';
import { TestClock } from '../../store/testClock';
import { capturedLogger, emulatorServiceConfig, startComposedService } from '../../support/composedService';

/** A running emulator + service pair. */
export interface ConnectionWorld {
  emulator: RunningEmulator;
  service: RunningService;
  features: Features;
  clock: TestClock;
  /** Everything the service logged, one JSON line per entry. */
  logText(): string;
  /** Everything printed through `announce` (the setup token). */
  announced: string[];
  /** The setup token printed at start (null when none was needed). */
  setupToken: string | null;
  /** A new browser with its own cookies. */
  browser(): GraxBrowser;
  /** An org's My Domain listener (its instance URL in the emulator). */
  myDomainOf(key: keyof typeof DEMO_ORGS): string;
  stop(): Promise<void>;
}

/** Options of a world. */
export interface WorldOptions {
  env?: NodeJS.ProcessEnv;
  composition?: CompositionOptions;
  /** Changes to the demo client app (e.g. refresh-token rotation, consent). */
  clientApp?: Partial<ClientApp>;
}

/** A port that was free a moment ago (for services that must know their public URL before listening). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Test-only sign-in (until local sign-in is used in these tests): GET /__test/sign-in?kind=&role=&id=&orgId=. */
function testSignIn(): MountedRouter {
  const router = Router();
  router.get('/__test/sign-in', async (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    const principal: SessionPrincipal = {
      kind: q.kind === 'sso' ? 'sso' : 'local',
      id: q.id ?? 'usr_test_admin',
      displayName: q.displayName ?? 'Test Admin',
      role: q.role === 'viewer' ? 'viewer' : 'admin',
      orgId: q.orgId ?? null,
    };
    await signIn(req, res, principal);
    await markReauthenticated(req);
    res.status(204).end();
  });
  return { path: '/', router };
}

/** Starts the emulator and the service. */
export async function startConnectionWorld(options: WorldOptions = {}): Promise<ConnectionWorld> {
  const emulator = await startEmulator({ port: 0, sandboxPort: 0 });
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  emulator.control.registerClientApp({
    clientId: DEMO_CLIENT_APP.clientId,
    clientSecret: DEMO_CLIENT_APP.clientSecret,
    name: DEMO_CLIENT_APP.name,
    callbackUrls: [`${publicUrl}/oauth/callback`],
    requireSecret: true,
    refreshTokenRotation: false,
    consentRequired: false,
    installedOrgIds: [...DEMO_CLIENT_APP.installedInOrgIds],
    scopes: [...DEMO_CLIENT_APP.scopes],
    ...options.clientApp,
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'grax-connection-'));
  const config = emulatorServiceConfig(emulator, { dataDir, port, env: options.env });
  const log = capturedLogger();
  const clock = new TestClock(Date.now());
  const { service, features, announced, setupToken } = await startComposedService({
    config,
    clock,
    logger: log.logger,
    composition: options.composition,
    extraRouters: [testSignIn()],
  });
  return {
    emulator,
    service,
    features,
    clock,
    logText: log.text,
    announced,
    setupToken,
    browser: () => new GraxBrowser(service.url, publicUrl),
    myDomainOf: (key) => {
      const org = emulator.orgs.find((o) => o.id === DEMO_ORGS[key].id);
      if (!org) throw new Error(`no emulator org ${key}`);
      return org.instanceUrl;
    },
    async stop() {
      await features.stop();
      await service.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fetched page of the service or the emulator. */
export interface Fetched {
  status: number;
  location: string | null;
  html: string;
}

/** What the connect form sends. */
export interface ConnectForm {
  environment?: string;
  myDomain?: string;
  setupToken?: string | null;
  mode?: 'auto_config' | 'manual';
}

/** A browser: cookies for the service, the emulator's login form for Salesforce. */
export class GraxBrowser {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    readonly publicUrl: string,
  ) {}

  /** A request to the service (relative path or a URL on the service), keeping cookies, not following redirects. */
  async request(target: string, init: RequestInit = {}): Promise<Fetched> {
    const url = new URL(target, this.baseUrl);
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; '));
    const response = await fetch(new URL(url.pathname + url.search, this.baseUrl), {
      ...init,
      headers,
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = value === '' || attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }

  /** GET a service page. */
  get(pathname: string): Promise<Fetched> {
    return this.request(pathname);
  }

  /** POST a form with this browser's CSRF token (taken from `fromPage`, default /web). */
  async post(
    pathname: string,
    fields: Record<string, string>,
    options: { csrf?: string | null } = {},
  ): Promise<Fetched> {
    const csrf = options.csrf === undefined ? await this.csrf() : options.csrf;
    return this.request(pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...(csrf === null ? {} : { _csrf: csrf }), ...fields }).toString(),
    });
  }

  /** The CSRF token of this browser (from a page's meta tag, following up to three redirects). */
  async csrf(pathname = '/web/connect'): Promise<string> {
    let target = pathname;
    for (let hop = 0; hop <= 3; hop++) {
      const page = await this.get(target);
      const match = /<meta name="csrf-token" content="([^"]+)"/.exec(page.html);
      if (match?.[1]) return match[1];
      if (page.status !== 303 || !page.location) break;
      target = page.location;
    }
    throw new Error(`no CSRF token on ${pathname} or where it leads`);
  }

  /** Signs in with the test-only route (a local admin by default), freshly re-authenticated. */
  async signIn(principal: Partial<SessionPrincipal> = {}): Promise<void> {
    const q = new URLSearchParams(
      Object.entries(principal).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    const page = await this.get(`/__test/sign-in?${q.toString()}`);
    if (page.status !== 204) throw new Error(`test sign-in failed: ${page.status}`);
  }

  /** Posts the connect form; the answer is a 303 to Salesforce, or the form again with problems. */
  postConnect(form: ConnectForm): Promise<Fetched> {
    const fields: Record<string, string> = {
      environment: form.environment ?? 'production',
      myDomain: form.myDomain ?? '',
      mode: form.mode ?? 'auto_config',
    };
    if (form.setupToken) fields.setupToken = form.setupToken;
    return this.post('/web/connect', fields);
  }

  /** Opens Salesforce's authorize URL and logs in on its form; returns Salesforce's answer (usually a redirect). */
  async loginAtSalesforce(authorizeUrl: string, username: string, password: string): Promise<Fetched> {
    const login = await fetch(authorizeUrl, { redirect: 'manual' });
    const loginHtml = await login.text();
    if (!/id="username"/.test(loginHtml)) throw new Error(`not a login page (HTTP ${login.status}): ${loginHtml}`);
    const action = new URL(/<form[^>]*action="([^"]*)"/.exec(loginHtml)?.[1] ?? '/', authorizeUrl);
    const hidden = Object.fromEntries(
      [...loginHtml.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
    );
    const response = await fetch(action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...hidden, username, pw: password, Login: 'Log In' }).toString(),
    });
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }

  /** The whole round trip: connect form, Salesforce login, callback. Returns the callback's answer. */
  async connect(form: ConnectForm, user: { username: string; password: string }): Promise<Fetched> {
    const started = await this.postConnect(form);
    if (started.status !== 303 || !started.location) {
      throw new Error(`connect form refused (HTTP ${started.status}): ${started.html.slice(0, 2000)}`);
    }
    const answer = await this.loginAtSalesforce(started.location, user.username, user.password);
    if (answer.status !== 302 || !answer.location?.startsWith(this.publicUrl)) {
      throw new Error(`Salesforce did not redirect back (HTTP ${answer.status}): ${answer.html.slice(0, 2000)}`);
    }
    return this.request(answer.location);
  }
}

/** The visible text of a page (tags removed, whitespace collapsed), for assertions on what a person reads. */
export function textOf(page: string): string {
  return page
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The HTTP status of a REST call made with a raw access token (to prove a revoked token no longer works). */
export async function restStatusWith(instanceUrl: string, accessToken: string): Promise<number> {
  const response = await fetch(`${instanceUrl}/services/data/v62.0/query?q=SELECT+Id+FROM+Organization`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  await response.arrayBuffer();
  return response.status;
}

/** Waits until every permission job of the world has finished (the engine runs them in the background). */
export async function jobsSettled(world: ConnectionWorld, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jobs = await world.service.store.jobs.list({ limit: 50 });
    if (jobs.every((job) => job.state === 'succeeded' || job.state === 'failed')) return;
    if (Date.now() > deadline)
      throw new Error(`jobs still running: ${jobs.map((j) => `${j.kind}:${j.state}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
