/**
 * The right-hand side of a WHERE or HAVING comparison: each literal checked against the field's type and decoded
 * into a comparable key (or a date range for TODAY, LAST_N_DAYS:n and friends), with Salesforce's errors for
 * mismatches ("value of filter criterion for field 'X' must be of type boolean and should not be enclosed in
 * quotes", "invalid ID field: abc"). Reference: SOQL and SOSL Reference, "Comparison Operators", "Date Formats and
 * Date Literals", "Quoted String Escape Sequences".
 */
import { toId18 } from '../org/ids';
import type { FieldDef, FieldType } from '../org/types';
import { keyOf, type Key, type ValueClass } from './compare';
import type { QueryContext } from './context';
import { dateLiteralRange, type DateRange } from './dateLiterals';
import { malformed, notSupportedByEmulator } from './errors';
import { BadEscape, decodeString, parseDateLiteral, parseDateTimeLiteral } from './literals';

/** A decoded literal: a comparable key (null for NULL) or a date range. */
export type FilterValue = { key: Key; id?: string } | { range: DateRange };

/** The literal part of a parsed condition. */
export interface LiteralSpec {
  value: string | string[];
  literalType?: string | string[];
  dateLiteralVariable?: number | number[];
}

/** SOAP type names Salesforce uses in "must be of type X" messages. */
const SOAP_TYPES: Partial<Record<FieldType, string>> = {
  id: 'id',
  reference: 'id',
  boolean: 'boolean',
  int: 'int',
  long: 'long',
  double: 'double',
  currency: 'double',
  percent: 'double',
  date: 'date',
  datetime: 'dateTime',
  time: 'time',
};

/** The SOAP type name of a field type ('string' for text-like types). */
export function soapTypeName(type: FieldType): string {
  return SOAP_TYPES[type] ?? 'string';
}

function pick<T>(value: T | T[] | undefined, i: number): T | undefined {
  return Array.isArray(value) ? value[i] : value;
}

/** Where literals sit, for error carets. */
export interface LiteralSite {
  ctx: QueryContext;
  /** Offset of the n-th literal of the condition. */
  valueOffset(n: number): number;
  /** The field name as the error message shows it. */
  fieldName: string;
}

function typeMismatch(site: LiteralSite, n: number, field: FieldDef, cls: ValueClass): Error {
  const quoted = cls === 'string' || cls === 'id' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
  return malformed(
    site.ctx.text,
    site.valueOffset(n),
    `value of filter criterion for field '${site.fieldName}' must be of type ${soapTypeName(field.type)} and ${quoted}`,
  );
}

function decodeQuoted(site: LiteralSite, n: number, raw: string): string {
  try {
    return decodeString(raw);
  } catch (error) {
    if (!(error instanceof BadEscape)) throw error;
    throw malformed(site.ctx.text, site.valueOffset(n), `Invalid string literal ${raw}. ${error.message}`);
  }
}

/** One literal decoded for a field of class `cls`. */
function decodeOne(site: LiteralSite, n: number, field: FieldDef, cls: ValueClass, spec: LiteralSpec): FilterValue {
  const raw = pick(spec.value, n) ?? '';
  const type = pick(spec.literalType, n) ?? 'STRING';
  const { ctx } = site;
  switch (type) {
    case 'NULL':
      return { key: null };
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL': {
      if (cls !== 'date' && cls !== 'datetime') throw typeMismatch(site, n, field, cls);
      const [name = ''] = raw.split(':');
      return { range: dateLiteralRange(name, pick(spec.dateLiteralVariable, n) ?? 0, ctx.now) };
    }
    case 'STRING': {
      if (cls === 'string') return { key: keyOf('string', decodeQuoted(site, n, raw)) };
      if (cls !== 'id') throw typeMismatch(site, n, field, cls);
      const text = decodeQuoted(site, n, raw);
      const id = toId18(text);
      if (!id) throw malformed(ctx.text, site.valueOffset(n), `invalid ID field: ${text}`);
      return { key: keyOf('id', id), id };
    }
    case 'INTEGER':
    case 'DECIMAL':
      if (cls !== 'number') throw typeMismatch(site, n, field, cls);
      return { key: Number(raw) };
    case 'BOOLEAN':
      if (cls !== 'boolean') throw typeMismatch(site, n, field, cls);
      return { key: raw.toUpperCase() === 'TRUE' };
    case 'DATE': {
      if (cls !== 'date') throw typeMismatch(site, n, field, cls);
      const date = parseDateLiteral(raw);
      if (!date) throw malformed(ctx.text, site.valueOffset(n), `Invalid date: ${raw}`);
      return { key: date };
    }
    case 'DATETIME': {
      if (cls !== 'datetime') throw typeMismatch(site, n, field, cls);
      const ms = parseDateTimeLiteral(raw);
      if (ms === undefined) throw malformed(ctx.text, site.valueOffset(n), `Invalid datetime: ${raw}`);
      return { key: ms };
    }
    default:
      // Currency-prefixed numbers (USD500) only exist in multi-currency orgs, which the emulator does not model.
      throw notSupportedByEmulator(ctx.text, site.valueOffset(n), `The literal ${raw}`);
  }
}

/** All literals of a condition, decoded for the field. */
export function decodeLiterals(site: LiteralSite, field: FieldDef, cls: ValueClass, spec: LiteralSpec): FilterValue[] {
  const count = Array.isArray(spec.value) ? spec.value.length : 1;
  return Array.from({ length: count }, (_, n) => decodeOne(site, n, field, cls, spec));
}
