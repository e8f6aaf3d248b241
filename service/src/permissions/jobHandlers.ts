/**
 * The background work behind each job kind: Auto Config, Verify, Scan and Auto Fix. A handler builds the API client
 * and run context for the job's org, runs the engine, records the status (baseline or drift), writes the audit event,
 * and for a scan that found drift raises the alerts and, when enabled, queues Auto Fix.
 */
import type { JobControl, JobHandler } from '../jobs/jobRunner';
import type { DriftAlert } from '../monitoring/driftAlert';
import { PERMISSIONS_AUDIT, type AuditAction } from '../domain/audit';
import { JOB_TITLES, type Job } from '../domain/jobs';
import type { JsonObject, JsonValue } from '../domain/json';
import { createClient, type PermissionConnection } from './connection';
import { runApply, type ApplyResult } from './run/autoConfig';
import { describeRefreshFailure, describeRunFailure, RunRefusal } from './run/adminErrors';
import type { Checkpoint, RunContext } from './run/context';
import { createRunContext } from './run/createRunContext';
import type { EngineDeps } from './engineDeps';
import { runVerify } from './verify/verify';
import { summarize, tokenProblem, type Finding } from './verify/finding';

/** Steps of each kind, in order, for `progress.done/total`. */
const STEPS: Record<Job['kind'], string[]> = {
  autoconfig: ['sets', 'objects', 'fields', 'linkKey', 'verify'],
  autofix: ['sets', 'objects', 'fields', 'verify'],
  verify: ['verify'],
  scan: ['verify'],
};

function toCheckpoints(control: JobControl): Map<string, Checkpoint> {
  const out = new Map<string, Checkpoint>();
  for (const [step, data] of control.checkpoints) {
    const clean: Checkpoint = {};
    for (const [k, v] of Object.entries(data)) {
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') clean[k] = v;
    }
    out.set(step, clean);
  }
  return out;
}

async function contextFor(
  deps: EngineDeps,
  job: Job,
  control: JobControl,
  connection: PermissionConnection,
): Promise<RunContext> {
  const features = await deps.status.features(connection.orgId);
  const client = createClient(connection, deps.clientOptions);
  const steps = STEPS[job.kind];
  const previousCalls = job.apiCalls;
  const knownRequirements = await deps.learnedDependencies.load(connection.orgId);
  return createRunContext({
    knownRequirements,
    client,
    connection,
    features,
    now: () => deps.clock.now(),
    checkpoints: toCheckpoints(control),
    bulkThreshold: deps.bulkThreshold,
    bulkPoll: deps.bulkPoll,
    onProgress: async (step, progress) => {
      if (control.signal.aborted) throw new Error('The job was taken over by another runner.');
      const index = steps.indexOf(step);
      await control.progress({
        done: index >= 0 ? index : null,
        total: steps.length,
        step: progress.message ?? step,
      });
      await control.apiCalls(previousCalls + client.calls);
    },
    onCheckpoint: async (_step, _data, all) => {
      await control.saveCheckpoints(all as ReadonlyMap<string, Record<string, JsonValue>>);
    },
  });
}

function applySummary(result: ApplyResult, calls: number): JsonObject {
  return {
    writes: result.writes,
    steps: result.steps,
    linkKey: result.linkKey,
    failures: result.failures.slice(0, 100) as unknown as JsonValue,
    failureCount: result.failures.length,
    dependencyAdditions: result.dependencyAdditions as unknown as JsonValue,
    summary: summarize(result.verify.findings),
    apiCalls: calls,
  };
}

/** Builds the handlers of the four job kinds. */
export function createJobHandlers(deps: EngineDeps): Record<Job['kind'], JobHandler> {
  const withConnection = async (job: Job): Promise<PermissionConnection> => {
    const connection = job.orgId ? await deps.connectionFor(job.orgId) : null;
    if (!connection) {
      throw new RunRefusal('NOT_CONNECTED', `${JOB_TITLES[job.kind]} cannot run: GRAX is not connected to this org.`, [
        'Connect GRAX to Salesforce on the home page.',
      ]);
    }
    return connection;
  };
  /**
   * Records what a run cost (the job's calls over every attempt, and the org's limits the last answer reported) and
   * its audit event; returns the job's calls.
   */
  const finish = async (
    ctx: RunContext,
    job: Job,
    control: JobControl,
    action: AuditAction,
    details: Record<string, JsonValue>,
  ): Promise<number> => {
    const apiCalls = job.apiCalls + ctx.client.calls;
    await control.apiCalls(apiCalls);
    deps.recordLimits(ctx.connection.orgId, ctx.client.lastLimitInfo);
    await deps.store.audit.append({
      actor: job.trigger,
      action,
      orgId: ctx.connection.orgId,
      target: job.id,
      details: { ...details, apiCalls },
    });
    return apiCalls;
  };

  const apply =
    (kind: 'autoconfig' | 'autofix'): JobHandler =>
    async (job, control) => {
      const ctx = await contextFor(deps, job, control, await withConnection(job));
      let result: ApplyResult;
      try {
        result = await runApply(ctx, {
          verify: deps.verifyOptions,
          linkKeyProvider: kind === 'autoconfig' ? deps.linkKeyProvider : undefined,
        });
      } finally {
        // What Salesforce named is kept even when a later step stops the run: the next attempt writes it at once.
        await deps.learnedDependencies.remember(ctx.connection.orgId, ctx.cache.learnt ?? []);
      }
      await deps.status.recordCheck(ctx.connection.orgId, result.verify.findings, deps.clock.now());
      const apiCalls = await finish(ctx, job, control, PERMISSIONS_AUDIT[kind], {
        writes: result.writes,
        failures: result.failures.length,
        findings: result.verify.findings.length,
        ...(result.dependencyAdditions.length > 0
          ? {
              addedForSalesforce: result.dependencyAdditions.map((a) => `${a.label} on ${a.set} (${a.reason})`),
            }
          : {}),
      });
      return applySummary(result, apiCalls);
    };

  const verify: JobHandler = async (job, control) => {
    const ctx = await contextFor(deps, job, control, await withConnection(job));
    const result = await runVerify(ctx, deps.verifyOptions);
    await deps.status.recordCheck(ctx.connection.orgId, result.findings, deps.clock.now());
    const apiCalls = await finish(ctx, job, control, PERMISSIONS_AUDIT.verify, { findings: result.findings.length });
    return { summary: summarize(result.findings), apiCalls };
  };

  const scan: JobHandler = async (job, control) => {
    const connection = await withConnection(job);
    const ctx = await contextFor(deps, job, control, connection);
    let findings: Finding[];
    try {
      findings = (await runVerify(ctx, deps.verifyOptions)).findings;
    } catch (error) {
      const refresh = ctx.client.refreshFailure;
      const failure =
        refresh !== undefined
          ? describeRefreshFailure(refresh, JOB_TITLES.scan)
          : describeRunFailure(error, JOB_TITLES.scan);
      if (refresh === undefined && failure.code !== 'SESSION_INVALID' && failure.code !== 'API_DISABLED') throw error;
      findings = [tokenProblem(failure.message, failure.actions.join(' '))];
    }
    const now = deps.clock.now();
    const { status, newlyDrifted } = await deps.status.recordScan(connection.orgId, findings, now);
    const apiCalls = await finish(ctx, job, control, PERMISSIONS_AUDIT.scan, {
      findings: findings.length,
      state: status.state,
    });
    let autoFixJobId: string | null = null;
    if (newlyDrifted.length > 0) {
      const alert: DriftAlert = {
        orgId: connection.orgId,
        orgName: await deps.orgName(connection.orgId),
        detectedAt: now,
        findings: newlyDrifted,
        reviewUrl: `${deps.publicUrl}/web/permissions`,
      };
      const deliveries = deps.alerts ? await deps.alerts.send(alert) : [];
      await deps.store.audit.append({
        actor: job.trigger,
        action: PERMISSIONS_AUDIT.drift,
        orgId: connection.orgId,
        target: job.id,
        details: {
          newFindings: newlyDrifted.length,
          subjects: newlyDrifted.slice(0, 20).map((f) => f.subject),
          deliveries: deliveries.map((d) => `${d.channel}: ${d.ok ? 'sent' : 'failed'} (${d.detail})`),
        },
      });
      if (await deps.status.autoFixAfterScan()) {
        autoFixJobId = await deps.enqueue('autofix', connection.orgId, {
          kind: 'system',
          id: 'auto-fix-after-scan',
          name: 'Auto Fix after scan',
        });
      }
    }
    return {
      state: status.state,
      summary: status.summary,
      newFindings: newlyDrifted.length,
      autoFixJobId,
      apiCalls,
    };
  };

  return { autoconfig: apply('autoconfig'), autofix: apply('autofix'), verify, scan };
}
