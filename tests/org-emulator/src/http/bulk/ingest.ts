/**
 * Bulk API 2.0 ingest resources under /services/data/vXX.X/jobs/ingest (API 41+): create a job, upload one CSV,
 * mark it UploadComplete (or Aborted), poll its state, read successful, failed and unprocessed records as CSV, list
 * and delete jobs. Every HTTP call counts as one API request, like any REST call.
 */
import { SfApiError } from '../../org/types';
import { callContext, type RestRequest, type RestResult } from '../rest/restTypes';
import { notFound } from '../rest/sobjects';
import { COLUMN_DELIMITERS, formatCsv, parseCsv } from './csv';
import type { IngestJob, IngestOperation } from './bulkJobStore';
import { startProcessing } from './ingestProcessor';

const OPERATIONS: readonly IngestOperation[] = ['insert', 'update', 'upsert', 'delete'];
/** Bulk API 2.0 accepts uploads of up to 150 MB. */
export const MAX_UPLOAD_BYTES = 150 * 1024 * 1024;

function invalidJob(message: string): SfApiError {
  return new SfApiError(400, 'INVALIDJOB', message);
}

function invalidState(message: string): SfApiError {
  return new SfApiError(400, 'INVALIDJOBSTATE', message);
}

function jobOf(request: RestRequest): IngestJob {
  const job = request.state.bulk.get(request.params['jobId'] ?? '', request.session.org.id);
  if (!job) throw notFound();
  return job;
}

/** The job as Salesforce describes it; `withCounts` adds the processing figures GET returns. */
function jobInfo(job: IngestJob, withCounts: boolean): Record<string, unknown> {
  const info: Record<string, unknown> = {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.userId,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    jobType: 'V2Ingest',
    contentUrl: `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`,
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
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

function salesforceDate(request: RestRequest): string {
  return request.state.world.clock.now().toISOString().replace('Z', '+0000');
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
  if (operation === 'upsert' && !externalIdFieldName) {
    throw invalidJob('An upsert job needs externalIdFieldName.');
  }
  const contentType = body['contentType'] ?? 'CSV';
  if (contentType !== 'CSV') throw invalidJob(`Invalid contentType '${String(contentType)}'. Bulk API 2.0 takes CSV.`);
  const lineEnding = body['lineEnding'] ?? 'LF';
  if (lineEnding !== 'LF' && lineEnding !== 'CRLF') throw invalidJob(`Invalid lineEnding '${String(lineEnding)}'.`);
  const columnDelimiter = typeof body['columnDelimiter'] === 'string' ? body['columnDelimiter'] : 'COMMA';
  if (!COLUMN_DELIMITERS[columnDelimiter]) throw invalidJob(`Invalid columnDelimiter '${columnDelimiter}'.`);
  const now = salesforceDate(request);
  const job = request.state.bulk.create({
    orgId: request.session.org.id,
    userId: request.session.userId,
    apiVersion: request.version,
    object: definition.name,
    operation: operation as IngestOperation,
    externalIdFieldName,
    lineEnding,
    columnDelimiter,
    createdDate: now,
    systemModstamp: now,
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
  const records = request.state.bulk.list(request.session.org.id).map((j) => jobInfo(j, false));
  return { status: 200, body: { done: true, records, nextRecordsUrl: null } };
}

/** DELETE /jobs/ingest/{jobId}: only finished jobs can be deleted. */
export function deleteJob(request: RestRequest): RestResult {
  const job = jobOf(request);
  if (job.state !== 'JobComplete' && job.state !== 'Failed' && job.state !== 'Aborted') {
    throw invalidState(`Job ${job.id} is ${job.state}; abort it or wait until it finishes before deleting it.`);
  }
  request.state.bulk.delete(job.id);
  return { status: 204 };
}

function csv(job: IngestJob, rows: string[][]): RestResult {
  return {
    status: 200,
    raw: { contentType: 'text/csv', text: formatCsv(rows, job.lineEnding === 'CRLF' ? '\r\n' : '\n') },
  };
}

/** GET /jobs/ingest/{jobId}/successfulResults. */
export function successfulResults(request: RestRequest): RestResult {
  const job = jobOf(request);
  return csv(job, [
    ['sf__Id', 'sf__Created', ...job.columns],
    ...job.successes.map((r) => [r.id, String(r.created ?? false), ...r.values]),
  ]);
}

/** GET /jobs/ingest/{jobId}/failedResults. */
export function failedResults(request: RestRequest): RestResult {
  const job = jobOf(request);
  return csv(job, [
    ['sf__Id', 'sf__Error', ...job.columns],
    ...job.failures.map((r) => [r.id, r.error ?? '', ...r.values]),
  ]);
}

/** GET /jobs/ingest/{jobId}/unprocessedrecords: rows never processed (aborted or failed jobs). */
export function unprocessedRecords(request: RestRequest): RestResult {
  const job = jobOf(request);
  const pending = job.state === 'Aborted' || job.state === 'Failed' ? job.rows.slice(job.next) : [];
  return csv(job, [job.columns, ...pending]);
}
