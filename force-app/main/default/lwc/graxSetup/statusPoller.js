// Polling the service's status while something is under way (a job, a connection in another tab): one timer at a
// time, so a new schedule replaces the old one and the page never polls twice in parallel.

/** How often the page asks for the status while something is under way. */
export const POLL_INTERVAL_MS = 3000;

export class StatusPoller {
  /**
   * poll is called once per schedule(), intervalMs after it.
   */
  constructor(poll, intervalMs = POLL_INTERVAL_MS) {
    this.poll = poll;
    this.intervalMs = intervalMs;
    this.timer = undefined;
  }

  /**
   * Polls once after the interval, replacing a poll already scheduled.
   */
  schedule() {
    this.stop();
    // LWS distorts setTimeout only to evaluate a string argument in its sandbox; this passes a function.
    // eslint-disable-next-line @lwc/lwc/no-async-operation, @locker/locker/distorted-window-set-timeout -- see above
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.poll();
    }, this.intervalMs);
  }

  /**
   * Cancels the scheduled poll, if any.
   */
  stop() {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
