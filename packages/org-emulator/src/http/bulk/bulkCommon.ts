/**
 * What the Bulk API 2.0 ingest and query resources share: finding a job of the caller's org, the job description
 * fields every job has, dates in Salesforce's format, CSV answers, and the errors for invalid jobs and states.
 */
import { formatDateTime } from '../../org/core';
import { SfApiError } from '../../org/types';
import type { RestRequest, RestResult } from '../rest/restTypes';
import { notFound } from '../rest/sobjects';
import { COLUMN_DELIMITERS, formatCsv } from './csv';
import type { BulkJobBase, JobTable } from './bulkJobStore';

/** An invalid job definition or request (400 INVALIDJOB). */
export function invalidJob(message: string): SfApiError {
  return new SfApiError(400, 'INVALIDJOB', message);
}

/** A request the job's state does not allow (400 INVALIDJOBSTATE). */
export function invalidState(message: string): SfApiError {
  return new SfApiError(400, 'INVALIDJOBSTATE', message);
}

/** The current world time as Salesforce writes it: 2026-01-15T09:00:00.000+0000. */
export function salesforceDate(request: RestRequest): string {
  return formatDateTime(request.state.world.clock.now());
}

/** The job named by the `jobId` route parameter in the caller's org, or NOT_FOUND. */
export function findJob<T extends BulkJobBase>(table: JobTable<T>, request: RestRequest): T {
  const job = table.get(request.params['jobId'] ?? '', request.session.org.id);
  if (!job) throw notFound();
  return job;
}

/** Line ending and delimiter from a job-creation body, checked. */
export function csvFormat(body: Record<string, unknown>): { lineEnding: 'LF' | 'CRLF'; columnDelimiter: string } {
  const contentType = body['contentType'] ?? 'CSV';
  if (contentType !== 'CSV') throw invalidJob(`Invalid contentType '${String(contentType)}'. Bulk API 2.0 takes CSV.`);
  const lineEnding = body['lineEnding'] ?? 'LF';
  if (lineEnding !== 'LF' && lineEnding !== 'CRLF') throw invalidJob(`Invalid lineEnding '${String(lineEnding)}'.`);
  const columnDelimiter = typeof body['columnDelimiter'] === 'string' ? body['columnDelimiter'] : 'COMMA';
  if (!COLUMN_DELIMITERS[columnDelimiter]) throw invalidJob(`Invalid columnDelimiter '${columnDelimiter}'.`);
  return { lineEnding, columnDelimiter };
}

/** The description fields every job has. */
export function baseJobInfo(job: BulkJobBase & { operation: string }): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.userId,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
  };
}

/** A CSV answer in the job's line ending and delimiter. */
export function jobCsv(job: BulkJobBase, rows: string[][], headers: Record<string, string> = {}): RestResult {
  const text = formatCsv(rows, job.lineEnding === 'CRLF' ? '\r\n' : '\n', COLUMN_DELIMITERS[job.columnDelimiter]);
  return { status: 200, headers, raw: { contentType: 'text/csv', text } };
}

/** Deletes a job that has finished; a running job must be aborted first. */
export function deleteFinishedJob<T extends BulkJobBase>(table: JobTable<T>, request: RestRequest): RestResult {
  const job = findJob(table, request);
  if (job.state !== 'JobComplete' && job.state !== 'Failed' && job.state !== 'Aborted') {
    throw invalidState(`Job ${job.id} is ${job.state}; abort it or wait until it finishes before deleting it.`);
  }
  table.delete(job.id);
  return { status: 204 };
}
