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

/** Chunks of values whose IN list stays well under Salesforce's URL length limit. */
export function inChunks(values: readonly string[], maxChars = 6000): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const v of values) {
    if (current.length > 0 && length + v.length + 4 > maxChars) {
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
