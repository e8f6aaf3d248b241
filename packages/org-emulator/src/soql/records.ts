/**
 * Compiles queries that return records: the main query and child relationship subqueries
 * (`(SELECT Id FROM Assignments WHERE ...)`). Builds the result shape in SELECT order, with parent relationships
 * nested and duplicate or aliased fields refused as Salesforce refuses them.
 * Reference: SOQL and SOSL Reference, "SELECT", "Relationship Queries", "Using Relationship Queries".
 */
import type { ObjectDef } from '../org/types';
import type { FieldType as SelectItem, Query, Subquery } from '@jetstreamapp/soql-parser-js';
import { ClauseCursor, withoutAlias, type QueryContext } from './context';
import { malformed, unknownChildRelationship } from './errors';
import { resolvePath, type FieldPath } from './fieldPaths';
import { compileFilter } from './filters';
import { checkOffset } from './fromObject';
import { compileRecordOrder } from './orderBy';
import type { ChildPlan, Projection, RecordsPlan } from './plan';
import type { Scope } from './sourceMap';
import { AGGREGATE_FUNCTIONS, refuseUnsupported } from './unsupported';

/** The written path of a plain or relationship select item (with the object alias if one was written). */
export function writtenPath(item: SelectItem): string[] | undefined {
  const prefix = 'objectPrefix' in item && item.objectPrefix ? [item.objectPrefix] : [];
  if (item.type === 'Field') return [...prefix, item.field];
  if (item.type === 'FieldRelationship') return [...prefix, ...item.relationships, item.field];
  return undefined;
}

/** Adds a resolved path to a projection, nesting it under its parent relationships. */
function addToProjection(projection: Projection, path: FieldPath): void {
  let node = projection;
  for (const hop of path.hops) {
    let entry = node.entries.find((e) => e.kind === 'parent' && e.key === hop.relationshipName);
    if (!entry) {
      entry = { kind: 'parent', key: hop.relationshipName, hop, node: { entries: [] } };
      node.entries.push(entry);
    }
    node = (entry as { node: Projection }).node;
  }
  node.entries.push({ kind: 'field', key: path.field.name, field: path.field, entity: path.entity });
}

/** Compiles the SELECT list, WHERE, ORDER BY, OFFSET and LIMIT of a records query on `object`. */
export function compileRecordsQuery(
  ctx: QueryContext,
  query: Query | Subquery,
  scope: Scope,
  object: ObjectDef,
): RecordsPlan {
  const alias = query.sObjectAlias;
  const cursor = new ClauseCursor(ctx, scope, 'SELECT');
  const children = scope.childrenIn('SELECT');
  const projection: Projection = { entries: [] };
  const seen = new Set<string>();
  let idSelected = false;
  for (const item of query.fields ?? []) {
    if (item.type === 'FieldSubquery') {
      const child = compileChildQuery(ctx, item.subquery, children.shift() as Scope, object, alias);
      projection.entries.push({ kind: 'child', key: child.relationship.relationshipName as string, child });
      continue;
    }
    const written = writtenPath(item) as string[];
    const offset = cursor.at(written);
    if ('alias' in item && item.alias) {
      throw malformed(ctx.text, cursor.followingWordOffset(), 'only aggregate expressions use field aliasing');
    }
    const path = resolvePath(ctx.ds, object, withoutAlias(written, alias), { query: ctx.text, offset });
    const key = path.canonical.toUpperCase();
    if (seen.has(key)) throw malformed(ctx.text, offset, `duplicate field selected: ${written.join('.')}`);
    seen.add(key);
    idSelected ||= path.canonical === 'Id';
    addToProjection(projection, path);
  }
  checkOffset(query.offset);
  return {
    kind: 'records',
    source: { object, filter: compileFilter(ctx, scope, object, alias, query.where) },
    projection,
    idSelected,
    sort: compileRecordOrder(ctx, scope, object, alias, query.orderBy),
    limit: query.limit,
    offset: query.offset,
  };
}

/** Compiles a child relationship subquery of `parent`. */
function compileChildQuery(
  ctx: QueryContext,
  sub: Subquery,
  scope: Scope,
  parent: ObjectDef,
  parentAlias: string | undefined,
): ChildPlan {
  refuseUnsupported(ctx, sub, scope);
  const aggregate = (sub.fields ?? []).find(
    (f) => f.type === 'FieldFunctionExpression' && AGGREGATE_FUNCTIONS.includes(f.functionName.toUpperCase()),
  );
  if (aggregate || sub.groupBy !== undefined) {
    const name = aggregate && 'functionName' in aggregate ? aggregate.functionName : 'GROUP';
    const at = scope.find(aggregate ? 'SELECT' : 'GROUP BY', [name], 0, aggregate !== undefined);
    throw malformed(
      ctx.text,
      ctx.source.offsetOf(at ?? scope.start),
      'only root queries support aggregate expressions',
    );
  }
  const written = sub.relationshipName;
  const prefix = sub.sObjectPrefix ?? [];
  const prefixOk =
    prefix.length === 0 || (prefix.length === 1 && prefix[0]?.toUpperCase() === parentAlias?.toUpperCase());
  const relationship = prefixOk
    ? parent.childRelationships.find((r) => r.relationshipName?.toUpperCase() === written.toUpperCase())
    : undefined;
  const child = relationship && ctx.ds.getObject(relationship.childSObject);
  if (!relationship || !child || !ctx.ds.getField(child.name, relationship.field)) {
    throw unknownChildRelationship(ctx.text, scope.clauseOffset('FROM'), written);
  }
  return { ...compileRecordsQuery(ctx, sub, scope, child), relationship };
}
