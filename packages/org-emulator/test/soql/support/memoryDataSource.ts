/**
 * An in-memory SoqlEngineDataSource for the SOQL engine's tests: objects and rows held in maps, hidden objects and
 * hidden fields standing in for the running user's missing access, an optional index for rowsWhere, and counters
 * so that tests can prove which access path a query used.
 */
import type { FieldDef, ObjectDef, SfRecord } from '../../../src/org/types';
import type { SoqlEngineDataSource } from '../../../src/soql';

/** Options of a memory data source. */
export interface MemoryOptions {
  apiVersion?: number;
  tooling?: boolean;
  /** Offer rowsWhere (an index on every field); without it the engine must scan. */
  indexed?: boolean;
  /** `Object.Field` names the running user cannot read. */
  hiddenFields?: string[];
  /** Objects the running user cannot see. */
  hiddenObjects?: string[];
  now?: Date;
}

/** Data held by name, shared by data sources that differ only in the running user's view. */
export class MemoryOrg {
  readonly objects = new Map<string, ObjectDef>();
  readonly rows = new Map<string, SfRecord[]>();
  readonly byId = new Map<string, { type: string; record: SfRecord }>();

  constructor(objects: ObjectDef[]) {
    for (const def of objects) {
      this.objects.set(def.name.toLowerCase(), def);
      this.rows.set(def.name.toLowerCase(), []);
    }
  }

  /** Adds rows to an object (Id required; IsDeleted defaults to false). */
  insert(objectName: string, rows: (Record<string, unknown> & { Id: string })[]): void {
    const def = this.objects.get(objectName.toLowerCase());
    const list = this.rows.get(objectName.toLowerCase());
    if (!def || !list) throw new Error(`No object ${objectName} in the test org`);
    for (const row of rows) {
      const record = { IsDeleted: false, ...row } as SfRecord;
      list.push(record);
      this.byId.set(record.Id, { type: def.name, record });
    }
  }

  /** A data source over this org for one view (visibility, API, index). */
  view(options: MemoryOptions = {}): MemoryDataSource {
    return new MemoryDataSource(this, options);
  }
}

/** The running user's view of a MemoryOrg. */
export class MemoryDataSource implements SoqlEngineDataSource {
  readonly apiVersion: number;
  readonly tooling: boolean;
  /** Calls made by the engine, for assertions about index use. */
  readonly calls = { rows: 0, rowsWhere: 0 };
  private readonly hiddenFields: Set<string>;
  private readonly hiddenObjects: Set<string>;
  private readonly index = new Map<string, Map<string, SfRecord[]>>();
  rowsWhere?: SoqlEngineDataSource['rowsWhere'];

  constructor(
    private readonly org: MemoryOrg,
    private readonly options: MemoryOptions,
  ) {
    this.apiVersion = options.apiVersion ?? 62;
    this.tooling = options.tooling ?? false;
    this.hiddenFields = new Set((options.hiddenFields ?? []).map((f) => f.toLowerCase()));
    this.hiddenObjects = new Set((options.hiddenObjects ?? []).map((o) => o.toLowerCase()));
    if (options.indexed) this.rowsWhere = (o, f, v, d) => this.indexedRows(o, f, v, d);
  }

  now(): Date {
    return this.options.now ?? new Date('2026-01-15T09:00:00.000Z');
  }

  getObject(name: string): ObjectDef | undefined {
    if (this.hiddenObjects.has(name.toLowerCase())) return undefined;
    return this.org.objects.get(name.toLowerCase());
  }

  getField(objectName: string, fieldName: string): FieldDef | undefined {
    const def = this.getObject(objectName);
    if (!def || this.hiddenFields.has(`${def.name}.${fieldName}`.toLowerCase())) return undefined;
    return def.fields.find((f) => f.name.toLowerCase() === fieldName.toLowerCase());
  }

  *rows(objectName: string, includeDeleted: boolean): Iterable<SfRecord> {
    this.calls.rows++;
    if (!this.getObject(objectName)) return;
    for (const row of this.org.rows.get(objectName.toLowerCase()) ?? []) {
      if (includeDeleted || row.IsDeleted !== true) yield row;
    }
  }

  getRecord(id: string): SfRecord | undefined {
    const found = this.org.byId.get(id);
    return found && this.getObject(found.type) && found.record.IsDeleted !== true ? found.record : undefined;
  }

  getRecordType(id: string): string | undefined {
    return this.org.byId.get(id)?.type;
  }

  private indexedRows(objectName: string, fieldName: string, values: readonly string[], includeDeleted: boolean) {
    this.calls.rowsWhere++;
    const key = `${objectName}.${fieldName}`.toLowerCase();
    let byValue = this.index.get(key);
    if (!byValue) {
      byValue = new Map();
      for (const row of this.org.rows.get(objectName.toLowerCase()) ?? []) {
        const value = String(row[fieldName]);
        const list = byValue.get(value);
        if (list) list.push(row);
        else byValue.set(value, [row]);
      }
      this.index.set(key, byValue);
    }
    const index = byValue;
    return values.flatMap((v) => index.get(v) ?? []).filter((row) => includeDeleted || row.IsDeleted !== true);
  }
}
