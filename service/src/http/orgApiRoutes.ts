/**
 * The org-facing JSON API under /api/org/v1 (docs/org-api.md), called by the package's Apex through Named Credential
 * GRAX_Service. Every request is authenticated by its link key and org id header before anything else runs, then
 * rate-limited per key. Answers are JSON only (the error middleware renders AppErrors as `{"error": ...}` under
 * /api/), never a redirect or a page, with no cookies (the session middleware skips /api/org/) and no caching.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { AppError, invalidInput } from '../errors';
import type { OrgCallAudit } from '../orgApi/callAudit';
import type { ConnectLinkService } from '../orgApi/connectLinks';
import { orgApiRateLimited } from '../orgApi/errors';
import { startOrgJob } from '../orgApi/jobs';
import type { LinkKeyService } from '../orgApi/linkKeys';
import { canonicalOrgId } from '../orgApi/orgIds';
import type { OrgJobKind, OrgPermissionEngine } from '../orgApi/ports';
import { orgStatus } from '../orgApi/status';
import type { ConnectionRepository, LinkKey } from '../store/types';

/** Where the router is mounted. */
export const ORG_API_BASE = '/api/org/v1';

/** Request budgets; tests lower them. */
export interface OrgApiLimits {
  /** Calls per key per minute (GRAX Setup polls every 3 s while a job runs: 20 a minute per open page). */
  callsPerMinute: number;
  /** Connect links per key per 10 minutes. */
  connectLinksPer10Minutes: number;
  /** Refused calls (bad key, wrong org) per client per minute. */
  refusalsPerMinute: number;
}

export const DEFAULT_ORG_API_LIMITS: OrgApiLimits = {
  callsPerMinute: 120,
  connectLinksPer10Minutes: 10,
  refusalsPerMinute: 30,
};

/** What the router is built from. */
export interface OrgApiRouterDeps {
  publicUrl: string;
  connections: ConnectionRepository;
  engine: OrgPermissionEngine;
  linkKeys: LinkKeyService;
  connectLinks: ConnectLinkService;
  callAudit: OrgCallAudit;
  limits?: Partial<OrgApiLimits>;
}

const authenticatedKeys = new WeakMap<Request, LinkKey>();

function keyOf(req: Request): LinkKey {
  const key = authenticatedKeys.get(req);
  if (!key) throw new Error('org API route reached without an authenticated link key');
  return key;
}

type Handler = (req: Request, res: Response) => Promise<void>;

/** Runs an async handler and passes its error to the error middleware. */
function route(handler: Handler): RequestHandler {
  return (req, res, next) => {
    handler(req, res).catch(next);
  };
}

/** Runs an async check, then the next handler; a thrown error goes to the error middleware. */
function check(handler: (req: Request) => Promise<void>): RequestHandler {
  return (req, _res, next) => {
    handler(req).then(() => next(), next);
  };
}

function limiter(options: {
  windowMs: number;
  limit: number;
  keyGenerator?: (req: Request) => string;
  countOnlyFailures?: boolean;
}): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skipSuccessfulRequests: options.countOnlyFailures ?? false,
    ...(options.keyGenerator ? { keyGenerator: options.keyGenerator } : {}),
    handler: (req: Request, _res: Response, next: NextFunction) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      next(orgApiRateLimited(reset ? (reset.getTime() - Date.now()) / 1000 : options.windowMs / 1000));
    },
  });
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
        httpStatus: 405,
        message: `This address of the GRAX org API only accepts ${allowed}.`,
        actions: ['Update the GRAX package: it may be older than the service.'],
      }),
    );
  };
}

/** Builds the /api/org/v1 router. */
export function orgApiRouter(deps: OrgApiRouterDeps): Router {
  const limits = { ...DEFAULT_ORG_API_LIMITS, ...deps.limits };
  const router = Router();

  router.use(limiter({ windowMs: 60_000, limit: limits.refusalsPerMinute, countOnlyFailures: true }));
  router.use(
    check(async (req) => {
      const presentedKeyId = /_([A-Za-z0-9_-]{22})_/.exec(req.get('authorization') ?? '')?.[1] ?? null;
      try {
        authenticatedKeys.set(
          req,
          await deps.linkKeys.authenticate(req.get('authorization'), req.get('x-salesforce-org-id')),
        );
      } catch (error) {
        if (error instanceof AppError) {
          await deps.callAudit.refused({
            reason: error.code,
            keyId: presentedKeyId,
            client: req.ip ?? 'unknown',
            orgId: canonicalOrgId(req.get('x-salesforce-org-id')),
          });
        }
        throw error;
      }
    }),
  );
  router.use(limiter({ windowMs: 60_000, limit: limits.callsPerMinute, keyGenerator: (req) => keyOf(req).keyId }));

  router.get(
    '/status',
    route(async (req, res) => {
      const key = keyOf(req);
      const status = await orgStatus(deps, key);
      await deps.callAudit.read(key, 'orgApi.status');
      res.json(status);
    }),
  );
  router.all('/status', methodNotAllowed('GET'));

  for (const kind of ['verify', 'scan', 'autofix'] as const satisfies readonly OrgJobKind[]) {
    router.post(
      `/${kind}`,
      route(async (req, res) => {
        const key = keyOf(req);
        const started = await startOrgJob(deps, key, kind);
        await deps.callAudit.action(key, `orgApi.${kind}`, { jobId: started.jobId });
        res.status(202).json(started);
      }),
    );
    router.all(`/${kind}`, methodNotAllowed('POST'));
  }

  router.post(
    '/connect-link',
    limiter({ windowMs: 10 * 60_000, limit: limits.connectLinksPer10Minutes, keyGenerator: (req) => keyOf(req).keyId }),
    route(async (req, res) => {
      const key = keyOf(req);
      const input = parseConnectLinkBody(req.body);
      res.json(await deps.connectLinks.issue(key, input));
    }),
  );
  router.all('/connect-link', methodNotAllowed('POST'));

  return router;
}
