/**
 * Test harness for the permission engine against the real org emulator over HTTP: starts the emulator, opens a
 * SQLite store in a temp dir, issues tokens for a seeded persona (refreshed through the emulator's real token
 * endpoint), and builds the engine with short polling so jobs finish quickly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SecretBox, generateKeyRingSpec, parseKeyRing } from '@service/crypto/secretBox';
import { openStore } from '@service/store/openStore';
import type { Store } from '@service/store/types';
import type { PermissionConnection } from '@service/permissions/connection';
import {
  createPermissionEngine,
  type PermissionEngine,
  type PermissionEngineOptions,
} from '@service/permissions/engine';
import {
  DEMO_CLIENT_APP,
  DEMO_ORGS,
  DEMO_USERS,
  startEmulator,
  type AcmePersona,
  type OrgShapes,
  type RunningEmulator,
} from '@grax-connect/org-emulator';

/** The demo org the tests configure. */
export const ACME = DEMO_ORGS.acmeProduction;

/** A running emulator, store and engine. */
export interface Harness {
  emulator: RunningEmulator;
  store: Store;
  engine: PermissionEngine;
  /** The SQLite file and key ring of the store (a second process can open the same store). */
  dbPath: string;
  keySpec: string;
  /** A connection as an Acme Production persona, or as any username of another org. */
  connect(persona: AcmePersona | { username: string; orgId: string }): PermissionConnection;
  close(): Promise<void>;
}

const silent = { debug: () => undefined, warn: () => undefined, error: () => undefined, info: () => undefined };

/** The username of a seeded Acme Production persona. */
export function acmeUsername(persona: AcmePersona): string {
  return DEMO_USERS.acmeProduction[persona].username;
}

/** Issues tokens for a seeded user; refresh goes through the emulator's real token endpoint. */
export function connectionFor(
  emulator: RunningEmulator,
  username: string,
  orgId: string = ACME.id,
): PermissionConnection {
  const org = emulator.orgs.find((o) => o.id === orgId);
  if (!org) throw new Error(`org ${orgId} is not running`);
  const issued = emulator.control.issueToken({ username, clientId: DEMO_CLIENT_APP.clientId });
  let accessToken = issued.access_token;
  const refreshToken = issued.refresh_token;
  return {
    orgId: org.id,
    instanceUrl: org.instanceUrl,
    userId: issued.id.split('/').pop() ?? '',
    username,
    apiVersion: '62.0',
    tokens: {
      accessToken: async () => accessToken,
      refresh: async () => {
        const response = await fetch(`${emulator.productionLoginUrl}/services/oauth2/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: refreshToken ?? '',
            client_id: DEMO_CLIENT_APP.clientId,
            client_secret: DEMO_CLIENT_APP.clientSecret,
          }),
        });
        const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
        if (!body.access_token) throw new Error(`${body.error ?? response.status}: ${body.error_description ?? ''}`);
        accessToken = body.access_token;
        return accessToken;
      },
    },
  };
}

/** Starts everything; `overrides` replace engine options. */
export async function startHarness(
  options: {
    orgSize?: 'small' | 'medium' | 'large';
    latencyMs?: number;
    /** Let tests sign in with the OAuth username-password flow (recorded in LoginHistory like any login). */
    usernamePasswordFlow?: boolean;
    /** Org shapes (PermissionDependency rows listed or not, Forecasts) by demo org key. */
    orgShapes?: OrgShapes;
    engine?: Partial<PermissionEngineOptions>;
  } = {},
): Promise<Harness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grax-perm-'));
  const emulator = await startEmulator({
    orgSize: options.orgSize ?? 'small',
    latencyMs: options.latencyMs ?? 0,
    usernamePasswordFlow: options.usernamePasswordFlow ?? false,
    orgShapes: options.orgShapes,
  });
  const dbPath = path.join(dir, 'grax.db');
  const keySpec = generateKeyRingSpec('test');
  const store = await openStore({
    database: { kind: 'sqlite', path: dbPath },
    secretBox: new SecretBox(parseKeyRing(keySpec)),
  });
  const connections = new Map<string, PermissionConnection>();
  const engine = createPermissionEngine({
    store,
    logger: silent,
    maxConcurrent: 8,
    scanIntervalMs: 6 * 3600_000,
    publicUrl: 'http://127.0.0.1:3000',
    connections: async (orgId) => connections.get(orgId) ?? null,
    scheduledOrgs: async () => [...connections.keys()],
    orgName: async () => ACME.name,
    verify: { ownApplications: [DEMO_CLIENT_APP.name] },
    bulkPoll: { initialMs: 20, maxMs: 200, timeoutMs: 120_000 },
    leaseMs: 30_000,
    pollMs: 50,
    ...options.engine,
  });
  return {
    emulator,
    store,
    engine,
    dbPath,
    keySpec,
    connect: (persona) => {
      const connection =
        typeof persona === 'string'
          ? connectionFor(emulator, acmeUsername(persona))
          : connectionFor(emulator, persona.username, persona.orgId);
      connections.set(connection.orgId, connection);
      return connection;
    },
    close: async () => {
      await engine.stop();
      await store.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The system actor tests trigger jobs as. */
export const TEST_ACTOR = { kind: 'local' as const, id: 'u_test', name: 'Test Admin' };

/** Runs queued jobs and returns the finished job. */
export async function runJob(
  h: Harness,
  jobId: string,
): Promise<NonNullable<Awaited<ReturnType<Store['jobs']['get']>>>> {
  await h.engine.drain();
  const job = await h.store.jobs.get(jobId);
  if (!job) throw new Error(`job ${jobId} vanished`);
  return job;
}
