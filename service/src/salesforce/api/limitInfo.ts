/**
 * Reads the `Sforce-Limit-Info` response header (`api-usage=18/5000`), which Salesforce adds to every REST response:
 * the cheapest way to know how much of the org's daily allowance is left.
 */

/** API usage as Salesforce reports it: calls used in the last 24 hours and the org's maximum. */
export interface LimitInfo {
  used: number;
  max: number;
}

/** The api-usage pair of a Sforce-Limit-Info header, or undefined when absent or malformed. */
export function parseLimitInfo(header: string | null | undefined): LimitInfo | undefined {
  if (!header) return undefined;
  // The header may also carry `per-app-api-usage=...`, which must not be mistaken for the org's usage.
  const match = /(?:^|[\s,;])api-usage=(\d+)\/(\d+)/.exec(header);
  if (!match || match[1] === undefined || match[2] === undefined) return undefined;
  return { used: Number(match[1]), max: Number(match[2]) };
}
