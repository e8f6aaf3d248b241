/** Comparing Salesforce record ids, which Salesforce hands out in a 15-character and an 18-character form. */

/** True when two Salesforce ids name the same record (15- and 18-character forms compare equal). */
export function sameSalesforceId(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return a.slice(0, 15) === b.slice(0, 15);
}
