/**
 * Save results and the errors Salesforce reports for one record, with its status codes and wording. Rules throw
 * SaveFailure to abort a save; the writer turns it into a SaveResult. singleRecordError() maps a failed single-record
 * save to the REST response Salesforce sends for POST/PATCH/DELETE /sobjects/... (status + `[{message, errorCode,
 * fields}]`), so the HTTP layer does not need to know which status codes mean 404.
 */
import type { ObjectDef, SaveErrorItem, SaveResult, SfErrorItem } from '../types';

/** Aborts a save with one or more errors. */
export class SaveFailure extends Error {
  constructor(readonly errors: SaveErrorItem[]) {
    super(errors.map((e) => `${e.statusCode}: ${e.message}`).join('; '));
    this.name = 'SaveFailure';
  }
}

/** One error item. */
export function saveError(statusCode: string, message: string, fields: string[] = []): SaveErrorItem {
  return { statusCode, message, fields };
}

/** Throws a SaveFailure with one error. */
export function fail(statusCode: string, message: string, fields: string[] = []): never {
  throw new SaveFailure([saveError(statusCode, message, fields)]);
}

/** A successful save. */
export function saved(id: string, created?: boolean): SaveResult {
  return created === undefined ? { id, success: true, errors: [] } : { id, success: true, errors: [], created };
}

/** A failed save. */
export function failed(errors: SaveErrorItem[], id: string | null = null): SaveResult {
  return { id, success: false, errors };
}

/** Messages Salesforce uses, in one place so every rule words them the same way. */
export const messages = {
  requiredMissing: (fields: string[]) =>
    saveError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${fields.join(', ')}]`, fields),
  noSuchField: (field: string, obj: ObjectDef) =>
    saveError('INVALID_FIELD', `No such column '${field}' on sobject of type ${obj.name}`),
  notWritable: (fields: string[]) =>
    saveError(
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${fields.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields,
    ),
  insufficientAccess: () => saveError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id'),
  wrongOperation: (obj: ObjectDef, verb: 'inserted' | 'updated' | 'deleted') =>
    saveError('INVALID_TYPE_FOR_OPERATION', `entity type cannot be ${verb}: ${obj.label}`),
  malformedId: (label: string, value: unknown, fields: string[] = []) =>
    saveError('MALFORMED_ID', `${label}: id value of incorrect type: ${String(value)}`, fields),
  wrongIdType: (label: string, value: unknown, fields: string[]) =>
    saveError('FIELD_INTEGRITY_EXCEPTION', `${label}: id value of incorrect type: ${String(value)}`, fields),
  invalidReference: (fields: string[]) =>
    saveError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', fields),
  noAccessToReference: (id: string, fields: string[]) =>
    saveError(
      'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
      `insufficient access rights on cross-reference id: ${id}`,
      fields,
    ),
  entityDeleted: () => saveError('ENTITY_IS_DELETED', 'entity is deleted'),
  duplicateValue: (field: string, existingId: string) =>
    saveError('DUPLICATE_VALUE', `duplicate value found: ${field} duplicates value on record with id: ${existingId}`, [
      field,
    ]),
  duplicateUnknown: () =>
    saveError('DUPLICATE_VALUE', 'duplicate value found: <unknown> duplicates value on record with id: <unknown>'),
  badPicklist: (label: string, value: unknown, field: string) =>
    saveError(
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      `${label}: bad value for restricted picklist field: ${String(value)}`,
      [field],
    ),
  fieldIntegrity: (message: string, fields: string[] = []) => saveError('FIELD_INTEGRITY_EXCEPTION', message, fields),
};

const NOT_FOUND_BODY = (message: string): SfErrorItem[] => [{ message, errorCode: 'NOT_FOUND' }];

/**
 * One item of a failed save's REST body: `fields` names the record's fields at fault, except for errors Salesforce
 * reports about the request, without `fields`: an unknown column (INVALID_FIELD) and a missing record (NOT_FOUND).
 */
export function restErrorItem(error: SaveErrorItem, errorCode = error.statusCode): SfErrorItem {
  return error.statusCode === 'INVALID_FIELD' || errorCode === 'NOT_FOUND'
    ? { message: error.message, errorCode }
    : { message: error.message, errorCode, fields: error.fields };
}

/**
 * The REST response for a failed single-record save. A target id that is malformed or names no record is a 404
 * (NOT_FOUND) in the single-record resources; every other error is a 400 with the save errors as `errorCode`s.
 */
export function singleRecordError(result: SaveResult, targetId?: string): { status: number; body: SfErrorItem[] } {
  const first = result.errors[0];
  if (targetId !== undefined && first && first.fields.length === 0) {
    if (first.statusCode === 'MALFORMED_ID') {
      return {
        status: 404,
        body: NOT_FOUND_BODY(`Provided external ID field does not exist or is not accessible: ${targetId}`),
      };
    }
    if (first.statusCode === 'INVALID_CROSS_REFERENCE_KEY' || first.statusCode === 'ENTITY_IS_DELETED') {
      return { status: 404, body: NOT_FOUND_BODY('The requested resource does not exist') };
    }
  }
  if (first?.statusCode === 'DUPLICATE_EXTERNAL_ID') {
    return {
      status: 300,
      body: result.errors.map((e) => restErrorItem(e, 'MULTIPLE_CHOICES')),
    };
  }
  return {
    status: 400,
    body: result.errors.map((e) => restErrorItem(e)),
  };
}
