/**
 * WHERE clauses with their semi-join and anti-join subqueries (`Id IN (SELECT ParentId FROM ObjectPermissions
 * WHERE ...)`, `NOT IN (...)`). A subquery's values are computed once per query run, the first time a row needs
 * them. Reference: SOQL and SOSL Reference, "Semi-Joins with IN and Anti-Joins with NOT IN".
 */
import { toId18 } from '../org/ids';
import type { ObjectDef } from '../org/types';
import type { Query, WhereClause } from '@jetstreamapp/soql-parser-js';
import { idKey, valueClass } from './compare';
import { ClauseCursor, withoutAlias, type QueryContext } from './context';
import { malformed, notSupportedByEmulator } from './errors';
import type { FieldPath } from './fieldPaths';
import { pathReader, resolvePath } from './fieldPaths';
import { checkOffset, resolveFromObject } from './fromObject';
import { compileRecordOrder } from './orderBy';
import { cut, selectRows } from './plan';
import type { Scope } from './sourceMap';
import { refuseUnsupported } from './unsupported';
import { compileWhere, type CompiledFilter, type SemiJoinValues } from './whereClause';

/** The objects an id-valued field can point to. */
function idTargets(path: FieldPath): string[] {
  return path.field.type === 'id' ? [path.entity] : path.field.referenceTo;
}

function compileSemiJoin(
  ctx: QueryContext,
  outer: ObjectDef,
  query: Query,
  scope: Scope,
  left: FieldPath,
): () => SemiJoinValues {
  refuseUnsupported(ctx, query, scope);
  const object = resolveFromObject(ctx, scope, query.sObject ?? '');
  if (object.name === outer.name) {
    throw malformed(
      ctx.text,
      scope.clauseOffset('FROM'),
      'The inner and outer selects should not be on the same object type',
    );
  }
  if (query.groupBy !== undefined || query.having !== undefined) {
    throw notSupportedByEmulator(ctx.text, scope.keywordOffset('GROUP BY'), 'GROUP BY in a semi-join subquery');
  }
  const cursor = new ClauseCursor(ctx, scope, 'SELECT');
  const [item, extra] = query.fields ?? [];
  if (!item || extra || (item.type !== 'Field' && item.type !== 'FieldRelationship')) {
    throw malformed(ctx.text, scope.clauseOffset('SELECT'), 'semi join sub selects can only query one id field');
  }
  const written = item.type === 'Field' ? [item.field] : [...item.relationships, item.field];
  const offset = cursor.at(written);
  const path = resolvePath(ctx.ds, object, withoutAlias(written, query.sObjectAlias), { query: ctx.text, offset });
  if (valueClass(path.field.type) !== 'id') {
    throw malformed(
      ctx.text,
      offset,
      `semi join sub selects can only query id fields, cannot use: '${written.join('.')}'`,
    );
  }
  const sharesTarget = idTargets(path).some((t) => idTargets(left).includes(t));
  if (valueClass(left.field.type) !== 'id' || !sharesTarget) {
    throw malformed(
      ctx.text,
      offset,
      `The selected field '${path.canonical}' in the subquery and the left operand field in the where expression ` +
        `in the outer query '${left.canonical}' must point to the same object type`,
    );
  }
  checkOffset(query.offset);
  const filter = compileFilter(ctx, scope, object, query.sObjectAlias, query.where);
  const sort = compileRecordOrder(ctx, scope, object, query.sObjectAlias, query.orderBy);
  const read = pathReader(ctx.ds, object.name, path);
  let values: SemiJoinValues | undefined;
  return () => {
    if (!values) {
      const rows = cut(sort ? sort(selectRows(ctx, { object, filter })) : selectRows(ctx, { object, filter }), query);
      const keys = new Set<string>();
      const ids: string[] = [];
      for (const row of rows) {
        const value = read(row);
        const key = idKey(value);
        if (key === null || keys.has(key)) continue;
        keys.add(key);
        ids.push(toId18(value) ?? String(value));
      }
      values = { keys, ids };
    }
    return values;
  };
}

/** Compiles the WHERE clause of a query on `object` (undefined when there is none). */
export function compileFilter(
  ctx: QueryContext,
  scope: Scope,
  object: ObjectDef,
  alias: string | undefined,
  where: WhereClause | undefined,
): CompiledFilter | undefined {
  if (!where) return undefined;
  return compileWhere(
    {
      ctx,
      scope,
      object,
      alias,
      semiJoin: (query, subScope, left) => compileSemiJoin(ctx, object, query, subScope, left),
    },
    where,
  );
}
