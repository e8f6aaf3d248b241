/**
 * `/login/first-admin`: creates the first local admin with a setup token while no local admin is active (the way back
 * in after Reset when everybody signed in with Salesforce). Rate-limited per client IP like the credential forms.
 */
import type { Request, Response } from 'express';
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import type { AuthServices } from '../auth/authServices';
import type { FieldProblem } from '../errors';
import { webPaths } from '../web/paths';
import { firstAdminPageBody } from '../web/views/firstAdmin';
import { formField, formProblems } from './formInput';
import { loginRateLimit } from './rateLimit';
import { csrfTokenOf, renderPage, sendHtml } from './render';

async function sendFirstAdminPage(
  auth: AuthServices,
  req: Request,
  res: Response,
  options: { status?: number; problems?: FieldProblem[] } = {},
): Promise<void> {
  const body = firstAdminPageBody({
    csrfToken: csrfTokenOf(req),
    available: await auth.firstAdmin.available(),
    values: { username: formField(req, 'username'), displayName: formField(req, 'displayName') },
    problems: options.problems,
  });
  sendHtml(res, renderPage(req, { title: 'Create the first local admin', body }), options.status);
}

/** The first-admin routes. */
export function firstAdminRouter(auth: AuthServices): MountedRouter {
  const router = caseSensitiveRouter();
  const limit = loginRateLimit({ ...auth.loginLimit, countOnlyFailures: true });

  router.get(webPaths.firstAdmin, (req, res) => sendFirstAdminPage(auth, req, res));

  router.post(webPaths.firstAdmin, limit, async (req, res) => {
    try {
      await auth.firstAdmin.create({
        setupToken: formField(req, 'setupToken'),
        username: formField(req, 'username'),
        displayName: formField(req, 'displayName'),
        password: formField(req, 'password'),
      });
    } catch (error) {
      const problems = formProblems(error);
      if (!problems) throw error;
      await sendFirstAdminPage(auth, req, res, { status: 400, problems });
      return;
    }
    res.redirect(303, `${webPaths.login}?adminCreated=1`);
  });

  return { path: '/', router };
}
