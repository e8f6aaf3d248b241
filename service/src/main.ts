/**
 * Process entry: configuration -> store (with migrations) -> app -> listen, and a graceful shutdown on SIGTERM and
 * SIGINT (stop accepting connections, let requests in flight finish within SHUTDOWN_TIMEOUT_MS, close the store).
 * Invalid configuration prints one line per problem and exits with status 1.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MountedRouter } from './app';
import type { CoreServices } from './composition/core';
import { createApp } from './app';
import type { Clock } from './clock';
import { systemClock } from './clock';
import type { CompositionOptions, Features } from './composition/composeFeatures';
import { composeFeatures } from './composition/composeFeatures';
import type { Config } from './config';
import { ConfigError, loadConfig } from './config';
import { SecretBox } from './crypto/secretBox';
import type { Logger } from './logger';
import { createLogger } from './logger';
import { openStore } from './store/openStore';

export interface StartOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  /** Builds the feature routers from the core services. */
  routers?: (core: CoreServices) => MountedRouter[];
}

/** A running service. */
export interface RunningService extends CoreServices {
  /** Where the service listens, e.g. http://127.0.0.1:3000. */
  url: string;
  port: number;
  /** Stops accepting connections, waits for requests in flight (up to the timeout), closes the store. Idempotent. */
  close(): Promise<void>;
}

/** Opens the store, builds the app and listens on config.host:config.port (port 0 picks a free port). */
export async function startService(options: StartOptions): Promise<RunningService> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  for (const warning of config.warnings) logger.warn(warning);

  const secretBox = new SecretBox(config.secretKeys);
  const store = await openStore({
    database: config.database,
    secretBox,
    clock,
    onMigrated: (applied) =>
      logger.info(
        { migrationsApplied: applied },
        applied.length > 0 ? 'database migrations applied' : 'database schema already up to date',
      ),
  });
  const core: CoreServices = { config, store, logger, secretBox, clock };
  const app = createApp({ ...core, routers: options.routers?.(core) ?? [] });
  const server = createServer(app);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  logger.info(
    { host: config.host, port, publicUrl: config.publicUrl, demoMode: config.demoMode, store: store.kind },
    'GRAX Connect is listening',
  );

  // Requests in flight, so shutdown can close the connections that carry none (a browser's keep-alive and spare
  // preconnected sockets) at once instead of waiting the whole timeout for them.
  let inFlight = 0;
  let closing: Promise<void> | null = null;
  server.on('request', (_req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (closing && inFlight === 0) server.closeAllConnections();
    });
  });

  async function shutdown(): Promise<void> {
    logger.info('shutting down: no new connections, finishing requests in flight');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    if (inFlight === 0) server.closeAllConnections();
    else server.closeIdleConnections();
    const timer = setTimeout(() => {
      logger.warn(
        { timeoutMs: config.shutdownTimeoutMs },
        'requests still running at the shutdown timeout; closing them',
      );
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
    await store.close();
    logger.info('stopped');
  }

  return {
    ...core,
    url: `http://${host}:${port}`,
    port,
    close: () => (closing ??= shutdown()),
  };
}

/** Options of startGrax: the start options without routers, plus composition options. */
export interface GraxStartOptions extends Omit<StartOptions, 'routers'> {
  composition?: CompositionOptions;
}

/** The service with every feature of `composition.ts`. */
export interface RunningGrax extends RunningService {
  features: Features;
}

/**
 * Starts the whole product: the service with every feature router from `composeFeatures`, then the features'
 * background work. `close()` stops the background work before the service closes its store.
 */
export async function startGrax(options: GraxStartOptions): Promise<RunningGrax> {
  let features: Features | undefined;
  const service = await startService({
    ...options,
    routers: (core) => (features = composeFeatures(core, options.composition)).routers,
  });
  if (!features) throw new Error('composeFeatures did not run');
  const composed: Features = features;
  try {
    await composed.start();
  } catch (error) {
    await service.close();
    throw error;
  }
  let closing: Promise<void> | null = null;
  return {
    ...service,
    features: composed,
    close: () =>
      (closing ??= (async () => {
        try {
          await composed.stop();
        } finally {
          await service.close();
        }
      })()),
  };
}

/** Prints why the configuration was refused, one line per problem, and sets the process's exit status to 1. */
export function reportInvalidConfig(error: ConfigError): void {
  console.error('GRAX Connect did not start because of invalid configuration:');
  for (const problem of error.problems) console.error(problem);
  process.exitCode = 1;
}

/** Prints why the start failed (one line, no stack) and sets the process's exit status to 1. */
export function reportStartFailure(error: unknown): void {
  console.error(`GRAX Connect failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}

/** Runs the service for the process: exits 1 on invalid configuration, shuts down gracefully on signals. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    reportInvalidConfig(error);
    return;
  }
  const service = await startGrax({ config });
  const stop = (signal: NodeJS.Signals) => {
    service.logger.info({ signal }, 'signal received');
    const exit = (code: number) => service.logger.flush(() => process.exit(code));
    service.close().then(
      () => exit(0),
      (error: unknown) => {
        service.logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch(reportStartFailure);
}
