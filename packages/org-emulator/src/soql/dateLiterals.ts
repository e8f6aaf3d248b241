/**
 * Relative date literals (TODAY, LAST_WEEK, LAST_N_DAYS:n, N_MONTHS_AGO:n, ...) as half-open time ranges.
 * Reference: SOQL and SOSL Reference, "Date Formats and Date Literals". Simplifications: the org time zone is GMT,
 * weeks start on Sunday (en_US locale) and the fiscal year is the calendar year (the default fiscal year setting).
 */

/** A half-open range [start, end) both as epoch milliseconds and as YYYY-MM-DD dates. */
export interface DateRange {
  startMs: number;
  endMs: number;
  startDate: string;
  endDate: string;
}

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Literal -> unit and [from, to) offsets in units from the current period; `n` stands for the literal's number. */
const LITERALS: Record<string, { unit: Unit; from: (n: number) => number; to: (n: number) => number }> = {};

function define(names: string[], unit: Unit, from: (n: number) => number, to: (n: number) => number): void {
  for (const name of names) LITERALS[name] = { unit, from, to };
}

define(
  ['YESTERDAY'],
  'day',
  () => -1,
  () => 0,
);
define(
  ['TODAY'],
  'day',
  () => 0,
  () => 1,
);
define(
  ['TOMORROW'],
  'day',
  () => 1,
  () => 2,
);
define(
  ['LAST_90_DAYS'],
  'day',
  () => -90,
  () => 1,
);
define(
  ['NEXT_90_DAYS'],
  'day',
  () => 1,
  () => 91,
);
define(
  ['LAST_N_DAYS'],
  'day',
  (n) => -n,
  () => 1,
);
define(
  ['NEXT_N_DAYS'],
  'day',
  () => 1,
  (n) => n + 1,
);
define(
  ['N_DAYS_AGO'],
  'day',
  (n) => -n,
  (n) => -n + 1,
);
const PERIODS: [Unit, string, string[]][] = [
  ['week', 'WEEK', ['WEEKS']],
  ['month', 'MONTH', ['MONTHS']],
  ['quarter', 'QUARTER', ['QUARTERS', 'FISCAL_QUARTERS']],
  ['year', 'YEAR', ['YEARS', 'FISCAL_YEARS']],
];
for (const [unit, single, plurals] of PERIODS) {
  const singles = unit === 'quarter' || unit === 'year' ? [single, `FISCAL_${single}`] : [single];
  define(
    singles.map((s) => `LAST_${s}`),
    unit,
    () => -1,
    () => 0,
  );
  define(
    singles.map((s) => `THIS_${s}`),
    unit,
    () => 0,
    () => 1,
  );
  define(
    singles.map((s) => `NEXT_${s}`),
    unit,
    () => 1,
    () => 2,
  );
  define(
    plurals.map((p) => `LAST_N_${p}`),
    unit,
    (n) => -n,
    () => 0,
  );
  define(
    plurals.map((p) => `NEXT_N_${p}`),
    unit,
    () => 1,
    (n) => n + 1,
  );
  define(
    plurals.map((p) => `N_${p}_AGO`),
    unit,
    (n) => -n,
    (n) => -n + 1,
  );
}

/** Start of the period containing `now`, moved by `offset` periods, as a UTC Date. */
function periodStart(now: Date, unit: Unit, offset: number): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  switch (unit) {
    case 'day':
      return new Date(Date.UTC(y, m, d + offset));
    case 'week':
      return new Date(Date.UTC(y, m, d - now.getUTCDay() + 7 * offset));
    case 'month':
      return new Date(Date.UTC(y, m + offset, 1));
    case 'quarter':
      return new Date(Date.UTC(y, m - (m % 3) + 3 * offset, 1));
    case 'year':
      return new Date(Date.UTC(y + offset, 0, 1));
  }
}

/** The range a date literal covers at `now`; `n` is the number of an N-literal such as LAST_N_DAYS:n. */
export function dateLiteralRange(name: string, n: number, now: Date): DateRange {
  const spec = LITERALS[name.toUpperCase()];
  if (!spec) throw new Error(`Unknown date literal ${name}`);
  const start = periodStart(now, spec.unit, spec.from(n));
  const end = periodStart(now, spec.unit, spec.to(n));
  return {
    startMs: start.getTime(),
    endMs: end.getTime(),
    startDate: start.toISOString().slice(0, 10),
    endDate: end.toISOString().slice(0, 10),
  };
}
