/**
 * Processes an ingest job after UploadComplete: asynchronously, 200 records per turn of the event loop, each record
 * saved through the org model as the user who created the job (so permission rules apply as for any API call). CSV
 * values are converted by field type; an empty value leaves the field unset and `#N/A` sets it to null, as Bulk API
 * 2.0 documents.
 */
import { formatDateTime } from '../../org/core';
import { SfApiError, type CallContext, type FieldDef, type SaveResult } from '../../org/types';
import type { HttpOrg } from '../orgPort';
import type { EmulatorState } from '../emulatorState';
import { takeField } from '../recordFields';
import type { IngestJob } from './bulkJobStore';

export const CHUNK_SIZE = 200;

const NUMERIC = new Set(['int', 'long', 'double', 'currency', 'percent']);

function convert(raw: string, field: FieldDef | undefined): unknown {
  if (raw === '#N/A') return null;
  if (field?.type === 'boolean') {
    if (/^(true|1|yes)$/i.test(raw)) return true;
    if (/^(false|0|no)$/i.test(raw)) return false;
  }
  if (field && NUMERIC.has(field.type) && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return raw;
}

function recordOf(org: HttpOrg, job: IngestJob, values: string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  job.columns.forEach((column, i) => {
    const raw = values[i] ?? '';
    if (raw === '') return;
    const field = org.schema.getField(job.object, column);
    record[field?.name ?? column] = convert(raw, field);
  });
  return record;
}

function missing(field: string): SaveResult {
  return {
    id: null,
    success: false,
    errors: [{ statusCode: 'MISSING_ARGUMENT', message: `${field} not specified`, fields: [] }],
  };
}

function save(org: HttpOrg, ctx: CallContext, job: IngestJob, record: Record<string, unknown>): SaveResult {
  switch (job.operation) {
    case 'insert':
      return org.create(ctx, job.object, record);
    case 'update': {
      const id = takeField(record, 'Id');
      return id ? org.update(ctx, job.object, id, record) : missing('Id');
    }
    case 'upsert': {
      const field = job.externalIdFieldName ?? 'Id';
      const value = takeField(record, field);
      return value ? org.upsert(ctx, job.object, field, value, record) : missing(field);
    }
    case 'delete': {
      const id = takeField(record, 'Id');
      return id ? org.remove(ctx, job.object, id) : missing('Id');
    }
  }
}

function errorText(result: SaveResult): string {
  return result.errors.map((e) => `${e.statusCode}:${e.message}:${e.fields.join(',')} --`).join(' ');
}

function processRow(org: HttpOrg, ctx: CallContext, job: IngestJob, values: string[]): void {
  let result: SaveResult;
  try {
    result = save(org, ctx, job, recordOf(org, job, values));
  } catch (error) {
    if (!(error instanceof SfApiError)) throw error;
    result = {
      id: null,
      success: false,
      errors: [{ statusCode: error.errorCode, message: error.message, fields: error.fields ?? [] }],
    };
  }
  if (result.success) {
    job.successes.push({ values, id: result.id ?? '', created: result.created ?? job.operation === 'insert' });
  } else {
    job.failures.push({ values, id: result.id ?? '', error: errorText(result) });
  }
}

/** The reason a job cannot run with its header, or undefined when every column is a field of the object. */
export function headerProblem(org: HttpOrg, job: IngestJob): string | undefined {
  if (!job.uploaded || job.columns.length === 0) return 'InvalidBatch : No data was uploaded for this job';
  for (const column of job.columns) {
    if (!org.schema.getField(job.object, column)) return `InvalidBatch : Field name not found : ${column}`;
  }
  const required =
    job.operation === 'upsert' ? (job.externalIdFieldName ?? 'Id') : job.operation === 'insert' ? undefined : 'Id';
  if (required && !job.columns.some((c) => c.toLowerCase() === required.toLowerCase())) {
    return `InvalidBatch : Field name not found : ${required}`;
  }
  return undefined;
}

/** Starts processing a job that was just marked UploadComplete. */
export function startProcessing(state: EmulatorState, job: IngestJob): void {
  const generation = state.bulk.generation;
  const stamp = (): void => {
    job.systemModstamp = formatDateTime(state.world.clock.now());
  };
  const turn = (): void => {
    if (state.bulk.generation !== generation || job.state === 'Aborted') return;
    const org = state.world.findOrgById(job.orgId);
    // The header is checked once, before the first record.
    const problem = !org
      ? 'InvalidBatch : The org no longer exists'
      : job.next === 0
        ? headerProblem(org, job)
        : undefined;
    if (!org || problem) {
      job.state = 'Failed';
      job.errorMessage = problem;
      stamp();
      return;
    }
    job.state = 'InProgress';
    const ctx: CallContext = { orgId: org.id, userId: job.userId, apiVersion: Number(job.apiVersion), tooling: false };
    const started = Date.now();
    const end = Math.min(job.rows.length, job.next + CHUNK_SIZE);
    for (; job.next < end; job.next++) processRow(org, ctx, job, job.rows[job.next] ?? []);
    job.processingMs += Date.now() - started;
    stamp();
    if (job.next >= job.rows.length) job.state = 'JobComplete';
    else setImmediate(turn);
  };
  setImmediate(turn);
}
