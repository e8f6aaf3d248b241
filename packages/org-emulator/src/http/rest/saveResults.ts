/**
 * How save results travel over REST: sObject Collections report each record as `{id, success, errors}` with
 * `statusCode` in errors; a single-record resource that fails answers `[{message, errorCode, fields}]` instead.
 */
import { restErrorItem } from '../../org/dml/saveErrors';
import type { SaveResult } from '../../org/types';
import type { RestResult } from './restTypes';

/** Status codes whose single-record failure is a 404 rather than a 400. */
const NOT_FOUND_CODES = new Set(['NOT_FOUND', 'ENTITY_IS_DELETED']);

/** Salesforce's message for records undone by allOrNone. */
export const ROLLED_BACK_MESSAGE =
  'Record rolled back because not all records were valid and the request was using AllOrNone header';

/** A collection result entry: failed records carry no id. */
export function collectionEntry(result: SaveResult): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  if (result.success || result.id) entry['id'] = result.id;
  entry['success'] = result.success;
  entry['errors'] = result.errors;
  if (result.created !== undefined) entry['created'] = result.created;
  return entry;
}

/** A result for a record undone by allOrNone. */
export function rolledBack(): SaveResult {
  return {
    id: null,
    success: false,
    errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: ROLLED_BACK_MESSAGE, fields: [] }],
  };
}

/** A per-record failure built from a status code and message. */
export function failedSave(statusCode: string, message: string, fields: string[] = []): SaveResult {
  return { id: null, success: false, errors: [{ statusCode, message, fields }] };
}

/** The REST error response of a failed single-record save. */
export function singleRecordFailure(result: SaveResult): RestResult {
  const first = result.errors[0];
  const status = first && NOT_FOUND_CODES.has(first.statusCode) ? 404 : 400;
  return {
    status,
    body: result.errors.map((e) => restErrorItem(e)),
  };
}

/** The record body without the `attributes` key clients may send along. */
export function withoutAttributes(record: Record<string, unknown>): Record<string, unknown> {
  const { attributes: _attributes, ...fields } = record;
  return fields;
}
