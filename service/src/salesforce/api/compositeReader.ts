/**
 * Reads in bulk through the composite resource, the cheapest documented way to read many things: one composite call
 * counts as one API call and carries up to 25 subrequests, of which up to 5 are query pages. Query More pages are
 * chained to the previous page by reference (`@{ref.nextRecordsUrl}`) inside the same call, so reading 10,000 rows
 * costs one call instead of five, and describes ride along in the slots queries cannot use.
 */
import type { SalesforceClient } from '../apiClient';
import { subresponseError } from '../apiClient';
import { COMPOSITE_MAX_QUERY_OR_COLLECTION, COMPOSITE_MAX_SUBREQUESTS, chunk } from './composite';
import { SalesforceApiError } from './errors';
import type { CompositeSubrequest, CompositeSubresponse, DescribeSObjectResult, QueryResult, SfRecord } from './types';

/** A query to read to completion, named by `key` (letters, digits and underscores: it becomes a referenceId). */
export interface QuerySpec {
  key: string;
  soql: string;
  /** Rows per page (200..2000, `Sforce-Query-Options: batchSize`); Salesforce's default is 2,000. */
  batchSize?: number;
}

interface QueryProgress {
  spec: QuerySpec;
  fetched: number;
  started: boolean;
  done: boolean;
  nextRecordsUrl?: string;
  /** Rows per page, learnt from the first page (Salesforce's default is 2,000). */
  pageSize: number;
  totalSize: number;
  error?: SalesforceApiError;
}

type PageHandler = (key: string, records: SfRecord[]) => void | Promise<void>;

/** What readBatch returns: describes and query records by key, or the error Salesforce answered for each. */
export interface BatchResult {
  describes: Map<string, DescribeSObjectResult | SalesforceApiError>;
  queries: Map<string, SfRecord[] | SalesforceApiError>;
}

/**
 * Reads describes and queries together: the first call carries the describes and the first pages of up to five
 * queries; remaining pages follow as chained Query More. A failing describe or query is returned as its error, so
 * that optional reads (an object missing in this org) do not fail the others.
 */
export async function readBatch(
  client: SalesforceClient,
  request: { describes?: readonly string[]; queries?: readonly QuerySpec[] },
): Promise<BatchResult> {
  const describes = new Map<string, DescribeSObjectResult | SalesforceApiError>();
  const queries = new Map<string, SfRecord[] | SalesforceApiError>();
  const names = [...(request.describes ?? [])];
  const specs = request.queries ?? [];
  for (const s of specs) queries.set(s.key, []);
  const progress = specs.map(newProgress);
  // The first call fills all five query slots (speculative Query More after first pages), so describes get the rest.
  const describeSlots = COMPOSITE_MAX_SUBREQUESTS - (specs.length > 0 ? COMPOSITE_MAX_QUERY_OR_COLLECTION : 0);
  const firstNames = names.splice(0, describeSlots);
  const onPage: PageHandler = (key, records) => {
    const list = queries.get(key);
    if (Array.isArray(list)) list.push(...records);
  };
  await runQueryCalls(client, progress, onPage, firstNames, (name, outcome) => describes.set(name, outcome));
  for (const p of progress) if (p.error) queries.set(p.spec.key, p.error);
  if (names.length > 0) {
    await describeMany(client, names, (o) => {
      describes.set(o.name, 'error' in o ? o.error : o.describe);
    });
  }
  return { describes, queries };
}

/** The records of a readBatch query; throws the error Salesforce answered for it. */
export function batchRows(result: BatchResult, key: string): SfRecord[] {
  const rows = result.queries.get(key);
  if (rows instanceof SalesforceApiError) throw rows;
  return rows ?? [];
}

/** The records of a readBatch query that Salesforce may refuse in some orgs: a refusal reads as no rows. */
export function optionalBatchRows(result: BatchResult, key: string): SfRecord[] {
  const rows = result.queries.get(key);
  return rows instanceof SalesforceApiError ? [] : (rows ?? []);
}

/** Reads every query to completion and returns the records by key; throws the first query error. */
export async function readQueries(
  client: SalesforceClient,
  specs: readonly QuerySpec[],
): Promise<Map<string, SfRecord[]>> {
  const out = new Map<string, SfRecord[]>(specs.map((s) => [s.key, []]));
  await streamQueries(client, specs, (key, records) => {
    out.get(key)?.push(...records);
  });
  return out;
}

/**
 * Reads every query to completion, handing each page to `onPage` and keeping none; throws the first query error.
 * First pages of up to five queries share a call; later pages are chained Query More subrequests, as many as the rows
 * still to come need.
 */
export async function streamQueries(
  client: SalesforceClient,
  specs: readonly QuerySpec[],
  onPage: PageHandler,
): Promise<void> {
  const progress = specs.map(newProgress);
  await runQueryCalls(client, progress, onPage, [], () => undefined);
  const failed = progress.find((p) => p.error);
  if (failed?.error) throw failed.error;
}

function newProgress(spec: QuerySpec): QueryProgress {
  return { spec, fetched: 0, started: false, done: false, pageSize: 2000, totalSize: 0 };
}

async function runQueryCalls(
  client: SalesforceClient,
  progress: QueryProgress[],
  onPage: PageHandler,
  describeNames: string[],
  onDescribe: (name: string, outcome: DescribeSObjectResult | SalesforceApiError) => void,
): Promise<void> {
  let pendingDescribes = describeNames;
  for (let call = 0; ; call++) {
    const pending = progress.filter((p) => !p.done);
    if (pending.length === 0 && pendingDescribes.length === 0) return;
    const plan = allocateSlots(pending);
    const subrequests = pendingDescribes.map((name, i) => describeSubrequest(client, name, `describe_${i}`));
    for (const [p, slots] of plan) subrequests.push(...chainFor(client, p, slots, call));
    const responses = await client.composite(subrequests);
    const byRef = new Map(responses.map((r) => [r.referenceId, r]));
    for (const [i, name] of pendingDescribes.entries()) {
      const sub = byRef.get(`describe_${i}`);
      if (sub) onDescribe(name, describeOutcome(sub));
    }
    pendingDescribes = [];
    for (const [p, slots] of plan) {
      for (let i = 0; i < slots && !p.done; i++) {
        const sub = byRef.get(refId(p, call, i));
        if (!sub) break;
        if (sub.httpStatusCode >= 400) {
          p.error = subresponseError(sub);
          p.done = true;
          break;
        }
        const page = sub.body as QueryResult;
        if (!p.started) {
          p.started = true;
          p.totalSize = page.totalSize;
          p.pageSize = Math.max(page.records.length, 1);
        }
        p.fetched += page.records.length;
        await onPage(p.spec.key, page.records);
        p.done = page.done || !page.nextRecordsUrl;
        p.nextRecordsUrl = page.nextRecordsUrl;
      }
    }
  }
}

/**
 * How many query subrequests each pending query gets in the next call (at most 5 in all). Started queries get as many
 * as their remaining pages need; slots left over go to queries not yet started, chained speculatively: a chained
 * Query More after the last page simply fails on its own, and the call costs one API call either way.
 */
function allocateSlots(pending: QueryProgress[]): Map<QueryProgress, number> {
  const plan = new Map<QueryProgress, number>();
  let free = COMPOSITE_MAX_QUERY_OR_COLLECTION;
  const fresh = pending.filter((p) => !p.started);
  for (const p of fresh.slice(0, free)) plan.set(p, 1);
  free -= plan.size;
  for (const p of pending) {
    if (free === 0) break;
    if (!p.started) continue;
    const pagesLeft = Math.max(1, Math.ceil((p.totalSize - p.fetched) / p.pageSize));
    const slots = Math.min(free, pagesLeft);
    plan.set(p, slots);
    free -= slots;
  }
  const planned = fresh.filter((p) => plan.has(p));
  for (let i = 0; free > 0 && planned.length > 0; i++, free--) {
    const p = planned[i % planned.length] as QueryProgress;
    plan.set(p, (plan.get(p) ?? 0) + 1);
  }
  return plan;
}

function refId(p: QueryProgress, call: number, i: number): string {
  return `${p.spec.key}_${call}_${i}`;
}

function chainFor(client: SalesforceClient, p: QueryProgress, slots: number, call: number): CompositeSubrequest[] {
  const out: CompositeSubrequest[] = [];
  for (let i = 0; i < slots; i++) {
    let url: string;
    if (i > 0) url = `@{${refId(p, call, i - 1)}.nextRecordsUrl}`;
    else if (!p.started) url = `${client.dataPath}/query?q=${encodeURIComponent(p.spec.soql)}`;
    else url = p.nextRecordsUrl ?? '';
    const sub: CompositeSubrequest = { method: 'GET', url, referenceId: refId(p, call, i) };
    if (i === 0 && !p.started && p.spec.batchSize)
      sub.httpHeaders = { 'Sforce-Query-Options': `batchSize=${p.spec.batchSize}` };
    out.push(sub);
  }
  return out;
}

function describeSubrequest(client: SalesforceClient, name: string, referenceId: string): CompositeSubrequest {
  return { method: 'GET', url: `${client.dataPath}/sobjects/${encodeURIComponent(name)}/describe`, referenceId };
}

function describeOutcome(sub: CompositeSubresponse): DescribeSObjectResult | SalesforceApiError {
  return sub.httpStatusCode >= 400 ? subresponseError(sub) : (sub.body as DescribeSObjectResult);
}

/** One describe outcome: the body, or the error Salesforce answered (e.g. NOT_FOUND for an invisible object). */
export type DescribeOutcome =
  { name: string; describe: DescribeSObjectResult } | { name: string; error: SalesforceApiError };

/**
 * Describes many sObjects, 25 per composite call, with several calls in flight (the client caps concurrency).
 * Each describe is handed to `onDescribe` as soon as its call returns and is not kept, so memory stays flat
 * however many objects the org has.
 */
export async function describeMany(
  client: SalesforceClient,
  names: readonly string[],
  onDescribe: (outcome: DescribeOutcome) => void | Promise<void>,
  options: { parallel?: number } = {},
): Promise<void> {
  const batches = chunk(names, COMPOSITE_MAX_SUBREQUESTS);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++] ?? [];
      let responses = await client.composite(batch.map((name, i) => describeSubrequest(client, name, `d${i}`)));
      const byRef = new Map(responses.map((r) => [r.referenceId, r]));
      responses = [];
      for (const [i, name] of batch.entries()) {
        const sub = byRef.get(`d${i}`);
        if (!sub) continue;
        byRef.delete(`d${i}`);
        const outcome = describeOutcome(sub);
        await onDescribe(
          outcome instanceof SalesforceApiError ? { name, error: outcome } : { name, describe: outcome },
        );
      }
    }
  };
  const parallel = Math.max(1, Math.min(options.parallel ?? 4, batches.length));
  await Promise.all(Array.from({ length: parallel }, worker));
}
