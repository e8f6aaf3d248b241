/**
 * Settings > Users (`/web/settings/users`, GRAX admins only): list, create and manage local users. Every change needs
 * a re-authentication within the last 5 minutes, because a local admin is a way into GRAX that does not depend on
 * Salesforce: a stolen session must not be able to mint one. Form errors show the page again with the problems.
 */
import type { Request, Response } from 'express';
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import type { AuthServices } from '../auth/authServices';
import type { FieldProblem } from '../errors';
import type { Banner } from '../web/layout';
import { webPaths } from '../web/paths';
import type { NewUserValues } from '../web/views/users';
import { userPath, usersPageBody } from '../web/views/users';
import { userActions, userDetailBody } from '../web/views/usersDetail';
import { actorOfRequest, principalOf, requireAdmin, requireRecentReauth } from './guards';
import { formField, formProblems } from './formInput';
import { csrfTokenOf, renderPage, sendHtml } from './render';

const DONE_MESSAGES: Record<string, string> = {
  created: 'User created. They set up their authenticator app at their first login.',
  deactivated: 'User deactivated; their sessions ended.',
  reactivated: 'User reactivated.',
  lastDay: 'Last day saved.',
  totpReset:
    'Two-step verification reset; their sessions ended. They set up a new authenticator app at their next login.',
  passwordReset: 'Password reset; their sessions ended.',
};

function doneBanner(req: Request): Banner[] {
  const message = typeof req.query.done === 'string' ? DONE_MESSAGES[req.query.done] : undefined;
  return message ? [{ kind: 'success', message }] : [];
}

function idParam(req: Request): string {
  return String(req.params.id ?? '');
}

async function sendUsersPage(
  auth: AuthServices,
  req: Request,
  res: Response,
  options: { status?: number; problems?: FieldProblem[]; values?: NewUserValues } = {},
): Promise<void> {
  const principal = principalOf(req);
  const body = usersPageBody({
    csrfToken: csrfTokenOf(req),
    users: await auth.localUsers.list(),
    currentUserId: principal?.kind === 'local' ? principal.id : null,
    values: options.values,
    problems: options.problems,
  });
  sendHtml(
    res,
    renderPage(req, { title: 'Users', heading: 'Settings: Users', body, activeNav: 'users', banners: doneBanner(req) }),
    options.status,
  );
}

async function sendUserPage(
  auth: AuthServices,
  req: Request,
  res: Response,
  options: { status?: number; problems?: FieldProblem[] } = {},
): Promise<void> {
  const principal = principalOf(req);
  const view = await auth.localUsers.get(idParam(req));
  const body = userDetailBody({
    csrfToken: csrfTokenOf(req),
    view,
    isCurrentUser: principal?.kind === 'local' && principal.id === view.user.id,
    problems: options.problems,
  });
  const page = renderPage(req, {
    title: `User ${view.user.username}`,
    body,
    activeNav: 'users',
    banners: doneBanner(req),
  });
  sendHtml(res, page, options.status);
}

/** The Settings > Users routes. */
export function settingsUsersRouter(auth: AuthServices): MountedRouter {
  const router = caseSensitiveRouter();
  const admin = requireAdmin('manage local users');
  const fresh = requireRecentReauth((req) =>
    req.params.id ? userPath(String(req.params.id)) : webPaths.settingsUsers,
  );
  const detail = `${webPaths.settingsUsers}/:id`;

  router.get(webPaths.settingsUsers, admin, (req, res) => sendUsersPage(auth, req, res));

  router.post(webPaths.settingsUsers, admin, fresh, async (req, res) => {
    try {
      const user = await auth.localUsers.create(
        {
          username: formField(req, 'username'),
          displayName: formField(req, 'displayName'),
          role: formField(req, 'role'),
          password: formField(req, 'password'),
          lastDay: formField(req, 'lastDay'),
        },
        actorOfRequest(req),
      );
      res.redirect(303, `${userPath(user.id)}?done=created`);
    } catch (error) {
      const problems = formProblems(error);
      if (!problems) throw error;
      const values = ['username', 'displayName', 'role', 'lastDay'].map((f) => [f, formField(req, f)]);
      await sendUsersPage(auth, req, res, { status: 400, problems, values: Object.fromEntries(values) });
    }
  });

  router.get(detail, admin, (req, res) => sendUserPage(auth, req, res));

  const actions: { path: string; done: string; run: (req: Request) => Promise<void> }[] = [
    {
      path: userActions.deactivate,
      done: 'deactivated',
      run: (req) => auth.localUsers.deactivate(idParam(req), actorOfRequest(req)),
    },
    {
      path: userActions.reactivate,
      done: 'reactivated',
      run: (req) => auth.localUsers.reactivate(idParam(req), actorOfRequest(req)),
    },
    {
      path: userActions.lastDay,
      done: 'lastDay',
      run: (req) => auth.localUsers.setLastDay(idParam(req), formField(req, 'lastDay'), actorOfRequest(req)),
    },
    {
      path: userActions.resetTotp,
      done: 'totpReset',
      run: (req) => auth.localUsers.resetTotp(idParam(req), actorOfRequest(req)),
    },
    {
      path: userActions.resetPassword,
      done: 'passwordReset',
      run: (req) => auth.localUsers.resetPassword(idParam(req), formField(req, 'password'), actorOfRequest(req)),
    },
  ];
  for (const action of actions) {
    router.post(`${detail}/${action.path}`, admin, fresh, async (req, res) => {
      try {
        await action.run(req);
      } catch (error) {
        const problems = formProblems(error);
        if (!problems) throw error;
        return sendUserPage(auth, req, res, { status: 400, problems });
      }
      // Acting on yourself may have ended your own session (password or two-step reset): the login page follows.
      res.redirect(303, `${userPath(idParam(req))}?done=${action.done}`);
    });
  }

  return { path: '/', router };
}
