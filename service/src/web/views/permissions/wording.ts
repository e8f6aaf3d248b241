/** Words the permission pages share: states, job kinds and job progress as an admin reads them. */
import type { JobView } from '../../../permissions/engine';
import { formatTime } from '../../time';
import type { PermissionState } from '../../../permissions/status';

const STATES: Record<PermissionState, string> = {
  unknown: 'Not checked yet',
  ok: 'Everything GRAX needs is in place',
  findings: 'Some access is missing',
  drift: 'Access broke since the last check',
};

const KINDS: Record<JobView['kind'], string> = {
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
export function jobKindLabel(kind: JobView['kind']): string {
  return KINDS[kind];
}

/** One line about a job: what, state, progress or outcome. */
export function describeJob(job: JobView): string {
  const name = jobKindLabel(job.kind);
  if (job.state === 'queued') return `${name} is queued.`;
  if (job.state === 'running') {
    const p = job.progress;
    const step = p?.step ? `: ${p.step}` : '';
    const counts = p && p.done !== null && p.total !== null ? ` (step ${p.done + 1} of ${p.total})` : '';
    return `${name} is running${counts}${step}.`;
  }
  if (job.state === 'failed') {
    const error = job.error && typeof job.error === 'object' && !Array.isArray(job.error) ? job.error : null;
    const message = error && typeof error.message === 'string' ? ` ${error.message}` : '';
    return `${name} failed at ${formatTime(job.finishedAt, 'an unknown time')}.${message}`;
  }
  return `${name} finished at ${formatTime(job.finishedAt, 'an unknown time')} using ${job.apiCalls} API calls.`;
}
