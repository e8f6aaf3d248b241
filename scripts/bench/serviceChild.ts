/**
 * One benchmark scenario in a process of its own, so its peak RSS is the service's alone (the emulator runs in the
 * parent). Prints one JSON line: API calls, wall time, peak RSS, records written, problems found.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SecretBox, generateKeyRingSpec, parseKeyRing } from '../../service/src/crypto/secretBox';
import { createClient, type PermissionConnection } from '../../service/src/permissions/connection';
import { createPermissionEngine } from '../../service/src/permissions/engine';
import { FEATURES } from '../../service/src/permissions/profile';
import { openStore } from '../../service/src/store/openStore';
import type { JobKind } from '../../service/src/domain/jobs';
import { naiveAutoConfig, naiveVerify } from './naive';

/** What a scenario reports. */
export interface ScenarioResult {
  calls: number;
  ms: number;
  peakRssMb: number;
  writes: number;
  problems: number;
}

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
}

const connection: PermissionConnection = {
  orgId: env('BENCH_ORG'),
  instanceUrl: env('BENCH_INSTANCE'),
  userId: env('BENCH_USER'),
  username: env('BENCH_USERNAME'),
  apiVersion: '62.0',
  tokens: { accessToken: async () => env('BENCH_TOKEN'), refresh: async () => env('BENCH_TOKEN') },
};

async function runEngine(kinds: JobKind[]): Promise<Omit<ScenarioResult, 'peakRssMb' | 'ms'>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grax-bench-'));
  const store = await openStore({
    database: { kind: 'sqlite', path: path.join(dir, 'grax.db') },
    secretBox: new SecretBox(parseKeyRing(generateKeyRingSpec('bench'))),
  });
  const engine = createPermissionEngine({
    store,
    logger: {
      debug: (o) =>
        process.env.BENCH_TRACE
          ? console.error(JSON.stringify({ ...o, rssMb: Math.round(process.memoryUsage().rss / 1048576) }))
          : undefined,
      warn: () => undefined,
      error: (o) => console.error(JSON.stringify(o)),
    },
    maxConcurrent: Number(process.env.SF_MAX_CONCURRENT_REQUESTS ?? 8),
    scanIntervalMs: 6 * 3600_000,
    publicUrl: 'http://127.0.0.1:3000',
    connections: async () => connection,
    scheduledOrgs: async () => [],
    verify: { ownApplications: ['GRAX Connect'] },
    bulkPoll: { initialMs: 250, maxMs: 30_000, timeoutMs: 2 * 60 * 60_000 },
  });
  let calls = 0;
  let writes = 0;
  let problems = 0;
  const trigger = { kind: 'system' as const, id: 'bench', name: 'Benchmark' };
  for (const kind of kinds) {
    const started =
      kind === 'autoconfig'
        ? await engine.startAutoConfig({ connection, features: FEATURES, trigger })
        : kind === 'verify'
          ? await engine.startVerify({ connection, trigger })
          : kind === 'scan'
            ? await engine.startScan({ orgId: connection.orgId, connection, trigger })
            : await engine.startAutoFix({ orgId: connection.orgId, connection, trigger });
    await engine.drain();
    const job = await store.jobs.get(started.jobId);
    if (job?.state !== 'succeeded')
      throw new Error(`${kind} ${job?.state ?? 'vanished'}: ${JSON.stringify(job?.error)}`);
    const result = job.result as { writes?: number; summary?: { error: number; warning: number } };
    calls += job.apiCalls;
    writes += result.writes ?? 0;
    problems = (result.summary?.error ?? 0) + (result.summary?.warning ?? 0);
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { calls, writes, problems };
}

async function runNaive(scenario: string): Promise<Omit<ScenarioResult, 'peakRssMb' | 'ms'>> {
  const client = createClient(connection, { maxConcurrent: Number(process.env.SF_MAX_CONCURRENT_REQUESTS ?? 8) });
  let writes = 0;
  let problems = 0;
  if (scenario === 'autoconfig' || scenario === 'repeat') writes = await naiveAutoConfig(client, connection, FEATURES);
  else if (scenario === 'verify') problems = await naiveVerify(client, connection, FEATURES);
  else {
    problems = await naiveVerify(client, connection, FEATURES);
    writes = await naiveAutoConfig(client, connection, FEATURES);
  }
  return { calls: client.calls, writes, problems };
}

const ENGINE_JOBS: Record<string, JobKind[]> = {
  autoconfig: ['autoconfig'],
  repeat: ['autoconfig'],
  verify: ['verify'],
  scanAndFix: ['scan', 'autofix'],
};

async function main(): Promise<void> {
  const scenario = env('BENCH_SCENARIO');
  const started = Date.now();
  const outcome =
    env('BENCH_IMPL') === 'naive' ? await runNaive(scenario) : await runEngine(ENGINE_JOBS[scenario] ?? []);
  const result: ScenarioResult = {
    ...outcome,
    ms: Date.now() - started,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
