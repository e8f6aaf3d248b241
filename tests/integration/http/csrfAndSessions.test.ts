/** CSRF tokens on every state-changing form, and sessions: cookie flags, rotation at sign-in, sign-out, expiry. */
import { Browser } from '@test-support/browser';
import { startTestService } from '@test-support/testService';
import type { TestService } from '@test-support/testService';
import { testRoutes } from './testRoutes';

let service: TestService;
beforeAll(async () => {
  service = await startTestService({ composition: false, routers: (core) => testRoutes(core) });
});
afterAll(() => service.stop());

async function openForm(browser: Browser): Promise<string> {
  const page = await (await browser.request('/web/test/form')).text();
  return Browser.csrfTokenOf(page);
}

async function expectCsrfPage(response: Response): Promise<void> {
  expect(response.status).toBe(403);
  const page = await response.text();
  expect(page).toContain('<title>Form expired · GRAX Connect</title>');
  expect(page).toContain('security token is missing or out of date');
  expect(page).toContain('Go back, reload the page, and submit the form again.');
}

describe('CSRF', () => {
  it('puts the token in the form and accepts the form with it', async () => {
    const browser = new Browser(service.url);
    const page = await (await browser.request('/web/test/form')).text();
    const token = Browser.csrfTokenOf(page);
    expect(page).toContain(`<input type="hidden" name="_csrf" value="${token}" />`);
    const response = await browser.postForm('/web/test/form', { _csrf: token, note: 'hello' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ saved: 'hello' });
  });

  it('refuses a form without a token with a clear 403 page', async () => {
    const browser = new Browser(service.url);
    await openForm(browser);
    await expectCsrfPage(await browser.postForm('/web/test/form', { note: 'hello' }));
  });

  it('refuses a wrong token and a token from another browser', async () => {
    const victim = new Browser(service.url);
    const attacker = new Browser(service.url);
    await openForm(victim);
    const attackerToken = await openForm(attacker);
    await expectCsrfPage(await victim.postForm('/web/test/form', { _csrf: 'not-the-token', note: 'x' }));
    await expectCsrfPage(await victim.postForm('/web/test/form', { _csrf: attackerToken, note: 'x' }));
  });

  it('refuses a cross-site POST that arrives without any cookie', async () => {
    const response = await fetch(`${service.url}/web/test/form`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'note=x&_csrf=guess',
    });
    await expectCsrfPage(response);
  });

  it('accepts the token in the X-CSRF-Token header for scripts', async () => {
    const browser = new Browser(service.url);
    const token = await openForm(browser);
    const response = await browser.request('/web/test/form', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token },
      body: JSON.stringify({ note: 'from script' }),
    });
    expect(response.status).toBe(200);
  });

  it('answers a CSRF failure on a JSON route with JSON', async () => {
    const browser = new Browser(service.url);
    await openForm(browser);
    const response = await browser.request('/api/test/boom', { method: 'POST' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('CSRF_FAILED');
  });
});

describe('sessions', () => {
  it('signs in with a new httpOnly SameSite=Lax session cookie and a new CSRF token', async () => {
    const browser = new Browser(service.url);
    const anonymousToken = await openForm(browser);
    const signIn = await browser.postForm('/web/test/sign-in', { _csrf: anonymousToken });
    expect(signIn.status).toBe(303);
    const sessionCookie = signIn.headers.getSetCookie().find((c) => c.startsWith('grax_session='));
    expect(sessionCookie).toMatch(/^grax_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(await (await browser.request('/web/test/whoami')).json()).toEqual({
      user: { displayName: 'Break Glass', role: 'admin' },
      sessionExpired: false,
      recentlyReauthenticated: true,
    });

    const sessionToken = await openForm(browser);
    expect(sessionToken).not.toBe(anonymousToken);
    await expectCsrfPage(await browser.postForm('/web/test/form', { _csrf: anonymousToken, note: 'x' }));
    expect((await browser.postForm('/web/test/form', { _csrf: sessionToken, note: 'x' })).status).toBe(200);
  });

  it('stores only a hash of the session id', async () => {
    const browser = new Browser(service.url);
    await browser.postForm('/web/test/sign-in', { _csrf: await openForm(browser) });
    const sessionId = browser.cookies.get('grax_session') ?? '';
    expect(await service.store.sessions.find(sessionId)).not.toBeNull();
    expect(service.logText()).not.toContain(sessionId);
  });

  it('replaces the session id at every sign-in, so an id planted before sign-in is useless', async () => {
    const browser = new Browser(service.url);
    await browser.postForm('/web/test/sign-in', { _csrf: await openForm(browser) });
    const first = browser.cookies.get('grax_session') ?? '';
    await browser.postForm('/web/test/sign-in', { _csrf: await openForm(browser) });
    const second = browser.cookies.get('grax_session') ?? '';
    expect(second).not.toBe(first);
    expect(await service.store.sessions.find(first)).toBeNull();
    expect(await service.store.sessions.find(second)).not.toBeNull();
  });

  it('ends the session on the server at sign-out, so a copied cookie stops working', async () => {
    const browser = new Browser(service.url);
    await browser.postForm('/web/test/sign-in', { _csrf: await openForm(browser) });
    const copied = browser.cookies.get('grax_session') ?? '';
    const signOut = await browser.postForm('/web/test/sign-out', { _csrf: await openForm(browser) });
    expect(signOut.headers.getSetCookie().some((c) => /^grax_session=;.*Expires=Thu, 01 Jan 1970/.test(c))).toBe(true);
    const thief = new Browser(service.url);
    thief.cookies.set('grax_session', copied);
    expect(await (await thief.request('/web/test/whoami')).json()).toMatchObject({ user: null, sessionExpired: true });
  });

  it('ends an idle session and tracks recent re-authentication', async () => {
    const browser = new Browser(service.url);
    await browser.postForm('/web/test/sign-in', { _csrf: await openForm(browser) });
    service.clock.advance(6 * 60_000);
    expect(await (await browser.request('/web/test/whoami')).json()).toMatchObject({ recentlyReauthenticated: false });
    const reauth = await browser.postForm('/web/test/reauthenticate', { _csrf: await openForm(browser) });
    expect(reauth.status).toBe(303);
    expect(await (await browser.request('/web/test/whoami')).json()).toMatchObject({ recentlyReauthenticated: true });

    service.clock.advance(31 * 60_000);
    const expired = await browser.request('/web/test/whoami');
    expect(await expired.json()).toEqual({ user: null, sessionExpired: true, recentlyReauthenticated: false });
    expect(browser.cookies.has('grax_session')).toBe(false);
  });

  it('keeps the anonymous browser id across requests', async () => {
    const browser = new Browser(service.url);
    await browser.request('/web/test/form');
    const first = browser.cookies.get('grax_browser');
    await browser.request('/web/test/form');
    expect(browser.cookies.get('grax_browser')).toBe(first);
  });
});
