/**
 * Bulk API 2.0 ingest jobs: the documented way to load thousands of permission rows (what Data Loader uses). A job
 * costs a handful of API calls whatever its size: create, one CSV upload (at most 150 MB), close, a few status polls,
 * and the failed-results download. Job ids are handed to the caller as soon as the job exists, so that a run that
 * crashes can wait for its job on resume instead of loading the same rows twice.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SalesforceClient } from '../apiClient';
import { parseCsv } from './csv';

/** Bulk API 2.0 ingest operations. */
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete';

/** Job states Salesforce reports. */
export type IngestJobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** Job information (`GET /jobs/ingest/{id}`). */
export interface IngestJobInfo {
  id: string;
  object: string;
  operation: IngestOperation;
  state: IngestJobState;
  numberRecordsProcessed?: number;
  numberRecordsFailed?: number;
  errorMessage?: string;
}

/** A row Salesforce could not load, with its error and the original columns. */
export interface FailedRow {
  error: string;
  row: Record<string, string>;
}

/** Result of a finished job. */
export interface IngestOutcome {
  jobId: string;
  state: IngestJobState;
  processed: number;
  failed: FailedRow[];
  errorMessage?: string;
}

/**
 * Polling of a job's state: the first poll after `initialMs`; then, once two polls show the processing rate, the next
 * poll is timed for the estimated end of the job (every poll is an API call, so a 200,000-row load is polled a handful
 * of times, not every few seconds); without a rate the delay grows by half. Never more than `maxMs` apart; gives up
 * after `timeoutMs`.
 */
export interface PollOptions {
  initialMs: number;
  maxMs: number;
  timeoutMs: number;
}

/** From 250 ms, at most 30 s apart, for up to an hour (large permission loads take minutes on a real org). */
const DEFAULT_POLL: PollOptions = { initialMs: 250, maxMs: 30_000, timeoutMs: 60 * 60_000 };

/** The delay before the next poll, from the last two observations of processed records. */
export function nextPollDelay(
  previous: { at: number; processed: number } | undefined,
  current: { at: number; processed: number },
  expected: number | undefined,
  lastDelay: number,
  poll: PollOptions,
): number {
  const grown = Math.min(poll.maxMs, Math.round(lastDelay * 1.5));
  if (!previous || expected === undefined || current.at <= previous.at) return grown;
  const rate = (current.processed - previous.processed) / (current.at - previous.at);
  if (rate <= 0) return grown;
  const eta = (expected - current.processed) / rate;
  return Math.max(poll.initialMs, Math.min(poll.maxMs, Math.round(eta * 1.1)));
}

const FINAL_STATES: ReadonlySet<IngestJobState> = new Set(['JobComplete', 'Failed', 'Aborted']);

/** Creates an ingest job for CSV data with LF line endings. */
async function createIngestJob(
  client: SalesforceClient,
  object: string,
  operation: IngestOperation,
): Promise<IngestJobInfo> {
  const response = await client.send<IngestJobInfo>({
    method: 'POST',
    path: '/jobs/ingest',
    json: { object, operation, contentType: 'CSV', lineEnding: 'LF' },
  });
  return response.body;
}

/**
 * Uploads the job's CSV (one upload per job; a string or its parts, streamed) and marks the upload complete so
 * Salesforce starts processing.
 */
async function uploadAndClose(
  client: SalesforceClient,
  jobId: string,
  csv: string | (() => Iterable<string>),
): Promise<IngestJobInfo> {
  await client.send({
    method: 'PUT',
    path: `/jobs/ingest/${jobId}/batches`,
    raw: { body: csv, contentType: 'text/csv' },
  });
  const closed = await client.send<IngestJobInfo>({
    method: 'PATCH',
    path: `/jobs/ingest/${jobId}`,
    json: { state: 'UploadComplete' },
    idempotent: true,
  });
  return closed.body;
}

/** The job's current information. */
async function getIngestJob(client: SalesforceClient, jobId: string): Promise<IngestJobInfo> {
  return client.get<IngestJobInfo>(`/jobs/ingest/${jobId}`);
}

/** Aborts a job that was created but never closed (a crash between create and upload). */
async function abortIngestJob(client: SalesforceClient, jobId: string): Promise<void> {
  await client.send({ method: 'PATCH', path: `/jobs/ingest/${jobId}`, json: { state: 'Aborted' }, idempotent: true });
}

/**
 * Polls until the job is JobComplete, Failed or Aborted, then reads its failed rows. `closed` is the job information
 * the close call answered: it stands for the first observation (nothing processed yet), so the first poll waits
 * `initialMs` instead of asking at once for a state that cannot have changed.
 */
export async function waitForIngestJob(
  client: SalesforceClient,
  jobId: string,
  poll: PollOptions = DEFAULT_POLL,
  expectedRecords?: number,
  closed?: IngestJobInfo,
): Promise<IngestOutcome> {
  const deadline = Date.now() + poll.timeoutMs;
  let delay = poll.initialMs;
  let previous: { at: number; processed: number } | undefined;
  if (closed && !FINAL_STATES.has(closed.state)) {
    previous = { at: Date.now(), processed: closed.numberRecordsProcessed ?? 0 };
    await sleep(delay);
  }
  let info = closed && FINAL_STATES.has(closed.state) ? closed : await getIngestJob(client, jobId);
  while (!FINAL_STATES.has(info.state)) {
    if (info.state === 'Open') {
      // Nobody will ever upload to this job again: abort it rather than wait forever.
      await abortIngestJob(client, jobId);
      return { jobId, state: 'Aborted', processed: 0, failed: [] };
    }
    if (Date.now() > deadline)
      throw new Error(`Bulk job ${jobId} was still ${info.state} after ${poll.timeoutMs / 60_000} minutes.`);
    const current = { at: Date.now(), processed: info.numberRecordsProcessed ?? 0 };
    if (previous) delay = nextPollDelay(previous, current, expectedRecords, delay, poll);
    previous = current;
    await sleep(delay);
    info = await getIngestJob(client, jobId);
  }
  const failedCount = info.numberRecordsFailed ?? 0;
  const failed = failedCount > 0 ? await failedResults(client, jobId) : [];
  return {
    jobId,
    state: info.state,
    processed: info.numberRecordsProcessed ?? 0,
    failed,
    errorMessage: info.errorMessage,
  };
}

/** The job's failed rows (`sf__Error` plus the uploaded columns). */
export async function failedResults(client: SalesforceClient, jobId: string): Promise<FailedRow[]> {
  const response = await client.send<string>({
    method: 'GET',
    path: `/jobs/ingest/${jobId}/failedResults/`,
    headers: { Accept: 'text/csv' },
  });
  return parseCsv(typeof response.body === 'string' ? response.body : '').map((row) => {
    const { sf__Error: error = '', sf__Id: _id, ...rest } = row;
    return { error, row: rest };
  });
}

/**
 * Runs a whole ingest job: create, report the job id (so a crash can be resumed), upload, close, wait.
 * `onCreated` runs before any data is sent; the CSV is a string or its parts (streamed, see uploadAndClose).
 */
export async function runIngestJob(
  client: SalesforceClient,
  spec: { object: string; operation: IngestOperation; csv: string | (() => Iterable<string>) },
  hooks: { onCreated?: (jobId: string) => Promise<void>; poll?: PollOptions; expectedRecords?: number } = {},
): Promise<IngestOutcome> {
  const job = await createIngestJob(client, spec.object, spec.operation);
  await hooks.onCreated?.(job.id);
  const closed = await uploadAndClose(client, job.id, spec.csv);
  return waitForIngestJob(client, job.id, hooks.poll, hooks.expectedRecords, closed);
}
