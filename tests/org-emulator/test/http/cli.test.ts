/**
 * The command line (`npm run emulator -- ...`): `--latency-ms` slows every Salesforce route from the first call, and
 * a bad option stops the process with a message saying what to change instead of starting with a guess.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const CLI = resolve(ROOT, 'tests/org-emulator/src/cli.ts');

const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
});

function startCli(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return { child, output: () => output, exited };
}

async function readyOutput(cli: ReturnType<typeof startCli>): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (!cli.output().includes('Demo users')) {
    if (cli.child.exitCode !== null) throw new Error(`exited with ${cli.child.exitCode}:\n${cli.output()}`);
    if (Date.now() > deadline) throw new Error(`not ready after 60 s:\n${cli.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return cli.output();
}

describe('the emulator command line', () => {
  it('adds --latency-ms to every Salesforce call', async () => {
    const cli = startCli(['--latency-ms', '400', '--port', '0', '--sandbox-port', '0']);
    const loginUrl = /Production login host: (\S+)/.exec(await readyOutput(cli))?.[1] as string;
    const started = Date.now();
    const res = await fetch(`${loginUrl}/services/data`);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    cli.child.kill('SIGTERM');
    await cli.exited;
  });

  it('refuses an unknown org size with exit code 2 and the usage', async () => {
    const cli = startCli(['--org-size', 'huge', '--port', '0', '--sandbox-port', '0']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toContain("--org-size must be small, medium or large, not 'huge'.");
    expect(cli.output()).toContain('Usage: npm run emulator --');
  });

  it('refuses a latency that is not a whole number', async () => {
    const cli = startCli(['--latency-ms', 'slow']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toContain("--latency-ms must be a whole number of 0 or more, not 'slow'.");
  });
});
