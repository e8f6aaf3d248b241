/** Settings: small JSON values by key (SSO role mappings, Auto Fix after scan, ...). */
import type { RepoContext } from '../rowValues';
import { first, jsonText, str } from '../rowValues';
import type { SettingsRepository } from '../types';
import type { JsonValue } from '../../domain/json';

export function settingsRepository({ db, clock }: RepoContext): SettingsRepository {
  return {
    async get(key) {
      const row = first(await db.all('SELECT value FROM settings WHERE key = ?', [key]));
      return row ? (JSON.parse(str(row.value)) as JsonValue) : undefined;
    },

    async set(key, value) {
      await db.run(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [key, jsonText(value), clock.now().getTime()],
      );
    },

    async delete(key) {
      return (await db.run('DELETE FROM settings WHERE key = ?', [key])) > 0;
    },

    async list() {
      const rows = await db.all('SELECT key, value FROM settings ORDER BY key');
      return Object.fromEntries(rows.map((row) => [str(row.key), JSON.parse(str(row.value)) as JsonValue]));
    },
  };
}
