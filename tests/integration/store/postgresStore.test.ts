/** The Store contract on PostgreSQL, in a throwaway cluster started for this test file. */
import { PostgresDatabase } from '@service/store/sql/postgresDatabase';
import { migrate } from '@service/store/migrate';
import type { PgCluster } from '@test-support/pgCluster';
import { startPgCluster } from '@test-support/pgCluster';
import { describeStoreContract } from './storeContract';

let cluster: PgCluster;
let counter = 0;

beforeAll(async () => {
  cluster = await startPgCluster();
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
});

describeStoreContract('PostgreSQL', async () => {
  counter += 1;
  const db = new PostgresDatabase(await cluster.createDatabase(`grax_test_${counter}`));
  await migrate(db);
  return db;
});

describe('PostgreSQL migrations', () => {
  it('applies each migration once when several replicas start at the same time', async () => {
    const url = await cluster.createDatabase('grax_replicas');
    const replicas = [new PostgresDatabase(url), new PostgresDatabase(url), new PostgresDatabase(url)];
    const applied = await Promise.all(replicas.map((db) => migrate(db)));
    expect(applied.flat().sort()).toEqual(['001', '002']);
    await Promise.all(replicas.map((db) => db.close()));
  });
});
