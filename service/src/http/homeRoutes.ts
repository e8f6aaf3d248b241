/**
 * `/web`, the home page: the connect page while GRAX is not connected (first run, after Reset), the sign-in page for
 * a visitor once it is, and for signed-in users the connection card with the live progress of Auto Config or Verify,
 * the permission summary and the banners. `GET /web/jobs/:id` is the JSON the progress bar polls.
 */
import type { Request } from 'express';
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import type { ConnectionFlows } from '../connection/flows';
import { notFound } from '../errors';
import type { PermissionEngine, PermissionStatusView } from '../permissions/engine';
import type { Connection } from '../domain/connection';
import type { Banner } from '../web/layout';
import { webPaths } from '../web/paths';
import { connectionBanner, connectionDoneNotice } from '../web/views/connectBanner';
import { jobView } from '../web/views/homeJobProgress';
import { NO_LOCAL_ADMIN_BANNER, homePageBody, noteBanners } from '../web/views/homePage';
import { permissionDriftBanner } from '../web/views/permissions/driftBanner';
import { permissionSummaryPanel } from '../web/views/permissions/summaryPanel';
import { sendConnectPage } from './connectRoutes';
import { principalOf, requireSignedIn } from './guards';
import { renderPage, sendHtml } from './render';

/** What the home routes need: the connection flows and the permission engine's reads for the panels and banners. */
export interface HomeRoutesDeps {
  flows: ConnectionFlows;
  engine: Pick<PermissionEngine, 'getPermissionStatus' | 'getApiUsage'>;
}

/**
 * The banners of the connection pages: what the connect that led here did (`?done=`), connection state, drift (from
 * the permission status the page read), missing local admin, notes of the last connect.
 */
export async function connectionPageBanners(
  flows: ConnectionFlows,
  connection: Connection,
  permissions: PermissionStatusView,
  req: Request,
): Promise<Banner[]> {
  const banners: Banner[] = [];
  const done = connectionDoneNotice(req.query.done, connection);
  if (done) banners.push(done);
  const state = connectionBanner(connection.state);
  if (state) banners.push(state);
  const drift = permissionDriftBanner(permissions);
  if (drift) banners.push(drift);
  if (!(await flows.hasLocalAdmin())) banners.push(NO_LOCAL_ADMIN_BANNER);
  const notes = await flows.notes.get(connection.id);
  if (notes) banners.push(...noteBanners(notes.notes));
  return banners;
}

function jobIdOf(req: Request): string {
  const id = req.params.id;
  return typeof id === 'string' ? id : '';
}

/** The home routes. */
export function homeRouter(deps: HomeRoutesDeps): MountedRouter {
  const { flows } = deps;
  const router = caseSensitiveRouter();

  router.get(webPaths.home, async (req, res) => {
    const active = await flows.connections.active();
    if (!active || active.state === 'disconnected') {
      await sendConnectPage(req, res, flows);
      return;
    }
    if (!principalOf(req)) {
      res.redirect(303, webPaths.login);
      return;
    }
    const job = await flows.latestSetupJob(active.orgId);
    const permissions = await deps.engine.getPermissionStatus(active.orgId);
    const body = homePageBody({
      connection: active,
      job: job && jobView(job),
      summaryPanel: permissionSummaryPanel(permissions),
    });
    const banners = await connectionPageBanners(flows, active, permissions, req);
    sendHtml(res, renderPage(req, { title: 'Home', heading: 'GRAX Connect', body, banners, activeNav: 'home' }));
  });

  router.get('/web/jobs/:id', requireSignedIn(), async (req, res) => {
    const job = await flows.activeOrgJob(jobIdOf(req));
    if (!job) throw notFound();
    res.json(jobView(job));
  });

  return { path: '/', router };
}
