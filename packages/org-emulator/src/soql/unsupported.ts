/**
 * SOQL features the emulator does not implement are refused with MALFORMED_QUERY naming the feature, so that a test
 * never passes against a silently ignored clause. WITH SECURITY_ENFORCED gets the message Salesforce itself returns
 * outside Apex since Summer '24 (API 61, release notes "Changed Error Messages"; UNCONFIRMED beyond that source).
 */
import type { FieldType as SelectItem, Query, Subquery } from '@jetstreamapp/soql-parser-js';
import type { QueryContext } from './context';
import { malformed, notSupportedByEmulator } from './errors';
import type { Scope } from './sourceMap';

/** Aggregate functions the engine implements (all others functions are refused). */
export const AGGREGATE_FUNCTIONS = ['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX'];

const SECURITY_ENFORCED_OUTSIDE_APEX =
  'rule soqlWithIdentifierClause failed predicate: {this.helper.allowApexSyntax() && this.helper.hasApexContext()}?';

function functionName(item: { functionName?: string }): string {
  return (item.functionName ?? '').toUpperCase();
}

/** Refuses a select item the engine cannot evaluate (TYPEOF, FIELDS(), toLabel(), FORMAT(), date functions...). */
function checkSelectItem(ctx: QueryContext, scope: Scope, item: SelectItem): void {
  if (item.type === 'FieldTypeof') {
    throw notSupportedByEmulator(ctx.text, ctx.source.offsetOf(scope.find('SELECT', ['TYPEOF']) ?? 0), 'TYPEOF');
  }
  if (item.type === 'FieldFunctionExpression' && !AGGREGATE_FUNCTIONS.includes(functionName(item))) {
    const offset = ctx.source.offsetOf(scope.find('SELECT', [item.functionName], 0, true) ?? 0);
    throw notSupportedByEmulator(ctx.text, offset, `The function ${item.functionName}()`);
  }
}

/** Throws MALFORMED_QUERY for the first unsupported construct of one SELECT (not its subqueries). */
export function refuseUnsupported(ctx: QueryContext, query: Query | Subquery, scope: Scope): void {
  const refuse = (clause: Parameters<Scope['keywordOffset']>[0], feature: string): never => {
    throw notSupportedByEmulator(ctx.text, scope.keywordOffset(clause), feature);
  };
  for (const item of query.fields ?? []) checkSelectItem(ctx, scope, item);
  if (query.usingScope) refuse('USING', 'USING SCOPE');
  if (query.withSecurityEnforced)
    throw malformed(ctx.text, scope.keywordOffset('WITH'), SECURITY_ENFORCED_OUTSIDE_APEX);
  if (query.withAccessLevel) refuse('WITH', `WITH ${query.withAccessLevel}`);
  if (query.withDataCategory) refuse('WITH', 'WITH DATA CATEGORY');
  const groupBy = query.groupBy === undefined ? [] : [query.groupBy].flat();
  const groupFn = groupBy.find((g) => 'fn' in g);
  if (groupFn && 'fn' in groupFn) refuse('GROUP BY', `GROUP BY ${groupFn.fn.functionName ?? 'function'}()`);
  const orderBy = query.orderBy === undefined ? [] : [query.orderBy].flat();
  for (const order of orderBy) {
    if ('fn' in order && !AGGREGATE_FUNCTIONS.includes(functionName(order.fn))) {
      refuse('ORDER BY', `ORDER BY ${order.fn.functionName ?? 'function'}()`);
    }
  }
  if (query.for) refuse('FOR', `FOR ${query.for}`);
  if (query.update) refuse('UPDATE', `UPDATE ${query.update}`);
}
