/**
 * API usage of an org: Salesforce's DailyApiRequests (from `/limits`, or for free from the `Sforce-Limit-Info` header
 * of any recent call) and this service's own calls per hour over the last 24 hours (from the store's accounting).
 */
import type { ApiCallRepository } from '../store/types';

/** What the status JSON and the usage chart show. */
export interface ApiUsage {
  dailyApiRequests: { max: number; remaining: number } | null;
  serviceCallsLast24h: number;
  /** 24 hourly buckets, oldest first, zero-filled. */
  hourly: { hour: string; calls: number }[];
}

const HOUR_MS = 3_600_000;

/** The start of the hour containing `at`. */
export function hourStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** The service's calls per hour for the 24 hours up to `now`, zero-filled. */
export async function hourlyServiceCalls(
  apiCalls: ApiCallRepository,
  orgId: string,
  now: Date,
): Promise<ApiUsage['hourly']> {
  const first = new Date(hourStart(now).getTime() - 23 * HOUR_MS);
  const buckets = await apiCalls.hourly(orgId, first);
  const byHour = new Map(buckets.map((b) => [hourStart(b.hourStart).getTime(), b.count]));
  return Array.from({ length: 24 }, (_, i) => {
    const hour = first.getTime() + i * HOUR_MS;
    return { hour: new Date(hour).toISOString(), calls: byHour.get(hour) ?? 0 };
  });
}

/** Remembers the latest DailyApiRequests figures per org, from `/limits` or `Sforce-Limit-Info`. */
export class DailyLimitCache {
  private readonly latest = new Map<string, { max: number; remaining: number; at: number }>();

  /** Records figures seen at `at`. */
  record(orgId: string, figures: { max: number; remaining: number }, at: Date): void {
    this.latest.set(orgId, { ...figures, at: at.getTime() });
  }

  /** Figures no older than `maxAgeMs`, if any. */
  fresh(orgId: string, now: Date, maxAgeMs: number): { max: number; remaining: number } | undefined {
    const entry = this.latest.get(orgId);
    if (!entry || now.getTime() - entry.at > maxAgeMs) return undefined;
    return { max: entry.max, remaining: entry.remaining };
  }

  /** The latest figures, however old. */
  last(orgId: string): { max: number; remaining: number } | undefined {
    const entry = this.latest.get(orgId);
    return entry ? { max: entry.max, remaining: entry.remaining } : undefined;
  }
}
