/**
 * Request budgets for the org API: a fixed window per key (a link key, or a client address for refused calls),
 * counted in memory and timed by the service clock. With several replicas each counts its own share, so the
 * effective budget grows with the replica count; the budgets are generous enough for GRAX Setup either way.
 */
import type { Clock } from '../clock';

const PRUNE_AT = 10_000;

/** A budget of `limit` requests per `windowMs` for each key. */
export class RateBudget {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one request for `key`: null while within budget, otherwise the seconds until its window ends. */
  take(key: string): number | null {
    const now = this.clock.now().getTime();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size >= PRUNE_AT) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    if (window.count <= this.limit) return null;
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
