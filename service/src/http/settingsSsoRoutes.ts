/**
 * Settings > SSO access (`/web/settings/sso`): everyone signed in may read who can log in with Salesforce; GRAX admins
 * map permission sets to roles and remove mappings, after a recent re-authentication (a mapping can grant the admin
 * role to many people at once).
 */
import type { Request, Response } from 'express';
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import type { AuthServices } from '../auth/authServices';
import type { FieldProblem } from '../errors';
import type { Banner } from '../web/layout';
import { webPaths } from '../web/paths';
import { ssoAccessBody, ssoAccessPaths } from '../web/views/ssoAccess';
import { actorOfRequest, principalOf, requireAdmin, requireRecentReauth, requireSignedIn } from './guards';
import { formField, formProblems } from './formInput';
import { csrfTokenOf, renderPage, sendHtml } from './render';

async function sendSsoPage(
  auth: AuthServices,
  req: Request,
  res: Response,
  options: { status?: number; problems?: FieldProblem[]; values?: { permissionSet?: string; role?: string } } = {},
): Promise<void> {
  const connection = await auth.connection();
  const banners: Banner[] = [];
  if (req.query.done === 'saved') banners.push({ kind: 'success', message: 'Mapping saved.' });
  if (req.query.done === 'removed') banners.push({ kind: 'success', message: 'Mapping removed.' });
  const body = ssoAccessBody({
    csrfToken: csrfTokenOf(req),
    canEdit: principalOf(req)?.role === 'admin',
    orgName: connection && connection.state === 'connected' ? connection.orgName : null,
    mappings: await auth.mappings.list(),
    values: options.values,
    problems: options.problems,
  });
  const page = renderPage(req, {
    title: 'SSO access',
    heading: 'Settings: SSO access',
    body,
    activeNav: 'sso',
    banners,
  });
  sendHtml(res, page, options.status);
}

/** The Settings > SSO access routes. */
export function settingsSsoRouter(auth: AuthServices): MountedRouter {
  const router = caseSensitiveRouter();
  const admin = requireAdmin('change who can log in with Salesforce');
  const fresh = requireRecentReauth(webPaths.settingsSso);

  router.get(webPaths.settingsSso, requireSignedIn(), (req, res) => sendSsoPage(auth, req, res));

  router.post(ssoAccessPaths.save, admin, fresh, async (req, res) => {
    const values = { permissionSet: formField(req, 'permissionSet'), role: formField(req, 'role') };
    try {
      await auth.mappings.save(values, actorOfRequest(req));
    } catch (error) {
      const problems = formProblems(error);
      if (!problems) throw error;
      return sendSsoPage(auth, req, res, { status: 400, problems, values });
    }
    res.redirect(303, `${webPaths.settingsSso}?done=saved`);
  });

  router.post(ssoAccessPaths.remove, admin, fresh, async (req, res) => {
    await auth.mappings.remove(formField(req, 'permissionSet'), actorOfRequest(req));
    res.redirect(303, `${webPaths.settingsSso}?done=removed`);
  });

  return { path: '/', router };
}
