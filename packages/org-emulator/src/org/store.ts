/**
 * The record store of one org: one table per object (live rows plus a recycle bin), secondary indexes kept in step
 * with every write, and an undo journal that makes savepoints cheap (a savepoint is a journal position; rollback
 * replays the journal backwards). Rows are treated as immutable: an update stores a new object.
 */
import type { SfRecord } from './types';

/** A secondary index: a key per row (undefined = not indexed). */
export interface IndexDefinition {
  name: string;
  key: (row: SfRecord) => string | undefined;
  /** Built on first lookup instead of on every write (for indexes that bulk seeding never reads). */
  lazy?: boolean;
}

interface Table {
  live: Map<string, SfRecord>;
  deleted: Map<string, SfRecord>;
  indexes: Map<string, { def: IndexDefinition; entries: IndexEntries | undefined }>;
}

/** Index key -> one id, or a set of ids when several rows share the key (most keys are unique). */
type IndexEntries = Map<string, string | Set<string>>;

interface JournalEntry {
  table: Table;
  id: string;
  live: SfRecord | undefined;
  deleted: SfRecord | undefined;
}

/** Tables, indexes and the undo journal of one org. */
export class RecordStore {
  private readonly tables = new Map<string, Table>();
  private journal: JournalEntry[] = [];
  private readonly openMarks = new Set<number>();
  private nextMark = 1;
  private readonly markPositions = new Map<number, number>();

  /** Declares an index on a table (before rows are inserted). */
  defineIndex(tableName: string, def: IndexDefinition): void {
    const table = this.table(tableName);
    table.indexes.set(def.name, { def, entries: def.lazy ? undefined : buildIndex(table, def) });
  }

  /** The live row with this id, or undefined. */
  get(tableName: string, id: string): SfRecord | undefined {
    return this.tables.get(tableName)?.live.get(id);
  }

  /** A row from the recycle bin, or undefined. */
  getDeleted(tableName: string, id: string): SfRecord | undefined {
    return this.tables.get(tableName)?.deleted.get(id);
  }

  /** Live rows of a table (and recycle-bin rows when includeDeleted). */
  *rows(tableName: string, includeDeleted = false): IterableIterator<SfRecord> {
    const table = this.tables.get(tableName);
    if (!table) return;
    yield* table.live.values();
    if (includeDeleted) yield* table.deleted.values();
  }

  /** Number of live rows. */
  count(tableName: string): number {
    return this.tables.get(tableName)?.live.size ?? 0;
  }

  /** Ids of live rows whose index key equals `key`. */
  lookup(tableName: string, indexName: string, key: string): string[] {
    const table = this.tables.get(tableName);
    const index = table?.indexes.get(indexName);
    if (!table || !index) throw new Error(`No index ${indexName} on ${tableName}.`);
    index.entries ??= buildIndex(table, index.def);
    const ids = index.entries.get(key);
    if (ids === undefined) return [];
    return typeof ids === 'string' ? [ids] : [...ids];
  }

  /** Live rows whose index key equals `key`. */
  lookupRows(tableName: string, indexName: string, key: string): SfRecord[] {
    const out: SfRecord[] = [];
    for (const id of this.lookup(tableName, indexName, key)) {
      const row = this.get(tableName, id);
      if (row) out.push(row);
    }
    return out;
  }

  /** Inserts or replaces a live row (and takes it out of the recycle bin). */
  put(tableName: string, row: SfRecord): void {
    const table = this.table(tableName);
    this.record(table, row.Id);
    this.setLive(table, row.Id, row);
    table.deleted.delete(row.Id);
  }

  /** Removes a live row; soft removal keeps it in the recycle bin (queryAll) with IsDeleted = true. */
  remove(tableName: string, id: string, soft: boolean): void {
    const table = this.table(tableName);
    const row = table.live.get(id);
    if (!row) return;
    this.record(table, id);
    this.setLive(table, id, undefined);
    if (soft) table.deleted.set(id, { ...row, IsDeleted: true });
  }

  /** Opens a savepoint: later writes are journaled until it is rolled back or released. */
  savepoint(): number {
    const mark = this.nextMark++;
    this.openMarks.add(mark);
    this.markPositions.set(mark, this.journal.length);
    return mark;
  }

  /** Undoes every write since the savepoint; it and later savepoints are closed. */
  rollback(mark: number): void {
    const position = this.markPositions.get(mark);
    if (position === undefined || !this.openMarks.has(mark)) throw new Error('This savepoint is no longer open.');
    for (let i = this.journal.length - 1; i >= position; i--) {
      const entry = this.journal[i];
      if (!entry) continue;
      this.setLive(entry.table, entry.id, entry.live);
      if (entry.deleted) entry.table.deleted.set(entry.id, entry.deleted);
      else entry.table.deleted.delete(entry.id);
    }
    this.journal.length = position;
    this.closeFrom(mark);
  }

  /** Keeps the writes since the savepoint and closes it (and later ones); the journal empties when none is open. */
  release(mark: number): void {
    if (!this.openMarks.has(mark)) return;
    this.closeFrom(mark);
  }

  /** Number of journal entries held (for tests of savepoint cost). */
  journalSize(): number {
    return this.journal.length;
  }

  private closeFrom(mark: number): void {
    for (const m of [...this.openMarks]) {
      if (m >= mark) {
        this.openMarks.delete(m);
        this.markPositions.delete(m);
      }
    }
    if (this.openMarks.size === 0) this.journal = [];
  }

  private record(table: Table, id: string): void {
    if (this.openMarks.size === 0) return;
    this.journal.push({ table, id, live: table.live.get(id), deleted: table.deleted.get(id) });
  }

  private setLive(table: Table, id: string, row: SfRecord | undefined): void {
    const previous = table.live.get(id);
    for (const { def, entries } of table.indexes.values()) {
      if (!entries) continue;
      if (previous) removeFromIndex(entries, def.key(previous), id);
      if (row) addToIndex(entries, def.key(row), id);
    }
    if (row) table.live.set(id, row);
    else table.live.delete(id);
  }

  private table(name: string): Table {
    let table = this.tables.get(name);
    if (!table) {
      table = { live: new Map(), deleted: new Map(), indexes: new Map() };
      this.tables.set(name, table);
    }
    return table;
  }
}

function buildIndex(table: Table, def: IndexDefinition): IndexEntries {
  const entries: IndexEntries = new Map();
  for (const row of table.live.values()) addToIndex(entries, def.key(row), row.Id);
  return entries;
}

function addToIndex(entries: IndexEntries, key: string | undefined, id: string): void {
  if (key === undefined) return;
  const ids = entries.get(key);
  if (ids === undefined) entries.set(key, id);
  else if (typeof ids === 'string') {
    if (ids !== id) entries.set(key, new Set([ids, id]));
  } else ids.add(id);
}

function removeFromIndex(entries: IndexEntries, key: string | undefined, id: string): void {
  if (key === undefined) return;
  const ids = entries.get(key);
  if (ids === undefined) return;
  if (typeof ids === 'string') {
    if (ids === id) entries.delete(key);
    return;
  }
  ids.delete(id);
  if (ids.size === 1) entries.set(key, [...ids][0] as string);
}
