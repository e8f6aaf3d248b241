/**
 * Builds result records as the REST API returns them: `{"attributes":{"type","url"}, ...fields in SELECT order}`,
 * parent relationships nested as records with their own attributes (or null), child subqueries as
 * `{totalSize, done: true, records}` (or null when empty). Field names use the schema's canonical case.
 * Reference: REST API Developer Guide, "Query" and "Relationship Queries" examples.
 */
import type { SfRecord } from '../org/types';
import { idKey } from './compare';
import type { QueryContext } from './context';
import { recordUrl } from './dataSource';
import { fieldValue, followHop } from './fieldPaths';
import { cut, selectRows, type ChildPlan, type Projection, type RecordsPlan } from './plan';

type ChildRows = Map<ChildPlan, Map<string, SfRecord[]>>;

/** The rows of a child subquery for a page of parents, filtered by the subquery's WHERE, keyed by parent id. */
function childRowsByParent(ctx: QueryContext, child: ChildPlan, parents: SfRecord[]): Map<string, SfRecord[]> {
  const link = child.relationship.field;
  const parentKeys = new Set(parents.map((p) => idKey(p.Id)));
  const ids = parents.map((p) => p.Id);
  const own = child.source.filter?.test;
  const rows = selectRows(ctx, {
    object: child.source.object,
    filter: {
      test: (row) => parentKeys.has(idKey(row[link])) && (!own || own(row)),
      index: { field: link, values: () => ids },
    },
  });
  const byParent = new Map<string, SfRecord[]>();
  for (const row of rows) {
    const key = idKey(row[link]) as string;
    const list = byParent.get(key);
    if (list) list.push(row);
    else byParent.set(key, [row]);
  }
  return byParent;
}

function shapeOne(
  ctx: QueryContext,
  record: SfRecord,
  type: string,
  node: Projection,
  children: ChildRows,
): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type, url: recordUrl(ctx.ds, type, record.Id) } };
  for (const entry of node.entries) {
    if (entry.kind === 'field') {
      out[entry.key] = fieldValue(ctx.ds, record, type, entry.entity, entry.field);
    } else if (entry.kind === 'parent') {
      const parent = followHop(ctx.ds, record, entry.hop);
      out[entry.key] = parent ? shapeOne(ctx, parent.record, parent.type, entry.node, new Map()) : null;
    } else {
      const rows = children.get(entry.child)?.get(idKey(record.Id) as string) ?? [];
      const page = cut(entry.child.sort ? entry.child.sort(rows) : rows, entry.child);
      out[entry.key] =
        page.length === 0 ? null : { totalSize: page.length, done: true, records: shapeRows(ctx, entry.child, page) };
    }
  }
  return out;
}

/** Shapes a page of rows of a records query (root or child) into REST records. */
export function shapeRows(ctx: QueryContext, plan: RecordsPlan, rows: SfRecord[]): Record<string, unknown>[] {
  const children: ChildRows = new Map();
  for (const entry of plan.projection.entries) {
    if (entry.kind === 'child') children.set(entry.child, childRowsByParent(ctx, entry.child, rows));
  }
  const type = plan.source.object.name;
  return rows.map((row) => shapeOne(ctx, row, type, plan.projection, children));
}
