/** Times on the org link and connect link pages: one unambiguous form (UTC), since the service has no user time zone. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** e.g. `28 Nov 2026, 10:05 UTC`; `null` becomes the given fallback. */
export function displayTime(at: Date | null, fallback = 'Never'): string {
  if (!at) return fallback;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()] ?? ''} ${at.getUTCFullYear()}, ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
}
