/** Words the permission pages share: states, job kinds and job progress as an admin reads them. */
import type { JobKind } from '../../../domain/jobs';
import type { JobSnapshot } from '../../../permissions/engine';
import { formatTime } from '../../time';
import type { PermissionState } from '../../../permissions/status';

const STATES: Record<PermissionState, string> = {
  unknown: 'Not checked yet',
  ok: 'Everything GRAX needs is in place',
  findings: 'Some access is missing',
  drift: 'Access broke since the last check',
};

const KINDS: Record<JobKind, string> = {
  autoconfig: 'Auto Config',
  verify: 'Verify',
  scan: 'Scan',
  autofix: 'Auto Fix',
};

/** The state as a sentence. */
export function stateLabel(state: PermissionState): string {
  return STATES[state];
}

/** A job kind's name. */
export function jobKindLabel(kind: JobKind): string {
  return KINDS[kind];
}

/** The one wording of a job that has not started yet, wherever a job is shown. */
export function waitingLine(kind: JobKind): string {
  return `${jobKindLabel(kind)} is waiting to start.`;
}

/** One line about a job: what, state, progress or outcome. */
export function describeJob(job: JobSnapshot): string {
  const name = jobKindLabel(job.kind);
  if (job.state === 'queued') return waitingLine(job.kind);
  if (job.state === 'running') {
    const p = job.progress;
    const step = p?.step ? `: ${p.step}` : '';
    const counts = p && p.done !== null && p.total !== null ? ` (step ${p.done + 1} of ${p.total})` : '';
    return `${name} is running${counts}${step}.`;
  }
  if (job.state === 'failed') {
    const message = job.error?.message ? ` ${job.error.message}` : '';
    return `${name} failed at ${formatTime(job.finishedAt, 'an unknown time')}.${message}`;
  }
  return `${name} finished at ${formatTime(job.finishedAt, 'an unknown time')} using ${job.apiCalls} API calls.`;
}
