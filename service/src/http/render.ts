/** Sending server-rendered pages with the layout filled in from the request (signed-in user, CSRF token). */
import type { Request, Response } from 'express';
import type { SafeHtml } from '../web/html';
import type { LayoutOptions, PageUser } from '../web/layout';
import { layout } from '../web/layout';
import { contextOf } from './requestContext';

/** The signed-in user as the page header shows them, or null. */
export function pageUser(req: Request): PageUser | null {
  const principal = contextOf(req).session?.record.principal;
  return principal ? { displayName: principal.displayName, role: principal.role } : null;
}

/** The CSRF token forms on this page must carry. */
export function csrfTokenOf(req: Request): string {
  const token = contextOf(req).csrfToken;
  if (!token) throw new Error('no CSRF token: the session middleware did not run for this request');
  return token;
}

/** Renders a page in the layout for this request. */
export function renderPage(req: Request, options: Omit<LayoutOptions, 'user' | 'csrfToken'>): SafeHtml {
  return layout({ ...options, user: pageUser(req), csrfToken: contextOf(req).csrfToken });
}

/** Sends an HTML document. */
export function sendHtml(res: Response, page: SafeHtml, status = 200): void {
  res.status(status).type('html').send(page.toString());
}
