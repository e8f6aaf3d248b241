/**
 * SF_MAX_CONCURRENT_REQUESTS across replicas: two stores on one PostgreSQL database (two replicas' pools) gate their
 * calls to the same org through the store's slots; together they never run more than the cap, and the slots of a
 * replica that died free themselves when their leases end.
 */
import { SecretBox, generateKeyRingSpec, parseKeyRing } from '@service/crypto/secretBox';
import { SharedGate } from '@service/salesforce/api/sharedCap';
import { migrate } from '@service/store/migrate';
import { createStore } from '@service/store/openStore';
import { PostgresDatabase } from '@service/store/sql/postgresDatabase';
import type { Store } from '@service/store/types';
import type { PgCluster } from '@test-support/pgCluster';
import { startPgCluster } from '@test-support/pgCluster';

const CAP = 3;
const ORG = 'salesforce:00D5g000004XyZaEAK';

let cluster: PgCluster;
let replicas: Store[];

beforeAll(async () => {
  cluster = await startPgCluster();
  const url = await cluster.createDatabase('grax_shared_cap');
  const box = new SecretBox(parseKeyRing(generateKeyRingSpec('k1')));
  const databases = [new PostgresDatabase(url), new PostgresDatabase(url)];
  await Promise.all(databases.map((db) => migrate(db)));
  replicas = databases.map((db) => createStore(db, box));
}, 120_000);

afterAll(async () => {
  await Promise.all((replicas ?? []).map((store) => store.close()));
  await cluster?.stop();
});

it('never lets two replicas together run more calls to one org than the cap', async () => {
  let open = 0;
  let peak = 0;
  let done = 0;
  const call = async () => {
    open += 1;
    peak = Math.max(peak, open);
    await new Promise((resolve) => setTimeout(resolve, 30));
    open -= 1;
    done += 1;
  };
  const gates = replicas.map(
    (store, i) => new SharedGate({ slots: store.concurrencySlots, leaseMs: 60_000, owner: `replica-${i}` }, ORG, CAP),
  );
  await Promise.all(gates.flatMap((gate) => Array.from({ length: 8 }, () => gate.run(call))));
  expect({ done, peak }).toEqual({ done: 16, peak: CAP });
  expect(await replicas[0]?.concurrencySlots.held(ORG)).toBe(0);
});

it('keeps a slot while its call runs longer than the lease (renewed), and frees it after', async () => {
  const [a, b] = replicas as [Store, Store];
  const gate = new SharedGate({ slots: a.concurrencySlots, leaseMs: 300, owner: 'long-call' }, ORG, 1);
  let heldDuringCall = -1;
  let othersGot: number | null = -1;
  await gate.run(async () => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    heldDuringCall = await b.concurrencySlots.held(ORG);
    othersGot = await b.concurrencySlots.acquire(ORG, 'other', 1, 1000);
  });
  expect({ heldDuringCall, othersGot }).toEqual({ heldDuringCall: 1, othersGot: null });
  expect(await b.concurrencySlots.held(ORG)).toBe(0);
});

it("takes over a killed replica's slots once their leases end", async () => {
  const [survivor, dead] = replicas as [Store, Store];
  for (let i = 0; i < CAP; i += 1) expect(await dead.concurrencySlots.acquire(ORG, 'killed', CAP, 400)).toBe(i);
  const gate = new SharedGate({ slots: survivor.concurrencySlots, leaseMs: 60_000, owner: 'survivor' }, ORG, CAP);
  const started = Date.now();
  await gate.run(async () => undefined);
  const waited = Date.now() - started;
  expect(waited).toBeGreaterThanOrEqual(300);
  expect(waited).toBeLessThan(3_000);
});
