/** Runs a service entry point (`main.ts`, `scripts/start.ts`) as a child process, as `npm start` does, for start-up tests. */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '@test-support/repoRoot';

const repoRoot = REPO_ROOT;

/** A running child: its exit status once it exits, and everything it printed so far. */
export interface ServiceProcess {
  child: ChildProcessWithoutNullStreams;
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
}

/**
 * Starts `script` (relative to the repository, or absolute) from TypeScript source with a minimal environment: PATH,
 * DATA_DIR, HOST 127.0.0.1, `env`.
 */
export function runServiceProcess(script: string, dataDir: string, env: NodeJS.ProcessEnv): ServiceProcess {
  return runProcess(process.execPath, ['--import', 'tsx', path.resolve(repoRoot, script)], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, HOST: '127.0.0.1', ...env },
  });
}

/** Starts any command with exactly `env`, keeping what it prints. */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): ServiceProcess {
  const child = spawn(command, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/**
 * Resolves with what `find` returns once it finds it in the child's stdout (checked every 50 ms); rejects with the
 * child's stderr when it exits first.
 */
export function waitForStdout<T>(run: ServiceProcess, find: (stdout: string) => T | null): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setInterval(() => {
      const found = find(run.stdout());
      if (found !== null) {
        clearInterval(timer);
        resolve(found);
      }
    }, 50);
    void run.exited.then(() => {
      clearInterval(timer);
      reject(new Error(`the process exited early: ${run.stderr()}`));
    });
  });
}
