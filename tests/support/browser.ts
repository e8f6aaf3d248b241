/**
 * Browsers for tests: a cookie jar that behaves like a browser's (no redirects followed, so tests see them), `Browser`
 * for raw HTTP answers, and `GraxBrowser`, which drives the service's pages and the emulator's real login form like a
 * person. `textOf` gives the text a person reads on a page.
 */
import { Router } from 'express';
import type { MountedRouter } from '@service/app';
import type { SessionPrincipal } from '@service/domain/actor';
import { markReauthenticated, signIn } from '@service/http/sessionMiddleware';

/** Cookies kept across requests as a browser keeps them (expired and emptied ones removed). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  /** fetch() with this jar's cookies, storing what the answer sets; redirects are not followed. */
  async fetch(url: URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = value === '' || attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

/** A client for HTTP plumbing tests: raw answers, cookies kept. */
export class Browser {
  private readonly jar = new CookieJar();
  readonly cookies = this.jar.cookies;

  constructor(private readonly baseUrl: string) {}

  request(pathname: string, init: RequestInit = {}): Promise<Response> {
    return this.jar.fetch(new URL(pathname, this.baseUrl), init);
  }

  /** Posts a urlencoded form. */
  postForm(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** The CSRF token from a page's meta tag. */
  static csrfTokenOf(page: string): string {
    const match = /<meta name="csrf-token" content="([^"]+)"/.exec(page);
    if (!match?.[1]) throw new Error('page has no CSRF token');
    return match[1];
  }
}

/** Test-only sign-in, for `GraxBrowser.signIn`: GET /__test/sign-in?kind=&role=&id=&orgId=&displayName=. */
export function testSignInRouter(): MountedRouter {
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
  private readonly jar = new CookieJar();
  /** The cookies the service has set, by name. */
  readonly cookies = this.jar.cookies;

  constructor(
    readonly baseUrl: string,
    readonly publicUrl: string,
  ) {}

  /** A request to the service (relative path or a URL on the service), keeping cookies, not following redirects. */
  async request(target: string, init: RequestInit = {}): Promise<Fetched> {
    const url = new URL(target, this.baseUrl);
    const response = await this.jar.fetch(new URL(url.pathname + url.search, this.baseUrl), init);
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

  /** Signs in with the test-only route (`testSignInRouter`; a local admin by default), freshly re-authenticated. */
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
