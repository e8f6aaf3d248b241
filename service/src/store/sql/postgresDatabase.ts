/**
 * SqlDatabase on PostgreSQL (node-postgres pool), for running several replicas against one database. `?`
 * placeholders are numbered (`$1`, `$2`, ...) here so the repositories' SQL is shared with SQLite.
 */
import { Pool } from 'pg';
import type { PoolClient } from 'pg';
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from './database';

/** Advisory lock key that serialises migrations between replicas starting at the same time. */
const MIGRATION_LOCK_KEY = 727_100_001;

/** Replaces each `?` with `$n`. The repositories never put `?` inside string literals. */
export function numberPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

type Queryable = Pick<Pool, 'query'> | Pick<PoolClient, 'query'>;

class PostgresExecutor implements SqlExecutor {
  constructor(private readonly target: Queryable) {}

  async all(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    const result = await this.target.query(numberPlaceholders(sql), [...params]);
    return result.rows as SqlRow[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.target.query(numberPlaceholders(sql), [...params]);
    return result.rowCount ?? 0;
  }

  async exec(script: string): Promise<void> {
    await this.target.query(script);
  }
}

/** PostgreSQL-backed SqlDatabase. */
export class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  private readonly pool: Pool;
  private readonly executor: PostgresExecutor;

  constructor(connectionString: string, options: { max?: number } = {}) {
    this.pool = new Pool({ connectionString, max: options.max ?? 10, application_name: 'grax-connect' });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.executor = new PostgresExecutor(this.pool);
  }

  all(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]> {
    return this.executor.all(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.executor.run(sql, params);
  }

  exec(script: string): Promise<void> {
    return this.executor.exec(script);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(new PostgresExecutor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async lockForMigrations(tx: SqlExecutor): Promise<void> {
    await tx.all('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
  }

  isUniqueViolation(error: unknown): boolean {
    return (error as { code?: unknown } | null)?.code === '23505';
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
