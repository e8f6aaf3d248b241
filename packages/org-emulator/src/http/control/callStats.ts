/**
 * Call statistics since start-up or the last reset: how many calls each route received, by method, so tests can
 * assert how a client used Salesforce (e.g. "one composite call, no queries").
 */
import type { Clock } from '../../org/types';

/** A snapshot of the statistics. */
export interface StatsSnapshot {
  since: string;
  total: number;
  /** Keyed by `METHOD route`, e.g. `GET /services/data/v{version}/query`. */
  calls: Record<string, number>;
  /** API usage per org id. */
  apiUsage: Record<string, { used: number; max: number }>;
}

/** Counts calls per route. */
export class CallStats {
  private counts = new Map<string, number>();
  private since: Date;

  constructor(private readonly clock: Clock) {
    this.since = clock.now();
  }

  /** Counts one call. */
  record(method: string, route: string): void {
    const key = `${method} ${route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** The statistics; API usage is passed in because it lives in the org model. */
  snapshot(apiUsage: StatsSnapshot['apiUsage']): StatsSnapshot {
    const calls = Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    return { since: this.since.toISOString(), total, calls, apiUsage };
  }

  /** Starts counting again. */
  clear(): void {
    this.counts.clear();
    this.since = this.clock.now();
  }
}
