/**
 * Applies the SQL migrations in `migrations/<dialect>/NNN_name.sql` in order, each inside its own transaction and
 * recorded in `schema_migrations`, so a crash mid-migration leaves the database at the previous version. On
 * PostgreSQL an advisory lock stops two replicas starting together from applying the same migration twice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SqlDatabase } from './sql/database';

const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** One migration file. */
export interface Migration {
  version: string;
  name: string;
  sql: string;
}

/** The folder holding a dialect's migrations (next to this file, in source and in a build that copies them). */
export function migrationsDir(dialect: SqlDatabase['dialect']): string {
  return path.join(__dirname, 'migrations', dialect);
}

/** Reads and orders the migrations of a folder; refuses stray files so a typo cannot be silently skipped. */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match?.[1] || !match[2]) {
        throw new Error(`Migration file ${path.join(dir, file)} must be named NNN_name.sql (e.g. 002_add_index.sql).`);
      }
      return { version: match[1], name: match[2], sql: readFileSync(path.join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version.localeCompare(b.version));
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** Applies pending migrations; returns the versions applied now. */
export async function migrate(
  db: SqlDatabase,
  migrations = readMigrations(migrationsDir(db.dialect)),
): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await db.lockForMigrations(tx);
      await tx.exec(CREATE_TABLE);
      const done = await tx.all('SELECT version FROM schema_migrations WHERE version = ?', [migration.version]);
      if (done.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
