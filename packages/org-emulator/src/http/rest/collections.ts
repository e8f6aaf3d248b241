/**
 * sObject Collections (`/composite/sobjects`): create, update, upsert, delete and retrieve up to 200 records in one
 * call, with per-record results in request order. With allOrNone every change is undone when any record fails and
 * the records that would have succeeded report ALL_OR_NONE_OPERATION_ROLLED_BACK. A create or update takes records of
 * several types in at most 10 chunks, and never mixes a setup object with another type.
 */
import { SfApiError, type CallContext, type ObjectDef, type SaveResult } from '../../org/types';
import { toId18 } from '../../org/ids';
import type { HttpOrg } from '../orgPort';
import { callContext, type RestRequest, type RestResult } from './restTypes';
import { takeField } from '../recordFields';
import { collectionEntry, failedSave, rolledBack, withoutAttributes } from './saveResults';

export const MAX_COLLECTION_RECORDS = 200;
/** Records of several types are processed in chunks of consecutive records of one type, at most 10 per request. */
export const MAX_COLLECTION_CHUNKS = 10;

function tooMany(): SfApiError {
  return new SfApiError(
    400,
    'EXCEEDED_ID_LIMIT',
    'record limit reached. cannot submit more than 200 records into this call',
  );
}

function parserError(message: string): SfApiError {
  return new SfApiError(400, 'JSON_PARSER_ERROR', message);
}

function recordsOf(request: RestRequest): { allOrNone: boolean; records: Record<string, unknown>[] } {
  const body = request.body.jsonObject();
  const records = body['records'];
  if (!Array.isArray(records)) throw parserError("'records' is a required field and must be an array of records.");
  if (records.length > MAX_COLLECTION_RECORDS) throw tooMany();
  if (records.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
    throw parserError('Each element of records must be a record object.');
  }
  return { allOrNone: body['allOrNone'] === true, records: records as Record<string, unknown>[] };
}

function stringList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw parserError(`'${name}' is a required field and must be an array of strings.`);
  }
  return value as string[];
}

/** The record's Id, in whatever letter case the client wrote the key (jsforce sends `id`). */
function idOf(record: Record<string, unknown>): string {
  const key = Object.keys(record).find((k) => k.toLowerCase() === 'id');
  return key ? String(record[key]) : '';
}

function typeOf(record: Record<string, unknown>): string | undefined {
  const attributes = record['attributes'];
  const type = attributes && typeof attributes === 'object' ? (attributes as { type?: unknown }).type : undefined;
  return typeof type === 'string' && type !== '' ? type : undefined;
}

/**
 * Refuses a create or update whose records need more than 10 chunks, or mix types when one of them is a setup object
 * (Salesforce refuses both before saving anything). Types are compared as the schema names them.
 */
function assertChunks(org: HttpOrg, types: readonly (string | undefined)[]): void {
  const objects = types.map((t) => (t ? org.schema.getObject(t) : undefined));
  const chunks = objects.filter((obj, i): obj is ObjectDef => obj !== undefined && (i === 0 || objects[i - 1] !== obj));
  if (chunks.length > MAX_COLLECTION_CHUNKS) {
    throw new SfApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      'Cannot have more than 10 chunks in a single operation. Please rearrange the data to reduce chunking.',
    );
  }
  const [first] = chunks;
  const second = chunks.find((obj) => obj !== first);
  if (first && second && chunks.some((obj) => obj.accessModel === 'setup')) {
    throw new SfApiError(
      400,
      'MIXED_DML_OPERATION',
      'DML operation on setup object is not permitted after you have updated a non-setup object (or vice versa): ' +
        `${second.name}, original object: ${first.name}`,
    );
  }
}

/** Runs one record's operation; a request-level error of the model becomes that record's failure. */
function attempt(operation: () => SaveResult): SaveResult {
  try {
    return operation();
  } catch (error) {
    if (error instanceof SfApiError) return failedSave(error.errorCode, error.message, error.fields ?? []);
    throw error;
  }
}

/** Runs the operations in order, as one unit when allOrNone is set (the records that succeeded are rolled back). */
function runSaves(org: HttpOrg, allOrNone: boolean, operations: (() => SaveResult)[]): SaveResult[] {
  const savepoint = allOrNone ? org.savepoint() : undefined;
  const results = operations.map(attempt);
  if (savepoint && results.some((r) => !r.success)) {
    org.rollback(savepoint);
    return results.map((r) => (r.success ? rolledBack() : r));
  }
  if (savepoint) org.release?.(savepoint);
  return results;
}

/** Saves one record per item as the running user and answers the per-record results in request order. */
function saveEach<T>(
  request: RestRequest,
  allOrNone: boolean,
  items: readonly T[],
  save: (item: T, org: HttpOrg, ctx: CallContext) => SaveResult,
): RestResult {
  const org = request.session.org;
  const ctx = callContext(request);
  const results = runSaves(
    org,
    allOrNone,
    items.map((item) => () => save(item, org, ctx)),
  );
  return { status: 200, body: results.map(collectionEntry) };
}

/** POST /composite/sobjects: create. */
export function createRecords(request: RestRequest): RestResult {
  const { allOrNone, records } = recordsOf(request);
  assertChunks(request.session.org, records.map(typeOf));
  return saveEach(request, allOrNone, records, (record, org, ctx) => {
    const type = typeOf(record);
    if (!type) return failedSave('INVALID_TYPE', 'Must send a concrete entity type.');
    return org.create(ctx, type, withoutAttributes(record));
  });
}

/** PATCH /composite/sobjects: update. */
export function updateRecords(request: RestRequest): RestResult {
  const { allOrNone, records } = recordsOf(request);
  const org = request.session.org;
  assertChunks(
    org,
    records.map((record) => typeOf(record) ?? org.schema.objectForId(idOf(record))?.name),
  );
  return saveEach(request, allOrNone, records, (record, org, ctx) => {
    const fields = withoutAttributes(record);
    const id = takeField(fields, 'Id');
    if (!id) return failedSave('MISSING_ARGUMENT', 'Id not specified in an update call');
    const type = typeOf(record) ?? org.schema.objectForId(id)?.name;
    if (!type) return failedSave('MALFORMED_ID', `malformed id ${id}`);
    return org.update(ctx, type, id, fields);
  });
}

/** DELETE /composite/sobjects?ids=...&allOrNone=: delete. */
export function deleteRecords(request: RestRequest): RestResult {
  const ids = (request.query.get('ids') ?? '').split(',').filter((id) => id.trim() !== '');
  if (ids.length > MAX_COLLECTION_RECORDS) throw tooMany();
  return saveEach(request, request.query.get('allOrNone') === 'true', ids, (id, org, ctx) => {
    const type = toId18(id) ? org.schema.objectForId(id)?.name : undefined;
    if (!type) return failedSave('MALFORMED_ID', `malformed id ${id}`);
    return org.remove(ctx, type, id);
  });
}

/** PATCH /composite/sobjects/{type}/{externalIdField}: upsert (API 46+). */
export function upsertRecords(request: RestRequest): RestResult {
  const { allOrNone, records } = recordsOf(request);
  const urlType = request.params['type'] ?? '';
  const field = request.params['field'] ?? '';
  return saveEach(request, allOrNone, records, (record, org, ctx) => {
    const fields = withoutAttributes(record);
    const value = takeField(fields, field);
    if (!value) return failedSave('MISSING_ARGUMENT', `${field} not specified`);
    return org.upsert(ctx, typeOf(record) ?? urlType, field, value, fields);
  });
}

/** GET /composite/sobjects/{type}?ids=&fields= and POST with `{ids, fields}`: retrieve, null for missing records. */
export function retrieveRecords(request: RestRequest): RestResult {
  let ids: string[];
  let fields: string[];
  if (request.method === 'POST') {
    const body = request.body.jsonObject();
    ids = stringList(body['ids'], 'ids');
    fields = stringList(body['fields'], 'fields');
  } else {
    ids = (request.query.get('ids') ?? '').split(',').filter((id) => id !== '');
    fields = (request.query.get('fields') ?? '').split(',').filter((f) => f !== '');
    if (ids.length === 0 || fields.length === 0) {
      throw new SfApiError(
        400,
        'MISSING_ARGUMENT',
        'Give the ids and fields parameters, e.g. ?ids=001...,001...&fields=Name',
      );
    }
  }
  if (ids.length > MAX_COLLECTION_RECORDS) throw tooMany();
  const org = request.session.org;
  const ctx = callContext(request);
  const type = request.params['type'] ?? '';
  const records = ids.map((id) => {
    try {
      return org.retrieve(ctx, type, id, fields) ?? null;
    } catch (error) {
      if (error instanceof SfApiError && error.status === 404) return null;
      throw error;
    }
  });
  return { status: 200, body: records };
}
