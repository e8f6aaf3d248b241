/** API request limits of one org (DailyApiRequests), counted the way Salesforce counts them by the HTTP layer. */

/** The org's API allowance and what has been used of it. */
export class ApiLimits {
  /** Read by /limits and the Sforce-Limit-Info header; `used` is what countApiCall() adds up. */
  readonly dailyApiRequests: { max: number; used: number };

  constructor(max: number) {
    this.dailyApiRequests = { max, used: 0 };
  }

  /** Counts API calls (a composite call is one; each composite-batch subrequest is one). */
  countApiCall(calls = 1): void {
    this.dailyApiRequests.used += calls;
  }

  /** Requests left today (never negative). */
  remaining(): number {
    return Math.max(0, this.dailyApiRequests.max - this.dailyApiRequests.used);
  }

  /** Back to an unused allowance (a new day, or a reset). */
  resetUsage(): void {
    this.dailyApiRequests.used = 0;
  }
}
