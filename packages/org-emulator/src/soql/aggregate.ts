/**
 * Aggregate queries: GROUP BY (plain and relationship fields), aggregate functions named by alias or exprN in
 * SELECT order, HAVING, ORDER BY on grouped fields or aggregates, and COUNT(). Results are AggregateResult records
 * whose grouped fields appear under the field's name. References: SOQL and SOSL Reference, "GROUP BY", "HAVING",
 * "Using Aliases with GROUP BY", "COUNT() and COUNT(fieldName)".
 */
import type { ObjectDef, SfRecord } from '../org/types';
import type {
  Condition,
  FieldType as SelectItem,
  HavingClause,
  NegationCondition,
  Query,
} from '@jetstreamapp/soql-parser-js';
import { compileAggregateCall, type AggregateCall } from './aggregateFunctions';
import { buildBoolTree, evaluator, mapTree, MixedOperators } from './boolTree';
import { keyOf, valueClass, type Key } from './compare';
import { keyTest } from './comparison';
import { ClauseCursor, withoutAlias, type QueryContext } from './context';
import { atQuery, malformed, unexpectedToken } from './errors';
import { pathReader, resolvePath, type FieldPath } from './fieldPaths';
import { compileFilter } from './filters';
import { decodeLiterals } from './filterValues';
import { checkOffset } from './fromObject';
import { orderItems } from './orderBy';
import { cut, sortItems, type AggregateOutput, type AggregatePlan, type CountPlan, type SortKey } from './plan';
import { writtenPath } from './records';
import type { Scope } from './sourceMap';

/** One group of rows with its grouped values (as first seen) and their comparable keys. */
interface Group {
  values: unknown[];
  keys: Key[];
  rows: SfRecord[];
}

interface GroupField {
  path: FieldPath;
  read: (row: SfRecord) => unknown;
  keyOf: (value: unknown) => Key;
}

/** A HAVING condition (on an aggregate function or a grouped field). */
type HavingLeaf = Exclude<Condition, NegationCondition>;

/** How one output, HAVING operand or ORDER BY key is computed from a group. */
type GroupValue = (group: Group) => unknown;

/** True for a query that aggregates (aggregate functions or GROUP BY). */
export function isAggregateQuery(query: Query): boolean {
  const hasFunction = (query.fields ?? []).some((f) => f.type === 'FieldFunctionExpression' && f.isAggregateFn);
  return hasFunction || query.groupBy !== undefined;
}

class AggregateCompiler {
  private readonly groups: GroupField[] = [];
  private readonly alias: string | undefined;

  constructor(
    private readonly ctx: QueryContext,
    private readonly query: Query,
    private readonly scope: Scope,
    private readonly object: ObjectDef,
  ) {
    this.alias = query.sObjectAlias;
  }

  compileGroupBy(): void {
    const cursor = new ClauseCursor(this.ctx, this.scope, 'GROUP BY');
    for (const clause of this.query.groupBy === undefined ? [] : [this.query.groupBy].flat()) {
      const written = 'field' in clause ? clause.field.split('.') : [];
      const offset = cursor.at(written);
      const path = this.resolve(written, offset);
      if (!path.field.groupable) {
        throw atQuery(
          this.ctx.text,
          offset,
          'INVALID_FIELD',
          `field '${path.field.name}' can not be grouped in a query call`,
        );
      }
      const cls = valueClass(path.field.type);
      this.groups.push({ path, read: pathReader(this.ctx.ds, this.object.name, path), keyOf: (v) => keyOf(cls, v) });
    }
  }

  /** The grouped field a path refers to, or the "must be grouped" error for `what`. */
  grouped(path: FieldPath, offset: number, what: string, written: string[]): GroupValue {
    const index = this.groups.findIndex((g) => g.path.canonical.toUpperCase() === path.canonical.toUpperCase());
    if (index < 0)
      throw malformed(this.ctx.text, offset, `${what} must be grouped or aggregated: ${written.join('.')}`);
    return (group) => group.values[index];
  }

  call(cursor: ClauseCursor, fn: string, params: unknown[]): AggregateCall {
    const fnOffset = cursor.at([fn], true);
    const written = typeof params[0] === 'string' ? params[0].split('.') : [];
    const offset = written.length > 0 ? cursor.at(written) : fnOffset;
    return compileAggregateCall(this.ctx, this.object, this.alias, fn, written, offset);
  }

  resolve(written: string[], offset: number): FieldPath {
    const segments = withoutAlias(written, this.alias);
    return resolvePath(this.ctx.ds, this.object, segments, { query: this.ctx.text, offset });
  }

  compileSelect(): { outputs: AggregateOutput[]; values: GroupValue[] } {
    const cursor = new ClauseCursor(this.ctx, this.scope, 'SELECT');
    const outputs: AggregateOutput[] = [];
    const values: GroupValue[] = [];
    let unnamed = 0;
    const children = this.scope.childrenIn('SELECT');
    for (const item of this.query.fields ?? []) {
      let output: AggregateOutput;
      if (item.type === 'FieldSubquery') {
        const offset = this.ctx.source.offsetOf((children.shift() as Scope).start);
        throw malformed(
          this.ctx.text,
          offset,
          `Field must be grouped or aggregated: ${item.subquery.relationshipName}`,
        );
      } else if (item.type === 'FieldFunctionExpression') {
        const call = this.call(cursor, item.functionName, item.parameters);
        output = { key: item.alias ?? `expr${unnamed++}`, field: call.resultField, fn: call.fn, display: call.display };
        values.push((group) => call.fold(group.rows));
      } else {
        const written = writtenPath(item as SelectItem) as string[];
        const offset = cursor.at(written);
        const path = this.resolve(written, offset);
        values.push(this.grouped(path, offset, 'Field', withoutAlias(written, this.alias)));
        output = {
          key: ('alias' in item && item.alias) || path.field.name,
          field: path.field,
          display: path.canonical,
        };
      }
      if (outputs.some((o) => o.key.toUpperCase() === output.key.toUpperCase())) {
        throw malformed(this.ctx.text, cursor.followingWordOffset(), `duplicate alias: ${output.key}`);
      }
      outputs.push(output);
    }
    return { outputs, values };
  }

  compileHaving(having: HavingClause): (group: Group) => boolean {
    let tree;
    try {
      tree = buildBoolTree<HavingLeaf>(having as never);
    } catch (error) {
      if (!(error instanceof MixedOperators)) throw error;
      const index = this.scope.logicalOperators('HAVING')[error.ordinal];
      throw unexpectedToken(this.ctx.text, this.ctx.source.offsetOf(index ?? 0), error.keyword);
    }
    const cursor = new ClauseCursor(this.ctx, this.scope, 'HAVING');
    return evaluator(mapTree(tree, (leaf) => this.havingLeaf(cursor, leaf)));
  }

  private havingLeaf(cursor: ClauseCursor, leaf: HavingLeaf): (group: Group) => boolean {
    let read: GroupValue;
    let field;
    let cls;
    if ('fn' in leaf) {
      const call = this.call(cursor, leaf.fn.functionName ?? '', leaf.fn.parameters ?? []);
      read = (group) => call.fold(group.rows);
      [field, cls] = [call.resultField, call.cls];
    } else {
      const written = leaf.field.split('.');
      const offset = cursor.at(written);
      const path = this.resolve(written, offset);
      read = this.grouped(path, offset, 'Having field', withoutAlias(written, this.alias));
      [field, cls] = [path.field, valueClass(path.field.type)];
    }
    const site = { ctx: this.ctx, valueOffset: (n: number) => cursor.valueOffset(n), fieldName: field.name };
    const test = keyTest(leaf.operator, decodeLiterals(site, field, cls, leaf as never), cls);
    const resultClass = cls;
    return (group) => test(keyOf(resultClass, read(group)));
  }

  compileOrder(): SortKey<Group>[] {
    const cursor = new ClauseCursor(this.ctx, this.scope, 'ORDER BY');
    return orderItems(this.query.orderBy).map((item) => {
      let read: GroupValue;
      let cls;
      if ('fn' in item) {
        const call = this.call(cursor, item.fn.functionName ?? '', item.fn.parameters ?? []);
        [read, cls] = [(group: Group) => call.fold(group.rows), call.cls];
      } else {
        const written = item.field.split('.');
        const offset = cursor.at(written);
        const path = this.resolve(written, offset);
        read = this.grouped(path, offset, 'Ordered field', withoutAlias(written, this.alias));
        cls = valueClass(path.field.type);
      }
      const keyClass = cls;
      return {
        key: (group: Group) => keyOf(keyClass, read(group)),
        descending: item.order === 'DESC',
        nullsLast: item.nulls === 'LAST',
      };
    });
  }

  /** A string that is equal for rows of the same group. */
  groupId(row: SfRecord): string {
    return JSON.stringify(this.groups.map((g) => g.keyOf(g.read(row))));
  }

  /** Splits rows into groups (one group of everything without GROUP BY), in ascending group-key order. */
  group(rows: SfRecord[]): Group[] {
    if (this.groups.length === 0) return [{ values: [], keys: [], rows }];
    const byKey = new Map<string, Group>();
    for (const row of rows) {
      const values = this.groups.map((g) => g.read(row));
      const keys = this.groups.map((g, i) => g.keyOf(values[i]));
      const id = JSON.stringify(keys);
      const group = byKey.get(id);
      if (group) group.rows.push(row);
      else byKey.set(id, { values, keys, rows: [row] });
    }
    const sortKeys = this.groups.map((_, i) => ({
      key: (g: Group) => g.keys[i] ?? null,
      descending: false,
      nullsLast: false,
    }));
    return sortItems([...byKey.values()], sortKeys);
  }
}

function isCountAll(item: SelectItem): boolean {
  return (
    item.type === 'FieldFunctionExpression' &&
    item.functionName.toUpperCase() === 'COUNT' &&
    item.parameters.length === 0
  );
}

/** Compiles an aggregate query (or a COUNT() query) on `object`. */
export function compileAggregateQuery(
  ctx: QueryContext,
  query: Query,
  scope: Scope,
  object: ObjectDef,
): AggregatePlan | CountPlan {
  const compiler = new AggregateCompiler(ctx, query, scope, object);
  const fields = query.fields ?? [];
  compiler.compileGroupBy();
  if (fields.some(isCountAll)) {
    if (fields.length > 1) {
      const count = scope.find('SELECT', ['COUNT'], 0, true) ?? scope.start;
      const at = ctx.source.token(count - 1)?.text === ',' ? count - 1 : count + 3;
      throw unexpectedToken(ctx.text, ctx.source.offsetOf(at), ',');
    }
    checkOffset(query.offset);
    return {
      kind: 'count',
      source: { object, filter: compileFilter(ctx, scope, object, query.sObjectAlias, query.where) },
      groupKey: query.groupBy === undefined ? undefined : (row) => compiler.groupId(row),
      limit: query.limit,
      offset: query.offset,
    };
  }
  const { outputs, values } = compiler.compileSelect();
  const source = { object, filter: compileFilter(ctx, scope, object, query.sObjectAlias, query.where) };
  const having = query.having ? compiler.compileHaving(query.having) : undefined;
  const order = compiler.compileOrder();
  checkOffset(query.offset);
  return {
    kind: 'aggregate',
    source,
    outputs,
    groupBy: query.groupBy !== undefined,
    run(rows) {
      let groups = compiler.group(rows);
      if (having) groups = groups.filter(having);
      if (order.length > 0) groups = sortItems(groups, order);
      return cut(groups, query).map((group) => {
        const record: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
        outputs.forEach((output, i) => {
          record[output.key] = (values[i] as GroupValue)(group);
        });
        return record;
      });
    },
  };
}
