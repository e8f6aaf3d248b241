/**
 * ORDER BY for queries that return records: fields and parent-relationship fields, ASC/DESC, NULLS FIRST/LAST
 * (nulls first by default), case-insensitive text. Reference: SOQL and SOSL Reference, "ORDER BY".
 */
import type { ObjectDef, SfRecord } from '../org/types';
import type { OrderByClause } from '@jetstreamapp/soql-parser-js';
import { keyOf, valueClass } from './compare';
import { ClauseCursor, withoutAlias, type QueryContext } from './context';
import { malformed, unexpectedToken } from './errors';
import { pathReader, resolvePath } from './fieldPaths';
import { sortItems, type SortKey, type Window } from './plan';
import type { Scope } from './sourceMap';

/** The ORDER BY items of a query as a list. */
export function orderItems(orderBy: OrderByClause | OrderByClause[] | undefined): OrderByClause[] {
  return orderBy === undefined ? [] : [orderBy].flat();
}

/** Compiles the ORDER BY of a records query into a sort function (undefined without ORDER BY). */
export function compileRecordOrder(
  ctx: QueryContext,
  scope: Scope,
  object: ObjectDef,
  alias: string | undefined,
  orderBy: OrderByClause | OrderByClause[] | undefined,
): Window['sort'] {
  const items = orderItems(orderBy);
  if (items.length === 0) return undefined;
  const cursor = new ClauseCursor(ctx, scope, 'ORDER BY');
  const keys: SortKey<SfRecord>[] = items.map((item) => {
    if ('fn' in item) {
      const name = item.fn.functionName ?? '';
      throw unexpectedToken(ctx.text, cursor.at([name], true), name);
    }
    const written = item.field.split('.');
    const offset = cursor.at(written);
    const path = resolvePath(ctx.ds, object, withoutAlias(written, alias), { query: ctx.text, offset });
    if (!path.field.sortable) {
      throw malformed(ctx.text, offset, `field '${path.field.name}' can not be sorted in a query call`);
    }
    const read = pathReader(ctx.ds, object.name, path);
    const cls = valueClass(path.field.type);
    return { key: (row) => keyOf(cls, read(row)), descending: item.order === 'DESC', nullsLast: item.nulls === 'LAST' };
  });
  return <T extends SfRecord>(rows: T[]) => sortItems<T>(rows, keys as SortKey<T>[]);
}
