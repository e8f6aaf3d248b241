/**
 * `npm run bench`: the permission engine against generated orgs in the org emulator at 50 ms emulated latency.
 * For each org size (medium, large and XL by default): (a) Auto Config from scratch, (b) Auto Config again (no changes), (c) Verify, (d) scan + Auto Fix
 * after 1% drift; each scenario runs in its own service process (peak RSS is the service's alone), and its API calls
 * are cross-checked against the emulator's own count. The simplest correct implementation (one call per record, one
 * describe per object) runs the same scenarios on the medium org for the ratio, and every figure is compared with the
 * lower bound Salesforce's documented per-request limits allow.
 *
 * The emulator runs in this process: its peak RSS per size is sampled and printed apart from the service's.
 *
 * Options: --sizes medium,large,xl  --scenarios autoconfig,repeat,verify,scanAndFix  --latency-ms 50  --naive-size medium
 *          --skip-naive  --trace (every Salesforce call of the service on stderr)
 *          --dependency-rows listed (the org's PermissionDependency lists Modify All Data's requirements, so Auto Config
 *          learns nothing from refusals; the default is the harder, unlisted case)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  DEMO_CLIENT_APP,
  DEMO_ORGS,
  DEMO_USERS,
  canHaveObjectPermissions,
  startEmulator,
  type RunningEmulator,
} from '@grax-connect/org-emulator';
import { isEditPermissionable } from '../service/src/permissions/org/fieldCatalog';
import { lowerBounds, type OrgShape } from './bench/lowerBound';
import type { ScenarioResult } from './bench/serviceChild';

type Size = 'small' | 'medium' | 'large' | 'xl';
const SCENARIOS = ['autoconfig', 'repeat', 'verify', 'scanAndFix'] as const;
type Scenario = (typeof SCENARIOS)[number];
const LABELS: Record<Scenario, string> = {
  autoconfig: '(a) Auto Config from scratch',
  repeat: '(b) Auto Config again',
  verify: '(c) Verify',
  scanAndFix: '(d) Scan + Auto Fix, 1% drift',
};
const BOUND_KEY: Record<Scenario, keyof ReturnType<typeof lowerBounds>> = {
  autoconfig: 'autoConfig',
  repeat: 'repeat',
  verify: 'verify',
  scanAndFix: 'scanAndFix',
};
/** Targets on the large org (calls and time), kept from the first benchmark. */
const TARGETS: Partial<Record<Scenario, { calls: number; ms?: number; writes?: number }>> = {
  autoconfig: { calls: 250, ms: 30_000 },
  repeat: { calls: 120, writes: 0 },
  verify: { calls: 200, ms: 20_000 },
};
/** Peak service RSS per size (MB). */
const RSS_TARGET_MB: Partial<Record<Size, number>> = { large: 300, xl: 350 };
/** Every engine scenario on the large and XL orgs: at most this many times its lower bound. */
const RATIO_TARGET = 1.25;
const SIZE_LABELS: Record<Size, string> = { small: 'small', medium: 'medium', large: 'large', xl: 'XL' };

interface Row extends ScenarioResult {
  size: Size;
  impl: 'engine' | 'naive';
  scenario: Scenario;
  emulatorCalls: number;
  lowerBound: number;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function orgShape(emulator: RunningEmulator): OrgShape {
  const org = emulator.world.findOrgById(DEMO_ORGS.acmeProduction.id);
  if (!org) throw new Error('Acme Production is missing');
  let objects = 0;
  let editableFields = 0;
  for (const o of org.schema.listObjects()) {
    if (!canHaveObjectPermissions(o)) continue;
    objects++;
    editableFields += o.fields.filter(isEditPermissionable).length;
  }
  return { objects, editableFields };
}

/** Adds 1% of the org's permissionable fields as new custom fields, 100 per object. */
function addDrift(emulator: RunningEmulator, shape: OrgShape): number {
  const org = emulator.world.findOrgById(DEMO_ORGS.acmeProduction.id);
  const target = Math.max(20, Math.round(shape.editableFields / 100));
  const objects = (org?.schema.listObjects() ?? []).filter((o) => o.accessModel === 'data' && o.custom);
  let added = 0;
  for (const o of objects) {
    if (added >= target) break;
    const count = Math.min(100, target - added);
    emulator.control.addCustomFields(DEMO_ORGS.acmeProduction.id, o.name, { count });
    added += count;
  }
  return added;
}

async function runScenario(
  emulator: RunningEmulator,
  impl: 'engine' | 'naive',
  scenario: Scenario,
): Promise<ScenarioResult & { emulatorCalls: number }> {
  const username = DEMO_USERS.acmeProduction.integration.username;
  const org = emulator.orgs.find((o) => o.id === DEMO_ORGS.acmeProduction.id);
  const token = emulator.control.issueToken({ username, clientId: DEMO_CLIENT_APP.clientId });
  const before = emulator.control.stats().total;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bench', 'serviceChild.ts')], {
    env: {
      ...process.env,
      BENCH_SCENARIO: scenario,
      BENCH_IMPL: impl,
      BENCH_ORG: org?.id ?? '',
      BENCH_INSTANCE: org?.instanceUrl ?? '',
      BENCH_USER: token.id.split('/').pop() ?? '',
      BENCH_USERNAME: username,
      BENCH_TOKEN: token.access_token,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`${impl} ${scenario} failed (exit ${code})`);
  const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as ScenarioResult;
  return { ...result, emulatorCalls: emulator.control.stats().total - before };
}

/** Peak RSS of this process (the emulator) per size and implementation, in MB. */
const emulatorPeaks: { size: Size; impl: 'engine' | 'naive'; mb: number }[] = [];

async function benchSize(size: Size, impl: 'engine' | 'naive', latencyMs: number): Promise<Row[]> {
  const dependencyRows = option('dependency-rows', 'unlisted') === 'listed' ? 'listed' : 'unlisted';
  // The emulator lives in this process: sample its RSS (resourceUsage().maxRSS would carry over from earlier sizes).
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
  const emulator = await startEmulator({
    orgSize: size,
    latencyMs,
    seed: 1,
    orgShapes: { acmeProduction: { dependencyRows } },
  });
  // The simplest implementation spends more than an org's daily allowance: keep it topped up so it can finish.
  const topUp =
    impl === 'naive'
      ? setInterval(() => emulator.control.spendAllowance(DEMO_ORGS.acmeProduction.id, 15_000), 500)
      : undefined;
  const rows: Row[] = [];
  try {
    const shape = orgShape(emulator);
    let drift = 0;
    const only = option('scenarios', SCENARIOS.join(',')).split(',');
    for (const scenario of SCENARIOS) {
      // Each scenario starts from the state the previous ones left: (b) to (d) only make sense after (a).
      if (!only.includes(scenario) && !(scenario === 'autoconfig' && only.some((s) => s !== 'autoconfig'))) continue;
      if (scenario === 'scanAndFix') drift = addDrift(emulator, shape);
      const bounds = lowerBounds(shape, drift);
      process.stderr.write(`${size} ${impl}: ${LABELS[scenario]}...\n`);
      const result = await runScenario(emulator, impl, scenario);
      rows.push({ ...result, size, impl, scenario, lowerBound: bounds[BOUND_KEY[scenario]] });
    }
    process.stderr.write(
      `${size}: ${shape.objects} objects, ${shape.editableFields} fields restore edits, drift ${drift} fields\n`,
    );
  } finally {
    if (topUp) clearInterval(topUp);
    await emulator.close();
    clearInterval(sampler);
    emulatorPeaks.push({ size, impl, mb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024) });
  }
  return rows;
}

function ratio(r: Row): number {
  return r.calls / r.lowerBound;
}

function table(rows: Row[]): string {
  const header =
    '| org | implementation | scenario | API calls (emulator count) | lower bound | calls / bound | wall time | peak service RSS | records written |';
  const lines = [header, '|---|---|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(
      `| ${SIZE_LABELS[r.size]} | ${r.impl === 'engine' ? 'GRAX engine' : 'simplest'} | ${LABELS[r.scenario]} | ${r.calls} (${r.emulatorCalls}) | ${r.lowerBound} | ${ratio(r).toFixed(2)} | ${(r.ms / 1000).toFixed(1)} s | ${r.peakRssMb} MB | ${r.writes} |`,
    );
  }
  return lines.join('\n');
}

/** The engine's scenarios with the sizes side by side: calls / lower bound = ratio, wall time, peak service RSS. */
function sideBySide(rows: Row[]): string {
  const engine = rows.filter((r) => r.impl === 'engine');
  const sizes = [...new Set(engine.map((r) => r.size))];
  if (sizes.length === 0) return '';
  const lines = [
    `| scenario | ${sizes.map((s) => SIZE_LABELS[s]).join(' | ')} |`,
    `|---|${sizes.map(() => '---').join('|')}|`,
  ];
  for (const scenario of SCENARIOS) {
    const cells = sizes.map((size) => {
      const r = engine.find((x) => x.size === size && x.scenario === scenario);
      return r
        ? `${r.calls} / ${r.lowerBound} = ${ratio(r).toFixed(2)}x, ${(r.ms / 1000).toFixed(1)} s, ${r.peakRssMb} MB`
        : '-';
    });
    lines.push(`| ${LABELS[scenario]} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function comparison(rows: Row[]): string[] {
  const out: string[] = [];
  for (const scenario of SCENARIOS) {
    const naive = rows.find((r) => r.impl === 'naive' && r.scenario === scenario);
    const engine = rows.find((r) => r.impl === 'engine' && r.scenario === scenario && r.size === naive?.size);
    if (!naive || !engine) continue;
    out.push(
      `${naive.size} ${LABELS[scenario]}: simplest ${naive.calls} calls / ${(naive.ms / 1000).toFixed(1)} s vs engine ${engine.calls} calls / ${(engine.ms / 1000).toFixed(1)} s -> ${(naive.calls / engine.calls).toFixed(1)}x fewer calls, ${(naive.ms / engine.ms).toFixed(1)}x faster`,
    );
  }
  return out;
}

function targets(rows: Row[]): string[] {
  const out: string[] = [];
  const met = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  for (const r of rows.filter((x) => x.impl === 'engine')) {
    // The ratio target is for the large and XL orgs, where the lower bound is large enough to measure the engine's
    // batching; on the medium org a few fixed calls (state reads, the closing check, a bulk status read) weigh more
    // than the target's margin, so its ratio is printed for information.
    const checks =
      r.size === 'large' || r.size === 'xl'
        ? [`ratio ${ratio(r).toFixed(2)} <= ${RATIO_TARGET}: ${met(ratio(r) <= RATIO_TARGET)}`]
        : [`ratio ${ratio(r).toFixed(2)} (for information)`];
    const rss = RSS_TARGET_MB[r.size];
    if (rss !== undefined) checks.push(`peak RSS ${r.peakRssMb} MB <= ${rss} MB: ${met(r.peakRssMb <= rss)}`);
    const t = r.size === 'large' ? TARGETS[r.scenario] : undefined;
    if (t) {
      checks.push(`calls ${r.calls} <= ${t.calls}: ${met(r.calls <= t.calls)}`);
      if (t.ms !== undefined)
        checks.push(`time ${(r.ms / 1000).toFixed(1)} s <= ${t.ms / 1000} s: ${met(r.ms <= t.ms)}`);
      if (t.writes !== undefined) checks.push(`writes ${r.writes} = ${t.writes}: ${met(r.writes === t.writes)}`);
    }
    out.push(`${SIZE_LABELS[r.size]} ${LABELS[r.scenario]}: ${checks.join('; ')}`);
  }
  return out;
}

async function main(): Promise<void> {
  const latencyMs = Number(option('latency-ms', '50'));
  const sizes = option('sizes', 'medium,large,xl').split(',') as Size[];
  const unknown = sizes.filter((s) => !(s in SIZE_LABELS));
  if (unknown.length > 0) throw new Error(`--sizes takes small, medium, large and xl, not ${unknown.join(', ')}`);
  if (process.argv.includes('--trace')) process.env.BENCH_TRACE = '1';
  const rows: Row[] = [];
  for (const size of sizes) rows.push(...(await benchSize(size, 'engine', latencyMs)));
  if (!process.argv.includes('--skip-naive'))
    rows.push(...(await benchSize(option('naive-size', 'medium') as Size, 'naive', latencyMs)));
  console.log(`\nPermission engine benchmark at ${latencyMs} ms emulated latency (wall times are emulator times).\n`);
  console.log(sideBySide(rows));
  console.log('');
  console.log(table(rows));
  console.log('');
  for (const p of emulatorPeaks)
    console.log(
      `- emulator (bench process) peak RSS, ${SIZE_LABELS[p.size]} org, ${p.impl === 'engine' ? 'GRAX engine' : 'simplest'} runs: ${p.mb} MB`,
    );
  for (const line of [...comparison(rows), ...targets(rows)]) console.log(`- ${line}`);
  const mismatched = rows.filter((r) => r.calls !== r.emulatorCalls);
  if (mismatched.length > 0)
    console.log(`- WARNING: our call count differs from the emulator's for ${mismatched.length} scenario(s)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
