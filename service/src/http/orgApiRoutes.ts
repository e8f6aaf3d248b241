/**
 * The org-facing JSON API under /api/org/v1 (docs/org-api.md), called by the package's Apex through Named Credential
 * GRAX_Service. Every request is authenticated by its link key and org id header before anything else runs, then
 * rate-limited per key. Answers are JSON only (the error middleware renders AppErrors as `{"error": ...}` under
 * /api/), never a redirect or a page, with no cookies (the session middleware skips /api/org/) and no caching.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { caseSensitiveRouter } from './router';
import type { MountedRouter } from '../app';
import { z } from 'zod';
import type { Clock } from '../clock';
import { AppError, invalidInput } from '../errors';
import type { OrgCallAudit } from '../orgApi/callAudit';
import type { ConnectLinkService } from '../orgApi/connectLinks';
import { orgApiRateLimited } from '../orgApi/errors';
import { startOrgJob } from '../orgApi/jobs';
import { bearerCredential, parseLinkKey } from '../orgApi/linkKeyFormat';
import type { ActiveConnection } from '../orgApi/connectionOfOrg';
import type { LinkKeyService } from '../orgApi/linkKeys';
import { canonicalOrgId } from '../domain/salesforceIds';
import type { OrgJobKind, OrgPermissionEngine } from '../orgApi/ports';
import { RateBudget } from '../orgApi/rateBudget';
import { orgStatus } from '../orgApi/status';
import type { LinkKey } from '../domain/orgLink';
import { ORG_LINK_AUDIT, type AuditAction } from '../domain/audit';

/** Where the router is mounted. */
export const ORG_API_BASE = '/api/org/v1';

/** Request budgets. */
export interface OrgApiLimits {
  /** Calls per key per minute (GRAX Setup polls every 3 s while a job runs: 20 a minute per open page). */
  callsPerMinute: number;
  /** Connect links per key per 10 minutes. */
  connectLinksPer10Minutes: number;
  /** Refused calls (bad key, wrong org) per client per minute. */
  refusalsPerMinute: number;
}

export const ORG_API_LIMITS: OrgApiLimits = {
  callsPerMinute: 120,
  connectLinksPer10Minutes: 10,
  refusalsPerMinute: 30,
};

/** What the router is built from. */
export interface OrgApiRouterDeps {
  publicUrl: string;
  activeConnection: ActiveConnection;
  engine: OrgPermissionEngine;
  linkKeys: LinkKeyService;
  connectLinks: ConnectLinkService;
  callAudit: OrgCallAudit;
  clock: Clock;
}

const authenticatedKeys = new WeakMap<Request, LinkKey>();

/** The key id a refused call presented, when it had the shape of a key (for the audit log; never the secret). */
function presentedKeyId(req: Request): string | null {
  return parseLinkKey(bearerCredential(req.get('authorization')))?.keyId ?? null;
}

function keyOf(req: Request): LinkKey {
  const key = authenticatedKeys.get(req);
  if (!key) throw new Error('org API route reached without an authenticated link key');
  return key;
}

const connectLinkBody = z.strictObject({
  environment: z.enum(['production', 'sandbox'], { error: 'environment must be "production" or "sandbox".' }),
  mode: z.enum(['auto_config', 'manual'], { error: 'mode must be "auto_config" or "manual".' }),
});

/** Parses the connect-link body; a missing or non-JSON body fails on both fields. */
function parseConnectLinkBody(body: unknown) {
  const result = connectLinkBody.safeParse(body ?? {});
  if (result.success) return result.data;
  throw invalidInput(
    result.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.join('.') : 'body',
      message: issue.code === 'unrecognized_keys' ? `Unexpected field(s): ${issue.keys.join(', ')}.` : issue.message,
    })),
  );
}

function methodNotAllowed(allowed: string): RequestHandler {
  return (_req, res, next) => {
    res.set('Allow', allowed);
    next(
      new AppError({
        code: 'METHOD_NOT_ALLOWED',
        kind: 'method_not_allowed',
        message: `This address of the GRAX org API only accepts ${allowed}.`,
        actions: ['Update the GRAX package: it may be older than the service.'],
      }),
    );
  };
}

/** Builds the /api/org/v1 router. */
export function orgApiRouter(deps: OrgApiRouterDeps): MountedRouter {
  const limits = ORG_API_LIMITS;
  const router = caseSensitiveRouter();

  const refused = (req: Request, reason: string, key: LinkKey | null) =>
    deps.callAudit.refused({
      reason,
      keyId: key?.keyId ?? presentedKeyId(req),
      client: req.ip ?? 'unknown',
      orgId: key?.orgId ?? canonicalOrgId(req.get('x-salesforce-org-id')),
    });
  const refusals = new RateBudget(deps.clock, limits.refusalsPerMinute, 60_000);
  const calls = new RateBudget(deps.clock, limits.callsPerMinute, 60_000);
  const connectLinks = new RateBudget(deps.clock, limits.connectLinksPer10Minutes, 10 * 60_000);
  /** Spends one call of a key's budget; a call over budget is refused (and recorded) before it does anything. */
  const spend = async (req: Request, budget: RateBudget): Promise<void> => {
    const key = keyOf(req);
    const retryAfter = budget.take(key.keyId);
    if (retryAfter === null) return;
    await refused(req, 'RATE_LIMITED', key);
    throw orgApiRateLimited(retryAfter);
  };

  router.use(async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const key = await deps.linkKeys.authenticate(req.get('authorization'), req.get('x-salesforce-org-id'));
      authenticatedKeys.set(req, key);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // A client that keeps presenting bad keys learns nothing more: past its budget it only hears 429.
      const retryAfter = refusals.take(req.ip ?? 'unknown');
      await refused(req, retryAfter === null ? error.code : 'RATE_LIMITED', null);
      throw retryAfter === null ? error : orgApiRateLimited(retryAfter);
    }
    await spend(req, calls);
    next();
  });

  router.get('/status', async (req, res) => {
    const key = keyOf(req);
    const status = await orgStatus(deps, key);
    await deps.callAudit.read(key, ORG_LINK_AUDIT.orgApiStatus);
    res.json(status);
  });
  router.all('/status', methodNotAllowed('GET'));

  const JOB_AUDIT = {
    verify: ORG_LINK_AUDIT.orgApiVerify,
    scan: ORG_LINK_AUDIT.orgApiScan,
    autofix: ORG_LINK_AUDIT.orgApiAutofix,
  } as const satisfies Record<OrgJobKind, AuditAction>;
  for (const kind of ['verify', 'scan', 'autofix'] as const satisfies readonly OrgJobKind[]) {
    router.post(`/${kind}`, async (req, res) => {
      const key = keyOf(req);
      const started = await startOrgJob(deps, key, kind);
      await deps.callAudit.action(key, JOB_AUDIT[kind], { jobId: started.jobId });
      res.status(202).json(started);
    });
    router.all(`/${kind}`, methodNotAllowed('POST'));
  }

  router.post('/connect-link', async (req, res) => {
    await spend(req, connectLinks);
    const key = keyOf(req);
    const input = parseConnectLinkBody(req.body);
    res.json(await deps.connectLinks.issue(key, input));
  });
  router.all('/connect-link', methodNotAllowed('POST'));

  return { path: ORG_API_BASE, router };
}
