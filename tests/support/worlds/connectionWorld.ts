/**
 * The world the connection tests run in: the org emulator (production and sandbox login hosts, one My Domain
 * listener per org) and the real service composed by `composeFeatures`, both on 127.0.0.1 port 0, with the demo
 * External Client App registered for the service's callback URL, a hand-moved service clock, captured logs and the
 * announced setup token. `GraxBrowser` drives it like a person: the service's pages with a cookie jar, and the
 * emulator's real login form.
 */
import type { CompositionOptions, Features } from '@service/composition/composeFeatures';
import type { RunningService } from '@service/main';
import { DEMO_ORGS, startEmulator, type ClientApp, type RunningEmulator } from '@grax-connect/org-emulator';
import type { GraxBrowser } from '@test-support/browser';
import { testSignInRouter } from '@test-support/browser';
import type { TestClock } from '@test-support/testClock';
import { startTestService } from '@test-support/testService';

export { GraxBrowser, textOf, type ConnectForm, type Fetched } from '@test-support/browser';

/** A running emulator + service pair. */
export interface ConnectionWorld {
  emulator: RunningEmulator;
  service: RunningService;
  features: Features;
  clock: TestClock;
  /** Everything the service logged, one JSON line per entry. */
  logText(): string;
  /** Everything printed through `announce` (the setup token). */
  announced: string[];
  /** The setup token printed at start (null when none was needed). */
  setupToken: string | null;
  /** A new browser with its own cookies. */
  browser(): GraxBrowser;
  /** An org's My Domain listener (its instance URL in the emulator). */
  myDomainOf(key: keyof typeof DEMO_ORGS): string;
  stop(): Promise<void>;
}

/** Options of a world. */
export interface WorldOptions {
  env?: NodeJS.ProcessEnv;
  composition?: CompositionOptions;
  /** Changes to the demo client app (e.g. refresh-token rotation, consent). */
  clientApp?: Partial<ClientApp>;
}

/** Starts the emulator and the service (with the test-only sign-in route). */
export async function startConnectionWorld(options: WorldOptions = {}): Promise<ConnectionWorld> {
  const emulator = await startEmulator({ port: 0, sandboxPort: 0 });
  const service = await startTestService({
    name: 'connection',
    emulator,
    clientApp: options.clientApp,
    composition: options.composition,
    routers: () => [testSignInRouter()],
    env: options.env,
  });
  const { features } = service;
  if (!features) throw new Error('the connection world needs the composed features');
  return {
    emulator,
    service,
    features,
    clock: service.clock,
    logText: service.logText,
    announced: service.announced,
    setupToken: service.setupToken,
    browser: service.browser,
    myDomainOf: (key) => {
      const org = emulator.orgs.find((o) => o.id === DEMO_ORGS[key].id);
      if (!org) throw new Error(`no emulator org ${key}`);
      return org.instanceUrl;
    },
    async stop() {
      await service.stop();
      await emulator.close();
    },
  };
}

/** The HTTP status of a REST call made with a raw access token (to prove a revoked token no longer works). */
export async function restStatusWith(instanceUrl: string, accessToken: string): Promise<number> {
  const response = await fetch(`${instanceUrl}/services/data/v62.0/query?q=SELECT+Id+FROM+Organization`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  await response.arrayBuffer();
  return response.status;
}

/** Waits until every permission job of the world has finished (the engine runs them in the background). */
export async function jobsSettled(world: ConnectionWorld, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const jobs = await world.service.store.jobs.list({ limit: 50 });
    if (jobs.every((job) => job.state === 'succeeded' || job.state === 'failed')) return;
    if (Date.now() > deadline)
      throw new Error(`jobs still running: ${jobs.map((j) => `${j.kind}:${j.state}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
