/**
 * Turns JSON values from a request body into stored field values, with the errors Salesforce reports for wrong types,
 * values too long, bad picklist values, malformed emails and references that are malformed, of the wrong type,
 * missing, or to records the running user cannot see.
 */
import type { FieldDef, ObjectDef, SaveErrorItem } from '../types';
import type { UserView } from '../access/userView';
import { formatDateTime } from '../core';
import { toId18 } from '../ids';
import { messages, saveError } from './saveErrors';
import { acceptedReferenceTargets } from '../schema/fieldFactory';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMERIC = new Set(['int', 'long', 'double', 'currency', 'percent']);
const TEXT = new Set([
  'string',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
  'combobox',
  'encryptedstring',
  'base64',
]);

type Coerced = { value: unknown } | { error: SaveErrorItem };

function parserError(kind: string, raw: unknown): { error: SaveErrorItem } {
  const token =
    typeof raw === 'string' ? 'VALUE_STRING' : typeof raw === 'number' ? 'VALUE_NUMBER_INT' : 'START_OBJECT';
  return {
    error: saveError(
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${kind} from ${token} value ${JSON.stringify(raw)} or request may be missing a required field`,
    ),
  };
}

/** The stored value for `raw`, or the error Salesforce reports for it. */
export function coerceFieldValue(view: UserView, obj: ObjectDef, f: FieldDef, raw: unknown): Coerced {
  if (raw === null || raw === undefined || raw === '') {
    return { value: f.type === 'boolean' ? false : null };
  }
  if (f.type === 'boolean') {
    if (typeof raw === 'boolean') return { value: raw };
    if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
    return parserError('boolean', raw);
  }
  if (NUMERIC.has(f.type)) {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isFinite(n)) return parserError(f.type === 'int' ? 'int' : 'double', raw);
    if (f.type === 'int' && !Number.isInteger(n)) return parserError('int', raw);
    return { value: n };
  }
  if (f.type === 'date') {
    if (typeof raw !== 'string' || !DATE.test(raw.slice(0, 10)) || Number.isNaN(Date.parse(raw.slice(0, 10)))) {
      return parserError('date', raw);
    }
    return { value: raw.slice(0, 10) };
  }
  if (f.type === 'datetime') {
    const t = typeof raw === 'string' ? Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
    if (Number.isNaN(t)) return parserError('datetime', raw);
    return { value: formatDateTime(new Date(t)) };
  }
  if (f.type === 'reference') return coerceReference(view, f, raw);
  if (TEXT.has(f.type)) return coerceText(f, raw);
  return { value: raw };
}

function coerceText(f: FieldDef, raw: unknown): Coerced {
  if (typeof raw === 'object') return parserError('String', raw);
  const value = String(raw);
  if (f.length > 0 && value.length > f.length && f.type !== 'base64') {
    return {
      error: saveError('STRING_TOO_LONG', `${f.label}: data value too large: ${value} (max length=${f.length})`, [
        f.name,
      ]),
    };
  }
  if (f.type === 'email' && !EMAIL.test(value)) {
    return { error: saveError('INVALID_EMAIL_ADDRESS', `${f.label}: invalid email address: ${value}`, [f.name]) };
  }
  if (f.restrictedPicklist && f.picklistValues.length > 0 && !f.picklistValues.some((p) => p.value === value)) {
    return { error: messages.badPicklist(f.label, value, f.name) };
  }
  return { value };
}

function coerceReference(view: UserView, f: FieldDef, raw: unknown): Coerced {
  const id = toId18(raw);
  if (!id) return { error: messages.malformedId(f.label, raw, [f.name]) };
  const target = view.core.schema.objectForId(id);
  if (!target || !acceptedReferenceTargets(f).some((t) => t.toLowerCase() === target.name.toLowerCase())) {
    return { error: messages.wrongIdType(f.label, raw, [f.name]) };
  }
  if (!view.core.store.get(target.name, id)) return { error: messages.invalidReference([f.name]) };
  if (!view.inApi(target)) return { value: id };
  if (!view.object(target.name)) return { error: messages.noAccessToReference(id, [f.name]) };
  return { value: id };
}
