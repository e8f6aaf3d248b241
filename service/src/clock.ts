/**
 * The source of "now" for everything that expires (sessions, OAuth states, locks, leases), so tests can move time
 * instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };
