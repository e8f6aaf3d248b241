/** The Store contract on embedded SQLite, plus what only a file on disk can show: no secret is stored in clear. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SecretBox, parseKeyRing } from '@service/crypto/secretBox';
import { openStore } from '@service/store/openStore';
import { migrate } from '@service/store/migrate';
import { SqliteDatabase } from '@service/store/sql/sqliteDatabase';
import { describeStoreContract, keySpec, sampleConnection } from './storeContract';
import { TestClock } from '@test-support/testClock';
import { repoPath } from '@test-support/repoRoot';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grax-sqlite-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describeStoreContract('SQLite', async () => {
  const db = new SqliteDatabase(path.join(tempDir(), 'grax.db'));
  await migrate(db);
  return db;
});

describe('SQLite store on disk', () => {
  it('never writes a token, verifier, TOTP secret, CSRF secret, state or session id in clear', async () => {
    const dir = tempDir();
    const clock = new TestClock();
    const store = await openStore({
      database: { kind: 'sqlite', path: path.join(dir, 'grax.db') },
      secretBox: new SecretBox(parseKeyRing(keySpec('k1'))),
      clock,
    });
    const secrets = {
      refreshToken: '5AepPlainRefreshTokenThatMustNotBeOnDisk0000000000',
      accessToken: '00D5g000004XyZa!AQ4AQPlainAccessTokenThatMustNotBeOnDisk',
      codeVerifier: 'PlainPkceVerifierThatMustNotBeOnDisk_' + 'x'.repeat(100),
      state: 'PlainOAuthStateValueThatMustNotBeOnDisk',
      sessionId: 'PlainSessionIdThatMustNotBeOnDisk',
      csrfSecret: 'PlainCsrfSecretThatMustNotBeOnDisk',
      totpSecret: 'PLAINTOTPSECRETNOTONDISK',
      linkSecret: 'PlainLinkKeySecretThatMustNotBeOnDisk',
      connectLink: 'PlainConnectLinkTokenThatMustNotBeOnDisk',
    };
    await store.connections.activate(
      sampleConnection({ refreshToken: secrets.refreshToken, accessToken: secrets.accessToken }),
    );
    await store.oauthStates.create({
      state: secrets.state,
      purpose: 'connect',
      browserId: 'browser',
      codeVerifier: secrets.codeVerifier,
      environment: 'production',
      loginUrl: 'https://login.salesforce.com',
      mode: 'manual',
      expectedOrgId: null,
      actor: null,
      returnTo: null,
      expiresAt: new Date(clock.now().getTime() + 600_000),
    });
    await store.sessions.create({
      id: secrets.sessionId,
      principal: { kind: 'local', id: 'usr_1', displayName: 'Admin', role: 'admin', orgId: null },
      csrfSecret: secrets.csrfSecret,
      idleExpiresAt: new Date(clock.now().getTime() + 600_000),
      absoluteExpiresAt: new Date(clock.now().getTime() + 600_000),
      reauthenticatedAt: null,
    });
    await store.localUsers.create({
      username: 'admin',
      displayName: 'Admin',
      role: 'admin',
      passwordHash: 'scrypt$hash',
      totpSecret: secrets.totpSecret,
    });
    await store.linkKeys.create({
      keyId: 'key1',
      orgId: '00D5g000004XyZaEAK',
      secret: secrets.linkSecret,
      createdBy: { kind: 'system', id: 'grax', name: 'GRAX' },
    });
    await store.connectLinks.create({
      token: secrets.connectLink,
      orgId: '00D5g000004XyZaEAK',
      environment: 'production',
      mode: 'manual',
      expiresAt: new Date(clock.now().getTime() + 600_000),
    });

    // Read the database and its write-ahead log while the store is still open, then again after the checkpoint.
    const readAll = () =>
      readdirSync(dir)
        .filter((file) => file.startsWith('grax.db'))
        .map((file) => readFileSync(path.join(dir, file)).toString('latin1'))
        .join('\n');
    const whileOpen = readAll();
    expect(whileOpen).toContain('grax.integration@acme.example');
    await store.close();
    const afterClose = readAll();
    expect(afterClose).toContain('grax.integration@acme.example');
    for (const [name, value] of Object.entries(secrets)) {
      expect({ name, whileOpen: whileOpen.includes(value), afterClose: afterClose.includes(value) }).toEqual({
        name,
        whileOpen: false,
        afterClose: false,
      });
    }
  });

  it('opens the file in WAL mode with every SQL migration applied at start', async () => {
    const file = path.join(tempDir(), 'grax.db');
    const store = await openStore({
      database: { kind: 'sqlite', path: file },
      secretBox: new SecretBox(parseKeyRing(keySpec('k1'))),
    });
    await store.close();
    const migrations = readdirSync(repoPath('service/src/store/migrations/sqlite'));
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY version').all();
      expect(applied).toHaveLength(migrations.filter((name) => name.endsWith('.sql')).length);
    } finally {
      db.close();
    }
  });

  it('keeps its data across a restart in a file only its owner can read', async () => {
    const file = path.join(tempDir(), 'grax.db');
    const secretBox = new SecretBox(parseKeyRing(keySpec('k1')));
    const first = await openStore({ database: { kind: 'sqlite', path: file }, secretBox });
    await first.settings.set('greeting', 'hello');
    await first.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = await openStore({ database: { kind: 'sqlite', path: file }, secretBox });
    expect(await second.settings.get('greeting')).toBe('hello');
    await second.close();
  });
});
