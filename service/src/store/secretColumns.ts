/**
 * Encryption at the storage boundary: the columns that hold secrets, and sealing/opening their values with the
 * SecretBox bound to `table.column:rowKey`, so a ciphertext copied to another row or column does not decrypt.
 * Also the re-encryption of every stored secret after a key rotation.
 */
import type { SecretBox } from '../crypto/secretBox';
import type { SqlDatabase } from './sql/database';
import type { ReencryptReport } from './types';
import { str } from './rowValues';

/** A column holding SecretBox envelopes, and the column identifying its row. */
export interface SecretColumn {
  table: string;
  keyColumn: string;
  column: string;
}

export const SECRET_COLUMNS = {
  refreshToken: { table: 'connections', keyColumn: 'id', column: 'refresh_token_enc' },
  accessToken: { table: 'connections', keyColumn: 'id', column: 'access_token_enc' },
  codeVerifier: { table: 'oauth_states', keyColumn: 'state_hash', column: 'code_verifier_enc' },
  csrfSecret: { table: 'sessions', keyColumn: 'id_hash', column: 'csrf_secret_enc' },
  totpSecret: { table: 'local_users', keyColumn: 'id', column: 'totp_secret_enc' },
} as const satisfies Record<string, SecretColumn>;

function context(column: SecretColumn, rowKey: string): string {
  return `${column.table}.${column.column}:${rowKey}`;
}

/** Encrypts a value for a column of a row; null stays null. */
export function seal(box: SecretBox, column: SecretColumn, rowKey: string, plaintext: string | null): string | null {
  return plaintext === null ? null : box.encrypt(plaintext, context(column, rowKey));
}

/** Decrypts a stored value of a column of a row; null stays null. */
export function unseal(box: SecretBox, column: SecretColumn, rowKey: string, stored: unknown): string | null {
  return stored === null || stored === undefined ? null : box.decrypt(str(stored), context(column, rowKey));
}

/**
 * Re-encrypts every stored secret that is not yet under the box's current key. Each column is done in its own
 * transaction; a value that cannot be decrypted stops the run with the SecretBox error (nothing of that column is
 * changed).
 */
export async function reencryptAll(db: SqlDatabase, box: SecretBox): Promise<ReencryptReport> {
  const report: ReencryptReport = { columns: [], total: 0, reencrypted: 0 };
  for (const column of Object.values(SECRET_COLUMNS)) {
    const counts = await db.transaction(async (tx) => {
      const rows = await tx.all(
        `SELECT ${column.keyColumn} AS row_key, ${column.column} AS value FROM ${column.table} WHERE ${column.column} IS NOT NULL`,
      );
      let reencrypted = 0;
      for (const row of rows) {
        const rowKey = str(row.row_key);
        const envelope = str(row.value);
        if (box.isCurrent(envelope)) continue;
        const plaintext = unseal(box, column, rowKey, envelope);
        await tx.run(`UPDATE ${column.table} SET ${column.column} = ? WHERE ${column.keyColumn} = ?`, [
          seal(box, column, rowKey, plaintext),
          rowKey,
        ]);
        reencrypted += 1;
      }
      return { total: rows.length, reencrypted };
    });
    report.columns.push({ table: column.table, column: column.column, ...counts });
    report.total += counts.total;
    report.reencrypted += counts.reencrypted;
  }
  return report;
}
