/**
 * Field access on record bodies sent by clients: Salesforce field names are case-insensitive (jsforce sends `id` in
 * collection updates), so lookups here ignore case.
 */

/** Removes a field (any case) from a record body and returns its value as a string, or undefined when absent or null. */
export function takeField(record: Record<string, unknown>, name: string): string | undefined {
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined) return undefined;
  const value = record[key];
  delete record[key];
  return value === null || value === undefined || value === '' ? undefined : String(value);
}
