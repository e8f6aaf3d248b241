/**
 * Schedules permission scans every SCAN_INTERVAL_MS. Every replica runs a scheduler, but only the holder of the store
 * lock enqueues, and it decides and enqueues in one store transaction that first checks it still holds the lock, so
 * scheduled scans run once per interval across replicas. No scheduled scan is queued for an org while Auto Config,
 * Auto Fix or Verify for it is queued or running: they change what a scan would find, and Verify checks the same.
 */
import type { JobRepository, LockRepository, Store } from '../store/types';
import type { JobKind } from '../domain/jobs';

/** Options of the scheduler. */
export interface ScanSchedulerOptions {
  store: Pick<Store, 'locks' | 'transaction'>;
  owner: string;
  intervalMs: number;
  /** How often to check whether a scan is due (default: a tenth of the interval, at most a minute). */
  tickMs?: number;
  /** The orgs to scan now (the active connection's org; none while disconnected). */
  orgs: () => Promise<string[]>;
  /** Queues a scan for an org through `jobs` (the scheduler's transaction). */
  enqueueScan: (orgId: string, jobs: JobRepository) => Promise<void>;
  /** Called after scans were queued and committed (lets the job runner claim them at once). */
  afterQueued?: () => void;
  now: () => Date;
  onError?: (error: unknown) => void;
}

/** The lock only one replica holds at a time. */
const SCHEDULER_LOCK = 'permissions.scan-scheduler';

/** Jobs that keep a scheduled scan from being queued for their org while they are queued or running. */
const BLOCKING_KINDS: readonly JobKind[] = ['autoconfig', 'autofix', 'verify'];

/** Why an org's scan was not queued this tick. */
async function notDue(
  tx: { jobs: JobRepository; locks: LockRepository },
  owner: string,
  orgId: string,
  now: number,
  intervalMs: number,
): Promise<boolean> {
  // Another replica took the lock over since this tick began (this one stalled): it schedules now.
  if ((await tx.locks.holder(SCHEDULER_LOCK)) !== owner) return true;
  const latest = await tx.jobs.latestByKind(orgId);
  if (latest.some((job) => BLOCKING_KINDS.includes(job.kind) && (job.state === 'queued' || job.state === 'running'))) {
    return true;
  }
  const lastScan = latest.find((job) => job.kind === 'scan');
  return lastScan !== undefined && now - lastScan.createdAt.getTime() < intervalMs;
}

/** Enqueues scans when they are due. */
export class ScanScheduler {
  private timer: NodeJS.Timeout | undefined;
  private readonly tickMs: number;

  constructor(private readonly options: ScanSchedulerOptions) {
    this.tickMs = options.tickMs ?? Math.min(60_000, Math.max(1000, Math.floor(options.intervalMs / 10)));
  }

  /** Starts ticking. */
  start(): void {
    this.stop();
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.options.onError?.(error));
    }, this.tickMs);
    this.timer.unref();
  }

  /** Stops ticking. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * One check: if this replica holds the lock, enqueue a scan for every org whose last scan is older than the interval
   * and that has no Auto Config, Auto Fix or Verify queued or running. Returns the orgs queued.
   */
  async tick(): Promise<string[]> {
    const { store, owner, intervalMs } = this.options;
    if (!(await store.locks.acquire(SCHEDULER_LOCK, owner, this.tickMs * 3))) return [];
    const queued: string[] = [];
    const now = this.options.now().getTime();
    for (const orgId of await this.options.orgs()) {
      const enqueued = await store.transaction(async (tx) => {
        if (await notDue(tx, owner, orgId, now, intervalMs)) return false;
        await this.options.enqueueScan(orgId, tx.jobs);
        return true;
      });
      if (enqueued) queued.push(orgId);
    }
    if (queued.length > 0) this.options.afterQueued?.();
    return queued;
  }
}
