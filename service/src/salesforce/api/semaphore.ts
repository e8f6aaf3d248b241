/**
 * A counting semaphore: caps how many requests the service has in flight to one org (SF_MAX_CONCURRENT_REQUESTS), so
 * that a large run never floods the org with parallel calls (Salesforce limits concurrent long-running requests).
 */

/** Grants at most `limit` holders at a time, first come, first served. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`Concurrency limit must be a positive integer, got ${limit}`);
  }

  /** Runs `task` once a slot is free and releases the slot when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Holders right now (for tests and diagnostics). */
  get inFlight(): number {
    return this.active;
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
