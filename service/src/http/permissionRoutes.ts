/**
 * Routes of the permission pages under /web/permissions: the checklist (viewers and admins), Preview changes and
 * Download org access (admins), and the Scan Now, Verify, Auto Fix and Auto Fix after scan actions (admins, CSRF
 * checked by the app's middleware). Actions start background jobs and redirect back at once (POST-redirect-GET).
 */
import type { Request, Response } from 'express';
import { caseSensitiveRouter } from './router';
import { AppError } from '../errors';
import type { PermissionConnection } from '../permissions/connection';
import type { PermissionEngine } from '../permissions/engine';
import type { Actor } from '../domain/actor';
import { permissionDriftBanner } from '../web/views/permissions/driftBanner';
import { checklistPage } from '../web/views/permissions/checklistPage';
import { permissionPaths } from '../web/views/permissions/paths';
import { previewPage } from '../web/views/permissions/previewPage';
import type { MountedRouter } from '../app';
import { formField } from './formInput';
import { actorOfRequest, principalOf, requireAdmin, requireSignedIn } from './guards';
import { csrfTokenOf, renderPage, sendHtml } from './render';

/** What the permission routes need. */
export interface PermissionRouteDeps {
  engine: PermissionEngine;
  /** The active connection, or null when GRAX is not connected. */
  activeConnection: () => Promise<PermissionConnection | null>;
}

function notConnected(): AppError {
  return new AppError({
    code: 'NOT_CONNECTED',
    kind: 'conflict',
    message: 'GRAX is not connected to Salesforce, so there are no permissions to check.',
    actions: ['Connect GRAX to Salesforce on the home page.'],
  });
}

async function connectionOrFail(deps: PermissionRouteDeps): Promise<PermissionConnection> {
  const connection = await deps.activeConnection();
  if (!connection) throw notConnected();
  return connection;
}

/** The permission pages and actions, mounted at `/`. */
export function permissionRouter(deps: PermissionRouteDeps): MountedRouter {
  const router = caseSensitiveRouter();
  const { engine } = deps;
  const signedIn = requireSignedIn();
  const admin = requireAdmin('run permission checks and fixes');

  router.get(permissionPaths.checklist, signedIn, async (req: Request, res: Response) => {
    const connection = await deps.activeConnection();
    const status = connection ? await engine.getPermissionStatus(connection.orgId) : null;
    const body = checklistPage({
      status: status ?? {
        permissions: {
          state: 'unknown',
          lastScanAt: null,
          checkedAt: null,
          summary: { error: 0, warning: 0, info: 0 },
          findings: [],
        },
        jobs: [],
      },
      usage: connection ? await engine.getApiUsage(connection.orgId, connection) : null,
      features: connection ? await engine.features(connection.orgId) : [],
      autoFixAfterScan: await engine.autoFixAfterScan(),
      canAct: principalOf(req)?.role === 'admin',
      csrfToken: csrfTokenOf(req),
      connected: connection !== null,
    });
    const banner = status ? permissionDriftBanner(status) : null;
    sendHtml(
      res,
      renderPage(req, { title: 'Permissions', body, activeNav: 'salesforce', banners: banner ? [banner] : [] }),
    );
  });

  router.get(permissionPaths.status, signedIn, async (_req: Request, res: Response) => {
    const connection = await connectionOrFail(deps);
    res.json({
      ...(await engine.getPermissionStatus(connection.orgId)),
      apiUsage: await engine.getApiUsage(connection.orgId),
    });
  });

  router.get(permissionPaths.preview, admin, async (req: Request, res: Response) => {
    const connection = await connectionOrFail(deps);
    const preview = await engine.planAutoConfig({ connection });
    sendHtml(res, renderPage(req, { title: 'Preview changes', body: previewPage(preview), activeNav: 'salesforce' }));
  });

  router.get(permissionPaths.orgAccess, admin, async (_req: Request, res: Response) => {
    const connection = await connectionOrFail(deps);
    const download = await engine.buildOrgAccessMetadata({ connection, format: 'zip' });
    res.setHeader('Content-Disposition', `attachment; filename="${download.filename}"`);
    res.type(download.contentType).send(download.body);
  });

  const action = (path: string, start: (connection: PermissionConnection, actor: Actor) => Promise<unknown>): void => {
    router.post(path, admin, async (req: Request, res: Response) => {
      const connection = await connectionOrFail(deps);
      await start(connection, actorOfRequest(req));
      res.redirect(303, permissionPaths.checklist);
    });
  };
  action(permissionPaths.scan, (connection, trigger) =>
    engine.startScan({ orgId: connection.orgId, connection, trigger }),
  );
  action(permissionPaths.autoFix, (connection, trigger) =>
    engine.startAutoFix({ orgId: connection.orgId, connection, trigger }),
  );
  action(permissionPaths.verify, (connection, trigger) => engine.startVerify({ connection, trigger }));

  router.post(permissionPaths.settings, admin, async (req: Request, res: Response) => {
    await engine.setAutoFixAfterScan(formField(req, 'autoFixAfterScan') === 'on', actorOfRequest(req));
    res.redirect(303, permissionPaths.checklist);
  });

  return { path: '/', router };
}
