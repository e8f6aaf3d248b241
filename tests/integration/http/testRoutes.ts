/**
 * Routes used only by the HTTP tests, written the way feature modules will write theirs (public helpers only), so
 * the tests exercise the middleware through real requests.
 */
import { Router } from 'express';
import type { MountedRouter } from '@service/app';
import type { CoreServices } from '@service/composition/core';
import { forbidden, invalidInput, withCause } from '@service/errors';
import { loginRateLimit } from '@service/http/rateLimit';
import { csrfTokenOf, pageUser, renderPage, sendHtml } from '@service/http/render';
import { contextOf } from '@service/http/requestContext';
import { isRecentlyReauthenticated, markReauthenticated, signIn, signOut } from '@service/http/sessionMiddleware';
import { button, postForm, textInput } from '@service/web/forms';
import { html } from '@service/web/html';

export const admin = {
  kind: 'local' as const,
  id: 'usr_admin',
  displayName: 'Break Glass',
  role: 'admin' as const,
  orgId: null,
};

/** A promise the slow route waits for, released by the test. */
export class Gate {
  private release: () => void = () => undefined;
  readonly opened = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  open(): void {
    this.release();
  }
}

export function testRoutes(core: CoreServices, gate = new Gate()): MountedRouter[] {
  const router = Router();
  router.get('/web/test/form', (req, res) => {
    const form = postForm({
      action: '/web/test/form',
      csrfToken: csrfTokenOf(req),
      body: html`${textInput({ name: 'note', label: 'Note' })}${button({ label: 'Save', variant: 'brand' })}`,
    });
    sendHtml(res, renderPage(req, { title: 'Test form', body: form }));
  });
  router.post('/web/test/form', (req, res) => {
    res.json({ saved: (req.body as { note?: string }).note ?? null });
  });
  router.post('/web/test/sign-in', async (req, res) => {
    await signIn(req, res, admin);
    res.redirect(303, '/web/test/whoami');
  });
  router.post('/web/test/sign-out', async (req, res) => {
    await signOut(req, res);
    res.redirect(303, '/web/test/whoami');
  });
  router.post('/web/test/reauthenticate', async (req, res) => {
    await markReauthenticated(req);
    res.redirect(303, '/web/test/whoami');
  });
  router.get('/web/test/whoami', (req, res) => {
    const context = contextOf(req);
    res.json({
      user: pageUser(req),
      sessionExpired: context.sessionExpired,
      recentlyReauthenticated: isRecentlyReauthenticated(req),
    });
  });
  const boom = () => {
    throw new Error('connection to postgres://grax:hunter2@db failed with token 00D5g000004XyZa!AQ4AQsecretpart');
  };
  router.get('/web/test/boom', boom);
  router.get('/web/test/translated', () => {
    const cause = new Error('REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded. token 00D5g000004XyZa!AQ4AQsecret');
    throw withCause(forbidden('read the org limits'), cause);
  });
  router.get('/api/test/boom', boom);
  router.post('/api/org/test/fields', () => {
    throw invalidInput([{ field: 'environment', message: 'Choose production or sandbox.' }]);
  });
  router.post(
    '/web/test/login',
    loginRateLimit({ counters: core.store.rateLimits, name: 'test-login', limit: 3, windowMs: 60_000 }),
    (_req, res) => {
      res.status(401).json({ signedIn: false });
    },
  );
  router.get('/web/test/slow', async (_req, res) => {
    await gate.opened;
    res.type('text').send('finished');
  });
  router.get('/web/test/echo', (req, res) => {
    const name = String(req.query.name ?? '');
    sendHtml(res, renderPage(req, { title: name, body: html`<p id="echo">${name}</p>` }));
  });
  return [{ path: '/', router }];
}
