/**
 * Settings > Salesforce and its actions: the connection details (everyone signed in), Update (the connect form for a
 * re-authenticated admin), Reset GRAX (re-authentication, a confirmation page asking for the org name, then a report
 * of every step), and removing the GRAX permission sets from the previous integration user. Also the gate that ends
 * Salesforce (SSO) sessions once GRAX is disconnected or connected to another org.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import { actorOfPrincipal } from '../domain/actor';
import type { ConnectionFlows } from '../connection/flows';
import { problemOf } from '../web/forms';
import { jobView } from '../web/views/homeJobProgress';
import { SETTINGS_SALESFORCE_PATHS as PATHS, settingsSalesforceBody } from '../web/views/settingsSalesforcePage';
import { resetConfirmBody, resetResultBody } from '../web/views/settingsSalesforceReset';
import { CONNECT_PATH } from '../web/views/connectBanner';
import { apiUsageChart } from '../web/views/permissions/usageChart';
import { sendConnectPage } from './connectRoutes';
import { formField, formProblems } from './formInput';
import { actorOfRequest, requireAdmin, requireRecentReauth, requireSignedIn, signedInPrincipal } from './guards';
import type { HomeRoutesDeps } from './homeRoutes';
import { connectionPageBanners } from './homeRoutes';
import { csrfTokenOf, renderPage, sendHtml } from './render';
import { currentSession, signOut } from './sessionMiddleware';

/**
 * Ends a Salesforce (SSO) session at its next request when GRAX is disconnected or connected to another org than
 * the one the user signed in through: SSO identities are only as good as the connection that vouched for them.
 */
export function endSsoSessionsWhenDisconnected(flows: ConnectionFlows): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const principal = currentSession(req)?.record.principal;
    if (principal?.kind !== 'sso') return next();
    const active = await flows.connections.active();
    if (active && active.state !== 'disconnected' && active.orgId === principal.orgId) return next();
    await signOut(req, res);
    next();
  };
}

/** The Settings > Salesforce routes. */
export function settingsSalesforceRouter(deps: HomeRoutesDeps): MountedRouter {
  const { flows } = deps;
  const router = caseSensitiveRouter();
  const admin = requireAdmin('change the Salesforce connection');

  router.get(PATHS.page, requireSignedIn(), async (req, res) => {
    const principal = signedInPrincipal(req);
    const connection = await flows.connections.active();
    const live = connection && connection.state !== 'disconnected' ? connection : null;
    const job = live ? await flows.latestSetupJob(live.orgId) : null;
    const body = settingsSalesforceBody({
      connection: live,
      isAdmin: principal.role === 'admin',
      csrfToken: csrfTokenOf(req),
      job: job && jobView(job),
      apiUsagePanel: live ? apiUsageChart(await deps.engine.getApiUsage(live.orgId)) : null,
      previousUser: live ? ((await flows.notes.get(live.id))?.previousUser ?? null) : null,
    });
    const banners = live
      ? await connectionPageBanners(flows, live, await deps.engine.getPermissionStatus(live.orgId), req)
      : [];
    sendHtml(
      res,
      renderPage(req, { title: 'Salesforce', heading: 'Settings: Salesforce', body, banners, activeNav: 'salesforce' }),
    );
  });

  router.get(PATHS.update, admin, requireRecentReauth(PATHS.update), async (req, res) => {
    if ((await flows.connections.active())?.state !== 'connected') {
      res.redirect(303, CONNECT_PATH);
      return;
    }
    await sendConnectPage(req, res, flows, { purpose: 'update' });
  });

  async function sendResetConfirm(req: Request, res: Response, error: string | null): Promise<void> {
    const connection = await flows.connections.active();
    if (!connection || connection.state === 'disconnected') {
      res.redirect(303, PATHS.page);
      return;
    }
    const body = resetConfirmBody({
      csrfToken: csrfTokenOf(req),
      orgName: connection.orgName,
      noLocalAdmin: !(await flows.hasLocalAdmin()),
      error,
    });
    sendHtml(res, renderPage(req, { title: 'Reset GRAX', body, activeNav: 'salesforce' }), error ? 400 : 200);
  }

  router.get(PATHS.reset, admin, requireRecentReauth(PATHS.reset), (req, res) => sendResetConfirm(req, res, null));

  router.post(PATHS.reset, admin, requireRecentReauth(PATHS.reset), async (req, res) => {
    try {
      const principal = signedInPrincipal(req);
      const report = await flows.reset(actorOfPrincipal(principal), formField(req, 'orgName'));
      // Reset ends every Salesforce session; the one that did it ends now, so the result page does not show a
      // signed-in user whose next click would find the session gone.
      const signedOut = principal.kind === 'sso';
      if (signedOut) await signOut(req, res);
      sendHtml(
        res,
        renderPage(req, { title: 'GRAX was reset', body: resetResultBody(report, signedOut), activeNav: 'salesforce' }),
      );
    } catch (error) {
      const problem = problemOf(formProblems(error) ?? undefined, 'orgName');
      if (!problem) throw error;
      await sendResetConfirm(req, res, problem);
    }
  });

  router.post(PATHS.unassignPrevious, admin, async (req, res) => {
    await flows.unassignPrevious(actorOfRequest(req));
    res.redirect(303, PATHS.page);
  });

  router.post(PATHS.dismissPrevious, admin, async (_req, res) => {
    const connection = await flows.connections.active();
    if (connection) await flows.notes.clearPreviousUser(connection.id);
    res.redirect(303, PATHS.page);
  });

  return { path: '/', router };
}
