/**
 * Bulk API 2.0 ingest resources under /services/data/vXX.X/jobs/ingest (API 41+): create a job, upload one CSV,
 * mark it UploadComplete (or Aborted), poll its state, read successful, failed and unprocessed records as CSV, list
 * and delete jobs. Every HTTP call counts as one API request, like any REST call.
 */
import { SfApiError } from '../../org/types';
import { callContext, type RestRequest, type RestResult } from '../rest/restTypes';
import { COLUMN_DELIMITERS, parseCsv } from './csv';
import { newJobId, type IngestJob, type IngestOperation } from './bulkJobStore';
import {
  baseJobInfo,
  csvFormat,
  deleteFinishedJob,
  findJob,
  invalidJob,
  invalidState,
  jobCsv,
  salesforceDate,
} from './bulkCommon';
import { startProcessing } from './ingestProcessor';

const OPERATIONS: readonly IngestOperation[] = ['insert', 'update', 'upsert', 'delete'];
/** Bulk API 2.0 accepts uploads of up to 150 MB. */
export const MAX_UPLOAD_BYTES = 150 * 1024 * 1024;

function jobOf(request: RestRequest): IngestJob {
  return findJob(request.state.bulk.ingest, request);
}

/** The job as Salesforce describes it; `withCounts` adds the processing figures GET returns. */
function jobInfo(job: IngestJob, withCounts: boolean): Record<string, unknown> {
  const info: Record<string, unknown> = {
    ...baseJobInfo(job),
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    jobType: 'V2Ingest',
    contentUrl: `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`,
  };
  if (!withCounts) return info;
  return {
    ...info,
    numberRecordsProcessed: job.successes.length + job.failures.length,
    numberRecordsFailed: job.failures.length,
    retries: 0,
    totalProcessingTime: job.processingMs,
    apiActiveProcessingTime: job.processingMs,
    apexProcessingTime: 0,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}

/** POST /jobs/ingest: create a job. */
export function createJob(request: RestRequest): RestResult {
  const body = request.body.jsonObject();
  const object = typeof body['object'] === 'string' ? body['object'] : '';
  const operation = body['operation'];
  if (!OPERATIONS.includes(operation as IngestOperation)) {
    throw invalidJob(`Invalid operation '${String(operation)}'. Use one of: ${OPERATIONS.join(', ')}.`);
  }
  const definition = request.session.org.dataSource(callContext(request)).getObject(object);
  if (!definition) throw new SfApiError(400, 'INVALIDENTITY', `sObject type '${object}' is not supported.`);
  const externalIdFieldName = typeof body['externalIdFieldName'] === 'string' ? body['externalIdFieldName'] : undefined;
  if (operation === 'upsert' && !externalIdFieldName) throw invalidJob('An upsert job needs externalIdFieldName.');
  const now = salesforceDate(request);
  const job = request.state.bulk.ingest.add({
    id: newJobId(),
    orgId: request.session.org.id,
    userId: request.session.userId,
    apiVersion: request.version,
    object: definition.name,
    operation: operation as IngestOperation,
    externalIdFieldName,
    ...csvFormat(body),
    state: 'Open',
    createdDate: now,
    systemModstamp: now,
    processingMs: 0,
    columns: [],
    rows: [],
    uploaded: false,
    next: 0,
    successes: [],
    failures: [],
  });
  return { status: 200, body: jobInfo(job, false) };
}

/** PUT /jobs/ingest/{jobId}/batches: the job's CSV data (one upload per job). */
export function uploadJobData(request: RestRequest): RestResult {
  const job = jobOf(request);
  if (job.state !== 'Open')
    throw invalidState(`Job ${job.id} is ${job.state}; data can only be uploaded to an Open job.`);
  if (job.uploaded) throw invalidState(`Job ${job.id} already has its data; create another job to load more records.`);
  const rows = parseCsv(request.body.text(), COLUMN_DELIMITERS[job.columnDelimiter]);
  job.columns = (rows[0] ?? []).map((c) => c.trim());
  job.rows = rows.slice(1);
  job.uploaded = true;
  return { status: 201 };
}

/** PATCH /jobs/ingest/{jobId}: `{state: "UploadComplete"}` starts processing, `{state: "Aborted"}` stops it. */
export function changeJobState(request: RestRequest): RestResult {
  const job = jobOf(request);
  const wanted = request.body.jsonObject()['state'];
  if (wanted === 'UploadComplete') {
    if (job.state !== 'Open') throw invalidState(`Job ${job.id} is ${job.state}; only an Open job can be closed.`);
    job.state = 'UploadComplete';
    startProcessing(request.state, job);
  } else if (wanted === 'Aborted') {
    if (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted') {
      throw invalidState(`Job ${job.id} is ${job.state} and can no longer be aborted.`);
    }
    job.state = 'Aborted';
  } else {
    throw invalidJob(`Invalid state '${String(wanted)}'. Use UploadComplete or Aborted.`);
  }
  job.systemModstamp = salesforceDate(request);
  return { status: 200, body: jobInfo(job, false) };
}

/** GET /jobs/ingest/{jobId}. */
export function getJob(request: RestRequest): RestResult {
  return { status: 200, body: jobInfo(jobOf(request), true) };
}

/** GET /jobs/ingest: the org's ingest jobs. */
export function listJobs(request: RestRequest): RestResult {
  const records = request.state.bulk.ingest.list(request.session.org.id).map((j) => jobInfo(j, false));
  return { status: 200, body: { done: true, records, nextRecordsUrl: null } };
}

/** DELETE /jobs/ingest/{jobId}: only finished jobs can be deleted. */
export function deleteJob(request: RestRequest): RestResult {
  return deleteFinishedJob(request.state.bulk.ingest, request);
}

/** GET /jobs/ingest/{jobId}/successfulResults. */
export function successfulResults(request: RestRequest): RestResult {
  const job = jobOf(request);
  return jobCsv(job, [
    ['sf__Id', 'sf__Created', ...job.columns],
    ...job.successes.map((r) => [r.id, String(r.created ?? false), ...r.values]),
  ]);
}

/** GET /jobs/ingest/{jobId}/failedResults. */
export function failedResults(request: RestRequest): RestResult {
  const job = jobOf(request);
  return jobCsv(job, [
    ['sf__Id', 'sf__Error', ...job.columns],
    ...job.failures.map((r) => [r.id, r.error ?? '', ...r.values]),
  ]);
}

/** GET /jobs/ingest/{jobId}/unprocessedrecords: rows never processed (aborted or failed jobs). */
export function unprocessedRecords(request: RestRequest): RestResult {
  const job = jobOf(request);
  const pending = job.state === 'Aborted' || job.state === 'Failed' ? job.rows.slice(job.next) : [];
  return jobCsv(job, [job.columns, ...pending]);
}
