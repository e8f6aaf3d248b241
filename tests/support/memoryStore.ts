/** An in-memory SQLite store with a hand-moved clock, for the connection use cases' unit tests. */
import { randomBytes } from 'node:crypto';
import { SecretBox, parseKeyRing } from '@service/crypto/secretBox';
import { createLogger } from '@service/logger';
import type { Logger } from '@service/logger';
import { migrate } from '@service/store/migrate';
import { createStore } from '@service/store/openStore';
import { SqliteDatabase } from '@service/store/sql/sqliteDatabase';
import type { NewConnection, Store } from '@service/store/types';
import { TestClock } from '@test-support/testClock';

/** A fresh store, its secret box and clock, and a silent logger. */
export async function memoryStore(): Promise<{ store: Store; box: SecretBox; clock: TestClock; logger: Logger }> {
  const db = new SqliteDatabase(':memory:');
  await migrate(db);
  const clock = new TestClock();
  const box = new SecretBox(parseKeyRing(`k:${randomBytes(32).toString('base64')}`));
  return { store: createStore(db, box, clock), box, clock, logger: createLogger({ level: 'silent' }) };
}

/** A connection as the callback would store it. */
export function newConnection(overrides: Partial<NewConnection> = {}): NewConnection {
  return {
    orgId: '00D5g0000004CSwEAM',
    orgName: 'Acme Production',
    environment: 'production',
    orgType: 'production',
    instanceUrl: 'https://acme.my.salesforce.com',
    loginUrl: 'https://login.salesforce.com',
    myDomain: 'acme.my.salesforce.com',
    userId: '0055g0000000146AAA',
    username: 'grax.integration@acme.example',
    mode: 'auto_config',
    identityUrl: 'https://login.salesforce.com/id/00D5g0000004CSwEAM/0055g0000000146AAA',
    scopes: ['api', 'refresh_token', 'id'],
    refreshToken: '5Aep-refresh-1',
    accessToken: '00D5g0000004CSw!access-1',
    issuedAt: new Date('2026-11-28T10:00:00Z'),
    ...overrides,
  };
}
