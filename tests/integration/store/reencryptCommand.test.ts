/** `npm run secrets:reencrypt` moves every stored secret to the new first key and reports the counts. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SecretBox, parseKeyRing } from '@service/crypto/secretBox';
import { openStore } from '@service/store/openStore';
import { keySpec, sampleConnection } from './storeContract';
import { REPO_ROOT } from '@test-support/repoRoot';

const run = promisify(execFile);
const repoRoot = REPO_ROOT;
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'grax-reencrypt-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function command(keys: string) {
  return run(tsx, [path.join(repoRoot, 'scripts/reencrypt-secrets.ts')], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      GRAX_SECRET_KEYS: keys,
      SF_CLIENT_ID: 'client',
      SF_CLIENT_SECRET: 's',
    },
  });
}

it('re-encrypts with the new key, after which the old key can be removed', async () => {
  const oldKey = keySpec('old');
  const newKey = keySpec('new');
  const database = { kind: 'sqlite' as const, path: path.join(dataDir, 'grax.db') };
  const before = await openStore({ database, secretBox: new SecretBox(parseKeyRing(oldKey)) });
  await before.connections.activate(sampleConnection());
  await before.localUsers.create({
    username: 'a',
    displayName: 'A',
    role: 'admin',
    passwordHash: 'h',
    totpSecret: 'T',
  });
  await before.close();

  const { stdout } = await command(`${newKey},${oldKey}`);
  expect(stdout).toContain('connections.refresh_token_enc: 1 re-encrypted of 1 stored');
  expect(stdout).toContain('local_users.totp_secret_enc: 1 re-encrypted of 1 stored');
  expect(stdout).toContain('Re-encrypted 3 of 3 stored secrets with key "new".');

  const again = await command(`${newKey},${oldKey}`);
  expect(again.stdout).toContain('Re-encrypted 0 of 3 stored secrets');

  const after = await openStore({ database, secretBox: new SecretBox(parseKeyRing(newKey)) });
  expect((await after.connections.getActive())?.refreshToken).toBe(sampleConnection().refreshToken);
  await after.close();
}, 60_000);

it('stops with the reason when a secret was encrypted with a key that is not in the ring', async () => {
  const database = { kind: 'sqlite' as const, path: path.join(dataDir, 'grax.db') };
  const store = await openStore({ database, secretBox: new SecretBox(parseKeyRing(keySpec('lost'))) });
  await store.connections.activate(sampleConnection());
  await store.close();

  const failure = await command(keySpec('new')).then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stderr).toContain('Re-encryption stopped: The stored secret was encrypted with key "lost"');
}, 60_000);

it('prints one line per configuration problem and exits 1', async () => {
  const failure = await command('k1:short').then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stderr.trim()).toBe(
    'GRAX_SECRET_KEYS: key "k1" is 3 bytes; keys must be exactly 32 bytes (base64 of 32 random bytes)',
  );
}, 60_000);
