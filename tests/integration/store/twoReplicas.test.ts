/**
 * Several replicas on PostgreSQL, proven: a throwaway PostgreSQL cluster, the emulator with a medium org, two service
 * processes (`service/src/main.ts`) started together on the empty database, and a round-robin front on loopback as
 * their PUBLIC_URL. It shows the migrations run once, an OAuth round trip started on one replica finishes on the other,
 * kill -9 of the replica running Auto Config leaves the other to finish it after the lease with one result and no
 * duplicate writes, the per-org Salesforce concurrency cap holds across replicas, an SSO session works on both, and
 * the sign-in rate limit is shared. The figures are printed (docs/architecture.md, "Replicas", quotes them).
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningEmulator } from '@grax-connect/org-emulator';
import { DEMO_CLIENT_APP, DEMO_ORGS, DEMO_USERS, startEmulator } from '@grax-connect/org-emulator';
import { SecretBox, parseKeyRing } from '@service/crypto/secretBox';
import { createStore } from '@service/store/openStore';
import { PostgresDatabase } from '@service/store/sql/postgresDatabase';
import type { Store } from '@service/store/types';
import type { Job } from '@service/domain/jobs';
import { AuthBrowser } from '@test-support/worlds/authWorld';
import { GraxBrowser } from '@test-support/browser';
import { freePort } from '@test-support/ports';
import type { ServiceProcess } from '@test-support/serviceProcess';
import { runServiceProcess, waitForStdout } from '@test-support/serviceProcess';
import type { PgCluster } from '@test-support/pgCluster';
import { startPgCluster } from '@test-support/pgCluster';

jest.setTimeout(process.env.GRAX_REPLICAS_ORG_SIZE === 'large' ? 600_000 : 120_000);

const KEY = 'k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const SETUP_TOKEN = 'replicas-setup-token-0123456789abcdef';
const LEASE_MS = 3_000;
const CAP = 3;
/**
 * The emulator's medium org (about 200 objects) keeps the file under two minutes on a shared machine;
 * GRAX_REPLICAS_ORG_SIZE=large runs it on the large org (2,000 objects, 200,000 fields) for the figures.
 */
const ORG_SIZE = process.env.GRAX_REPLICAS_ORG_SIZE === 'large' ? 'large' : 'medium';
const WAIT_MS = ORG_SIZE === 'large' ? 240_000 : 60_000;
const acme = DEMO_USERS.acmeProduction;

interface Replica {
  name: string;
  url: string;
  run: ServiceProcess;
  dataDir: string;
  alive: boolean;
}

const figures: Record<string, unknown> = {};
let cluster: PgCluster;
let emulator: RunningEmulator;
let databaseUrl: string;
let store: Store;
let proxy: http.Server;
let proxyUrl: string;
const replicas: Replica[] = [];
/** Which replica answered each request through the front. */
const served: string[] = [];

function serviceEnv(port: number): NodeJS.ProcessEnv {
  const hosts = [emulator.productionLoginUrl, emulator.sandboxLoginUrl, ...emulator.orgs.map((o) => o.instanceUrl)];
  return {
    PORT: String(port),
    PUBLIC_URL: proxyUrl,
    DATABASE_URL: databaseUrl,
    GRAX_SECRET_KEYS: KEY,
    GRAX_SETUP_TOKEN: SETUP_TOKEN,
    SF_CLIENT_ID: DEMO_CLIENT_APP.clientId,
    SF_CLIENT_SECRET: DEMO_CLIENT_APP.clientSecret,
    SF_PRODUCTION_LOGIN_URL: emulator.productionLoginUrl,
    SF_SANDBOX_LOGIN_URL: emulator.sandboxLoginUrl,
    SF_EXTRA_LOGIN_HOSTS: [...new Set(hosts)].join(','),
    SF_MAX_CONCURRENT_REQUESTS: String(CAP),
    JOB_LEASE_MS: String(LEASE_MS),
    LOG_LEVEL: 'info',
  };
}

async function startReplica(name: string): Promise<Replica> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `grax-${name}-`));
  const replica: Replica = {
    name,
    url: `http://127.0.0.1:${port}`,
    run: runServiceProcess('service/src/main.ts', dataDir, serviceEnv(port)),
    dataDir,
    alive: true,
  };
  replicas.push(replica);
  return replica;
}

function listening(replica: Replica): Promise<true> {
  return waitForStdout(replica.run, (out) => (out.includes('"msg":"GRAX Connect is listening"') ? true : null));
}

/** The versions a replica's start applied, from its log. */
function migrationsApplied(replica: Replica): string[] {
  const line = replica.run
    .stdout()
    .split('\n')
    .find((l) => l.includes('"migrationsApplied"'));
  return line ? (JSON.parse(line) as { migrationsApplied: string[] }).migrationsApplied : ['(no log line)'];
}

/** The front: each request to the next live replica in turn. */
function startProxy(port: number): Promise<http.Server> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const live = replicas.filter((r) => r.alive);
    const target = live[next++ % live.length];
    if (!target) {
      res.writeHead(502).end();
      return;
    }
    served.push(target.name);
    const upstream = http.request(
      `${target.url}${req.url ?? '/'}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

async function waitFor<T>(what: string, check: () => Promise<T | null>, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function autoConfigJob(): Promise<Job | null> {
  const [job] = await store.jobs.list({ kind: 'autoconfig', limit: 5 });
  return job ?? null;
}

/** A SOQL query in the org as its admin (what Salesforce now holds). */
async function soql<T>(query: string): Promise<T[]> {
  const token = await emulator.control.issueToken({ username: acme.ssoAdmin.username });
  const records: T[] = [];
  let next: string | null = `/services/data/v62.0/query?q=${encodeURIComponent(query)}`;
  while (next) {
    const response = await fetch(`${token.instance_url}${next}`, {
      headers: { Authorization: `Bearer ${token.access_token}` },
    });
    const body = (await response.json()) as { records: T[]; nextRecordsUrl?: string };
    if (!response.ok) throw new Error(`query failed: ${JSON.stringify(body)}`);
    records.push(...body.records);
    next = body.nextRecordsUrl ?? null;
  }
  return records;
}

function duplicates(values: string[]): number {
  return values.length - new Set(values).size;
}

async function apiCalls(): Promise<number> {
  return (await emulator.control.stats()).total;
}

beforeAll(async () => {
  cluster = await startPgCluster();
  databaseUrl = await cluster.createDatabase('grax_replicas');
  emulator = await startEmulator({ port: 0, sandboxPort: 0, orgSize: ORG_SIZE });
  const proxyPort = await freePort();
  proxyUrl = `http://127.0.0.1:${proxyPort}`;
  await emulator.control.registerClientApp({
    clientId: DEMO_CLIENT_APP.clientId,
    clientSecret: DEMO_CLIENT_APP.clientSecret,
    name: DEMO_CLIENT_APP.name,
    callbackUrls: [`${proxyUrl}/oauth/callback`],
    requireSecret: true,
    refreshTokenRotation: false,
    consentRequired: false,
    installedOrgIds: [...DEMO_CLIENT_APP.installedInOrgIds],
    scopes: [...DEMO_CLIENT_APP.scopes],
  });
  proxy = await startProxy(proxyPort);
  store = createStore(new PostgresDatabase(databaseUrl, { max: 2 }), new SecretBox(parseKeyRing(KEY)));
}, 120_000);

afterAll(async () => {
  for (const replica of replicas) {
    if (replica.alive) replica.run.child.kill('SIGKILL');
    rmSync(replica.dataDir, { recursive: true, force: true });
  }
  await store?.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await emulator?.close();
  await cluster?.stop();
  console.log(`Replica figures:\n${JSON.stringify(figures, null, 2)}`);
});

it('starts two replicas together on an empty database: the migrations run once and neither fails', async () => {
  const started = Date.now();
  const pair = await Promise.all([startReplica('replica-a'), startReplica('replica-b')]);
  await Promise.all(pair.map(listening));
  figures.bothListeningMs = Date.now() - started;
  const applied = pair.map(migrationsApplied);
  figures.migrationsApplied = Object.fromEntries(pair.map((r, i) => [r.name, applied[i]]));
  expect(applied.map((versions) => versions.join(',')).sort()).toEqual(['', '001,002']);
});

it('finishes on one replica an OAuth round trip started on the other; kill -9 of the replica running Auto Config leaves the other to finish it', async () => {
  const [a, b] = replicas as [Replica, Replica];
  const first = new GraxBrowser(a.url, proxyUrl);
  const started = await first.postConnect({ setupToken: SETUP_TOKEN, mode: 'auto_config' });
  expect(started.status).toBe(303);
  const atSalesforce = await first.loginAtSalesforce(
    started.location ?? '',
    acme.integration.username,
    acme.integration.password,
  );
  expect(atSalesforce.location?.startsWith(`${proxyUrl}/oauth/callback?`)).toBe(true);
  const second = new GraxBrowser(b.url, proxyUrl);
  for (const [name, value] of first.cookies) second.cookies.set(name, value);
  const callsAtConnect = await apiCalls();
  const landed = await second.request(atSalesforce.location ?? '');
  expect({ status: landed.status, location: landed.location }).toEqual({ status: 303, location: '/login?connected=1' });
  expect((await store.connections.getActive())?.orgId).toBe(DEMO_ORGS.acmeProduction.id);

  // Slots held for the org, sampled while Auto Config runs: never more than the cap across both replicas.
  let peakSlots = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakSlots = Math.max(peakSlots, await store.concurrencySlots.held(`salesforce:${DEMO_ORGS.acmeProduction.id}`));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();

  try {
    const running = await waitFor('Auto Config to be running with progress', async () => {
      const job = await autoConfigJob();
      return job?.state === 'running' && (job.progress?.done ?? 0) >= 1 ? job : job?.state === 'succeeded' ? job : null;
    });
    expect(running.state).toBe('running');
    const victimPid = Number(running.leaseOwner?.split(':')[1]);
    const victim = replicas.find((r) => r.run.child.pid === victimPid);
    if (!victim) throw new Error(`no replica with pid ${victimPid} holds the job`);
    const survivor = victim === a ? b : a;
    const stepsBeforeKill = running.steps.length;
    victim.run.child.kill('SIGKILL');
    victim.alive = false;
    const killedAt = Date.now();
    await victim.run.exited;

    const takenOver = await waitFor('the other replica to claim the job', async () => {
      const job = await store.jobs.get(running.id);
      return job && job.leaseOwner && job.leaseOwner !== running.leaseOwner ? job : null;
    });
    const takeoverMs = Date.now() - killedAt;
    expect(Number(takenOver.leaseOwner?.split(':')[1])).toBe(survivor.run.child.pid);
    const finished = await waitFor('Auto Config to finish', async () => {
      const job = await store.jobs.get(running.id);
      return job && (job.state === 'succeeded' || job.state === 'failed') ? job : null;
    });
    const finishedMs = Date.now() - killedAt;
    sampling = false;
    expect(finished.error).toBeNull();
    expect(finished).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(peakSlots).toBeGreaterThan(0);
    expect(peakSlots).toBeLessThanOrEqual(CAP);

    // One result: one Auto Config job; in the org, each permission set, assignment and permission row once.
    expect((await store.jobs.list({ kind: 'autoconfig' })).length).toBe(1);
    const sets = await soql<{ Id: string; Name: string }>(
      "SELECT Id, Name FROM PermissionSet WHERE Name IN ('GRAX_Integration_User', 'GRAX_Integration_User_Access')",
    );
    expect(sets.map((s) => s.Name).sort()).toEqual(['GRAX_Integration_User', 'GRAX_Integration_User_Access']);
    const ids = sets.map((s) => `'${s.Id}'`).join(', ');
    const assignments = await soql<{ PermissionSetId: string; AssigneeId: string }>(
      `SELECT PermissionSetId, AssigneeId FROM PermissionSetAssignment WHERE PermissionSetId IN (${ids})`,
    );
    const objects = await soql<{ ParentId: string; SobjectType: string }>(
      `SELECT ParentId, SobjectType FROM ObjectPermissions WHERE ParentId IN (${ids})`,
    );
    const fields = await soql<{ ParentId: string; Field: string }>(
      `SELECT ParentId, Field FROM FieldPermissions WHERE ParentId IN (${ids})`,
    );
    const duplicateWrites =
      duplicates(assignments.map((r) => `${r.PermissionSetId}:${r.AssigneeId}`)) +
      duplicates(objects.map((r) => `${r.ParentId}:${r.SobjectType}`)) +
      duplicates(fields.map((r) => `${r.ParentId}:${r.Field}`));
    expect(assignments).toHaveLength(2);
    expect(duplicateWrites).toBe(0);

    Object.assign(figures, {
      autoConfig: {
        stepsDoneBeforeKill: stepsBeforeKill,
        takeoverAfterKillMs: takeoverMs,
        finishedAfterKillMs: finishedMs,
        leaseMs: LEASE_MS,
        orgSize: ORG_SIZE,
        attempts: finished.attempts,
        salesforceCallsFromConnect: (await apiCalls()) - callsAtConnect,
        jobApiCallsRecorded: finished.apiCalls,
        objectPermissionRows: objects.length,
        fieldPermissionRows: fields.length,
        duplicateWrites,
        peakSlotsHeldAcrossReplicas: peakSlots,
        cap: CAP,
      },
    });
  } finally {
    sampling = false;
    await sampler;
  }
});

it('starts a replacement replica on the migrated database without applying anything', async () => {
  const replacement = await startReplica('replica-c');
  await listening(replacement);
  expect(migrationsApplied(replacement)).toEqual([]);
  (figures.migrationsApplied as Record<string, string[]>)[replacement.name] = [];
});

it('keeps an SSO session working on both replicas behind the front', async () => {
  const browser = new AuthBrowser(proxyUrl, proxyUrl);
  const landed = await browser.ssoLogin(acme.ssoAdmin);
  expect(landed.status).toBe(303);
  const from = served.length;
  const seen = [];
  for (let i = 0; i < 4; i += 1) seen.push(await browser.whoAmI());
  expect(seen.every((who) => who?.role === 'Admin')).toBe(true);
  const answeredBy = new Set(served.slice(from));
  expect(answeredBy.size).toBe(2);
  figures.ssoSessionPagesOn = [...answeredBy];
});

it('counts sign-in failures across replicas: the 11th from one client is refused whichever replica gets it', async () => {
  const browser = new AuthBrowser(proxyUrl, proxyUrl);
  const from = served.length;
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 11; attempt += 1) {
    statuses.push((await browser.passwordStep(`nobody${attempt}`, 'guess guess guess')).status);
  }
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
  expect(statuses[10]).toBe(429);
  figures.loginFailuresBeforeLimit = { limit: 10, refusedAt: 11, replicasAnswering: [...new Set(served.slice(from))] };
});
