/**
 * Settings > Org link (/web/settings/org-link): signed-in users see the org, the service address and the keys;
 * admins create, rotate and revoke keys and can ask Auto Config to store a new key in the org, each after a sign-in
 * from the last 5 minutes (a key lets the org start jobs). A new key is shown only in the response to the form that
 * made it; revoking and asking Auto Config redirect back (POST/redirect/GET).
 */
import type { Request, Response } from 'express';
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import { AppError } from '../errors';
import type { ActiveConnection } from '../orgApi/connectionOfOrg';
import type { LinkKeyService } from '../orgApi/linkKeys';
import { orgLinkOverview } from '../orgApi/orgLink';
import type { OrgPermissionEngine } from '../orgApi/ports';
import type { IssuedKeyNotice } from '../web/views/orgLinkPage';
import { orgLinkPage } from '../web/views/orgLinkPage';
import { webPaths } from '../web/paths';
import { formField } from './formInput';
import { actorOfRequest, principalOf, requireAdmin, requireRecentReauth, requireSignedIn } from './guards';
import { csrfTokenOf, renderPage, sendHtml } from './render';

/** What the routes are built from. */
export interface OrgLinkRouterDeps {
  activeConnection: ActiveConnection;
  linkKeys: LinkKeyService;
  engine: Pick<OrgPermissionEngine, 'startAutoConfig'>;
  publicUrl: string;
}

const BASE = webPaths.settingsOrgLink;
const KEY_ID = /^[A-Za-z0-9_-]{22}$/;

function keyIdParam(req: Request): string {
  const keyId = req.params.keyId;
  if (typeof keyId !== 'string' || !KEY_ID.test(keyId)) {
    throw new AppError({
      code: 'NOT_FOUND',
      kind: 'not_found',
      title: 'Link key not found',
      message: 'There is no link key at this address.',
      actions: ['Open Settings > Org link and choose the key from the list.'],
    });
  }
  return keyId;
}

function notConnectedForAutoConfig(): AppError {
  return new AppError({
    code: 'NOT_CONNECTED',
    kind: 'conflict',
    title: 'Not connected',
    message: 'Auto Config can only store a key in Salesforce while GRAX is connected to the org.',
    actions: ['Create a link key here and paste it into GRAX Setup in the org instead.'],
  });
}

/** Builds the Settings > Org link router (mounted at /web/settings/org-link). */
export function orgLinkRouter(deps: OrgLinkRouterDeps): MountedRouter {
  const router = caseSensitiveRouter();
  // Every change of the keys needs a recent re-authentication, like the other admin changes.
  const fresh = requireRecentReauth(BASE);

  async function show(
    req: Request,
    res: Response,
    extra: { issued?: IssuedKeyNotice; notice?: string; status?: number; orgIdValue?: string; error?: AppError } = {},
  ): Promise<void> {
    const overview = await orgLinkOverview(deps);
    const body = orgLinkPage({
      overview,
      basePath: BASE,
      csrfToken: csrfTokenOf(req),
      canManage: principalOf(req)?.role === 'admin',
      issued: extra.issued,
      notice: extra.notice,
      problems: extra.error?.fields,
      orgIdValue: extra.orgIdValue,
    });
    sendHtml(res, renderPage(req, { title: 'Org link', body, activeNav: 'orgLink' }), extra.status ?? 200);
  }

  router.get('/', requireSignedIn(), async (req, res) => {
    const revoked = typeof req.query.revoked === 'string' && KEY_ID.test(req.query.revoked) ? req.query.revoked : null;
    const notice = revoked
      ? `Link key ${revoked} was revoked. GRAX Setup in the org can no longer call GRAX with it.`
      : req.query.stored === 'requested'
        ? 'Auto Config is storing a new link key in Salesforce. The key it replaces is revoked once the new one is stored.'
        : undefined;
    await show(req, res, { notice });
  });

  router.post('/keys', requireAdmin('create link keys'), fresh, async (req, res) => {
    const overview = await orgLinkOverview(deps);
    const typedOrgId = formField(req, 'orgId').trim();
    try {
      const issued = await deps.linkKeys.create({
        orgId: overview.org?.orgId ?? typedOrgId,
        actor: actorOfRequest(req),
      });
      await show(req, res, { issued: { key: issued.key, keyId: issued.record.keyId } });
    } catch (error) {
      if (!(error instanceof AppError) || !error.fields) throw error;
      await show(req, res, { error, status: error.httpStatus, orgIdValue: typedOrgId });
    }
  });

  router.post('/keys/:keyId/rotate', requireAdmin('rotate link keys'), fresh, async (req, res) => {
    const oldKeyId = keyIdParam(req);
    const issued = await deps.linkKeys.rotate(oldKeyId, actorOfRequest(req));
    await show(req, res, {
      issued: {
        key: issued.key,
        keyId: issued.record.keyId,
        replaced: { keyId: oldKeyId, worksUntil: issued.oldKeyWorksUntil },
      },
    });
  });

  router.post('/keys/:keyId/revoke', requireAdmin('revoke link keys'), fresh, async (req, res) => {
    const keyId = keyIdParam(req);
    await deps.linkKeys.revoke(keyId, actorOfRequest(req));
    res.redirect(303, `${BASE}?revoked=${encodeURIComponent(keyId)}`);
  });

  router.post('/store-in-org', requireAdmin('change the org link'), fresh, async (req, res) => {
    const { org } = await orgLinkOverview(deps);
    if (!org?.autoConfigCanStoreKey) throw notConnectedForAutoConfig();
    const actor = actorOfRequest(req);
    await deps.linkKeys.requestRotationInOrg(org.orgId, actor);
    const started = await deps.engine.startAutoConfig({ orgId: org.orgId, actor });
    if (!started) throw notConnectedForAutoConfig();
    res.redirect(303, `${BASE}?stored=requested`);
  });

  return { path: webPaths.settingsOrgLink, router };
}
