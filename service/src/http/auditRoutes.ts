/** The Audit log page (`/web/audit`), for GRAX admins and viewers: newest first, 50 events a page. */
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import type { AuthServices } from '../auth/authServices';
import { invalidFormField } from '../errors';
import { webPaths } from '../web/paths';
import { auditPageBody } from '../web/views/audit';
import { requireSignedIn } from './guards';
import { renderPage, sendHtml } from './render';

/** The Audit log route. */
export function auditRouter(auth: AuthServices): MountedRouter {
  const router = caseSensitiveRouter();
  router.get(webPaths.audit, requireSignedIn(), async (req, res) => {
    const raw = req.query.before;
    let beforeSeq: number | undefined;
    if (raw !== undefined) {
      if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) {
        throw invalidFormField('before', 'The page link is damaged: open the Audit log from the menu.');
      }
      beforeSeq = Number(raw);
    }
    const page = await auth.auditLog.page(beforeSeq);
    const body = auditPageBody({ ...page, paged: beforeSeq !== undefined });
    sendHtml(res, renderPage(req, { title: 'Audit log', body, activeNav: 'audit' }));
  });
  return { path: '/', router };
}
