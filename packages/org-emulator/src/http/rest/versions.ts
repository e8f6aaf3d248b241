/**
 * API versions: the list at /services/data (no authentication, no limit header), release labels ("Winter '22" for
 * 53.0: three releases a year since 20.0 = Winter '11), and the resources of one version. Versions 21.0 to 30.0 were
 * retired in Summer '25, so the list starts at 31.0.
 */
import type { RestRequest, RestResult } from './restTypes';
import { versionBase } from './restTypes';

/** Oldest version still served. */
export const MIN_API_VERSION = 31;

const SEASONS = ['Winter', 'Spring', 'Summer'];

/** The release label of an API version, e.g. 53 -> "Winter '22". */
export function releaseLabel(version: number): string {
  const offset = version - 20;
  const year = 11 + Math.floor(offset / 3);
  return `${SEASONS[offset % 3]} '${String(year).padStart(2, '0')}`;
}

/** The body of GET /services/data: every served version, oldest first. */
export function versionsList(maxVersion: number): { label: string; url: string; version: string }[] {
  const list = [];
  for (let v = MIN_API_VERSION; v <= maxVersion; v++) {
    list.push({ label: releaseLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` });
  }
  return list;
}

/** True when `version` (e.g. "62.0") is one this emulator serves. */
export function isServedVersion(version: string, maxVersion: number): boolean {
  if (!/^\d+\.0$/.test(version)) return false;
  const v = Number(version);
  return v >= MIN_API_VERSION && v <= maxVersion;
}

/** GET /services/data/vXX.X: the resources available in this version (only those the emulator serves). */
export function resourcesByVersion(request: RestRequest): RestResult {
  const base = versionBase(request);
  const v = Number(request.version);
  const body: Record<string, string> = {
    tooling: `${base}/tooling`,
    query: `${base}/query`,
    queryAll: `${base}/queryAll`,
    sobjects: `${base}/sobjects`,
    limits: `${base}/limits`,
    composite: `${base}/composite`,
    jobs: `${base}/jobs`,
    connect: `${base}/connect`,
    identity: request.state.identityUrlOf(request.session.org, request.session.userId),
  };
  if (v >= 56) body['named-credentials'] = `${base}/named-credentials`;
  return { status: 200, body };
}
