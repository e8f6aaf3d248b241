/**
 * Bulk API 2.0 ingest jobs: their settings, uploaded data, state (Open -> UploadComplete -> InProgress -> JobComplete
 * or Failed; Aborted on request) and per-record results. Processing happens elsewhere (ingestProcessor); this store
 * only keeps jobs and hands out ids with the 750 key prefix.
 */
import { randomBytes } from 'node:crypto';
import { checksumSuffix } from '../../org/ids';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete';
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** One processed record: the values sent plus the outcome. */
export interface IngestRecordResult {
  values: string[];
  id: string;
  created?: boolean;
  error?: string;
}

/** One ingest job. */
export interface IngestJob {
  id: string;
  orgId: string;
  userId: string;
  apiVersion: string;
  object: string;
  operation: IngestOperation;
  externalIdFieldName?: string;
  lineEnding: 'LF' | 'CRLF';
  columnDelimiter: string;
  state: JobState;
  createdDate: string;
  systemModstamp: string;
  columns: string[];
  rows: string[][];
  uploaded: boolean;
  /** Index of the next row to process. */
  next: number;
  successes: IngestRecordResult[];
  failures: IngestRecordResult[];
  errorMessage?: string;
  processingMs: number;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newJobId(): string {
  let id15 = '7505';
  for (const b of randomBytes(11)) id15 += ID_CHARS.charAt(b % ID_CHARS.length);
  return id15 + checksumSuffix(id15);
}

/** The jobs of one emulator. */
export class BulkJobStore {
  private readonly jobs = new Map<string, IngestJob>();
  /** Bumped on clear() so that processing loops of forgotten jobs stop. */
  generation = 0;

  /** Creates an Open job. */
  create(
    fields: Omit<
      IngestJob,
      'id' | 'state' | 'columns' | 'rows' | 'uploaded' | 'next' | 'successes' | 'failures' | 'processingMs'
    >,
  ): IngestJob {
    const job: IngestJob = {
      ...fields,
      id: newJobId(),
      state: 'Open',
      columns: [],
      rows: [],
      uploaded: false,
      next: 0,
      successes: [],
      failures: [],
      processingMs: 0,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  /** The job with this id in this org, or undefined. */
  get(id: string, orgId: string): IngestJob | undefined {
    const job = this.jobs.get(id);
    return job && job.orgId === orgId ? job : undefined;
  }

  /** Every job of an org, oldest first. */
  list(orgId: string): IngestJob[] {
    return [...this.jobs.values()].filter((j) => j.orgId === orgId);
  }

  /** Deletes a job. */
  delete(id: string): void {
    this.jobs.delete(id);
  }

  /** Forgets every job and stops their processing (emulator reset). */
  clear(): void {
    this.jobs.clear();
    this.generation++;
  }
}
