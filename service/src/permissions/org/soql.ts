/**
 * Small SOQL builders: quoting of literals and IN lists. Every value interpolated into a query goes through here, so
 * that an object or field name an admin created (or a tampered id) can never change the query's meaning.
 */

/** A SOQL string literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `(v1, v2, ...)` for an IN clause; callers must not pass an empty list. */
export function soqlIn(values: Iterable<string>): string {
  const list = [...values];
  if (list.length === 0) throw new Error('An IN list needs at least one value.');
  return `(${list.map(soqlString).join(', ')})`;
}

/**
 * Object lists of queries that only ever travel inside composite calls: there the SOQL is in the request body, so
 * the 16,384-byte limit on a REST call's URI and headers does not apply (Salesforce help article 000386264 recommends
 * the composite resource for exactly this), and the limit is the SOQL statement's own 100,000 characters. At most
 * 2,000 objects per list, so that a GROUP BY SobjectType never exceeds the 2,000 rows an aggregate query may return.
 */
export const COMPOSITE_IN_LIST = { maxChars: 60_000, maxItems: 2_000 } as const;

/** Chunks of values whose IN list stays well under Salesforce's URL length limit (and at most `maxItems` each). */
export function inChunks(values: readonly string[], maxChars = 6000, maxItems = Infinity): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const v of values) {
    if (current.length > 0 && (length + v.length + 4 > maxChars || current.length >= maxItems)) {
      out.push(current);
      current = [];
      length = 0;
    }
    current.push(v);
    length += v.length + 4;
  }
  if (current.length > 0) out.push(current);
  return out;
}
