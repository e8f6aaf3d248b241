/**
 * Compiles a WHERE clause into a row predicate, plus an index hint when the clause is (or is an AND containing) an
 * equality or IN on an id or reference field, which the data source may serve from an index. Covers comparisons,
 * LIKE, INCLUDES/EXCLUDES, semi-joins and anti-joins (`Id IN (SELECT ParentId FROM ...)`), AND/OR/NOT.
 * Reference: SOQL and SOSL Reference, "WHERE", "Comparison Operators", "Logical Operators",
 * "Semi-Joins with IN and Anti-Joins with NOT IN".
 */
import type { ObjectDef, SfRecord } from '../org/types';
import type {
  ConditionWithValueQuery,
  NegationCondition,
  Query,
  ValueCondition,
  WhereClause,
} from '@jetstreamapp/soql-parser-js';
import { buildBoolTree, evaluator, leaves, mapTree, MixedOperators, type BoolTree } from './boolTree';
import { idKey, keyOf, valueClass } from './compare';
import { keyTest } from './comparison';
import { ClauseCursor, withoutAlias, type QueryContext } from './context';
import { atQuery, malformed, notSupportedByEmulator, unexpectedToken } from './errors';
import { decodeLiterals, soapTypeName, type FilterValue } from './filterValues';
import { pathReader, resolvePath, type FieldPath } from './fieldPaths';
import { likeMatcher } from './literals';
import type { Scope } from './sourceMap';

/** Values a semi-join subquery selects: comparable keys and canonical ids (for an index lookup). */
export interface SemiJoinValues {
  keys: Set<string>;
  ids: string[];
}

/** A row predicate with an optional index hint. */
export interface CompiledFilter {
  test: (row: SfRecord) => boolean;
  index?: { field: string; values: () => readonly string[] };
}

/** What compiling a WHERE clause needs to know about its query. */
export interface WhereEnv {
  ctx: QueryContext;
  scope: Scope;
  object: ObjectDef;
  alias: string | undefined;
  /** Compiles a semi-join subquery; its values are computed once, when first needed. */
  semiJoin(query: Query, scope: Scope, left: FieldPath): () => SemiJoinValues;
}

type Leaf = Exclude<ConditionWithValueQuery, NegationCondition>;

function compileLike(
  env: WhereEnv,
  cursor: ClauseCursor,
  path: FieldPath,
  cond: ValueCondition,
): (value: unknown) => boolean {
  const { ctx } = env;
  const cls = valueClass(path.field.type);
  const spec = cond as { value: string | string[]; literalType?: string | string[] };
  if (spec.literalType === 'NULL') throw malformed(ctx.text, cursor.valueOffset(0), 'invalid operator');
  if (cls !== 'string') {
    throw malformed(ctx.text, cursor.valueOffset(0), `invalid operator on ${soapTypeName(path.field.type)} field`);
  }
  if (spec.literalType !== 'STRING') throw unexpectedToken(ctx.text, cursor.valueOffset(0), String(spec.value));
  const matches = likeMatcher(String(spec.value));
  return (value) => typeof value === 'string' && matches(value);
}

function compileIncludes(env: WhereEnv, cursor: ClauseCursor, path: FieldPath, cond: ValueCondition) {
  const { ctx } = env;
  if (path.field.type !== 'multipicklist') {
    throw malformed(ctx.text, cursor.valueOffset(0), 'includes or excludes operator only valid on multipicklist field');
  }
  const site = { ctx, valueOffset: (n: number) => cursor.valueOffset(n), fieldName: path.field.name };
  // Each literal is a ;-separated set of values that must all be selected.
  const wanted = decodeLiterals(site, path.field, 'string', cond as never).map((v) =>
    'key' in v && typeof v.key === 'string' ? v.key.split(';').map((s) => s.trim()) : [],
  );
  const includes = (value: unknown): boolean => {
    if (typeof value !== 'string') return false;
    const selected = new Set(value.toUpperCase().split(';'));
    return wanted.some((set) => set.every((v) => selected.has(v)));
  };
  return cond.operator === 'INCLUDES' ? includes : (value: unknown) => !includes(value);
}

/**
 * FieldPermissions.Field from API 50.0: a lookup field may be named without its Id, so `'Contact.Account'` finds the
 * row stored as `Contact.AccountId` (Object Reference, FieldPermissions: "for lookup field inserts and queries, you can
 * leave off the Id in the field name or include it").
 */
function withPermissionFieldNames(env: WhereEnv, field: string | undefined, values: FilterValue[]): FilterValue[] {
  if (env.object.name !== 'FieldPermissions' || field !== 'Field' || env.ctx.ds.apiVersion < 50) return values;
  return values.map((v) => {
    if (!('key' in v) || typeof v.key !== 'string') return v;
    const [objectName = '', name = '', ...rest] = v.key.split('.');
    const fields = env.ctx.ds.getObject(objectName)?.fields ?? [];
    if (rest.length > 0 || fields.some((f) => f.name.toUpperCase() === name)) return v;
    const lookup = fields.find((f) => f.referenceTo.length > 0 && f.relationshipName?.toUpperCase() === name);
    return lookup ? { key: `${objectName}.${lookup.name.toUpperCase()}` } : v;
  });
}

function compileLeaf(env: WhereEnv, cursor: ClauseCursor, cond: Leaf, children: Scope[]): CompiledFilter {
  const { ctx, object } = env;
  if ('fn' in cond) {
    const fn = (cond as { fn: { functionName?: string } }).fn.functionName ?? 'function';
    throw notSupportedByEmulator(ctx.text, cursor.at([fn], true), `The function ${fn}() in WHERE`);
  }
  const written = cond.field.split('.');
  const offset = cursor.at(written);
  const path = resolvePath(ctx.ds, object, withoutAlias(written, env.alias), { query: ctx.text, offset });
  if (!path.field.filterable) {
    throw atQuery(ctx.text, offset, 'INVALID_FIELD', `field '${path.field.name}' can not be filtered in a query call`);
  }
  const read = pathReader(ctx.ds, object.name, path);
  const direct = path.hops.length === 0 ? path.field.name : undefined;
  const cls = valueClass(path.field.type);

  if ('valueQuery' in cond && cond.valueQuery) {
    const scope = children.shift() as Scope;
    const values = env.semiJoin(cond.valueQuery, scope, path);
    const negate = cond.operator !== 'IN';
    return {
      test: (row) => {
        const key = idKey(read(row));
        return (key !== null && values().keys.has(key)) !== negate;
      },
      index: direct && !negate ? { field: direct, values: () => values().ids } : undefined,
    };
  }
  const op = cond.operator.toUpperCase();
  if (op === 'LIKE') {
    const like = compileLike(env, cursor, path, cond as ValueCondition);
    return { test: (row) => like(read(row)) };
  }
  if (op === 'INCLUDES' || op === 'EXCLUDES') {
    const includes = compileIncludes(env, cursor, path, cond as ValueCondition);
    return { test: (row) => includes(read(row)) };
  }
  if (cls === 'other' || cls === 'time') {
    throw notSupportedByEmulator(ctx.text, offset, `Filtering on ${path.field.type} fields`);
  }
  if (cls === 'boolean' && !['=', '!=', '<>', 'IN', 'NOT IN'].includes(op)) {
    throw malformed(ctx.text, cursor.valueOffset(0), 'invalid operator on boolean field');
  }
  const site = { ctx, valueOffset: (n: number) => cursor.valueOffset(n), fieldName: path.field.name };
  const values = withPermissionFieldNames(env, direct, decodeLiterals(site, path.field, cls, cond as never));
  const test = keyTest(op, values, cls);
  const ids = values.flatMap((v) => ('id' in v && v.id ? [v.id] : []));
  const indexable = direct !== undefined && cls === 'id' && (op === '=' || op === 'IN') && ids.length === values.length;
  return {
    test: (row) => test(keyOf(cls, read(row))),
    index: indexable ? { field: direct, values: () => ids } : undefined,
  };
}

/** Refuses semi-joins under OR, as Salesforce does. */
function checkSemiJoinPlacement(env: WhereEnv, tree: BoolTree<Leaf>, underOr: boolean): void {
  if (tree.kind === 'leaf') {
    if (underOr && 'valueQuery' in tree.cond && tree.cond.valueQuery) {
      const offset = env.ctx.source.offsetOf(env.scope.find('WHERE', tree.cond.field.split('.')) ?? 0);
      throw malformed(env.ctx.text, offset, "Semi join sub-selects are not allowed with the 'OR' operator");
    }
    return;
  }
  if (tree.kind === 'not') return checkSemiJoinPlacement(env, tree.child, underOr);
  for (const child of tree.children) checkSemiJoinPlacement(env, child, underOr || tree.kind === 'or');
}

/** The index hint of a leaf, or of the first hinted operand of an AND (an OR or NOT cannot use an index). */
function indexHint(tree: BoolTree<CompiledFilter>): CompiledFilter['index'] {
  if (tree.kind === 'leaf') return tree.cond.index;
  if (tree.kind !== 'and') return undefined;
  for (const child of tree.children) {
    const hint = indexHint(child);
    if (hint) return hint;
  }
  return undefined;
}

/** Compiles a WHERE clause of the query in `env.scope`. */
export function compileWhere(env: WhereEnv, where: WhereClause): CompiledFilter {
  let tree: BoolTree<Leaf>;
  try {
    tree = buildBoolTree<Leaf>(where);
  } catch (error) {
    if (!(error instanceof MixedOperators)) throw error;
    const index = env.scope.logicalOperators('WHERE')[error.ordinal];
    throw unexpectedToken(env.ctx.text, env.ctx.source.offsetOf(index ?? 0), error.keyword);
  }
  checkSemiJoinPlacement(env, tree, false);
  const cursor = new ClauseCursor(env.ctx, env.scope, 'WHERE');
  const children = env.scope.childrenIn('WHERE');
  // Leaves are compiled in text order so that the cursor and the subquery scopes line up with them.
  const compiled = new Map<Leaf, CompiledFilter>();
  const ordered = leaves(tree).sort((a, b) => a.index - b.index);
  for (const leaf of ordered) compiled.set(leaf.cond, compileLeaf(env, cursor, leaf.cond, children));
  const filters = mapTree(tree, (leaf) => compiled.get(leaf) as CompiledFilter);
  return { test: evaluator(mapTree(filters, (f) => f.test)), index: indexHint(filters) };
}
