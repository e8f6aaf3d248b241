/**
 * sObject resources: Describe Global, sObject Basic Information, sObject Describe, sObject Rows (create, retrieve,
 * update, delete) and sObject Rows by External ID (upsert, retrieve). Every operation runs as the calling user through
 * the org model, which applies Salesforce's permission and DML rules.
 */
import { SfApiError, type SfRecord } from '../../org/types';
import { callContext, versionBase, type RestRequest, type RestResult } from './restTypes';
import { singleRecordFailure, withoutAttributes } from './saveResults';

/** Salesforce's answer for a resource or record that does not exist. */
export function notFound(): SfApiError {
  return new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

function param(request: RestRequest, name: string): string {
  return request.params[name] ?? '';
}

function fieldsParam(request: RestRequest): string[] | undefined {
  const fields = request.query.get('fields');
  return fields
    ? fields
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== '')
    : undefined;
}

/** GET /sobjects: Describe Global. */
export function describeGlobal(request: RestRequest): RestResult {
  return { status: 200, body: request.session.org.describeGlobal(callContext(request)) };
}

/** GET /sobjects/{type}: sObject Basic Information. */
export function basicInfo(request: RestRequest): RestResult {
  const type = param(request, 'type').toLowerCase();
  const global = request.session.org.describeGlobal(callContext(request)) as { sobjects?: { name: string }[] };
  const entry = global.sobjects?.find((s) => s.name.toLowerCase() === type);
  if (!entry) throw notFound();
  return { status: 200, body: { objectDescribe: entry, recentItems: [] } };
}

/** GET /sobjects/{type}/describe. */
export function describeSObject(request: RestRequest): RestResult {
  return { status: 200, body: request.session.org.describeSObject(callContext(request), param(request, 'type')) };
}

/** POST /sobjects/{type}: create one record. */
export function createRecord(request: RestRequest): RestResult {
  const body = withoutAttributes(request.body.jsonObject());
  const result = request.session.org.create(callContext(request), param(request, 'type'), body);
  if (!result.success) return singleRecordFailure(result);
  return { status: 201, body: { id: result.id, success: true, errors: [] } };
}

/** GET /sobjects/{type}/{id}: retrieve one record (optionally `?fields=`). */
export function retrieveRecord(request: RestRequest): RestResult {
  const record = request.session.org.retrieve(
    callContext(request),
    param(request, 'type'),
    param(request, 'id'),
    fieldsParam(request),
  );
  if (!record) throw notFound();
  return { status: 200, body: record };
}

/** PATCH /sobjects/{type}/{id}: update one record (204). */
export function updateRecord(request: RestRequest): RestResult {
  const body = withoutAttributes(request.body.jsonObject());
  const result = request.session.org.update(callContext(request), param(request, 'type'), param(request, 'id'), body);
  return result.success ? { status: 204 } : singleRecordFailure(result);
}

/** DELETE /sobjects/{type}/{id}: delete one record (204). */
export function deleteRecord(request: RestRequest): RestResult {
  const result = request.session.org.remove(callContext(request), param(request, 'type'), param(request, 'id'));
  return result.success ? { status: 204 } : singleRecordFailure(result);
}

/** PATCH /sobjects/{type}/{field}/{value}: upsert by external id (201 created; 200 updated from v46, 204 before). */
export function upsertRecord(request: RestRequest): RestResult {
  const body = withoutAttributes(request.body.jsonObject());
  const result = request.session.org.upsert(
    callContext(request),
    param(request, 'type'),
    param(request, 'field'),
    param(request, 'value'),
    body,
  );
  if (!result.success) return singleRecordFailure(result);
  if (result.created) return { status: 201, body: { id: result.id, success: true, errors: [], created: true } };
  if (Number(request.version) < 46) return { status: 204 };
  return { status: 200, body: { id: result.id, success: true, errors: [], created: false } };
}

/** GET /sobjects/{type}/{field}/{value}: retrieve by external id (300 with the matching URLs when several match). */
export function retrieveByExternalId(request: RestRequest): RestResult {
  const ctx = callContext(request);
  const ds = request.session.org.dataSource(ctx);
  const object = ds.getObject(param(request, 'type'));
  const field = object ? ds.getField(object.name, param(request, 'field')) : undefined;
  if (!object || !field) throw notFound();
  const wanted = param(request, 'value').toLowerCase();
  const matches: SfRecord[] = [];
  for (const row of ds.rows(object.name, false)) {
    const value = row[field.name];
    if (value !== null && value !== undefined && String(value).toLowerCase() === wanted) matches.push(row);
  }
  if (matches.length === 0) throw notFound();
  if (matches.length > 1) {
    return { status: 300, body: matches.map((m) => `${versionBase(request)}/sobjects/${object.name}/${m.Id}`) };
  }
  const record = request.session.org.retrieve(ctx, object.name, (matches[0] as SfRecord).Id, fieldsParam(request));
  return { status: 200, body: record };
}
