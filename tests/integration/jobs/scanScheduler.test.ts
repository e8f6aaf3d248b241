/**
 * Scheduled scans across replicas on PostgreSQL: two schedulers with their own pools (two replicas) tick at the same
 * moments for seven simulated minutes, with the lock changing hands whenever its lease runs out, and a runner finishing
 * each scan. Exactly one scan is queued per interval.
 */
import { SecretBox, generateKeyRingSpec, parseKeyRing } from '@service/crypto/secretBox';
import { ScanScheduler } from '@service/jobs/scanScheduler';
import { migrate } from '@service/store/migrate';
import { createStore } from '@service/store/openStore';
import { PostgresDatabase } from '@service/store/sql/postgresDatabase';
import type { Store } from '@service/store/types';
import type { PgCluster } from '@test-support/pgCluster';
import { startPgCluster } from '@test-support/pgCluster';
import { TestClock } from '@test-support/testClock';

const ORG = '00D5g000004XyZaEAK';
const INTERVAL_MS = 60_000;
const TICK_MS = 1_000;

let cluster: PgCluster;
let replicas: Store[];
const clock = new TestClock();

beforeAll(async () => {
  cluster = await startPgCluster();
  const url = await cluster.createDatabase('grax_scheduler');
  const databases = [new PostgresDatabase(url), new PostgresDatabase(url)];
  await Promise.all(databases.map((db) => migrate(db)));
  const box = new SecretBox(parseKeyRing(generateKeyRingSpec('k1')));
  replicas = databases.map((db) => createStore(db, box, clock));
}, 120_000);

afterAll(async () => {
  await Promise.all((replicas ?? []).map((store) => store.close()));
  await cluster?.stop();
});

it('queues one scheduled scan per interval across two replicas ticking together', async () => {
  const schedulers = replicas.map(
    (store, i) =>
      new ScanScheduler({
        store,
        owner: `replica-${i}`,
        intervalMs: INTERVAL_MS,
        tickMs: TICK_MS,
        orgs: async () => [ORG],
        enqueueScan: async (orgId, jobs) => {
          await jobs.enqueue({ kind: 'scan', orgId, trigger: { kind: 'system', id: 'scheduler', name: 'Scan' } });
        },
        now: () => clock.now(),
      }),
  );
  const queuedBy = [0, 0];
  const started = clock.now().getTime();
  for (let step = 0; step < 240; step += 1) {
    // Right after the lock's lease ran out, one replica (each in turn) ticks first and takes it over.
    const first = step > 0 && step % 4 === 0 ? [(step / 4) % 2] : [];
    for (const i of first) queuedBy[i] = (queuedBy[i] ?? 0) + (await schedulers[i]!.tick()).length;
    const results = await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
    results.forEach((orgs, i) => (queuedBy[i] = (queuedBy[i] ?? 0) + orgs.length));
    // A runner on either replica finishes what was queued.
    const job = await replicas[step % 2]?.jobs.claim('runner', 60_000, ['scan']);
    if (job) await replicas[step % 2]?.jobs.finish(job.id, 'runner', { state: 'succeeded', result: {} });
    // Every fourth step the clock jumps past the lock's lease (3 ticks), so the lock can change hands.
    clock.advance(step % 4 === 3 ? 4 * TICK_MS : TICK_MS);
  }
  const elapsed = clock.now().getTime() - started;
  const scans = (await replicas[0]?.jobs.list({ kind: 'scan', limit: 100 })) ?? [];
  const times = scans.map((s) => s.createdAt.getTime()).sort((a, b) => a - b);
  const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
  expect(scans.length).toBe(Math.ceil(elapsed / INTERVAL_MS));
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL_MS);
  expect(queuedBy[0]! + queuedBy[1]!).toBe(scans.length);
  // Both replicas held the lock at some point: the rule does not depend on one of them.
  expect(queuedBy.every((n) => n > 0)).toBe(true);
});
