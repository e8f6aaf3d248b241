/**
 * Resolves the object of a FROM clause for the running user and API (data or Tooling, version), and the limits
 * that apply to any query on it (OFFSET at most 2,000). Reference: SOQL and SOSL Reference, "FROM" and "OFFSET".
 */
import { SfApiError, type ObjectDef } from '../org/types';
import type { QueryContext } from './context';
import { isQueryableHere } from './dataSource';
import { atQuery, unsupportedObject } from './errors';
import type { Scope } from './sourceMap';

/** Largest OFFSET Salesforce accepts. */
export const MAX_OFFSET = 2000;

/** The FROM object of a scope, or INVALID_TYPE (caret under the name) when the user cannot query it here. */
export function resolveFromObject(ctx: QueryContext, scope: Scope, written: string): ObjectDef {
  const offset = scope.clauseOffset('FROM');
  const def = ctx.ds.getObject(written);
  if (!def || !isQueryableHere(ctx.ds, def)) throw unsupportedObject(ctx.text, offset, written);
  if (!def.queryable) {
    throw atQuery(ctx.text, offset, 'INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support query`);
  }
  return def;
}

/** Refuses an OFFSET above 2,000 with NUMBER_OUTSIDE_VALID_RANGE. */
export function checkOffset(offset: number | undefined): void {
  if (offset !== undefined && offset > MAX_OFFSET) {
    throw new SfApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }
}
