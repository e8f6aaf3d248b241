/**
 * What the org API needs from the rest of the service, as small interfaces of its own: the permission engine (jobs,
 * permission status, API usage) and the connection flows (starting OAuth for a connect link). `composition.ts`
 * supplies the real implementations; the shapes are the JSON of docs/org-api.md.
 */
import type { Actor } from '../domain/actor';
import type { ConnectionMode, Environment } from '../domain/connection';
import type { JobState, StartedJob } from '../domain/jobs';

/** The jobs the org API may start. */
export type OrgJobKind = 'verify' | 'scan' | 'autofix';

/** A finding as the page shows it. */
export interface OrgFinding {
  severity: 'error' | 'warning' | 'info';
  code: string;
  subject: string;
  message: string;
  remediation: string;
}

/** `status.permissions`. */
export interface OrgPermissions {
  state: 'unknown' | 'ok' | 'findings' | 'drift';
  lastScanAt: string | null;
  summary: { error: number; warning: number; info: number };
  findings: OrgFinding[];
}

/** One entry of `status.jobs`. */
export interface OrgJob {
  id: string;
  kind: 'autoconfig' | OrgJobKind;
  state: JobState;
  progress: { done: number | null; total: number | null; step: string | null } | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: { code: string; message: string; actions: string[] } | null;
}

/** `status.apiUsage`. */
export interface OrgApiUsage {
  dailyApiRequests: { max: number; remaining: number } | null;
  serviceCallsLast24h: number;
  hourly: { hour: string; calls: number }[];
}

/** A job the org API started, as its JSON answers it (the kind is the path the page called). */
export type OrgStartedJob = Omit<StartedJob, 'kind'>;

/** The permission engine as the org API uses it. */
export interface OrgPermissionEngine {
  permissionStatus(orgId: string): Promise<{ permissions: OrgPermissions; jobs: OrgJob[] }>;
  apiUsage(orgId: string): Promise<OrgApiUsage>;
  startJob(kind: OrgJobKind, input: { orgId: string; actor: Actor }): Promise<OrgStartedJob>;
  /** Starts Auto Config (which stores a link key in the org when asked to); null without a live connection. */
  startAutoConfig(input: { orgId: string; actor: Actor }): Promise<OrgStartedJob | null>;
}

/** What starting OAuth for a connect link needs; the callback refuses any org but `expectedOrgId`. */
export interface ConnectLinkStart {
  environment: Environment;
  mode: ConnectionMode;
  expectedOrgId: string;
  /** The browser the OAuth state is bound to. */
  browserId: string;
  actor: Actor;
}

/** The connection flows as the connect-link page uses them. */
export interface ConnectFlow {
  /** Starts the OAuth web server flow; returns the Salesforce authorize URL to redirect the browser to. */
  startConnect(input: ConnectLinkStart): Promise<{ redirectUrl: string }>;
}
