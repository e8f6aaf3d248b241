/**
 * Converting between JavaScript values and what the two databases return: times are stored as epoch milliseconds
 * (PostgreSQL returns BIGINT as a string), booleans as 0/1 in SQLite, JSON as text.
 */
import type { Clock } from '../clock';
import type { SecretBox } from '../crypto/secretBox';
import type { SqlDatabase, SqlRow, SqlValue } from './sql/database';

/** What every repository is built from. */
export interface RepoContext {
  db: SqlDatabase;
  box: SecretBox;
  clock: Clock;
}

/** A Date (or null) as stored. */
export function ms(date: Date | null | undefined): number | null {
  return date ? date.getTime() : null;
}

export function num(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`expected a number from the database, got ${typeof value}`);
  return n;
}

export function date(value: unknown): Date {
  return new Date(num(value));
}

export function dateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : date(value);
}

export function str(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`expected text from the database, got ${typeof value}`);
  return value;
}

export function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : str(value);
}

export function bool(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

/** JSON text as stored. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value);
}

export function jsonOrNull<T>(value: unknown): T | null {
  return value === null || value === undefined ? null : (JSON.parse(str(value)) as T);
}

/** The single row of a result, or null. */
export function first(rows: SqlRow[]): SqlRow | null {
  return rows[0] ?? null;
}

/** `col = ?, col = ?` and its parameters for an UPDATE, from the assignments that are set. */
export function assignments(values: [column: string, value: SqlValue | undefined][]): {
  sql: string;
  params: SqlValue[];
} {
  const set = values.filter((entry): entry is [string, SqlValue] => entry[1] !== undefined);
  return { sql: set.map(([column]) => `${column} = ?`).join(', '), params: set.map(([, value]) => value) };
}
