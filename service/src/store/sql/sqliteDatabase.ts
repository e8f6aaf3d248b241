/**
 * SqlDatabase on an embedded SQLite file (better-sqlite3): WAL journal, foreign keys on, a busy timeout for the rare
 * second process (the re-encrypt command). better-sqlite3 is synchronous, so an async transaction could interleave
 * with other requests' statements on the same connection; every statement and transaction therefore runs behind one
 * queue.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as BetterDatabase, Statement } from 'better-sqlite3';
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from './database';

const BUSY_TIMEOUT_MS = 5000;

function toSqlite(params: readonly SqlValue[]): (string | number | null)[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

class SqliteExecutor implements SqlExecutor {
  private readonly statements = new Map<string, Statement>();

  constructor(protected readonly db: BetterDatabase) {}

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  allNow(sql: string, params: readonly SqlValue[] = []): SqlRow[] {
    return this.prepare(sql).all(...toSqlite(params)) as SqlRow[];
  }

  runNow(sql: string, params: readonly SqlValue[] = []): number {
    return this.prepare(sql).run(...toSqlite(params)).changes;
  }

  async all(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return this.allNow(sql, params);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.runNow(sql, params);
  }

  async exec(script: string): Promise<void> {
    this.db.exec(script);
  }
}

/** SQLite-backed SqlDatabase. */
export class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite' as const;
  private readonly db: BetterDatabase;
  private readonly executor: SqliteExecutor;
  private queue: Promise<unknown> = Promise.resolve();

  /** Opens (creating if needed) the database file; `:memory:` gives a private in-memory database. */
  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    this.db = new Database(file);
    // Owner-only, like the key file; SQLite gives the -wal and -shm files the same mode.
    if (file !== ':memory:') chmodSync(file, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.pragma('synchronous = NORMAL');
    this.executor = new SqliteExecutor(this.db);
  }

  /** Runs `work` after everything queued before it, so a transaction never interleaves with other statements. */
  private exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  all(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return this.exclusive(() => this.executor.allNow(sql, params));
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.exclusive(() => this.executor.runNow(sql, params));
  }

  exec(script: string): Promise<void> {
    return this.exclusive(() => this.executor.exec(script));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      // IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy timeout) instead of deadlocking.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.executor);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async lockForMigrations(): Promise<void> {
    // BEGIN IMMEDIATE already holds the database's write lock.
  }

  isUniqueViolation(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  }

  close(): Promise<void> {
    return this.exclusive(() => {
      if (this.db.open) {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
        this.db.close();
      }
    });
  }
}
