// Verify, Scan Now and Auto Fix, plus the progress of the job the page is following. Starting a job is the parent's
// job (event `startjob`, detail {kind}); the parent polls the service and passes the job back in as it progresses.
import { LightningElement, api } from 'lwc';
import { LABELS, format } from 'c/graxLabels';

export default class GraxJobPanel extends LightningElement {
  labels = LABELS;

  /** The job being followed, as in status.jobs: {id, kind, state, progress: {done, total, step}}. */
  @api activeJob;
  /** The job that ended last, to report how it went. */
  @api finishedJob;
  /** True while a start request is under way. */
  @api busy = false;

  get running() {
    return Boolean(this.activeJob);
  }

  get startDisabled() {
    return this.busy || this.running;
  }

  get kindText() {
    return kindLabel(this.activeJob);
  }

  get progressPercent() {
    const progress = this.activeJob && this.activeJob.progress;
    if (!progress || !progress.total) {
      return 0;
    }
    return Math.min(100, Math.round((progress.done / progress.total) * 100));
  }

  get progressLabel() {
    return format(LABELS.jobProgress, this.kindText);
  }

  get runningText() {
    const job = this.activeJob;
    if (job.state === 'queued') {
      return format(LABELS.jobQueued, this.kindText);
    }
    const progress = job.progress;
    const step =
      progress && progress.total
        ? format(LABELS.jobStepCount, progress.step || '', progress.done, progress.total)
        : (progress && progress.step) || LABELS.working;
    return format(LABELS.jobRunning, this.kindText, step);
  }

  get outcomeText() {
    const job = this.finishedJob;
    if (!job) {
      return '';
    }
    if (job.state === 'failed') {
      return format(LABELS.jobFailed, kindLabel(job), errorText(job.error));
    }
    return format(LABELS.jobSucceeded, kindLabel(job));
  }

  get outcomeClass() {
    const tone =
      this.finishedJob && this.finishedJob.state === 'failed' ? 'slds-text-color_error' : 'slds-text-color_success';
    return `slds-m-top_small job-outcome ${tone}`;
  }

  handleStart(event) {
    this.dispatchEvent(new CustomEvent('startjob', { detail: { kind: event.currentTarget.dataset.kind } }));
  }
}

function kindLabel(job) {
  return (job && LABELS.jobKinds[job.kind]) || (job && job.kind) || '';
}

// A failed job's error is {code, message, actions} (docs/org-api/schemas/status.response.schema.json).
function errorText(error) {
  return (error && (error.message || error.code)) || LABELS.jobNoDetail;
}
