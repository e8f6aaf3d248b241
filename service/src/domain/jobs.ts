/**
 * Permission jobs (Auto Config, Verify, Scan, Auto Fix) as the rest of GRAX sees them: typed progress, error and
 * trigger. The store parses what it keeps into these types once, so no reader handles raw JSON.
 */
import { ACTOR_KINDS, type Actor } from './actor';
import type { JsonObject, JsonValue } from './json';

export type JobKind = 'autoconfig' | 'verify' | 'scan' | 'autofix';
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';

/** Where a running job is: step `done` of `total` (0-based), and what it is doing in words. */
export interface JobProgress {
  done: number | null;
  total: number | null;
  step: string | null;
}

/** Why a job failed, in the admin's words, with what to do next. */
export interface JobError {
  code: string;
  message: string;
  actions: string[];
}

/** A job in the durable queue. */
export interface Job {
  id: string;
  kind: JobKind;
  state: JobState;
  /** Who started it. */
  trigger: Actor;
  orgId: string | null;
  progress: JobProgress | null;
  /** Checkpoints of the steps done so far, `[{step, ...data}]`, so a resumed job skips them. */
  steps: JsonValue[];
  apiCalls: number;
  result: JsonObject | null;
  error: JobError | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  attempts: number;
}

/** What starting a job returns: the job (new, or the one of the same kind already queued or running). */
export interface StartedJob {
  jobId: string;
  kind: JobKind;
  state: JobState;
  /** False when a job of this kind was already queued or running (that one is returned). */
  created: boolean;
}

/** How failures, refusals and pages name each job kind ("Auto Config stopped: ..."). */
export const JOB_TITLES: Readonly<Record<JobKind, string>> = {
  autoconfig: 'Auto Config',
  autofix: 'Auto Fix',
  verify: 'Verify',
  scan: 'The permission scan',
};

/** Whether a job has ended. */
export function jobFinished(job: Pick<Job, 'state'>): boolean {
  return job.state === 'succeeded' || job.state === 'failed';
}

function objectOf(value: JsonValue | null | undefined): JsonObject | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
}

function numberOrNull(value: JsonValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Reads stored progress (`{done, total, step}`, any part missing). */
export function parseJobProgress(value: JsonValue | null): JobProgress | null {
  const p = objectOf(value);
  if (!p) return null;
  return { done: numberOrNull(p.done), total: numberOrNull(p.total), step: typeof p.step === 'string' ? p.step : null };
}

/** Reads a stored failure; a bare string or a partial object still gives a JobError. */
export function parseJobError(value: JsonValue | null): JobError | null {
  if (value === null) return null;
  if (typeof value === 'string') return { code: 'JOB_FAILED', message: value, actions: [] };
  const e = objectOf(value);
  if (!e) return { code: 'JOB_FAILED', message: '', actions: [] };
  return {
    code: typeof e.code === 'string' ? e.code : 'JOB_FAILED',
    message: typeof e.message === 'string' ? e.message : '',
    actions: Array.isArray(e.actions) ? e.actions.filter((a): a is string => typeof a === 'string') : [],
  };
}

/** The stored form of a trigger: `kind:id:name`. */
export function encodeTrigger(actor: Actor): string {
  return `${actor.kind}:${actor.id}:${actor.name}`;
}

/** Reads a stored trigger; an unknown kind reads as GRAX itself. */
export function parseTrigger(text: string): Actor {
  const [kind = 'system', id = 'unknown', ...name] = text.split(':');
  const known = (ACTOR_KINDS as readonly string[]).includes(kind);
  return { kind: known ? (kind as Actor['kind']) : 'system', id, name: name.join(':') || id };
}
