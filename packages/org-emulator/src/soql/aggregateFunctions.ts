/**
 * The aggregate functions COUNT(), COUNT(field), COUNT_DISTINCT, SUM, AVG, MIN and MAX: which fields each accepts
 * ("field X does not support aggregate operator SUM" otherwise) and how each folds a group's rows into a value.
 * All but COUNT() and COUNT(Id) ignore nulls. Reference: SOQL and SOSL Reference, "Aggregate Functions".
 */
import type { FieldDef, ObjectDef, SfRecord } from '../org/types';
import { compareKeys, keyOf, valueClass, type ValueClass } from './compare';
import { withoutAlias, type QueryContext } from './context';
import { malformed } from './errors';
import { pathReader, resolvePath, type FieldPath } from './fieldPaths';
import { syntheticField } from './nameEntity';

/** A compiled aggregate function call. */
export interface AggregateCall {
  fn: string;
  path?: FieldPath;
  /** Value class of the result (for HAVING literals and ORDER BY). */
  cls: ValueClass;
  /** Field standing for the result in type checks and column metadata. */
  resultField: FieldDef;
  /** Written form, e.g. COUNT(Id). */
  display: string;
  fold(rows: SfRecord[]): unknown;
}

const COUNT_FIELD = syntheticField('expr', 'int');
const SUM_FIELD = syntheticField('expr', 'double');

function fold(fn: string, read: (row: SfRecord) => unknown, cls: ValueClass): (rows: SfRecord[]) => unknown {
  switch (fn) {
    case 'COUNT':
      return (rows) => rows.reduce((n, row) => (read(row) === null ? n : n + 1), 0);
    case 'COUNT_DISTINCT':
      return (rows) => new Set(rows.map((row) => keyOf(cls, read(row))).filter((k) => k !== null)).size;
    case 'SUM':
    case 'AVG':
      return (rows) => {
        const numbers = rows.map(read).filter((v): v is number => typeof v === 'number');
        if (numbers.length === 0) return null;
        const sum = numbers.reduce((a, b) => a + b, 0);
        return fn === 'SUM' ? sum : sum / numbers.length;
      };
    default: {
      const sign = fn === 'MIN' ? -1 : 1;
      return (rows) => {
        let best: unknown = null;
        let bestKey: ReturnType<typeof keyOf> = null;
        for (const row of rows) {
          const value = read(row);
          const key = keyOf(cls, value);
          if (key !== null && (bestKey === null || sign * compareKeys(key, bestKey) > 0)) {
            best = value;
            bestKey = key;
          }
        }
        return best;
      };
    }
  }
}

/** True when the field may be passed to the function. */
function accepts(fn: string, field: FieldDef): boolean {
  const cls = valueClass(field.type);
  if (!field.aggregatable) return false;
  if (fn === 'SUM' || fn === 'AVG') return cls === 'number';
  if (fn === 'MIN' || fn === 'MAX') return cls !== 'boolean' && cls !== 'other';
  return true;
}

/**
 * Compiles `FN(path)` (or COUNT() when `written` is empty) on `object`; `offset` locates the argument for errors.
 */
export function compileAggregateCall(
  ctx: QueryContext,
  object: ObjectDef,
  alias: string | undefined,
  functionName: string,
  written: string[],
  offset: number,
): AggregateCall {
  const fn = functionName.toUpperCase();
  if (written.length === 0) {
    return { fn, cls: 'number', resultField: COUNT_FIELD, display: 'COUNT()', fold: (rows) => rows.length };
  }
  const path = resolvePath(ctx.ds, object, withoutAlias(written, alias), { query: ctx.text, offset });
  if (!accepts(fn, path.field)) {
    throw malformed(ctx.text, offset, `field ${path.field.name} does not support aggregate operator ${fn}`);
  }
  const cls = valueClass(path.field.type);
  const counting = fn === 'COUNT' || fn === 'COUNT_DISTINCT';
  return {
    fn,
    path,
    cls: counting || fn === 'SUM' || fn === 'AVG' ? 'number' : cls,
    resultField: counting ? COUNT_FIELD : fn === 'SUM' || fn === 'AVG' ? SUM_FIELD : path.field,
    display: `${fn}(${path.canonical})`,
    fold: fold(fn, pathReader(ctx.ds, object.name, path), cls),
  };
}
