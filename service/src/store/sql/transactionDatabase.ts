/**
 * A SqlDatabase bound to one open transaction, so the same repositories run inside `Store.transaction`: every
 * statement goes to the transaction's connection, and a nested `transaction` (a repository that groups its own writes,
 * or a caller that wants to survive one failed step) becomes a savepoint that rolls back only its own writes.
 */
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from './database';

/** SqlDatabase on an open transaction of `outer`. */
export class TransactionDatabase implements SqlDatabase {
  readonly dialect: SqlDatabase['dialect'];
  private savepoints = 0;
  private finished = false;

  constructor(
    private readonly outer: SqlDatabase,
    private readonly tx: SqlExecutor,
  ) {
    this.dialect = outer.dialect;
  }

  /** Called when the transaction committed or rolled back: later statements are refused instead of run outside it. */
  end(): void {
    this.finished = true;
  }

  private open(): SqlExecutor {
    if (this.finished) {
      throw new Error('This transaction has ended; use the store, not the transaction, for statements after it.');
    }
    return this.tx;
  }

  async all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]> {
    return this.open().all(sql, params);
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.open().run(sql, params);
  }

  async exec(script: string): Promise<void> {
    return this.open().exec(script);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const executor = this.open();
    this.savepoints += 1;
    const name = `grax_sp_${this.savepoints}`;
    await executor.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work(executor);
      await executor.exec(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await executor.exec(`ROLLBACK TO SAVEPOINT ${name}`);
      await executor.exec(`RELEASE SAVEPOINT ${name}`);
      throw error;
    }
  }

  lockForMigrations(tx: SqlExecutor): Promise<void> {
    return this.outer.lockForMigrations(tx);
  }

  isUniqueViolation(error: unknown): boolean {
    return this.outer.isUniqueViolation(error);
  }

  close(): Promise<void> {
    return Promise.reject(new Error('A transaction cannot close the database; close the store.'));
  }
}
