/**
 * What the integration worlds share when they run the real service: a debug log the test can read, the configuration
 * of a service that signs in through the org emulator (its login hosts and My Domains, the demo client app), and the
 * service composed by `composeFeatures` with its start hooks run and the announced setup token read back.
 */
import { Writable } from 'node:stream';
import type { MountedRouter } from '../../../service/src/app';
import type { CoreServices } from '../../../service/src/composition/core';
import type { CompositionOptions, Features } from '../../../service/src/composition/composeFeatures';
import { composeFeatures } from '../../../service/src/composition/composeFeatures';
import type { Config } from '../../../service/src/config';
import { loadConfig, withDemoClientApp } from '../../../service/src/config';
import type { Logger } from '../../../service/src/logger';
import { createLogger } from '../../../service/src/logger';
import type { RunningService } from '../../../service/src/main';
import { startService } from '../../../service/src/main';
import { DEMO_CLIENT_APP, type RunningEmulator } from '@grax-connect/org-emulator';
import type { TestClock } from '../store/testClock';

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

/** The composed service, started. */
export interface ComposedService {
  service: RunningService;
  features: Features;
  /** Everything printed through `announce`. */
  announced: string[];
  /** The setup token printed at start (null when none was needed). */
  setupToken: string | null;
}

/** Starts the service with every feature (after `extraRouters`) and runs the features' start hooks. */
export async function startComposedService(options: {
  config: Config;
  clock: TestClock;
  logger: Logger;
  composition?: CompositionOptions;
  extraRouters?: MountedRouter[];
}): Promise<ComposedService> {
  const announced: string[] = [];
  let features: Features | undefined;
  const routers = (core: CoreServices): MountedRouter[] => [
    ...(options.extraRouters ?? []),
    ...(features = composeFeatures(core, { announce: (text) => announced.push(text), ...options.composition })).routers,
  ];
  const service = await startService({ config: options.config, clock: options.clock, logger: options.logger, routers });
  if (!features) throw new Error('composeFeatures did not run');
  await features.start();
  const setupToken = /setup token: (\S+)/.exec(announced.join('\n'))?.[1] ?? null;
  return { service, features, announced, setupToken };
}
