/**
 * Records as the REST API returns them: `{attributes: {type, url}, ...fields}` with only the fields the running user
 * can read, and GET /sobjects/{type}/{id} with its NOT_FOUND and INVALID_FIELD errors.
 */
import type { ObjectDef } from './types';
import { SfApiError } from './types';
import type { UserView } from './access/userView';
import { toId18 } from './ids';
import { notFound } from './dml/recordWriter';

/** The error Salesforce gives for a field name that does not exist or that field-level security hides. */
export function noSuchColumn(field: string, obj: ObjectDef): SfApiError {
  return new SfApiError(
    400,
    'INVALID_FIELD',
    `No such column '${field}' on entity '${obj.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/** The REST URL of a record. */
export function recordUrl(view: UserView, objectName: string, id: string): string {
  return `/services/data/v${view.ctx.apiVersion.toFixed(1)}${view.ctx.tooling ? '/tooling' : ''}/sobjects/${objectName}/${id}`;
}

/** GET /sobjects/{type}/{id}[?fields=a,b]: the record with the requested (or all readable) fields. */
export function retrieveRecord(
  view: UserView,
  typeName: string,
  rawId: string,
  fields?: string[],
): Record<string, unknown> {
  const obj = view.object(typeName);
  if (!obj) throw notFound();
  const id = toId18(rawId);
  if (!id || view.core.schema.objectForId(id) !== obj) {
    throw new SfApiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${rawId}`);
  }
  const row = view.core.store.get(obj.name, id);
  if (!row || !view.rowVisible(obj, row)) throw notFound();
  const selected =
    fields && fields.length > 0
      ? fields.map((name) => view.field(obj, name) ?? failField(name, obj))
      : view.fields(obj);
  const out: Record<string, unknown> = { attributes: { type: obj.name, url: recordUrl(view, obj.name, id) } };
  for (const f of selected) out[f.name] = row[f.name] ?? null;
  return out;
}

function failField(name: string, obj: ObjectDef): never {
  throw noSuchColumn(name, obj);
}
