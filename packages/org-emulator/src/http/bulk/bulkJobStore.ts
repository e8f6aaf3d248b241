/**
 * Bulk API 2.0 jobs of one emulator: ingest jobs (Open -> UploadComplete -> InProgress -> JobComplete or Failed;
 * Aborted on request) and query jobs (UploadComplete -> InProgress -> JobComplete or Failed), kept per org with ids
 * carrying the 750 key prefix. Processing happens elsewhere; this store only keeps jobs.
 */
import { randomId } from '../../org/ids';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete';
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** What every job has. */
export interface BulkJobBase {
  id: string;
  orgId: string;
  userId: string;
  apiVersion: string;
  object: string;
  lineEnding: 'LF' | 'CRLF';
  columnDelimiter: string;
  state: JobState;
  createdDate: string;
  systemModstamp: string;
  errorMessage?: string;
  processingMs: number;
}

/** One processed record of an ingest job: the values sent plus the outcome. */
export interface IngestRecordResult {
  values: string[];
  id: string;
  created?: boolean;
  error?: string;
}

/** One ingest job. */
export interface IngestJob extends BulkJobBase {
  operation: IngestOperation;
  externalIdFieldName?: string;
  columns: string[];
  rows: string[][];
  uploaded: boolean;
  /** Index of the next row to process. */
  next: number;
  successes: IngestRecordResult[];
  failures: IngestRecordResult[];
}

/** One query job: the SOQL and, once processed, its result as CSV rows. */
export interface QueryJob extends BulkJobBase {
  operation: 'query' | 'queryAll';
  query: string;
  columns: string[];
  rows: string[][];
}

/** A new job id (key prefix 750). */
export function newJobId(): string {
  return randomId('7505');
}

/** Jobs of one kind, per org. */
export class JobTable<T extends BulkJobBase> {
  private readonly jobs = new Map<string, T>();

  /** Stores a job. */
  add(job: T): T {
    this.jobs.set(job.id, job);
    return job;
  }

  /** The job with this id in this org, or undefined. */
  get(id: string, orgId: string): T | undefined {
    const job = this.jobs.get(id);
    return job && job.orgId === orgId ? job : undefined;
  }

  /** Every job of an org, oldest first. */
  list(orgId: string): T[] {
    return [...this.jobs.values()].filter((j) => j.orgId === orgId);
  }

  /** Deletes a job. */
  delete(id: string): void {
    this.jobs.delete(id);
  }

  /** Forgets every job. */
  clear(): void {
    this.jobs.clear();
  }
}

/** Both kinds of jobs. */
export class BulkJobStore {
  readonly ingest = new JobTable<IngestJob>();
  readonly query = new JobTable<QueryJob>();
  /** Bumped on clear() so that processing of forgotten jobs stops. */
  generation = 0;

  /** Forgets every job and stops their processing (emulator reset or close). */
  clear(): void {
    this.ingest.clear();
    this.query.clear();
    this.generation++;
  }
}
