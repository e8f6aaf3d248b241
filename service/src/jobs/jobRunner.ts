/**
 * Runs permission jobs from the store's durable queue. Every replica runs one JobRunner; `claim` hands each job to
 * exactly one of them under a lease, which the runner renews while the job runs. A runner that crashes stops renewing,
 * the lease runs out, and the next claim (by any replica, or the same one after a restart) resumes the job from the
 * checkpoints it recorded. A runner that loses its lease aborts its handler instead of writing on.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { JobRepository } from '../store/types';
import type { Job, JobError, JobKind, JobProgress } from '../domain/jobs';
import type { JsonObject, JsonValue } from '../domain/json';

/** What a handler may do while it runs. */
export interface JobControl {
  /** Aborted when the runner lost the job (lease taken over) or is stopping. */
  signal: AbortSignal;
  /** Progress for the web app and the org API. */
  progress(update: JobProgress): Promise<void>;
  /** Checkpoints of earlier attempts of this job, by step name. */
  checkpoints: ReadonlyMap<string, Record<string, JsonValue>>;
  /** Persists the checkpoints (all steps at once). */
  saveCheckpoints(all: ReadonlyMap<string, Record<string, JsonValue>>): Promise<void>;
  /** Records the API calls the job has made so far. */
  apiCalls(total: number): Promise<void>;
}

/** A job kind's handler: returns the job's result, or throws (the error is recorded as the failure). */
export type JobHandler = (job: Job, control: JobControl) => Promise<JsonObject>;

/** How a failure is recorded: handlers' errors are mapped to the admin's words here. */
export type FailureMapper = (job: Job, error: unknown) => JobError;

/** Options of a runner. */
export interface JobRunnerOptions {
  jobs: JobRepository;
  handlers: Partial<Record<JobKind, JobHandler>>;
  describeFailure: FailureMapper;
  /** Unique per process; defaults to host, pid and a random suffix. */
  owner?: string;
  /** Lease per claim; renewed every third of it (default 60 s). */
  leaseMs?: number;
  /** Idle polling interval (default 2 s); `kick()` claims at once. */
  pollMs?: number;
  /** A job claimed more often than this is failed instead of run again (a job that crashes its runner). */
  maxAttempts?: number;
  onError?: (error: unknown) => void;
}

/** Claims and runs jobs until stopped. */
export class JobRunner {
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private draining: Promise<void> | undefined;
  private readonly active = new Set<AbortController>();
  private stopped = true;

  constructor(private readonly options: JobRunnerOptions) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 2_000;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /** Starts polling the queue. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Claims at once (after an enqueue) instead of waiting for the next poll. */
  kick(): void {
    if (!this.stopped) this.schedule(0);
  }

  /** Stops polling, aborts running handlers and waits for them to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const controller of this.active) controller.abort();
    await this.draining;
  }

  /** Claims and runs jobs until the queue has none left to claim (tests and the demo use it). */
  async drain(): Promise<void> {
    while (await this.runOne()) {
      // keep going
    }
  }

  /** Claims one job and runs it to its end; false when there was nothing to claim. */
  async runOne(): Promise<boolean> {
    const kinds = Object.keys(this.options.handlers) as JobKind[];
    const job = await this.options.jobs.claim(this.owner, this.leaseMs, kinds);
    if (!job) return false;
    await this.run(job);
    return true;
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    this.draining = (async () => {
      try {
        await this.drain();
      } catch (error) {
        this.options.onError?.(error);
      } finally {
        this.running = false;
      }
    })();
    await this.draining;
    if (!this.stopped) this.schedule(this.pollMs);
  }

  private async run(job: Job): Promise<void> {
    const { jobs } = this.options;
    if (job.attempts > this.maxAttempts) {
      await jobs.finish(job.id, this.owner, {
        state: 'failed',
        error: {
          code: 'TOO_MANY_ATTEMPTS',
          message: `The job was interrupted ${job.attempts - 1} times and was stopped.`,
          actions: ['Start it again.'],
        },
      });
      return;
    }
    const handler = this.options.handlers[job.kind];
    if (!handler) return;
    const controller = new AbortController();
    this.active.add(controller);
    const renew = setInterval(
      () => {
        void jobs.renewLease(job.id, this.owner, this.leaseMs).then((held) => {
          if (!held) controller.abort();
        }, this.options.onError);
      },
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
    renew.unref();
    const checkpoints = checkpointsOf(job);
    const owned = async (write: Promise<boolean>): Promise<void> => {
      if (!(await write)) controller.abort();
      if (controller.signal.aborted) throw new Error('This runner no longer holds the job.');
    };
    const control: JobControl = {
      signal: controller.signal,
      checkpoints,
      progress: (update) => owned(jobs.recordProgress(job.id, this.owner, { progress: update })),
      saveCheckpoints: (all) =>
        owned(jobs.recordProgress(job.id, this.owner, { steps: [...all].map(([step, data]) => ({ step, ...data })) })),
      apiCalls: (total) => owned(jobs.recordProgress(job.id, this.owner, { apiCalls: total })),
    };
    try {
      const result = await handler(job, control);
      if (!controller.signal.aborted) await jobs.finish(job.id, this.owner, { state: 'succeeded', result });
    } catch (error) {
      if (!controller.signal.aborted) {
        await jobs.finish(job.id, this.owner, { state: 'failed', error: this.options.describeFailure(job, error) });
      }
    } finally {
      clearInterval(renew);
      this.active.delete(controller);
    }
  }
}

/** The checkpoints recorded in a job's steps (`[{step, ...data}]`). */
export function checkpointsOf(job: Job): Map<string, Record<string, JsonValue>> {
  const out = new Map<string, Record<string, JsonValue>>();
  for (const entry of job.steps) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) continue;
    const { step, ...data } = entry;
    if (typeof step === 'string') out.set(step, data);
  }
  return out;
}
