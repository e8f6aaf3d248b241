/**
 * The compiled form of a query: where its rows come from, how they are filtered, ordered and cut, and what each
 * result record looks like. Compilation validates everything against the schema (and throws Salesforce's errors);
 * running a plan never fails on schema grounds.
 */
import type { ChildRelationshipDef, FieldDef, ObjectDef, SfRecord } from '../org/types';
import type { Key } from './compare';
import type { QueryContext } from './context';
import type { Hop } from './fieldPaths';
import type { CompiledFilter } from './whereClause';

/** The FROM object and WHERE filter of a query. */
export interface RowSource {
  object: ObjectDef;
  filter?: CompiledFilter;
}

/** One entry of a result record, in SELECT order. */
export type ProjectionEntry =
  | { kind: 'field'; key: string; field: FieldDef; entity: string }
  | { kind: 'parent'; key: string; hop: Hop; node: Projection }
  | { kind: 'child'; key: string; child: ChildPlan };

/** The shape of result records of one object (or one parent relationship). */
export interface Projection {
  entries: ProjectionEntry[];
}

/** Sorting, OFFSET and LIMIT of a query. */
export interface Window {
  sort?: <T extends SfRecord>(rows: T[]) => T[];
  limit?: number;
  offset?: number;
}

/** A query returning records (the main query or a child subquery). */
export interface RecordsPlan extends Window {
  kind: 'records';
  source: RowSource;
  projection: Projection;
  idSelected: boolean;
}

/** A child relationship subquery such as `(SELECT Id FROM Assignments)`. */
export interface ChildPlan extends RecordsPlan {
  relationship: ChildRelationshipDef;
}

/** `SELECT COUNT() FROM X`: only totalSize. */
export interface CountPlan extends Window {
  kind: 'count';
  source: RowSource;
  /** With GROUP BY, COUNT() counts groups. */
  groupKey?: (row: SfRecord) => string;
}

/** One column of an aggregate result, in SELECT order. */
export interface AggregateOutput {
  /** Result key: the alias, exprN, or the grouped field's name. */
  key: string;
  /** Grouped field, or the field an aggregate function reads (absent for COUNT()). */
  field?: FieldDef;
  fn?: string;
  /** How the column is written, e.g. COUNT(Id). */
  display: string;
}

/** An aggregate query (aggregate functions and/or GROUP BY). */
export interface AggregatePlan {
  kind: 'aggregate';
  source: RowSource;
  outputs: AggregateOutput[];
  groupBy: boolean;
  /** Turns the filtered rows into AggregateResult records (grouping, HAVING, ORDER BY, OFFSET, LIMIT). */
  run(rows: SfRecord[]): Record<string, unknown>[];
}

/** Any compiled root query. */
export type QueryPlan = RecordsPlan | CountPlan | AggregatePlan;

/** One ORDER BY key over items of type T. */
export interface SortKey<T> {
  key: (item: T) => Key;
  descending: boolean;
  /** Salesforce sorts nulls first unless NULLS LAST is given, whatever the direction. */
  nullsLast: boolean;
}

/** Sorts items by ORDER BY keys (stable: ties keep their order). */
export function sortItems<T>(items: T[], keys: SortKey<T>[]): T[] {
  const decorated = items.map((item) => ({ item, keys: keys.map((k) => k.key(item)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const spec = keys[i] as SortKey<T>;
      const x = a.keys[i] ?? null;
      const y = b.keys[i] ?? null;
      if (x === y) continue;
      if (x === null || y === null) return (x === null) !== spec.nullsLast ? -1 : 1;
      const c = x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return spec.descending ? -c : c;
    }
    return 0;
  });
  return decorated.map((d) => d.item);
}

/** Applies OFFSET then LIMIT. */
export function cut<T>(items: T[], window: Window): T[] {
  const start = window.offset ?? 0;
  return window.limit === undefined ? items.slice(start) : items.slice(start, start + window.limit);
}

/** The rows of a source that pass its filter, read through the data source's index when the filter allows it. */
export function selectRows(ctx: QueryContext, source: RowSource): SfRecord[] {
  const { ds, includeDeleted } = ctx;
  const hint = source.filter?.index;
  const indexed = hint && ds.rowsWhere?.(source.object.name, hint.field, hint.values(), includeDeleted);
  const candidates = indexed ?? ds.rows(source.object.name, includeDeleted);
  const test = source.filter?.test;
  const out: SfRecord[] = [];
  for (const row of candidates) if (!test || test(row)) out.push(row);
  return out;
}
