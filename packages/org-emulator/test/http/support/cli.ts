/**
 * The emulator's command line (`npm run emulator -- ...`) as a child process for tests: its output so far, its exit
 * code, and the moment it prints the demo users (ready to serve). stopClis() ends every process started here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../../..');
const CLI = resolve(ROOT, 'packages/org-emulator/src/cli.ts');
const READY_TIMEOUT_MS = 60_000;

const started: ChildProcess[] = [];

/** A started command line. */
export interface RunningCli {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves to the exit code. */
  exited: Promise<number | null>;
  /** Resolves to the output once the demo users are printed; rejects if the process exits or 60 s pass first. */
  ready: Promise<string>;
}

/** Starts `tsx src/cli.ts` with args from the repository root. */
export function startCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  const ready = new Promise<string>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 60 s:\n${output}`)), READY_TIMEOUT_MS);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Demo users')) {
        clearTimeout(timer);
        resolveReady(output);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
  // A test that expects the process to refuse its options never waits for ready.
  ready.catch(() => undefined);
  return { child, output: () => output, exited, ready };
}

/** Ends every command line started by startCli (for afterAll). */
export function stopClis(): void {
  for (const child of started) child.kill('SIGTERM');
}
