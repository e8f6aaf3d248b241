/**
 * Turns one comparison operator and its decoded literals into a test on a field's comparable key. SOQL treats null
 * as a value: `Name != 'x'` and `Name NOT IN ('x')` keep rows whose Name is null, while <, >, <=, >= never match
 * null. Reference: SOQL and SOSL Reference, "Comparison Operators".
 */
import { compareKeys, type Key, type ValueClass } from './compare';
import type { FilterValue } from './filterValues';

/** A test on a comparable key. */
export type KeyTest = (key: Key) => boolean;

function equalsOne(value: FilterValue, cls: ValueClass): KeyTest {
  if ('range' in value) {
    const { startMs, endMs, startDate, endDate } = value.range;
    if (cls === 'datetime') return (k) => typeof k === 'number' && k >= startMs && k < endMs;
    return (k) => typeof k === 'string' && k >= startDate && k < endDate;
  }
  const wanted = value.key;
  return (k) => k === wanted;
}

function ordered(op: string, value: FilterValue, cls: ValueClass): KeyTest {
  if ('range' in value) {
    // Against a date literal, < and >= compare with the range's start, > and <= with its end.
    const { startMs, endMs, startDate, endDate } = value.range;
    const [start, end] = cls === 'datetime' ? [startMs, endMs] : [startDate, endDate];
    const cmpStart = (k: Exclude<Key, null>): number => compareKeys(k, start);
    const cmpEnd = (k: Exclude<Key, null>): number => compareKeys(k, end);
    const tests: Record<string, (k: Exclude<Key, null>) => boolean> = {
      '<': (k) => cmpStart(k) < 0,
      '>=': (k) => cmpStart(k) >= 0,
      '>': (k) => cmpEnd(k) >= 0,
      '<=': (k) => cmpEnd(k) < 0,
    };
    const test = tests[op] as (k: Exclude<Key, null>) => boolean;
    return (k) => k !== null && test(k);
  }
  const wanted = value.key;
  if (wanted === null) return () => false;
  const tests: Record<string, (c: number) => boolean> = {
    '<': (c) => c < 0,
    '>': (c) => c > 0,
    '<=': (c) => c <= 0,
    '>=': (c) => c >= 0,
  };
  const test = tests[op] as (c: number) => boolean;
  return (k) => k !== null && test(compareKeys(k, wanted));
}

/** The test for `=`, `!=`, `<>`, `<`, `>`, `<=`, `>=`, `IN` and `NOT IN` against decoded literals. */
export function keyTest(op: string, values: FilterValue[], cls: ValueClass): KeyTest {
  const upper = op.toUpperCase();
  const first = values[0] as FilterValue;
  switch (upper) {
    case '=':
      return equalsOne(first, cls);
    case '!=':
    case '<>': {
      const eq = equalsOne(first, cls);
      return (k) => !eq(k);
    }
    case 'IN':
    case 'NOT IN': {
      const plain = new Set(values.filter((v) => 'key' in v).map((v) => (v as { key: Key }).key));
      const ranges = values.filter((v) => 'range' in v).map((v) => equalsOne(v, cls));
      const member: KeyTest = (k) => plain.has(k) || ranges.some((r) => r(k));
      return upper === 'IN' ? member : (k) => !member(k);
    }
    default:
      return ordered(upper, first, cls);
  }
}
