/**
 * The permission engine's public interface, as the connection flows, the web app and the org API call it:
 * start Auto Config / Verify / Scan / Auto Fix as background jobs (a job id at once), Preview changes, Download org
 * access, the permission status and API usage of an org, and the scheduler and job runner lifecycle.
 */
import { sharedCapOf } from '../salesforce/api/sharedCap';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { JobRunner } from '../jobs/jobRunner';
import { ScanScheduler } from '../jobs/scanScheduler';
import type { AlertSender } from '../monitoring/alertSender';
import { DailyLimitCache, hourlyServiceCalls, type ApiUsage } from '../monitoring/apiUsage';
import type { ApiLogger } from '../salesforce/apiClient';
import type { PollOptions } from '../salesforce/api/bulkIngest';
import type { JobRepository, Store } from '../store/types';
import type { Actor } from '../domain/actor';
import { PERMISSIONS_AUDIT } from '../domain/audit';
import { JOB_TITLES, type Job, type JobError, type JobKind, type JobProgress, type StartedJob } from '../domain/jobs';
import type { JsonObject } from '../domain/json';
import { createClient, type PermissionConnection } from './connection';
import type { EngineDeps } from './engineDeps';
import { createJobHandlers } from './jobHandlers';
import { buildOrgAccessDownload, type MetadataDownload } from './metadata/orgAccess';
import { previewAutoConfig, type PlanPreview } from './preview';
import { LearnedDependencyStore } from './learnedDependencies';
import { DEFAULT_FEATURES, type Feature } from './profile';
import { describeRunFailure } from './run/adminErrors';
import type { RunContext } from './run/context';
import { createRunContext } from './run/createRunContext';
import { PermissionStatusStore, type PermissionState } from './status';
import type { LinkKeyProvider } from './steps/linkKeyStep';
import type { Finding, Severity } from './verify/finding';
import type { DedicatedUserOptions } from './verify/dedicatedUser';

/** Dependencies of the engine. */
export interface PermissionEngineOptions {
  store: Pick<
    Store,
    'jobs' | 'audit' | 'settings' | 'apiCalls' | 'locks' | 'kind' | 'concurrencySlots' | 'transaction'
  >;
  logger: ApiLogger & { error(obj: object, msg?: string): void };
  /** SF_MAX_CONCURRENT_REQUESTS. */
  maxConcurrent: number;
  /** SCAN_INTERVAL_MS. */
  scanIntervalMs: number;
  /** PUBLIC_URL, for links in alerts. */
  publicUrl: string;
  /** The active connection of an org (jobs resumed after a restart and scheduled scans use it). */
  connections: (orgId: string) => Promise<PermissionConnection | null>;
  /** Orgs the scheduler scans (the active connection's org). */
  scheduledOrgs: () => Promise<string[]>;
  /** The org's name for alerts. */
  orgName?: (orgId: string) => Promise<string | null>;
  verify: DedicatedUserOptions;
  linkKeyProvider?: LinkKeyProvider;
  alerts?: AlertSender;
  clock?: Clock;
  bulkThreshold?: number;
  bulkPoll?: PollOptions;
  leaseMs?: number;
  pollMs?: number;
  owner?: string;
}

/** A job as the status JSON of docs/org-api.md and the permission pages show it (times as ISO strings). */
export interface JobSnapshot {
  id: string;
  kind: JobKind;
  state: Job['state'];
  progress: JobProgress | null;
  apiCalls: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: JobError | null;
  result: JsonObject | null;
}

/** The `permissions` and `jobs` parts of the status JSON. */
export interface PermissionStatusView {
  permissions: {
    state: PermissionState;
    lastScanAt: string | null;
    checkedAt: string | null;
    summary: Record<Severity, number>;
    findings: Finding[];
  };
  jobs: JobSnapshot[];
}

/** Input of the start calls. */
export interface StartInput {
  connection: PermissionConnection;
  features?: readonly Feature[];
  trigger: Actor;
  /**
   * Queue through these jobs (a store transaction's) instead of the store's; the caller kicks the runner after the
   * commit. Not together with `features`, which are stored outside that transaction.
   */
  jobs?: JobRepository;
}

export type { StartedJob };

/** The permission engine. */
export interface PermissionEngine {
  startAutoConfig(input: StartInput): Promise<StartedJob>;
  startVerify(input: StartInput): Promise<StartedJob>;
  startScan(input: { orgId: string; connection?: PermissionConnection; trigger: Actor }): Promise<StartedJob>;
  startAutoFix(input: { orgId: string; connection?: PermissionConnection; trigger: Actor }): Promise<StartedJob>;
  planAutoConfig(input: { connection: PermissionConnection; features?: readonly Feature[] }): Promise<PlanPreview>;
  buildOrgAccessMetadata(input: {
    connection: PermissionConnection;
    features?: readonly Feature[];
    format?: 'zip' | 'xml';
  }): Promise<MetadataDownload>;
  getPermissionStatus(orgId: string): Promise<PermissionStatusView>;
  getApiUsage(orgId: string, connection?: PermissionConnection): Promise<ApiUsage>;
  features(orgId: string): Promise<Feature[]>;
  autoFixAfterScan(): Promise<boolean>;
  setAutoFixAfterScan(enabled: boolean, actor: Actor): Promise<void>;
  /** Starts the job runner and the scan scheduler. */
  start(): void;
  /** Stops them and waits for running jobs to stop. */
  stop(): Promise<void>;
  /** Runs queued jobs to completion in this process (tests, demo). */
  drain(): Promise<void>;
  /** The scheduler (tests call tick()). */
  readonly scheduler: ScanScheduler;
  readonly runner: JobRunner;
}

const LIMITS_MAX_AGE_MS = 15 * 60_000;
/** The job lease when none is configured; Salesforce slots are leased alike. */
const DEFAULT_LEASE_MS = 60_000;

function toJobSnapshot(job: Job): JobSnapshot {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    progress: job.progress,
    apiCalls: job.apiCalls,
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    error: job.error,
    result: job.result,
  };
}

/** Creates the engine. */
export function createPermissionEngine(options: PermissionEngineOptions): PermissionEngine {
  const clock = options.clock ?? systemClock;
  const status = new PermissionStatusStore(options.store.settings);
  const learnedDependencies = new LearnedDependencyStore(options.store.settings);
  const live = new Map<string, PermissionConnection>();
  const limits = new DailyLimitCache();
  const clientOptions = {
    maxConcurrent: options.maxConcurrent,
    sharedCap: sharedCapOf(options.store, options.leaseMs ?? DEFAULT_LEASE_MS),
    logger: options.logger,
    accounting: (orgId: string, calls: number) => {
      options.store.apiCalls.increment(orgId, calls).catch((error: unknown) => {
        options.logger.error({ err: error }, 'Could not record API calls');
      });
    },
  };
  const connectionFor = async (orgId: string): Promise<PermissionConnection | null> =>
    live.get(orgId) ?? (await options.connections(orgId));

  const enqueue = async (
    kind: JobKind,
    orgId: string,
    actor: Actor,
    jobs: JobRepository = options.store.jobs,
  ): Promise<StartedJob> => {
    const { created, job } = await jobs.enqueue({ kind, orgId, trigger: actor });
    if (jobs === options.store.jobs) runner.kick();
    return { jobId: job.id, kind, state: job.state, created };
  };
  const deps: EngineDeps = {
    store: options.store,
    status,
    learnedDependencies,
    clock,
    clientOptions,
    connectionFor,
    orgName: options.orgName ?? (async () => null),
    verifyOptions: options.verify,
    linkKeyProvider: options.linkKeyProvider,
    alerts: options.alerts,
    publicUrl: options.publicUrl.replace(/\/+$/, ''),
    bulkThreshold: options.bulkThreshold,
    bulkPoll: options.bulkPoll,
    recordLimits: (orgId, info) => {
      if (info) limits.record(orgId, { max: info.max, remaining: Math.max(0, info.max - info.used) }, clock.now());
    },
    enqueue: async (kind, orgId, actor) => (await enqueue(kind, orgId, actor)).jobId,
  };
  const runner: JobRunner = new JobRunner({
    jobs: options.store.jobs,
    handlers: createJobHandlers(deps),
    describeFailure: (job, error) => {
      options.logger.warn(
        { jobId: job.id, kind: job.kind, err: error instanceof Error ? error.message : String(error) },
        'Permission job failed',
      );
      return describeRunFailure(error, JOB_TITLES[job.kind]);
    },
    owner: options.owner,
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    pollMs: options.pollMs,
    onError: (error) => options.logger.error({ err: error }, 'Permission job runner error'),
  });
  const scheduler = new ScanScheduler({
    store: options.store,
    owner: runner.owner,
    intervalMs: options.scanIntervalMs,
    orgs: options.scheduledOrgs,
    enqueueScan: async (orgId, jobs) => {
      await enqueue('scan', orgId, { kind: 'system', id: 'scheduler', name: 'Scheduled scan' }, jobs);
    },
    afterQueued: () => runner.kick(),
    now: () => clock.now(),
    onError: (error) => options.logger.error({ err: error }, 'Scan scheduler error'),
  });

  const runContext = async (connection: PermissionConnection, features?: readonly Feature[]): Promise<RunContext> =>
    createRunContext({
      client: createClient(connection, clientOptions),
      connection,
      features: features ?? (await status.features(connection.orgId)),
      now: () => clock.now(),
      bulkThreshold: options.bulkThreshold,
      knownRequirements: await learnedDependencies.load(connection.orgId),
    });

  const startWithConnection = async (kind: JobKind, input: StartInput): Promise<StartedJob> => {
    if (input.jobs && input.features) throw new Error('features cannot be stored inside a transaction');
    live.set(input.connection.orgId, input.connection);
    if (input.features)
      await status.setFeatures(input.connection.orgId, input.features.length > 0 ? input.features : DEFAULT_FEATURES);
    return enqueue(kind, input.connection.orgId, input.trigger, input.jobs);
  };

  const startForOrg = async (
    kind: JobKind,
    input: { orgId: string; connection?: PermissionConnection; trigger: Actor },
  ): Promise<StartedJob> => {
    if (input.connection) live.set(input.orgId, input.connection);
    return enqueue(kind, input.orgId, input.trigger);
  };

  return {
    startAutoConfig: (input) => startWithConnection('autoconfig', input),
    startVerify: (input) => startWithConnection('verify', input),
    startScan: (input) => startForOrg('scan', input),
    startAutoFix: (input) => startForOrg('autofix', input),
    planAutoConfig: async (input) => previewAutoConfig(await runContext(input.connection, input.features)),
    buildOrgAccessMetadata: async (input) =>
      buildOrgAccessDownload(await runContext(input.connection, input.features), input.format),
    getPermissionStatus: async (orgId) => {
      const stored = await status.get(orgId);
      const jobs = await options.store.jobs.latestByKind(orgId);
      return {
        permissions: {
          state: stored.state,
          lastScanAt: stored.lastScanAt,
          checkedAt: stored.checkedAt,
          summary: stored.summary,
          findings: stored.findings,
        },
        jobs: jobs.map(toJobSnapshot),
      };
    },
    getApiUsage: async (orgId, connection) => {
      const now = clock.now();
      const hourly = await hourlyServiceCalls(options.store.apiCalls, orgId, now);
      let daily = limits.fresh(orgId, now, LIMITS_MAX_AGE_MS);
      const source = connection ?? live.get(orgId);
      if (!daily && source) {
        try {
          const body = await createClient(source, clientOptions).limits();
          if (body.DailyApiRequests) {
            daily = { max: body.DailyApiRequests.Max, remaining: body.DailyApiRequests.Remaining };
            limits.record(orgId, daily, now);
          }
        } catch (error) {
          options.logger.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'Could not read org limits',
          );
        }
      }
      return {
        dailyApiRequests: daily ?? limits.last(orgId) ?? null,
        serviceCallsLast24h: hourly.reduce((n, h) => n + h.calls, 0),
        hourly,
      };
    },
    features: (orgId) => status.features(orgId),
    autoFixAfterScan: () => status.autoFixAfterScan(),
    setAutoFixAfterScan: async (enabled, actor) => {
      await status.setAutoFixAfterScan(enabled);
      await options.store.audit.append({
        actor,
        action: PERMISSIONS_AUDIT.autoFixAfterScanChanged,
        details: { enabled },
      });
    },
    start: () => {
      runner.start();
      scheduler.start();
    },
    stop: async () => {
      scheduler.stop();
      await runner.stop();
    },
    drain: () => runner.drain(),
    scheduler,
    runner,
  };
}
