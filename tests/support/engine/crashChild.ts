/**
 * A separate service process for the crash test: runs Auto Config against the emulator with the test's store file,
 * until the parent kills it with SIGKILL. Everything comes from the environment the parent sets.
 */
import { SecretBox, parseKeyRing } from '@service/crypto/secretBox';
import { createPermissionEngine } from '@service/permissions/engine';
import type { PermissionConnection } from '@service/permissions/connection';
import { openStore } from '@service/store/openStore';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const store = await openStore({
    database: { kind: 'sqlite', path: env('CRASH_DB') },
    secretBox: new SecretBox(parseKeyRing(env('CRASH_KEYS'))),
  });
  const token = env('CRASH_TOKEN');
  const connection: PermissionConnection = {
    orgId: env('CRASH_ORG'),
    instanceUrl: env('CRASH_INSTANCE'),
    userId: env('CRASH_USER'),
    username: env('CRASH_USERNAME'),
    apiVersion: '62.0',
    tokens: { accessToken: async () => token, refresh: async () => token },
  };
  const engine = createPermissionEngine({
    store,
    logger: { debug: () => undefined, warn: () => undefined, error: () => undefined },
    maxConcurrent: 4,
    scanIntervalMs: 6 * 3600_000,
    publicUrl: 'http://127.0.0.1:3000',
    connections: async () => connection,
    scheduledOrgs: async () => [],
    verify: { ownApplications: ['GRAX Connect'] },
    bulkThreshold: Number(env('CRASH_BULK_THRESHOLD')),
    bulkPoll: { initialMs: 20, maxMs: 200, timeoutMs: 60_000 },
    leaseMs: Number(env('CRASH_LEASE_MS')),
    owner: 'crashing-child',
  });
  const started = await engine.startAutoConfig({
    connection,
    trigger: { kind: 'local', id: 'u_test', name: 'Test Admin' },
  });
  process.stdout.write(`${started.jobId}\n`);
  await engine.drain();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
