/**
 * Writes permission rows the cheapest documented way, with per-item results: up to 1,000 records per API call as five
 * sObject Collections subrequests inside one composite call, or one Bulk API 2.0 ingest job (a handful of calls
 * whatever the size) above the bulk threshold. Rows refused because another row they depend on was not written yet
 * (FIELD_INTEGRITY_EXCEPTION) are retried once after the rest. Nothing is sent when there is nothing to write.
 * Every row written is also added to the step's checkpoint (`written`), so a resumed run reports what all its attempts
 * wrote, including a bulk job an attempt that died had started.
 */
import { subresponseError } from '../../salesforce/apiClient';
import { COLLECTION_MAX_RECORDS, COMPOSITE_MAX_QUERY_OR_COLLECTION, chunk } from '../../salesforce/api/composite';
import { runIngestJob, waitForIngestJob, type IngestOutcome } from '../../salesforce/api/bulkIngest';
import { csvBlocks } from '../../salesforce/api/csv';
import type { SaveResult } from '../../salesforce/api/types';
import { describeFailure, type ItemFailure } from './adminErrors';
import type { RunContext } from './context';

/** One record to write: field values (`Id` for updates). */
export type WriteRow = Record<string, unknown>;

/** Rows to write: an array, or a lazy sequence of known length (a bulk load never builds 200,000 row objects). */
export interface Rows {
  readonly length: number;
  [Symbol.iterator](): Iterator<WriteRow>;
}

/** What kind of permission row is written (for failure wording). */
export type WriteKind = 'objectPermission' | 'fieldPermission';

/** Result of a write. */
export interface WriteOutcome {
  written: number;
  failures: ItemFailure[];
  /** API calls the write cost. */
  calls: number;
}

/** Writes through sObject Collections or Bulk API 2.0, whichever costs fewer calls for this many rows. */
export async function writeRecords(
  ctx: RunContext,
  step: string,
  request: Request & { columns: string[] },
): Promise<WriteOutcome> {
  if (request.rows.length === 0) return { written: 0, failures: [], calls: 0 };
  const before = ctx.client.calls;
  const outcome =
    request.rows.length > ctx.bulkThreshold
      ? await writeBulk(ctx, step, request)
      : await writeCollections(ctx, step, request);
  return { ...outcome, calls: ctx.client.calls - before };
}

/**
 * A write: rows as plain field maps, and the name an admin reads for a row, computed only for rows that fail (a
 * 200,000-row load keeps no label strings).
 */
type Request = {
  object: string;
  operation: 'insert' | 'update';
  kind: WriteKind;
  rows: Rows;
  label: (row: WriteRow) => string;
};
type Refused = { item: WriteRow; result: SaveResult };

async function writeCollections(ctx: RunContext, step: string, request: Request): Promise<Omit<WriteOutcome, 'calls'>> {
  const first = await collectionsPass(ctx, step, request, [...request.rows]);
  // Only rows refused for a dependency on another row of this write can succeed on a second pass.
  const retry = first.refused.filter((f) => f.result.errors.some((e) => e.statusCode === 'FIELD_INTEGRITY_EXCEPTION'));
  if (retry.length === 0 || first.written === 0) {
    return { written: first.written, failures: first.refused.map((f) => toFailure(request, f.item, f.result)) };
  }
  const second = await collectionsPass(
    ctx,
    step,
    request,
    retry.map((f) => f.item),
  );
  const refused = [...first.refused.filter((f) => !retry.includes(f)), ...second.refused];
  return {
    written: first.written + second.written,
    failures: refused.map((f) => toFailure(request, f.item, f.result)),
  };
}

async function collectionsPass(
  ctx: RunContext,
  step: string,
  request: Request,
  items: WriteRow[],
): Promise<{ written: number; refused: Refused[] }> {
  let written = 0;
  const refused: Refused[] = [];
  for (const callItems of chunk(items, COLLECTION_MAX_RECORDS * COMPOSITE_MAX_QUERY_OR_COLLECTION)) {
    const writtenBeforeCall = written;
    const groups = chunk(callItems, COLLECTION_MAX_RECORDS);
    const responses = await ctx.client.composite(
      groups.map((g, i) => ({
        method: request.operation === 'insert' ? 'POST' : 'PATCH',
        url: `${ctx.client.dataPath}/composite/sobjects`,
        referenceId: `w${i}`,
        body: {
          allOrNone: false,
          records: g.map((row) => ({ attributes: { type: request.object }, ...row })),
        },
      })),
    );
    for (const [i, g] of groups.entries()) {
      const sub = responses.find((r) => r.referenceId === `w${i}`);
      if (!sub || sub.httpStatusCode >= 400) {
        const error = sub ? subresponseError(sub) : undefined;
        const result: SaveResult = {
          id: null,
          success: false,
          errors: [
            { statusCode: error?.errorCode ?? 'UNKNOWN', message: error?.message ?? 'No answer for this request.' },
          ],
        };
        for (const item of g) refused.push({ item, result });
        continue;
      }
      const results = sub.body as SaveResult[];
      for (const [j, item] of g.entries()) {
        const result = results[j];
        if (result?.success) written++;
        else refused.push({ item, result: result ?? { id: null, success: false, errors: [] } });
      }
    }
    await addWritten(ctx, step, written - writtenBeforeCall);
    await ctx.report(step, { message: `Wrote ${written} of ${items.length} ${request.object} rows` });
  }
  return { written, refused };
}

function toFailure(request: Request, row: WriteRow, result: SaveResult): ItemFailure {
  const error = result.errors[0];
  return describeFailure(request.label(row), request.kind, error?.statusCode ?? 'UNKNOWN', error?.message ?? '');
}

async function writeBulk(
  ctx: RunContext,
  step: string,
  request: Request & { columns: string[] },
): Promise<Omit<WriteOutcome, 'calls'>> {
  const count = request.rows.length;
  const csv = (): Iterable<string> =>
    csvBlocks(
      request.columns,
      (function* rows() {
        for (const row of request.rows) yield request.columns.map((c) => row[c] as string | boolean | null | undefined);
      })(),
    );
  await ctx.report(step, { message: `Loading ${count} ${request.object} rows with Bulk API 2.0` });
  const outcome = await runIngestJob(
    ctx.client,
    { object: request.object, operation: request.operation, csv },
    {
      // Persisted before any row is sent, so a crash during the load waits for this job on resume.
      onCreated: (jobId) => ctx.saveCheckpoint(step, { bulkJobId: jobId }),
      poll: ctx.bulkPoll,
      expectedRecords: count,
    },
  );
  const result = bulkOutcome(outcome, request);
  await ctx.saveCheckpoint(step, { bulkJobId: null, written: writtenSoFar(ctx, step) + result.written });
  return result;
}

/** Rows the attempts of this run have written in a step so far (from its checkpoint). */
export function writtenSoFar(ctx: RunContext, step: string): number {
  const written = ctx.checkpoint(step)?.written;
  return typeof written === 'number' ? written : 0;
}

async function addWritten(ctx: RunContext, step: string, rows: number): Promise<void> {
  if (rows > 0) await ctx.saveCheckpoint(step, { written: writtenSoFar(ctx, step) + rows });
}

function bulkOutcome(outcome: IngestOutcome, request: Request & { columns: string[] }): Omit<WriteOutcome, 'calls'> {
  const failed = new Map(outcome.failed.map((f) => [rowKey(request.columns, f.row), f]));
  const failures: ItemFailure[] = [];
  if (failed.size > 0) {
    // Labels only for the rows that failed: match them back to the rows written.
    for (const row of request.rows) {
      const f = failed.get(rowKey(request.columns, row));
      if (!f) continue;
      failed.delete(rowKey(request.columns, row));
      const [code, ...rest] = f.error.split(':');
      failures.push(
        describeFailure(request.label(row), request.kind, (code ?? 'UNKNOWN').trim(), rest.join(':').trim()),
      );
    }
    for (const f of failed.values())
      failures.push(describeFailure(JSON.stringify(f.row), request.kind, 'UNKNOWN', f.error));
  }
  if (outcome.state !== 'JobComplete' && failures.length === 0) {
    failures.push(
      describeFailure(
        `Bulk load of ${request.rows.length} rows`,
        request.kind,
        outcome.state,
        outcome.errorMessage ?? `The bulk job ended ${outcome.state}.`,
      ),
    );
  }
  return { written: outcome.processed - outcome.failed.length, failures };
}

function rowKey(columns: string[], row: Record<string, unknown>): string {
  return columns.map((c) => String(row[c] ?? '').toLowerCase()).join('|');
}

/**
 * Waits for a bulk job an earlier attempt of this run started (recorded in the step's checkpoint), so that re-planning
 * sees its rows instead of loading them a second time. Returns true when there was one.
 */
export async function settlePendingBulkJob(ctx: RunContext, step: string): Promise<boolean> {
  const jobId = ctx.checkpoint(step)?.bulkJobId;
  if (typeof jobId !== 'string') return false;
  await ctx.report(step, { message: `Waiting for bulk job ${jobId} started before the interruption` });
  const outcome = await waitForIngestJob(ctx.client, jobId, ctx.bulkPoll);
  // Its rows were written by this run (by the attempt that started the job): they count in the step's writes.
  const written = outcome.processed - outcome.failed.length;
  await ctx.saveCheckpoint(step, { bulkJobId: null, written: writtenSoFar(ctx, step) + written });
  return true;
}
