import { formatClockTime, formatTime } from '@service/web/time';

describe('times as pages show them', () => {
  it('shows a date and time in one unambiguous UTC form, from a Date or an ISO string', () => {
    expect(formatTime(new Date('2026-11-28T10:05:59.999Z'))).toBe('28 Nov 2026, 10:05 UTC');
    expect(formatTime('2026-01-02T03:04:00.000Z')).toBe('2 Jan 2026, 03:04 UTC');
  });

  it('says Never (or the given words) for a missing or unreadable time', () => {
    expect(formatTime(null)).toBe('Never');
    expect(formatTime(undefined, 'an unknown time')).toBe('an unknown time');
    expect(formatTime('not a date')).toBe('Never');
  });

  it('shows only the time of day for recent moments', () => {
    expect(formatClockTime(new Date('2026-11-28T07:08:09Z'))).toBe('07:08 UTC');
  });
});
