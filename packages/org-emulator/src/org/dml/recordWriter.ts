/**
 * sObject create/update/delete/upsert as the running user: object and field access, body parsing, required fields,
 * references, unique fields, then the object's rules. Record-level problems come back as a SaveResult with per-record
 * errors (statusCode), as sObject Collections report them; only an object the user cannot see throws (NOT_FOUND).
 */
import type { FieldDef, ObjectDef, SaveErrorItem, SaveResult, SfRecord } from '../types';
import { SfApiError } from '../types';
import type { UserView } from '../access/userView';
import { toId18 } from '../ids';
import { coerceFieldValue } from './fieldValues';
import type { RuleBook, WriteContext } from './rules';
import { failed, messages, saved, SaveFailure, saveError } from './saveErrors';

/** The error for an object that does not exist for the running user (describe and REST answer the same). */
export function notFound(): SfApiError {
  return new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

interface Parsed {
  values: Record<string, unknown>;
  errors: SaveErrorItem[];
}

/** Writes records as one user through one view, applying a rule book. */
export class RecordWriter {
  private readonly w: WriteContext;

  constructor(
    private readonly view: UserView,
    private readonly rules: RuleBook,
  ) {
    this.w = { core: view.core, view, actorId: view.ctx.userId };
  }

  /** Creates a record. */
  create(typeName: string, body: Record<string, unknown>): SaveResult {
    const obj = this.visibleObject(typeName);
    return this.guard(null, () => this.insert(obj, body));
  }

  /** Updates a record. */
  update(typeName: string, id: string, body: Record<string, unknown>): SaveResult {
    const obj = this.visibleObject(typeName);
    return this.guard(null, () => {
      const row = this.target(obj, id);
      return this.change(obj, row, body);
    });
  }

  /** Deletes a record (recycle bin for data objects; master-detail children go with it). */
  remove(typeName: string, id: string): SaveResult {
    const obj = this.visibleObject(typeName);
    return this.guard(null, () => {
      const row = this.target(obj, id);
      const rights = this.view.rights(obj);
      if (!rights.delete)
        throw new SaveFailure([
          obj.deletable ? messages.insufficientAccess() : messages.wrongOperation(obj, 'deleted'),
        ]);
      this.delete(obj, row);
      return saved(row.Id);
    });
  }

  /** Inserts or updates by an external id field (or Id); `created` tells which. */
  upsert(typeName: string, fieldName: string, value: string, body: Record<string, unknown>): SaveResult {
    const obj = this.visibleObject(typeName);
    const f = this.view.field(obj, fieldName);
    if (!f || !(f.externalId || f.idLookup)) {
      throw new SfApiError(
        404,
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${fieldName}`,
      );
    }
    return this.guard(null, () => {
      const matches = this.findByExternalId(obj, f, value);
      if (matches.length > 1) {
        throw new SaveFailure([
          saveError(
            'DUPLICATE_EXTERNAL_ID',
            `${f.label}: more than one record found for external id field: [${matches.map((m) => m.Id).join(', ')}]`,
            [f.name],
          ),
        ]);
      }
      const match = matches[0];
      if (match) return { ...this.change(obj, match, withoutField(body, f.name)), created: false };
      if (f.name === 'Id') return failed([messages.invalidReference([])]);
      return { ...this.insert(obj, { ...withoutField(body, f.name), [f.name]: value }), created: true };
    });
  }

  private visibleObject(typeName: string): ObjectDef {
    const obj = this.view.object(typeName);
    if (!obj) throw notFound();
    return obj;
  }

  private guard(id: string | null, work: () => SaveResult): SaveResult {
    try {
      return work();
    } catch (e) {
      if (e instanceof SaveFailure) return failed(e.errors, id);
      throw e;
    }
  }

  private target(obj: ObjectDef, rawId: string): SfRecord {
    const id = toId18(rawId);
    if (!id || this.view.core.schema.objectForId(id) !== obj)
      throw new SaveFailure([messages.malformedId(`${obj.label} ID`, rawId)]);
    const row = this.view.core.store.get(obj.name, id);
    if (!row) {
      throw new SaveFailure([
        this.view.core.store.getDeleted(obj.name, id) ? messages.entityDeleted() : messages.invalidReference([]),
      ]);
    }
    if (!this.view.rowVisible(obj, row)) throw new SaveFailure([messages.insufficientAccess()]);
    return row;
  }

  private insert(obj: ObjectDef, body: Record<string, unknown>): SaveResult {
    if (!this.view.rights(obj).create) {
      throw new SaveFailure([
        obj.createable ? messages.insufficientAccess() : messages.wrongOperation(obj, 'inserted'),
      ]);
    }
    const { values, errors } = this.parse(obj, body, 'create');
    if (errors.length > 0) throw new SaveFailure(errors);
    const row = this.withDefaults(obj, values);
    const missing = obj.fields
      .filter(
        (f) =>
          f.createable && !f.nillable && !f.defaultedOnCreate && f.type !== 'boolean' && (row[f.name] ?? null) === null,
      )
      .map((f) => f.name);
    if (missing.length > 0) throw new SaveFailure([messages.requiredMissing(missing)]);
    deriveNames(obj, row);
    this.rules[obj.name]?.beforeInsert?.(this.w, row);
    this.checkUnique(obj, row, undefined);
    const inserted = this.view.core.insert(obj.name, row, this.w.actorId);
    this.rules[obj.name]?.afterInsert?.(this.w, inserted);
    return saved(inserted.Id);
  }

  private change(obj: ObjectDef, previous: SfRecord, body: Record<string, unknown>): SaveResult {
    if (!this.view.rights(obj).edit) {
      throw new SaveFailure([obj.updateable ? messages.insufficientAccess() : messages.wrongOperation(obj, 'updated')]);
    }
    const { values, errors } = this.parse(obj, body, 'update', previous.Id);
    if (errors.length > 0) throw new SaveFailure(errors);
    const cleared = obj.fields.filter(
      (f) => f.name in values && values[f.name] === null && !f.nillable && f.type !== 'boolean',
    );
    if (cleared.length > 0) throw new SaveFailure([messages.requiredMissing(cleared.map((f) => f.name))]);
    const next: Record<string, unknown> = { ...previous, ...values };
    deriveNames(obj, next);
    if (this.rules[obj.name]?.beforeUpdate?.(this.w, previous, next) === 'delete') {
      this.delete(obj, previous);
      return saved(previous.Id);
    }
    this.checkUnique(obj, next, previous.Id);
    const changes: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(next)) if (previous[k] !== v) changes[k] = v;
    const row = this.view.core.update(obj.name, previous.Id, changes, this.w.actorId);
    this.rules[obj.name]?.afterUpdate?.(this.w, row, previous);
    return saved(row.Id);
  }

  private delete(obj: ObjectDef, row: SfRecord): void {
    const rules = this.rules[obj.name];
    rules?.beforeDelete?.(this.w, row);
    for (const child of this.view.core.schema.listObjects()) {
      if (child.masterObject?.toLowerCase() !== obj.name.toLowerCase()) continue;
      const masterFields = child.fields.filter((f) => f.cascadeDelete && f.referenceTo.includes(obj.name));
      for (const childRow of [...this.view.core.store.rows(child.name)]) {
        if (masterFields.some((f) => childRow[f.name] === row.Id)) this.view.core.remove(child.name, childRow.Id);
      }
    }
    this.view.core.remove(obj.name, row.Id);
    rules?.afterDelete?.(this.w, row);
  }

  private parse(obj: ObjectDef, body: Record<string, unknown>, mode: 'create' | 'update', id?: string): Parsed {
    const values: Record<string, unknown> = {};
    const errors: SaveErrorItem[] = [];
    const notWritable: string[] = [];
    for (const [key, raw] of Object.entries(body)) {
      if (key === 'attributes') continue;
      const f = this.view.core.schema.getField(obj.name, key);
      if (!f || !this.view.fieldVisible(obj, f)) return { values, errors: [messages.noSuchField(key, obj)] };
      if (mode === 'update' && f.name === 'Id' && toId18(raw) === id) continue;
      const writable = mode === 'create' ? this.view.canCreateField(obj, f) : this.view.canUpdateField(obj, f);
      if (!writable) {
        notWritable.push(f.name);
        continue;
      }
      const coerced = coerceFieldValue(this.view, obj, f, raw);
      if ('error' in coerced) errors.push(coerced.error);
      else values[f.name] = coerced.value;
    }
    if (notWritable.length > 0) return { values, errors: [messages.notWritable(notWritable)] };
    return { values, errors };
  }

  private withDefaults(obj: ObjectDef, values: Record<string, unknown>): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const f of obj.fields) {
      if (f.name in values) continue;
      if (f.name === 'OwnerId') row.OwnerId = this.w.actorId;
      else if (f.autoNumber) row[f.name] = this.nextAutoNumber(obj);
      else if (f.defaultValue !== undefined) row[f.name] = f.defaultValue;
      else if (f.type === 'boolean' && f.name !== 'IsDeleted') row[f.name] = false;
      else if (
        f.type !== 'id' &&
        !f.name.startsWith('Created') &&
        !f.name.startsWith('LastModified') &&
        f.name !== 'SystemModstamp'
      ) {
        row[f.name] = null;
      }
    }
    return { ...row, ...values };
  }

  private nextAutoNumber(obj: ObjectDef): string {
    let n = 1;
    for (const _ of this.view.core.store.rows(obj.name, true)) n++;
    return String(n).padStart(8, '0');
  }

  private checkUnique(obj: ObjectDef, row: Record<string, unknown>, selfId: string | undefined): void {
    for (const f of obj.fields) {
      if (!f.unique || f.name === 'Username' || row[f.name] == null) continue;
      const value = String(row[f.name]).toLowerCase();
      for (const other of this.view.core.store.rows(obj.name)) {
        if (other.Id !== selfId && typeof other[f.name] === 'string' && String(other[f.name]).toLowerCase() === value) {
          throw new SaveFailure([messages.duplicateValue(f.name, other.Id)]);
        }
      }
    }
  }

  private findByExternalId(obj: ObjectDef, f: FieldDef, value: string): SfRecord[] {
    if (f.name === 'Id') {
      const id = toId18(value);
      const row = id ? this.view.core.store.get(obj.name, id) : undefined;
      return row ? [row] : [];
    }
    const wanted = value.toLowerCase();
    const out: SfRecord[] = [];
    for (const row of this.view.core.store.rows(obj.name)) {
      if (row[f.name] != null && String(row[f.name]).toLowerCase() === wanted) out.push(row);
    }
    return out;
  }
}

function withoutField(body: Record<string, unknown>, fieldName: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (k.toLowerCase() !== fieldName.toLowerCase()) copy[k] = v;
  return copy;
}

/** Name of Contact, Lead and User is FirstName + LastName. */
function deriveNames(obj: ObjectDef, row: Record<string, unknown>): void {
  if (!['Contact', 'Lead', 'User'].includes(obj.name)) return;
  row.Name = [row.FirstName, row.LastName].filter((p) => typeof p === 'string' && p !== '').join(' ');
}
