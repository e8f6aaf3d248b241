/**
 * How every page shows a point in time: one unambiguous form in UTC (the service knows no user time zone), e.g.
 * `28 Nov 2026, 10:05 UTC`. Views take Dates or the ISO strings the engine and the org API carry.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date and time as admins read it everywhere in the app; `null` (or an unreadable value) becomes `fallback`. */
export function formatTime(at: Date | string | null | undefined, fallback = 'Never'): string {
  if (at === null || at === undefined) return fallback;
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return fallback;
  return (
    `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()}, ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`
  );
}

/** Only the time of day, for moments within the last hours (`10:05 UTC`). */
export function formatClockTime(at: Date): string {
  return `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
}
