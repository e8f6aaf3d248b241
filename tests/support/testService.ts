/**
 * The one way tests start the service: the real composition root (`startService` + `composeFeatures`) on 127.0.0.1,
 * a temp SQLite store, a debug log the test can read and a hand-moved clock. Given an org emulator, the service signs
 * in through it (its login hosts and My Domains) with the demo External Client App registered for the service's own
 * callback URL. `composition: false` starts the bare app with only the test's routers (HTTP plumbing tests).
 * The feature worlds (connection, sign-in, org API) are scenario helpers on top of this.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { MountedRouter } from '@service/app';
import type { CompositionOptions, Features } from '@service/composition/composeFeatures';
import { composeFeatures } from '@service/composition/composeFeatures';
import type { CoreServices } from '@service/composition/core';
import type { Config } from '@service/config';
import { loadConfig, withDemoClientApp } from '@service/config';
import type { Logger } from '@service/logger';
import { createLogger } from '@service/logger';
import type { RunningService } from '@service/main';
import { startService } from '@service/main';
import { DEMO_CLIENT_APP, demoClientApps, type ClientApp, type RunningEmulator } from '@grax-connect/org-emulator';
import { GraxBrowser } from '@test-support/browser';
import { freePort } from '@test-support/ports';
import { TestClock } from '@test-support/testClock';

/** What a test asks of the service it starts. */
export interface TestServiceOptions {
  /** The org emulator the service signs in through; without one the service has no Salesforce app configured. */
  emulator?: RunningEmulator;
  /** Changes to the demo client app the emulator registers for the service (rotation, consent, ...). */
  clientApp?: Partial<ClientApp>;
  /** `false`: no features, only `routers`; otherwise the features `composeFeatures` builds, started. Default `{}`. */
  composition?: CompositionOptions | false;
  /** Routers mounted before the features (test-only routes). */
  routers?: (core: CoreServices) => MountedRouter[];
  /** Environment overrides on top of the test defaults. */
  env?: NodeJS.ProcessEnv;
  /** The service's clock (a new TestClock at the current time by default). */
  clock?: TestClock;
  /** Prefix of the temp data folder, to tell them apart. */
  name?: string;
  /** A data folder of the test's own (kept on stop), instead of a temp one. */
  dataDir?: string;
}

/** A service started for a test. */
export interface TestService extends RunningService {
  /** The address the service calls itself (its callback URL lives under it). */
  publicUrl: string;
  clock: TestClock;
  /** The composed features (null with `composition: false`). */
  features: Features | null;
  /** Everything printed through `announce` (the setup token banner). */
  announced: string[];
  /** The setup token printed at start (null when none was needed). */
  setupToken: string | null;
  /** Everything logged so far, one JSON line per entry. */
  logText(): string;
  /** A new browser with its own cookies. */
  browser(): GraxBrowser;
  /** Stops the features and the service, and removes a temp data folder (the emulator belongs to the caller). */
  stop(): Promise<void>;
}

/** A debug logger whose output the test reads as text, one JSON line per entry. */
export function capturedLogger(): { logger: Logger; text(): string } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), text: () => lines.join('') };
}

/** Configuration of a service on 127.0.0.1:`port` whose Salesforce is the emulator, with the demo client app. */
export function emulatorServiceConfig(
  emulator: RunningEmulator,
  options: { dataDir: string; port: number; env?: NodeJS.ProcessEnv },
): Config {
  const hosts = [emulator.productionLoginUrl, emulator.sandboxLoginUrl, ...emulator.orgs.map((o) => o.instanceUrl)];
  return withDemoClientApp(
    loadConfig({
      DATA_DIR: options.dataDir,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${options.port}`,
      LOG_LEVEL: 'debug',
      SF_PRODUCTION_LOGIN_URL: emulator.productionLoginUrl,
      SF_SANDBOX_LOGIN_URL: emulator.sandboxLoginUrl,
      SF_EXTRA_LOGIN_HOSTS: [...new Set(hosts)].join(','),
      ...options.env,
    }),
    { clientId: DEMO_CLIENT_APP.clientId, clientSecret: DEMO_CLIENT_APP.clientSecret },
  );
}

/** Starts the service as the options say. */
export async function startTestService(options: TestServiceOptions = {}): Promise<TestService> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), `grax-${options.name ?? 'test'}-`));
  const { emulator } = options;
  let config: Config;
  if (emulator) {
    const port = await freePort();
    const [demoApp] = demoClientApps();
    if (!demoApp) throw new Error('the emulator has no demo client app');
    emulator.control.registerClientApp({
      ...demoApp,
      callbackUrls: [`http://127.0.0.1:${port}/oauth/callback`],
      ...options.clientApp,
    });
    config = emulatorServiceConfig(emulator, { dataDir, port, env: options.env });
  } else {
    config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', ...options.env });
  }
  const log = capturedLogger();
  const clock = options.clock ?? new TestClock(Date.now());
  const announced: string[] = [];
  const composition = options.composition ?? {};
  let features: Features | null = null;
  const routers = (core: CoreServices): MountedRouter[] => {
    const own = options.routers?.(core) ?? [];
    if (composition === false) return own;
    features = composeFeatures(core, { announce: (text) => announced.push(text), ...composition });
    return [...own, ...features.routers];
  };
  const service = await startService({ config, clock, logger: log.logger, routers });
  // Assigned inside `routers`, which startService has called by now.
  const started = features as Features | null;
  if (composition !== false && !started) throw new Error('composeFeatures did not run');
  try {
    await started?.start();
  } catch (error) {
    await service.close();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const publicUrl = emulator ? config.publicUrl : service.url;
  return {
    ...service,
    publicUrl,
    clock,
    features: started,
    announced,
    setupToken: /setup token: (\S+)/.exec(announced.join('\n'))?.[1] ?? null,
    logText: log.text,
    browser: () => new GraxBrowser(service.url, publicUrl),
    async stop() {
      await started?.stop();
      await service.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
