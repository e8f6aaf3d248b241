/**
 * The org emulator's SOQL engine: runs SOQL against a `SoqlDataSource` (the running user's view of an org) and
 * answers as Salesforce's REST query resource does, errors included. The HTTP layer pages the records
 * (2,000 per page, query locators) and builds `{totalSize, done, nextRecordsUrl?, records}`.
 */
import type { QueryContext } from './context';
import type { SoqlEngineDataSource } from './dataSource';
import { planColumns, type QueryColumns } from './columns';
import { parseSoql } from './parse';
import type { QueryPlan } from './plan';
import { compileQuery, runPlan } from './run';

export type { QueryColumn, QueryColumns } from './columns';
export type { SoqlEngineDataSource } from './dataSource';

/** The result of a query before paging. */
export interface QueryOutcome {
  /** Number of records (after LIMIT/OFFSET); for `SELECT COUNT() FROM X`, the count. */
  totalSize: number;
  /** REST-shaped records: sObject records with attributes, or AggregateResult rows; empty for COUNT(). */
  records: Record<string, unknown>[];
  /** Canonical name of the FROM object. */
  entityName: string;
  /** True for `SELECT COUNT() FROM X` (no records, totalSize is the answer). */
  isCount: boolean;
}

/** Parses and fully validates a statement. */
function compile(
  ds: SoqlEngineDataSource,
  soql: string,
  includeDeleted: boolean,
): { ctx: QueryContext; plan: QueryPlan } {
  const parsed = parseSoql(soql);
  const ctx: QueryContext = { ds, text: soql, source: parsed.source, includeDeleted, now: ds.now?.() ?? new Date() };
  return { ctx, plan: compileQuery(ctx, parsed) };
}

/**
 * Runs a SOQL query for the data source's user. `includeDeleted` is true for queryAll. Throws SfApiError with
 * Salesforce's status, errorCode and message (MALFORMED_QUERY, INVALID_TYPE, INVALID_FIELD, ...).
 */
export function executeQuery(
  ds: SoqlEngineDataSource,
  soql: string,
  options: { includeDeleted: boolean },
): QueryOutcome {
  const { ctx, plan } = compile(ds, soql, options.includeDeleted);
  const { totalSize, records } = runPlan(ctx, plan);
  return { totalSize, records, entityName: plan.source.object.name, isCount: plan.kind === 'count' };
}

/** The `&columns=true` answer for a query (validated exactly as executeQuery validates it, but not run). */
export function describeQueryColumns(ds: SoqlEngineDataSource, soql: string): QueryColumns {
  return planColumns(compile(ds, soql, false).plan);
}
