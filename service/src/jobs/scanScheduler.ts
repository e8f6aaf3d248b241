/**
 * Schedules permission scans every SCAN_INTERVAL_MS. Every replica runs a scheduler, but only the holder of the store
 * lock enqueues, and the queue holds at most one queued or running scan (of any org) at a time, so replicas never scan
 * twice.
 */
import type { JobRepository, LockRepository } from '../store/types';

/** Options of the scheduler. */
export interface ScanSchedulerOptions {
  locks: LockRepository;
  jobs: JobRepository;
  owner: string;
  intervalMs: number;
  /** How often to check whether a scan is due (default: a tenth of the interval, at most a minute). */
  tickMs?: number;
  /** The orgs to scan now (the active connection's org; none while disconnected). */
  orgs: () => Promise<string[]>;
  /** Queues a scan for an org. */
  enqueueScan: (orgId: string) => Promise<void>;
  now: () => Date;
  onError?: (error: unknown) => void;
}

/** The lock only one replica holds at a time. */
const SCHEDULER_LOCK = 'permissions.scan-scheduler';

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

  /** One check: if this replica holds the lock, enqueue a scan for every org whose last scan is older than the interval. */
  async tick(): Promise<string[]> {
    const { locks, jobs, owner, intervalMs } = this.options;
    if (!(await locks.acquire(SCHEDULER_LOCK, owner, this.tickMs * 3))) return [];
    const queued: string[] = [];
    const now = this.options.now().getTime();
    for (const orgId of await this.options.orgs()) {
      const [last] = await jobs.list({ kind: 'scan', orgId, limit: 1 });
      if (last && now - last.createdAt.getTime() < intervalMs) continue;
      await this.options.enqueueScan(orgId);
      queued.push(orgId);
    }
    return queued;
  }
}
