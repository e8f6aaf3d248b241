/**
 * Writes permission rows the cheapest documented way, with per-item results: up to 1,000 records per API call as five
 * sObject Collections subrequests inside one composite call, or one Bulk API 2.0 ingest job (a handful of calls
 * whatever the size) above the bulk threshold. Rows refused because another row they depend on was not written yet
 * (FIELD_INTEGRITY_EXCEPTION) are retried once after the rest. Nothing is sent when there is nothing to write.
 */
import { subresponseError } from '../../salesforce/apiClient';
import { COLLECTION_MAX_RECORDS, COMPOSITE_MAX_QUERY_OR_COLLECTION, chunk } from '../../salesforce/api/composite';
import { runIngestJob, waitForIngestJob, type IngestOutcome } from '../../salesforce/api/bulkIngest';
import { toCsv } from '../../salesforce/api/csv';
import type { SaveResult } from '../../salesforce/api/types';
import { describeFailure, type ItemFailure } from './adminErrors';
import type { RunContext } from './context';

/** One record to write, with the name an admin reads in failures. */
export interface WriteItem {
  label: string;
  /** Field values; `Id` for updates. */
  fields: Record<string, unknown>;
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
  request: { object: string; operation: 'insert' | 'update'; kind: WriteKind; items: WriteItem[]; columns: string[] },
): Promise<WriteOutcome> {
  if (request.items.length === 0) return { written: 0, failures: [], calls: 0 };
  const before = ctx.client.calls;
  const outcome =
    request.items.length > ctx.bulkThreshold
      ? await writeBulk(ctx, step, request)
      : await writeCollections(ctx, step, request);
  return { ...outcome, calls: ctx.client.calls - before };
}

type Request = { object: string; operation: 'insert' | 'update'; kind: WriteKind; items: WriteItem[] };
type Refused = { item: WriteItem; result: SaveResult };

async function writeCollections(ctx: RunContext, step: string, request: Request): Promise<Omit<WriteOutcome, 'calls'>> {
  const first = await collectionsPass(ctx, step, request, request.items);
  // Only rows refused for a dependency on another row of this write can succeed on a second pass.
  const retry = first.refused.filter((f) => f.result.errors.some((e) => e.statusCode === 'FIELD_INTEGRITY_EXCEPTION'));
  if (retry.length === 0 || first.written === 0) {
    return { written: first.written, failures: first.refused.map((f) => toFailure(f.item, f.result, request.kind)) };
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
    failures: refused.map((f) => toFailure(f.item, f.result, request.kind)),
  };
}

async function collectionsPass(
  ctx: RunContext,
  step: string,
  request: Request,
  items: WriteItem[],
): Promise<{ written: number; refused: Refused[] }> {
  let written = 0;
  const refused: Refused[] = [];
  for (const callItems of chunk(items, COLLECTION_MAX_RECORDS * COMPOSITE_MAX_QUERY_OR_COLLECTION)) {
    const groups = chunk(callItems, COLLECTION_MAX_RECORDS);
    const responses = await ctx.client.composite(
      groups.map((g, i) => ({
        method: request.operation === 'insert' ? 'POST' : 'PATCH',
        url: `${ctx.client.dataPath}/composite/sobjects`,
        referenceId: `w${i}`,
        body: {
          allOrNone: false,
          records: g.map((item) => ({ attributes: { type: request.object }, ...item.fields })),
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
    await ctx.report(step, { message: `Wrote ${written} of ${items.length} ${request.object} rows` });
  }
  return { written, refused };
}

function toFailure(item: WriteItem, result: SaveResult, kind: WriteKind): ItemFailure {
  const error = result.errors[0];
  return describeFailure(item.label, kind, error?.statusCode ?? 'UNKNOWN', error?.message ?? '');
}

async function writeBulk(
  ctx: RunContext,
  step: string,
  request: Request & { columns: string[] },
): Promise<Omit<WriteOutcome, 'calls'>> {
  const csv = toCsv(
    request.columns,
    request.items.map((item) => request.columns.map((c) => item.fields[c] as string | boolean | null | undefined)),
  );
  await ctx.report(step, { message: `Loading ${request.items.length} ${request.object} rows with Bulk API 2.0` });
  const outcome = await runIngestJob(
    ctx.client,
    { object: request.object, operation: request.operation, csv },
    {
      poll: ctx.bulkPoll,
      expectedRecords: request.items.length,
      // Persisted before any row is sent, so a crash during the load waits for this job on resume.
      onCreated: (jobId) => ctx.saveCheckpoint(step, { bulkJobId: jobId }),
    },
  );
  await ctx.saveCheckpoint(step, { bulkJobId: null });
  return bulkOutcome(outcome, request);
}

function bulkOutcome(
  outcome: IngestOutcome,
  request: { kind: WriteKind; items: WriteItem[]; columns: string[] },
): Omit<WriteOutcome, 'calls'> {
  const labelOf = new Map(request.items.map((i) => [rowKey(request.columns, i.fields), i.label]));
  const failures = outcome.failed.map((f) => {
    const label = labelOf.get(rowKey(request.columns, f.row)) ?? JSON.stringify(f.row);
    const [code, ...rest] = f.error.split(':');
    return describeFailure(label, request.kind, (code ?? 'UNKNOWN').trim(), rest.join(':').trim());
  });
  if (outcome.state !== 'JobComplete' && failures.length === 0) {
    failures.push(
      describeFailure(
        `Bulk load of ${request.items.length} rows`,
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
  await waitForIngestJob(ctx.client, jobId, ctx.bulkPoll);
  await ctx.saveCheckpoint(step, { bulkJobId: null });
  return true;
}
