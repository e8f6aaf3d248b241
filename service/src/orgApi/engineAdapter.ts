/**
 * The permission engine as the org API sees it: its status, jobs and API usage mapped to exactly the JSON of
 * docs/org-api.md (nothing the page does not need, such as job results), and its start calls given the org's live
 * connection so Verify, Scan and Auto Fix run as the integration user.
 */
import type { PermissionConnection } from '../permissions/connection';
import type { JobSnapshot, PermissionEngine } from '../permissions/engine';
import type { OrgJob, OrgJobKind, OrgPermissionEngine, OrgStartedJob } from './ports';

/** What the adapter is built from. */
export interface EngineAdapterDeps {
  engine: Pick<
    PermissionEngine,
    'getPermissionStatus' | 'getApiUsage' | 'startAutoConfig' | 'startVerify' | 'startScan' | 'startAutoFix'
  >;
  /** The org's active, connected connection for the engine, or null. */
  permissionConnection(orgId: string): Promise<PermissionConnection | null>;
}

function orgJob(job: JobSnapshot): OrgJob {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    progress: job.progress,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    error: job.error,
  };
}

/** Adapts the engine for the org API. */
export function orgApiEngine(deps: EngineAdapterDeps): OrgPermissionEngine {
  const { engine } = deps;
  return {
    async permissionStatus(orgId) {
      const { permissions, jobs } = await engine.getPermissionStatus(orgId);
      return {
        permissions: {
          state: permissions.state,
          lastScanAt: permissions.lastScanAt,
          summary: permissions.summary,
          findings: permissions.findings.map(({ severity, code, subject, message, remediation }) => ({
            severity,
            code,
            subject,
            message,
            remediation,
          })),
        },
        jobs: jobs.map(orgJob),
      };
    },

    async apiUsage(orgId) {
      const usage = await engine.getApiUsage(orgId, (await deps.permissionConnection(orgId)) ?? undefined);
      return {
        dailyApiRequests: usage.dailyApiRequests,
        serviceCallsLast24h: usage.serviceCallsLast24h,
        hourly: usage.hourly.map(({ hour, calls }) => ({ hour, calls })),
      };
    },

    async startJob(kind: OrgJobKind, input): Promise<OrgStartedJob> {
      const connection = await deps.permissionConnection(input.orgId);
      let started;
      if (kind === 'verify') {
        if (!connection) throw new Error(`no connection to org ${input.orgId} for Verify`);
        started = await engine.startVerify({ connection, trigger: input.actor });
      } else {
        const request = { orgId: input.orgId, trigger: input.actor, ...(connection ? { connection } : {}) };
        started = kind === 'scan' ? await engine.startScan(request) : await engine.startAutoFix(request);
      }
      return { jobId: started.jobId, state: started.state, created: started.created };
    },

    async startAutoConfig(input) {
      const connection = await deps.permissionConnection(input.orgId);
      if (!connection) return null;
      const started = await engine.startAutoConfig({ connection, trigger: input.actor });
      return { jobId: started.jobId, state: started.state, created: started.created };
    },
  };
}
