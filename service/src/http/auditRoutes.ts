/** The Audit log page (`/web/audit`), for GRAX admins and viewers: newest first, 50 events a page. */
import { Router } from 'express';
import type { MountedRouter } from '../app';
import type { AuthServices } from '../auth/authServices';
import { invalidFormField } from '../errors';
import { webPaths } from '../web/paths';
import { auditPageBody } from '../web/views/audit';
import { requireSignedIn } from './guards';
import { renderPage, sendHtml } from './render';

export const AUDIT_PAGE_SIZE = 50;

/** The Audit log route. */
export function auditRouter(auth: AuthServices): MountedRouter {
  const router = Router();
  router.get(webPaths.audit, requireSignedIn(), async (req, res) => {
    const raw = req.query.before;
    let beforeSeq: number | undefined;
    if (raw !== undefined) {
      if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) {
        throw invalidFormField('before', 'The page link is damaged: open the Audit log from the menu.');
      }
      beforeSeq = Number(raw);
    }
    // One extra event tells whether an older page exists.
    const events = await auth.core.store.audit.list({ limit: AUDIT_PAGE_SIZE + 1, beforeSeq });
    const page = events.slice(0, AUDIT_PAGE_SIZE);
    const last = page.at(-1);
    const body = auditPageBody({
      events: page,
      olderBefore: events.length > AUDIT_PAGE_SIZE && last ? last.seq : null,
      paged: beforeSeq !== undefined,
    });
    sendHtml(res, renderPage(req, { title: 'Audit log', body, activeNav: 'audit' }));
  });
  return { path: '/', router };
}
