/**
 * `npm run secrets:reencrypt`: after putting a new key first in GRAX_SECRET_KEYS (keeping the old key after it),
 * re-encrypts every stored secret with the new key and prints the counts per column. Once it reports success the old
 * key can be removed from GRAX_SECRET_KEYS. Safe to run again: values already under the new key are left alone.
 */
import { runOperatorCommand } from './operatorCommand';

runOperatorCommand(async ({ store, secretBox }) => {
  try {
    const report = await store.reencryptSecrets();
    for (const column of report.columns) {
      console.log(`${column.table}.${column.column}: ${column.reencrypted} re-encrypted of ${column.total} stored`);
    }
    console.log(
      `Re-encrypted ${report.reencrypted} of ${report.total} stored secrets with key "${secretBox.currentKeyId}". ` +
        'Every secret now uses that key; older keys can be removed from GRAX_SECRET_KEYS.',
    );
    return 0;
  } catch (error) {
    console.error(`Re-encryption stopped: ${error instanceof Error ? error.message : String(error)}`);
    console.error('Secrets of columns listed above were re-encrypted; nothing else was changed.');
    return 1;
  }
});
