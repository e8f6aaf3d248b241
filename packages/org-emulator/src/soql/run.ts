/**
 * Compiles and runs a parsed query: rows are selected (through the data source's index when the WHERE clause
 * allows), then ordered, cut and shaped, counted, or aggregated.
 */
import { SfApiError } from '../org/types';
import { compileAggregateQuery, isAggregateQuery } from './aggregate';
import type { QueryContext } from './context';
import { resolveFromObject } from './fromObject';
import type { ParsedSoql } from './parse';
import { cut, selectRows, type QueryPlan } from './plan';
import { compileRecordsQuery } from './records';
import { shapeRows } from './shape';
import { refuseUnsupported } from './unsupported';

/** Aggregate results are never paged: more rows than one batch is an error (use LIMIT). */
const AGGREGATE_BATCH = 2000;

/** Compiles the main query of a parsed statement (validating it completely). */
export function compileQuery(ctx: QueryContext, parsed: ParsedSoql): QueryPlan {
  const scope = parsed.source.root;
  refuseUnsupported(ctx, parsed.ast, scope);
  const object = resolveFromObject(ctx, scope, parsed.ast.sObject ?? '');
  if (isAggregateQuery(parsed.ast)) return compileAggregateQuery(ctx, parsed.ast, scope, object);
  return compileRecordsQuery(ctx, parsed.ast, scope, object);
}

/** Runs a compiled plan: totalSize and REST-shaped records. */
export function runPlan(ctx: QueryContext, plan: QueryPlan): { totalSize: number; records: Record<string, unknown>[] } {
  const rows = selectRows(ctx, plan.source);
  if (plan.kind === 'count') {
    const counted = plan.groupKey ? new Set(rows.map(plan.groupKey)).size : rows.length;
    const afterOffset = Math.max(0, counted - (plan.offset ?? 0));
    return { totalSize: Math.min(afterOffset, plan.limit ?? afterOffset), records: [] };
  }
  if (plan.kind === 'aggregate') {
    const records = plan.run(rows);
    if (records.length > AGGREGATE_BATCH) {
      throw new SfApiError(
        400,
        'EXCEEDED_ID_LIMIT',
        'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch',
      );
    }
    return { totalSize: records.length, records };
  }
  const page = cut(plan.sort ? plan.sort(rows) : rows, plan);
  return { totalSize: page.length, records: shapeRows(ctx, plan, page) };
}
