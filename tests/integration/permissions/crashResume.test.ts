/**
 * Crash recovery: a separate service process runs Auto Config and is killed with SIGKILL in the middle of the field
 * load (its Bulk API job created and closed, not yet finished). This process then claims the job once the dead
 * runner's lease runs out, resumes it from the store's checkpoints, and completes it with no duplicate rows.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_USERS } from '@grax-connect/org-emulator';
import { checkpointsOf } from '@service/jobs/jobRunner';
import { ACME, runJob, startHarness, TEST_ACTOR, type Harness } from '@test-support/engine/harness';
import { graxSets, jsforceAs, rowCounts } from '@test-support/engine/orgQueries';
import { repoPath } from '@test-support/repoRoot';

const LEASE_MS = 1500;
let h: Harness;

beforeEach(async () => {
  h = await startHarness({ engine: { bulkThreshold: 20, leaseMs: LEASE_MS } });
});
afterEach(async () => {
  await h.close();
});

it('resumes a run whose process was killed during a bulk load, and completes it without duplicates', async () => {
  const connection = h.connect('integration');
  const token = await connection.tokens.accessToken();
  // The first status poll of the bulk job is slow, so the kill lands while the job is closed but unfinished.
  h.emulator.control.addFault({ method: 'GET', pathRegex: '/jobs/ingest/[A-Za-z0-9]+$', latencyMs: 3000 });
  const child = spawn(process.execPath, ['--import', 'tsx', repoPath('tests/support/engine/crashChild.ts')], {
    env: {
      ...process.env,
      CRASH_DB: h.dbPath,
      CRASH_KEYS: h.keySpec,
      CRASH_TOKEN: token,
      CRASH_ORG: connection.orgId,
      CRASH_INSTANCE: connection.instanceUrl,
      CRASH_USER: connection.userId,
      CRASH_USERNAME: connection.username,
      CRASH_BULK_THRESHOLD: '20',
      CRASH_LEASE_MS: String(LEASE_MS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const jobId = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('error', reject);
  });

  let bulkJobId: unknown;
  for (let i = 0; i < 600 && !bulkJobId; i++) {
    const job = await h.store.jobs.get(jobId);
    bulkJobId = job ? checkpointsOf(job).get('fields')?.bulkJobId : undefined;
    if (!bulkJobId) await sleep(20);
  }
  expect(typeof bulkJobId).toBe('string');
  await sleep(300);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  const crashed = await h.store.jobs.get(jobId);
  expect(crashed).toMatchObject({ state: 'running', leaseOwner: 'crashing-child' });
  await sleep(LEASE_MS + 200);
  h.emulator.control.clearFaults();
  await h.engine.drain();

  const resumed = await h.store.jobs.get(jobId);
  expect(resumed).toMatchObject({ state: 'succeeded', attempts: 2 });
  const result = resumed?.result as {
    failures: unknown[];
    summary: { error: number };
    writes: number;
    steps: { name: string; writes: number; skipped?: boolean }[];
  };
  expect(result.failures).toEqual([]);
  expect(result.summary.error).toBe(0);
  // Steps finished before the crash are not redone.
  expect(result.steps.filter((s) => s.skipped).map((s) => s.name)).toEqual(['sets', 'objects']);

  const admin = jsforceAs(h.emulator, DEMO_USERS.acmeProduction.ssoAdmin.username, ACME.id);
  const access = (await graxSets(admin)).get('GRAX_Integration_User_Access');
  const rows: Record<string, number> = {};
  for (const table of ['ObjectPermissions', 'FieldPermissions'] as const) {
    const counts = await rowCounts(admin, table, String(access?.Id));
    expect(counts.size).toBeGreaterThan(0);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    rows[table] = counts.size;
  }
  // The result counts what every attempt wrote: the Access set is new, so each of its rows was written by this run,
  // by the attempt that died (objects, the bulk load of fields) or by the one that finished.
  const writesOf = (name: string) => result.steps.find((s) => s.name === name)?.writes;
  expect(writesOf('objects')).toBe(rows.ObjectPermissions);
  expect(writesOf('fields')).toBe(rows.FieldPermissions);
  expect(writesOf('sets')).toBeGreaterThan(0);
  expect(result.writes).toBe(result.steps.reduce((n, s) => n + s.writes, 0));
  const [event] = await h.store.audit.list({ action: 'permissions.autoconfig' });
  expect(event?.details.writes).toBe(result.writes);
});

it('counts the API calls of every attempt of a resumed Verify in its job and in its audit event', async () => {
  const connection = h.connect('integration');
  const started = await h.engine.startVerify({ connection, trigger: TEST_ACTOR });
  // A runner that claimed the job, spent 7 calls and died: its lease runs out and this engine takes the job over.
  const claimed = await h.store.jobs.claim('dead-runner', LEASE_MS, ['verify']);
  expect(claimed?.id).toBe(started.jobId);
  await h.store.jobs.recordProgress(started.jobId, 'dead-runner', { apiCalls: 7 });
  await sleep(LEASE_MS + 200);

  const job = await runJob(h, started.jobId);
  expect(job).toMatchObject({ state: 'succeeded', attempts: 2 });
  expect(job.apiCalls).toBeGreaterThan(7);
  expect(job.result).toMatchObject({ apiCalls: job.apiCalls });
  const [event] = await h.store.audit.list({ action: 'permissions.verify' });
  expect(event?.details.apiCalls).toBe(job.apiCalls);
});
