/**
 * `npm start` as a newcomer runs it: `node --import tsx scripts/start.ts` (the script's command) in its own process group, with free loopback ports,
 * a fresh DATA_DIR and no SF_CLIENT_ID (demo mode). The addresses and the setup token are read from what it prints,
 * as a person reads them off the terminal; `stop()` sends SIGINT to the whole group, as Ctrl-C in a terminal does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@test-support/ports';
import { REPO_ROOT } from '@test-support/repoRoot';

const READY_LINE = 'Press Ctrl-C to stop.';
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

/** What the demo printed, parsed. */
export interface DemoAddresses {
  /** The GRAX Connect page to open, e.g. http://localhost:41234/web. */
  webUrl: string;
  /** The service's public origin, e.g. http://localhost:41234. */
  publicUrl: string;
  /** The emulator's production login host. */
  productionLoginUrl: string;
  /** The one-time setup token of the first connection. */
  setupToken: string;
}

/** How the demo ended after Ctrl-C. */
export interface DemoStop {
  /** Everything it printed (stdout and stderr). */
  output: string;
  /** What it wrote to stderr, less npm's warnings about the caller's npm configuration. */
  errors: string;
  /** The ports that still accepted connections afterwards. */
  portsStillOpen: number[];
}

/** A running `npm start`. */
export interface DemoProcess extends DemoAddresses {
  ports: { service: number; emulator: number; sandbox: number };
  dataDir: string;
  /** Everything printed so far. */
  output(): string;
  /** Ctrl-C: SIGINT to the process group; resolves once every process of the group has closed its output. */
  stop(): Promise<DemoStop>;
}

function parseAddresses(output: string): DemoAddresses {
  const web = /GRAX Connect:\s+(\S+\/web)\s/.exec(output)?.[1];
  const login = /Salesforce login:\s+(\S+) \(production\)/.exec(output)?.[1];
  const token = /Setup token \(first connection only, works once\): (\S+)/.exec(output)?.[1];
  if (!web || !login || !token) {
    throw new Error(`npm start did not print the GRAX Connect address, the login host and a setup token:\n${output}`);
  }
  return { webUrl: web, publicUrl: web.replace(/\/web$/, ''), productionLoginUrl: login, setupToken: token };
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function waitForOutputClosed(child: ChildProcess): Promise<void> {
  const streams = [child.stdout, child.stderr].filter((s) => s !== null);
  return Promise.all(streams.map((s) => new Promise<void>((resolve) => s.once('close', () => resolve())))).then(
    () => undefined,
  );
}

/** Signals the process group; a group that has already ended is fine. */
function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Starts `npx tsx scripts/start.ts` in demo mode and resolves once it printed that it is running. */
export async function startDemo(): Promise<DemoProcess> {
  const ports = { service: await freePort(), emulator: await freePort(), sandbox: await freePort() };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'grax-newcomer-data-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(ports.service),
    EMULATOR_PORT: String(ports.emulator),
    EMULATOR_SANDBOX_PORT: String(ports.sandbox),
    DATA_DIR: dataDir,
  };
  // Demo mode is what a newcomer gets: no External Client App, no key ring, no preset setup token.
  for (const name of ['SF_CLIENT_ID', 'SF_CLIENT_SECRET', 'GRAX_SECRET_KEYS', 'GRAX_SETUP_TOKEN', 'PUBLIC_URL']) {
    delete env[name];
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    errors += chunk.toString('utf8');
  });
  const closed = waitForOutputClosed(child);
  const group = child.pid;
  if (group === undefined) throw new Error('npm start could not be started');

  const ready = new Promise<void>((resolve, reject) => {
    const check = () => {
      if (output.includes(READY_LINE)) {
        child.stdout.off('data', check);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code, signal) =>
      reject(new Error(`npm start ended before it was ready (code ${code}, signal ${signal}):\n${output}`)),
    );
  });
  try {
    await within(ready, START_TIMEOUT_MS, 'npm start');
  } catch (error) {
    signalGroup(group, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  let stopping: Promise<DemoStop> | null = null;
  return {
    ...parseAddresses(output),
    ports,
    dataDir,
    output: () => output,
    stop() {
      stopping ??= (async () => {
        signalGroup(group, 'SIGINT');
        try {
          await within(closed, STOP_TIMEOUT_MS, 'Stopping npm start');
        } catch (error) {
          signalGroup(group, 'SIGKILL');
          throw error;
        }
        const open = await Promise.all(Object.values(ports).map(async (p) => ((await portAccepts(p)) ? p : null)));
        rmSync(dataDir, { recursive: true, force: true });
        const appErrors = errors
          .split('\n')
          .filter((line) => line.trim() !== '' && !line.startsWith('npm warn '))
          .join('\n');
        return { output, errors: appErrors, portsStillOpen: open.filter((p): p is number => p !== null) };
      })();
      return stopping;
    },
  };
}
