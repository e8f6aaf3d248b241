/**
 * Clocks for the emulator. Every expiry (tokens, permission set assignments, codes) reads a Clock so that tests can
 * move time forward instead of waiting.
 */
import type { Clock } from './types';

/** A clock that follows real time, shifted by everything passed to advance(). */
export function createSystemClock(): Clock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms: number) => {
      offsetMs += ms;
    },
  };
}

/** A clock that stands still at `start` until advance() moves it. */
export function createManualClock(start: Date | string = '2026-01-15T09:00:00.000Z'): Clock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
  };
}
