/**
 * How SOQL compares and sorts values of each field type: text case-insensitively (Salesforce compares the upper-case
 * form in English locales), ids in 15- or 18-character form alike, dates and dateTimes as points in time.
 * Reference: SOQL and SOSL Reference, "Comparison Operators" and "ORDER BY".
 */
import { toId18 } from '../org/ids';
import type { FieldType } from '../org/types';
import { storedDateTime } from './literals';

/** The comparison family of a field type. */
export type ValueClass = 'id' | 'string' | 'boolean' | 'number' | 'date' | 'datetime' | 'time' | 'other';

const CLASSES: Partial<Record<FieldType, ValueClass>> = {
  id: 'id',
  reference: 'id',
  string: 'string',
  textarea: 'string',
  picklist: 'string',
  multipicklist: 'string',
  combobox: 'string',
  email: 'string',
  phone: 'string',
  url: 'string',
  encryptedstring: 'string',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
};

/** The comparison family of a field type ('other' for address, location, base64, anyType). */
export function valueClass(type: FieldType): ValueClass {
  return CLASSES[type] ?? 'other';
}

/** A value reduced to what comparisons use: a string, number or boolean, or null. */
export type Key = string | number | boolean | null;

/** The comparable key of an id in either form (lower case of the 18-character form, which is unique per id). */
export function idKey(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  if (value.length === 18) return value.toLowerCase();
  return (toId18(value) ?? value).toLowerCase();
}

/** The comparable key of a stored value of the given class. */
export function keyOf(cls: ValueClass, value: unknown): Key {
  if (value === null || value === undefined) return null;
  switch (cls) {
    case 'id':
      return idKey(value);
    case 'string':
      return typeof value === 'string' ? value.toUpperCase() : String(value).toUpperCase();
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return value === true || value === 'true';
    case 'datetime':
      return storedDateTime(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** Orders two non-null keys of the same class. */
export function compareKeys(a: Exclude<Key, null>, b: Exclude<Key, null>): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
