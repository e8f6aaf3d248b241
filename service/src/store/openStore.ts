/**
 * Opens the store named by DATABASE_URL (embedded SQLite file or PostgreSQL), applies pending migrations and returns
 * the Store. The repositories are shared by both databases; only the connection and the migration files differ.
 */
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import type { DatabaseConfig } from '../config';
import type { SecretBox } from '../crypto/secretBox';
import { migrate } from './migrate';
import { apiCallRepository } from './repos/apiCalls';
import { auditRepository } from './repos/audit';
import { connectLinkRepository } from './repos/connectLinks';
import { connectionRepository } from './repos/connections';
import { jobRepository } from './repos/jobs';
import { linkKeyRepository } from './repos/linkKeys';
import { localUserRepository } from './repos/localUsers';
import { lockRepository } from './repos/locks';
import { rateLimitRepository } from './repos/rateLimits';
import { concurrencySlotRepository } from './repos/concurrencySlots';
import { oauthStateRepository } from './repos/oauthStates';
import { orgSeenRepository } from './repos/orgsSeen';
import { sessionRepository } from './repos/sessions';
import { settingsRepository } from './repos/settings';
import type { RepoContext } from './rowValues';
import { reencryptAll } from './secretColumns';
import type { SqlDatabase } from './sql/database';
import { PostgresDatabase } from './sql/postgresDatabase';
import { SqliteDatabase } from './sql/sqliteDatabase';
import { TransactionDatabase } from './sql/transactionDatabase';
import type { Store, StoreRepositories, StoreTransaction } from './types';

/** What opening a store needs. */
export interface OpenStoreOptions {
  database: DatabaseConfig;
  secretBox: SecretBox;
  clock?: Clock;
  /** Told which migrations this start applied (none when another replica or an earlier start applied them). */
  onMigrated?: (applied: string[]) => void;
}

function repositories(context: RepoContext): StoreRepositories {
  return {
    connections: connectionRepository(context),
    orgsSeen: orgSeenRepository(context),
    oauthStates: oauthStateRepository(context),
    sessions: sessionRepository(context),
    localUsers: localUserRepository(context),
    linkKeys: linkKeyRepository(context),
    connectLinks: connectLinkRepository(context),
    jobs: jobRepository(context),
    audit: auditRepository(context),
    settings: settingsRepository(context),
    apiCalls: apiCallRepository(context),
    locks: lockRepository(context),
    rateLimits: rateLimitRepository(context),
    concurrencySlots: concurrencySlotRepository(context),
  };
}

/** The repositories on an open transaction; nested transactions are savepoints. */
function transactionRepositories(db: SqlDatabase, context: Omit<RepoContext, 'db'>): StoreTransaction {
  return {
    ...repositories({ ...context, db }),
    transaction: (work) => db.transaction(() => work(transactionRepositories(db, context))),
  };
}

/** Builds a Store on an open database (migrations must already be applied). */
export function createStore(db: SqlDatabase, secretBox: SecretBox, clock: Clock = systemClock): Store {
  const context: RepoContext = { db, box: secretBox, clock };
  return {
    kind: db.dialect,
    ...repositories(context),
    async transaction(work) {
      let bound: TransactionDatabase | undefined;
      try {
        return await db.transaction(async (executor) => {
          bound = new TransactionDatabase(db, executor);
          return work(transactionRepositories(bound, { box: secretBox, clock }));
        });
      } finally {
        bound?.end();
      }
    },
    async ping() {
      await db.all('SELECT 1 AS ok');
    },
    reencryptSecrets: () => reencryptAll(db, secretBox),
    close: () => db.close(),
  };
}

/** Opens the configured database, migrates it, and returns the Store. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const db: SqlDatabase =
    options.database.kind === 'sqlite'
      ? new SqliteDatabase(options.database.path)
      : new PostgresDatabase(options.database.url);
  try {
    const applied = await migrate(db);
    options.onMigrated?.(applied);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return createStore(db, options.secretBox, options.clock);
}
