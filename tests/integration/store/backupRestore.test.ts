/**
 * Backup and restore as docs/operations.md prints them, on both databases: connect Acme Production through the real
 * connect flow, back up with the guide's command, restore into a new place with the guide's command, start the
 * service there with the same key ring. The integration user's refresh token must still decrypt and still work at
 * Salesforce's token endpoint; with a key ring that lacks the key, the service does not start and names the missing key.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CLIENT_APP, DEMO_USERS, startEmulator, type RunningEmulator } from '@grax-connect/org-emulator';
import { runGuideBlock } from '@test-support/operationsGuide';
import { startPgCluster, type PgCluster } from '@test-support/pgCluster';
import { startTestService, type TestService } from '@test-support/testService';
import { keySpec } from './storeContract';

const INTEGRATION = DEMO_USERS.acmeProduction.integration;

let emulator: RunningEmulator;
let work: string;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, sandboxPort: 0 });
});
afterAll(() => emulator.close());
beforeEach(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'grax-backup-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Starts a service on the given storage and key ring. */
function serviceOn(storage: { dataDir: string; databaseUrl?: string }, keys: string): Promise<TestService> {
  return startTestService({
    name: 'backup',
    emulator,
    dataDir: storage.dataDir,
    env: { GRAX_SECRET_KEYS: keys, ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}) },
  });
}

/** Connects Acme Production's integration user as an admin does (Skip Auto Config). */
async function connect(service: TestService): Promise<void> {
  const answer = await service.browser().connect({ setupToken: service.setupToken, mode: 'manual' }, INTEGRATION);
  expect(answer.status).toBe(303);
}

/** What a restored service can do with the stored tokens: Salesforce's token endpoint accepts the refresh token. */
async function refreshWithStoredToken(service: TestService): Promise<number> {
  const connection = await service.store.connections.getActive();
  expect(connection?.username).toBe(INTEGRATION.username);
  const response = await fetch(`${emulator.productionLoginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: connection?.refreshToken ?? '',
      client_id: DEMO_CLIENT_APP.clientId,
      client_secret: DEMO_CLIENT_APP.clientSecret,
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function expectOnlyTheKeyRingToMatter(restored: { dataDir: string; databaseUrl?: string }, keys: string) {
  const service = await serviceOn(restored, keys);
  try {
    expect(await refreshWithStoredToken(service)).toBe(200);
  } finally {
    await service.stop();
  }
  // Without the key, the service does not start: it names the key to add back.
  await expect(serviceOn(restored, keySpec('k2027'))).rejects.toThrow(
    'The stored secret was encrypted with key "k2026", which is not in GRAX_SECRET_KEYS.',
  );
}

it('restores the embedded SQLite database with the guide commands, and the tokens still decrypt and work', async () => {
  const keys = keySpec('k2026');
  const folder = (name: string) => {
    const dir = path.join(work, name);
    mkdirSync(dir);
    return dir;
  };
  const [original, backups, restored] = [folder('original'), folder('backups'), folder('restored')];
  const service = await serviceOn({ dataDir: original }, keys);
  await connect(service);
  await service.stop(); // the guide stops the service first: it checkpoints the write-ahead log on shutdown

  runGuideBlock('sqlite-backup', { env: { DATA_DIR: original, BACKUP_DIR: backups } });
  runGuideBlock('sqlite-restore', { env: { DATA_DIR: restored, BACKUP_DIR: backups } });
  expect(statSync(path.join(restored, 'grax.db')).mode & 0o777).toBe(0o600);

  await expectOnlyTheKeyRingToMatter({ dataDir: restored }, keys);
}, 180_000);

describe('on PostgreSQL', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 120_000);
  afterAll(() => cluster.stop());

  it('backs up while the service runs and restores into a new database, with tokens that still work', async () => {
    const keys = keySpec('k2026');
    const backups = path.join(work, 'backups');
    mkdirSync(backups);
    const databaseUrl = await cluster.createDatabase('grax');
    const service = await serviceOn({ dataDir: path.join(work, 'a'), databaseUrl }, keys);
    try {
      await connect(service);
      // The server's own client tools, so that pg_dump's version matches the server's.
      const env = { PATH: `${cluster.binDir}:${process.env.PATH ?? ''}`, BACKUP_DIR: backups };
      runGuideBlock('postgres-backup', { env: { ...env, DATABASE_URL: databaseUrl } });
      const restoreUrl = await cluster.createDatabase('grax_restored');
      runGuideBlock('postgres-restore', { env: { ...env, RESTORE_DATABASE_URL: restoreUrl } });
      await expectOnlyTheKeyRingToMatter({ dataDir: path.join(work, 'b'), databaseUrl: restoreUrl }, keys);
    } finally {
      await service.stop();
    }
  }, 180_000);
});
