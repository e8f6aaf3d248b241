/**
 * Bulk API 2.0 query jobs under /services/data/vXX.X/jobs/query (API 47+): the SOQL is checked when the job is
 * created, runs asynchronously as the creating user, and its result is read as CSV in chunks (`maxRecords`,
 * `locator`; the `Sforce-Locator` header is "null" on the last chunk). Parent fields become dotted columns
 * (`Account.Name`); aggregates and child subqueries are refused, as Bulk API 2.0 does not support them.
 */
import { describeQueryColumns, executeQuery } from '../../soql/index';
import type { QueryColumn } from '../../soql/columns';
import { callContext, type RestRequest, type RestResult } from '../rest/restTypes';
import { newJobId, type QueryJob } from './bulkJobStore';
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

function jobInfo(job: QueryJob, withCounts: boolean): Record<string, unknown> {
  const info = { ...baseJobInfo(job), jobType: 'V2Query' };
  if (!withCounts) return info;
  return {
    ...info,
    numberRecordsProcessed: job.rows.length,
    retries: 0,
    totalProcessingTime: job.processingMs,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}

/** Column paths of the CSV: `Name`, `Account.Name`, ... */
function columnPaths(columns: QueryColumn[], prefix = ''): string[] {
  return columns.flatMap((c) =>
    c.joinColumns.length > 0 ? columnPaths(c.joinColumns, `${prefix}${c.columnName}.`) : [`${prefix}${c.columnName}`],
  );
}

function cell(record: Record<string, unknown>, path: string): string {
  let value: unknown = record;
  for (const step of path.split('.')) {
    if (value === null || typeof value !== 'object') return '';
    value = (value as Record<string, unknown>)[step];
  }
  return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** POST /jobs/query: create a query job. */
export function createQueryJob(request: RestRequest): RestResult {
  const body = request.body.jsonObject();
  const operation = body['operation'] ?? 'query';
  if (operation !== 'query' && operation !== 'queryAll') {
    throw invalidJob(`Invalid operation '${String(operation)}'. Use query or queryAll.`);
  }
  const soql = typeof body['query'] === 'string' ? body['query'] : '';
  if (soql.trim() === '') throw invalidJob('Give the SOQL to run in query.');
  const ds = request.session.org.dataSource(callContext(request));
  const columns = describeQueryColumns(ds, soql);
  if (columns.groupBy || columns.columnMetadata.some((c) => c.aggregate)) {
    throw invalidJob('Bulk API 2.0 query jobs do not support aggregate functions or child relationship subqueries.');
  }
  const now = salesforceDate(request);
  const job = request.state.bulk.query.add({
    id: newJobId(),
    orgId: request.session.org.id,
    userId: request.session.userId,
    apiVersion: request.version,
    object: columns.entityName,
    operation,
    query: soql,
    ...csvFormat(body),
    state: 'UploadComplete',
    createdDate: now,
    systemModstamp: now,
    processingMs: 0,
    columns: columnPaths(columns.columnMetadata),
    rows: [],
  });
  const generation = request.state.bulk.generation;
  setImmediate(() => {
    if (request.state.bulk.generation !== generation || job.state !== 'UploadComplete') return;
    const started = Date.now();
    try {
      const outcome = executeQuery(ds, soql, { includeDeleted: operation === 'queryAll' });
      job.rows = outcome.records.map((r) => job.columns.map((path) => cell(r, path)));
      job.state = 'JobComplete';
    } catch (error) {
      job.state = 'Failed';
      job.errorMessage = (error as Error).message;
    }
    job.processingMs = Date.now() - started;
    job.systemModstamp = salesforceDate(request);
  });
  return { status: 200, body: jobInfo(job, false) };
}

function jobOf(request: RestRequest): QueryJob {
  return findJob(request.state.bulk.query, request);
}

/** GET /jobs/query/{jobId}. */
export function getQueryJob(request: RestRequest): RestResult {
  return { status: 200, body: jobInfo(jobOf(request), true) };
}

/** GET /jobs/query: the org's query jobs. */
export function listQueryJobs(request: RestRequest): RestResult {
  const records = request.state.bulk.query.list(request.session.org.id).map((j) => jobInfo(j, false));
  return { status: 200, body: { done: true, records, nextRecordsUrl: null } };
}

/** PATCH /jobs/query/{jobId} `{state: "Aborted"}`. */
export function abortQueryJob(request: RestRequest): RestResult {
  const job = jobOf(request);
  if (request.body.jsonObject()['state'] !== 'Aborted') throw invalidJob('A query job can only be changed to Aborted.');
  if (job.state !== 'UploadComplete' && job.state !== 'InProgress') {
    throw invalidState(`Job ${job.id} is ${job.state} and can no longer be aborted.`);
  }
  job.state = 'Aborted';
  job.systemModstamp = salesforceDate(request);
  return { status: 200, body: jobInfo(job, false) };
}

/** DELETE /jobs/query/{jobId}. */
export function deleteQueryJob(request: RestRequest): RestResult {
  return deleteFinishedJob(request.state.bulk.query, request);
}

const encodeLocator = (offset: number): string => Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
const decodeLocator = (locator: string): number => Number(Buffer.from(locator, 'base64').toString('utf8'));

/** GET /jobs/query/{jobId}/results?maxRecords=&locator=: one chunk of the result as CSV. */
export function queryJobResults(request: RestRequest): RestResult {
  const job = jobOf(request);
  if (job.state !== 'JobComplete') {
    throw invalidState(`Job ${job.id} is ${job.state}; results are available once it is JobComplete.`);
  }
  const locator = request.query.get('locator');
  const offset = locator ? decodeLocator(locator) : 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > job.rows.length)
    throw invalidJob(`Invalid locator '${locator}'.`);
  const max = Number(request.query.get('maxRecords') ?? job.rows.length);
  if (!Number.isInteger(max) || max <= 0) throw invalidJob('maxRecords must be a whole number above 0.');
  const chunk = job.rows.slice(offset, offset + max);
  const end = offset + chunk.length;
  return jobCsv(job, [job.columns, ...chunk], {
    'Sforce-NumberOfRecords': String(chunk.length),
    'Sforce-Locator': end >= job.rows.length ? 'null' : encodeLocator(end),
  });
}
