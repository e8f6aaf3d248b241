/**
 * The Salesforce org emulator's entry point: `startEmulator()` builds the world of orgs and starts the listeners (a
 * production login host, a sandbox login host, and one My Domain host per org), all on 127.0.0.1.
 */
import { createWorld, type OrgShapes } from './org/world';
import { DEMO_ORGS } from './org/demoCatalog';
import { demoClientApps } from './http/demoApps';
import type { Clock } from './org/types';
import { EmulatorState } from './http/emulatorState';
import type { HttpWorld } from './http/orgPort';
import type { ClientApp } from './http/oauth/clientApps';
import { EmulatorControl } from './http/control/control';
import { startListener, type Listener } from './http/listeners';
import { readPackageMetadata } from './org/packaging/packageMetadata';
import type { InstallReport } from './org/packaging/installPackage';

export type { ClientApp } from './http/oauth/clientApps';
export type { FaultSpec } from './http/control/faultPlan';
export type { StatsSnapshot } from './http/control/callStats';
export type { TokenResponse } from './http/oauth/token';
export type { InstallReport } from './org/packaging/installPackage';
export { entryFate, type DropReason } from './org/packaging/installRules';
export { readPackageMetadata, type PackageMetadata } from './org/packaging/packageMetadata';
export { convertPackage, convertSource, packagedDirectory } from './packaging/convertSource';
export { EmulatorControl, ControlError } from './http/control/control';
export { demoClientApps } from './http/demoApps';
export { ControlClient, ControlClientError, type ControlledOrg } from './controlClient';
export { canHaveObjectPermissions } from './org/access/objectPolicy';
export * from './org/demoCatalog';
export type { OrgShapes } from './org/world';
export type { OrgShape } from './org/permissions/dependencies';

/** Options of startEmulator. */
export interface EmulatorOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port of the production login host (0 = any free port, the default). */
  port?: number;
  /** Port of the sandbox login host (default 0). */
  sandboxPort?: number;
  /** Size of Acme Production's generated schema (default small). */
  orgSize?: 'small' | 'medium' | 'large' | 'xl';
  /** Seed of generated data (default 1). */
  seed?: number;
  /** Latency added to every Salesforce route, in milliseconds (default 0). */
  latencyMs?: number;
  /** Client apps besides the demo External Client App. */
  clientApps?: ClientApp[];
  /** Session timeout of access tokens (default 2 hours, Salesforce's default). */
  sessionTimeoutMs?: number;
  /** Newest API version served (default 66.0). */
  maxApiVersion?: number;
  /** Allow the OAuth username-password flow (off by default, as in orgs created since Summer '23). */
  usernamePasswordFlow?: boolean;
  /** Clock for every expiry (default: real time, movable with control.advanceClock). */
  clock?: Clock;
  /**
   * Org shapes by catalog key, e.g. `{ acmeProduction: { forecasts: true, dependencyRows: 'listed' } }` (default: Modify
   * All Data's requirements enforced but not listed in PermissionDependency, no Forecasts).
   */
  orgShapes?: OrgShapes;
  /**
   * A package version to install at start (part of the starting state: control.reset() installs it again):
   * `metadataDir` is the Metadata API folder `sf project convert source` writes (see convertSource), `orgIds` the
   * orgs (default Acme Production and Acme Sandbox).
   */
  installPackage?: { metadataDir: string; orgIds?: string[]; packageName?: string };
}

/** One org as the running emulator serves it. */
export interface EmulatorOrg {
  id: string;
  name: string;
  kind: string;
  instanceUrl: string;
  loginUrl: string;
}

/** A running emulator. */
export interface RunningEmulator {
  productionLoginUrl: string;
  sandboxLoginUrl: string;
  orgs: EmulatorOrg[];
  /** Base URL of the control API, e.g. http://127.0.0.1:3001/__emulator. */
  controlUrl: string;
  /** The control API as methods. */
  control: EmulatorControl;
  /** The org model. */
  world: ReturnType<typeof createWorld>;
  /** What the start-time package install did, one report per org (empty without `installPackage`). */
  packageInstalls: InstallReport[];
  /** Stops every listener. */
  close(): Promise<void>;
}

export const DEFAULT_SESSION_TIMEOUT_MS = 2 * 60 * 60 * 1000;
export const DEFAULT_MAX_API_VERSION = 66;

/** Builds the world and starts the listeners. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const world = createWorld({
    orgSize: options.orgSize ?? 'small',
    seed: options.seed ?? 1,
    clock: options.clock,
    orgShapes: options.orgShapes,
  });
  const httpWorld: HttpWorld = world;
  const packageInstalls: InstallReport[] = [];
  if (options.installPackage) {
    const { metadataDir, orgIds, packageName } = options.installPackage;
    const metadata = readPackageMetadata(metadataDir, packageName);
    const targets = orgIds ?? [DEMO_ORGS.acmeProduction.id, DEMO_ORGS.acmeSandbox.id];
    for (const id of targets) {
      const org = httpWorld.findOrgById(id);
      if (!org) throw new Error(`installPackage: no org ${id}. Orgs: ${httpWorld.orgs.map((o) => o.id).join(', ')}.`);
      packageInstalls.push(org.installPackage(metadata, { baseline: true }));
    }
  }
  const state = new EmulatorState(httpWorld, [...demoClientApps(), ...(options.clientApps ?? [])], {
    latencyMs: options.latencyMs ?? 0,
    sessionTimeoutMs: options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
    maxApiVersion: options.maxApiVersion ?? DEFAULT_MAX_API_VERSION,
    usernamePasswordFlow: options.usernamePasswordFlow ?? false,
  });
  const control = new EmulatorControl(state);
  const listeners: Listener[] = [];
  try {
    const loginPorts = [
      ['production', options.port],
      ['sandbox', options.sandboxPort],
    ] as const;
    for (const [loginHost, port] of loginPorts) {
      const listener = await startListener(state, control, { kind: 'login', loginHost }, host, port ?? 0);
      listeners.push(listener);
      state.urls[loginHost] = listener.url;
    }
    for (const org of httpWorld.orgs) {
      const role = { kind: 'instance' as const, orgId: org.id };
      const listener = await startListener(state, control, role, host, 0);
      listeners.push(listener);
      state.registerInstance(org, role, listener.url);
    }
  } catch (error) {
    await Promise.all(listeners.map((l) => l.close()));
    throw error;
  }
  return {
    productionLoginUrl: state.urls.production,
    sandboxLoginUrl: state.urls.sandbox,
    orgs: control.orgs(),
    controlUrl: `${state.urls.production}/__emulator`,
    control,
    world,
    packageInstalls,
    close: async () => {
      state.bulk.clear();
      await Promise.all(listeners.map((l) => l.close()));
    },
  };
}
