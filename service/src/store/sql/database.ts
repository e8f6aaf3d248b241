/**
 * The small SQL surface the store's repositories are written against, so one set of queries serves both SQLite and
 * PostgreSQL. Queries use `?` placeholders (the PostgreSQL driver numbers them); values are strings, numbers
 * (timestamps are epoch milliseconds), booleans or null.
 */

export type SqlValue = string | number | boolean | null;
export type SqlRow = Record<string, unknown>;

/** Runs statements; inside a transaction this is bound to the transaction's connection. */
export interface SqlExecutor {
  /** Runs a statement that returns rows (SELECT, or INSERT/UPDATE/DELETE ... RETURNING). */
  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs a statement and returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** A database connection (SQLite file or PostgreSQL pool). */
export interface SqlDatabase extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Serialises migration runs across processes (PostgreSQL advisory lock); a no-op where the transaction suffices. */
  lockForMigrations(tx: SqlExecutor): Promise<void>;
  /** True when the error is a unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
  close(): Promise<void>;
}
