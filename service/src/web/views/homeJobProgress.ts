/**
 * Live progress of a permission job (Auto Config, Verify, ...): a labelled progress bar with `role="progressbar"`
 * and aria values, a status line in a polite live region, and a refresh link. Without JavaScript the page shows the
 * progress at load time and the link reloads it; with JavaScript, app.js polls `/web/jobs/:id` every 2 seconds and
 * updates the same elements. `jobView` is also the JSON that endpoint returns.
 */
import { jobFinished, type Job, type JobKind } from '../../domain/jobs';
import type { SafeHtml } from '../html';
import { html } from '../html';
import { jobKindLabel, waitingLine } from './permissions/wording';

/** A job as the page and the polling endpoint show it. */
export interface JobView {
  id: string;
  kind: JobKind;
  label: string;
  state: Job['state'];
  finished: boolean;
  percent: number;
  /** One line for people: what the job is doing, or how it ended. */
  status: string;
  apiCalls: number;
}

/** Path of a job's progress JSON. */
export function jobPath(id: string): string {
  return `/web/jobs/${encodeURIComponent(id)}`;
}

/** The display form of a job. */
export function jobView(job: Job): JobView {
  const label = jobKindLabel(job.kind);
  const { done = null, total = null, step = null } = job.progress ?? {};
  const finished = jobFinished(job);
  let percent = 0;
  if (job.state === 'succeeded') percent = 100;
  else if (done !== null && total !== null && total > 0) percent = Math.min(99, Math.round((done / total) * 100));
  let status: string;
  if (job.state === 'queued') status = waitingLine(job.kind);
  else if (job.state === 'running') status = `${label} is running${step ? `: ${step}` : ''} (${percent}%).`;
  else if (job.state === 'succeeded') status = `${label} finished.`;
  else {
    status = `${label} failed${job.error?.message ? `: ${job.error.message}` : '.'}`;
  }
  return { id: job.id, kind: job.kind, label, state: job.state, finished, percent, status, apiCalls: job.apiCalls };
}

/** The progress card; `refreshHref` reloads the page that shows it. */
export function jobProgressCard(view: JobView, refreshHref: string): SafeHtml {
  const statusId = `job-status-${view.id}`;
  return html`<section
    class="slds-box slds-theme_default slds-m-bottom_medium"
    aria-labelledby="job-heading-${view.id}"
    data-job-poll="${jobPath(view.id)}"
    data-job-finished="${view.finished ? 'true' : 'false'}"
  >
    <h2 id="job-heading-${view.id}" class="slds-text-heading_small slds-m-bottom_small">${view.label}</h2>
    <progress
      class="grax-progress slds-size_1-of-1"
      max="100"
      value="${view.percent}"
      role="progressbar"
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow="${view.percent}"
      aria-label="${view.label} progress"
      aria-describedby="${statusId}"
      data-job-bar
    >
      ${view.percent}%
    </progress>
    <p id="${statusId}" class="slds-m-top_x-small" role="status" aria-live="polite" data-job-status>${view.status}</p>
    <p class="slds-m-top_x-small">
      <a href="${refreshHref}" data-job-refresh>Refresh${view.finished ? '' : ' to see progress'}</a>
    </p>
  </section>`;
}
