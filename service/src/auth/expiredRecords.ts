/**
 * Forgets sign-in records nobody can use any more: expired sessions, OAuth states and connect links, and rate-limit
 * counters whose window ended. The store keeps
 * them as hashes, but without a sweep they pile up for ever (every visit to the login page can start a sign-in). States
 * and links stay a day past their expiry, so a late reload of a callback still hears "expired" or "already used"
 * rather than "not recognised". Every replica sweeps; deleting what is already gone does no harm.
 */
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Store } from '../store/types';

/** How often the sweep runs. */
export const SWEEP_INTERVAL_MS = 60 * 60_000;
/** How long OAuth states and connect links are kept after they expired. */
export const KEEP_AFTER_EXPIRY_MS = 24 * 60 * 60_000;

type SweptStore = Pick<Store, 'sessions' | 'oauthStates' | 'connectLinks' | 'rateLimits'>;

/** How many records of each kind a sweep deleted. */
export interface SweptRecords {
  sessions: number;
  oauthStates: number;
  connectLinks: number;
  rateLimits: number;
}

/** Deletes expired sessions, and OAuth states and connect links that expired more than a day before `now`. */
export async function sweepExpiredRecords(store: SweptStore, now: Date): Promise<SweptRecords> {
  const before = new Date(now.getTime() - KEEP_AFTER_EXPIRY_MS);
  return {
    sessions: await store.sessions.purgeExpired(),
    oauthStates: await store.oauthStates.purgeExpired(before),
    connectLinks: await store.connectLinks.purgeExpired(before),
    rateLimits: await store.rateLimits.purgeExpired(),
  };
}

/** Runs the sweep at start and then every SWEEP_INTERVAL_MS until stopped. */
export class ExpiredRecordSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: { store: SweptStore; clock: Clock; logger: Logger }) {}

  /** Sweeps now and schedules the next sweeps (the timer never keeps the process alive). */
  start(): void {
    if (this.timer) return;
    this.sweep();
    this.timer = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops the schedule and waits for a sweep in progress, so the store can close after it. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private sweep(): void {
    if (this.running) return;
    this.running = sweepExpiredRecords(this.deps.store, this.deps.clock.now())
      .then(
        (swept) => this.deps.logger.debug({ ...swept }, 'expired sign-in records deleted'),
        (error: unknown) => this.deps.logger.warn({ err: error }, 'could not delete expired sign-in records'),
      )
      .finally(() => {
        this.running = null;
      });
  }
}
