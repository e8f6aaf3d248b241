/** A clock tests move by hand, so expiry is tested without sleeping. */
import type { Clock } from '@service/clock';

export class TestClock implements Clock {
  private time: number;

  constructor(start = Date.parse('2026-11-28T10:00:00.000Z')) {
    this.time = start;
  }

  now(): Date {
    return new Date(this.time);
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
